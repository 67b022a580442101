import express from 'express';
import { readFileSync } from 'node:fs';

/** Baseline for the trace benchmark: a bare express endpoint that answers every POST /graphql
 * with the same JSON the gateway gave for the trace — HTTP and JSON cost without any ledger or
 * GraphQL work. Run as a child process; prints its port. */
const body = readFileSync(process.argv[2], 'utf8');
const app = express();
app.use(express.json({ limit: '1mb' }));
app.post('/graphql', (_req, res) => {
  res.type('application/json').send(body);
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : ''}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
