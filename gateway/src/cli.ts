#!/usr/bin/env node
import './chaincode-logging';
import { Argument, Command } from 'commander';
import { runKeysCommand, type KeysAction } from './admin/keys-command';
import { runLedgerCommand, type LedgerAction } from './admin/ledger-command';
import { corsOriginsOf, startGateway } from './server';

const program = new Command()
  .name('cargotrace-gateway')
  .enablePositionalOptions()
  .description('CargoTrace GraphQL gateway on the embedded ledger')
  .option('-p, --port <port>', 'HTTP port (env PORT)', process.env.PORT ?? '4000')
  .option('--host <host>', 'address to listen on', '127.0.0.1')
  .option(
    '-d, --data-dir <dir>',
    'data directory: embedded ledger, gate-decision log (env CARGOTRACE_DATA_DIR)',
    process.env.CARGOTRACE_DATA_DIR ?? '.data',
  )
  .option('-c, --config <file>', 'network configuration file (default: network/config/network.json)')
  .option('--no-demo', 'do not seed demo data into an empty ledger, and accept only issued API keys (see the keys command)')
  .option(
    '--config-keys',
    "accept the configuration's API keys (users[].apiKey) outside demo mode too: for test rigs and benchmarks, never with public keys",
  )
  .option('--cors-origin <origins>', 'browser origins allowed to call the gateway, comma-separated (env CARGOTRACE_CORS_ORIGINS)')
  .option('--rate-limit <perSecond>', 'requests per second per API key, 0 for no limit', '200')
  .option(
    '--no-trace-cache',
    'read the ledger on every request instead of sharing goods reads and answers between requests until a channel gets a new block (implies --no-answer-cache)',
  )
  .option(
    '--no-query-store',
    'evaluate chaincode for every read instead of answering from the block-fed query store in <data-dir>/query-store',
  )
  .option(
    '--no-answer-cache',
    "compute every GraphQL answer instead of serving a user's identical query again until a channel gets a new block",
  )
  .action(() => main().catch(fail));

program
  .command('ledger')
  .description(
    "check, rebuild or migrate the embedded ledger's channel stores (stop the gateway first): check opens each as the gateway does (a damaged or lagging index is rebuilt or caught up from the blocks) and verifies blocks and state; rebuild rebuilds the index from the blocks; migrate moves a store of the earlier layout to the current one",
  )
  .addArgument(new Argument('<action>', 'what to do').choices(['check', 'rebuild', 'migrate']))
  .argument('[channels...]', 'channels (default: all in the configuration)')
  .option('-d, --data-dir <dir>', 'data directory (env CARGOTRACE_DATA_DIR)', process.env.CARGOTRACE_DATA_DIR ?? '.data')
  .option('-c, --config <file>', 'network configuration file (default: network/config/network.json)')
  .action(async (action: LedgerAction, channels: string[], o: { dataDir: string; config?: string }) => {
    try {
      const ok = await runLedgerCommand(action, channels, { dataDir: o.dataDir, ...(o.config ? { configPath: o.config } : {}) });
      process.exitCode = ok ? 0 : 2;
    } catch (err) {
      fail(err);
    }
  });

/** What the gateway prints when it is up: addresses, and the API keys only for the demo. */
function startBanner(gw: Awaited<ReturnType<typeof startGateway>>): string {
  const lines = [
    `CargoTrace gateway on the ${gw.backend.kind} ledger (${opts.dataDir})${gw.seeded ? ', demo data seeded' : ''}${gw.traceCache ? (gw.answerCache ? '' : ', answer cache off') : ', trace and answer caches off'}${gw.queryStore ? ', reads from the query store' : ''}`,
    `  GraphiQL   ${gw.graphqlUrl}`,
    `  REST       POST ${gw.url}/api/v1/events`,
    `  web page   ${gw.url}/app/`,
    `  health     ${gw.url}/healthz    metrics ${gw.url}/metrics`,
    '',
    // Keys are printed only for the demo, whose keys are public anyway; a real deployment's keys
    // stay in its configuration.
    ...(opts.demo
      ? [
          '  demo API keys (Authorization: Bearer <key>):',
          ...gw.apiKeys.map(
            ({ apiKey, viewer }) =>
              `    ${viewer.orgKind.padEnd(15)} ${viewer.role.padEnd(10)} ${viewer.district.padEnd(5)} ${viewer.userId.padEnd(28)} ${apiKey}`,
          ),
        ]
      : ['  API keys: issue one per user with `cargotrace-gateway keys issue <user>` (the demo keys work only in demo mode)']),
  ];
  return lines.join('\n');
}

program
  .command('keys')
  .description(
    "issue, rotate, revoke or list API keys (kept hashed in <data-dir>/api-keys.json; a running gateway sees changes within a second): issue <user> prints a new key once; rotate <user> revokes the user's keys and issues one; revoke <key id|user>; list shows ids, users and dates, never a key",
  )
  .addArgument(new Argument('<action>', 'what to do').choices(['issue', 'rotate', 'revoke', 'list']))
  .argument('[subject]', 'user id (issue, rotate, revoke) or key id (revoke)')
  .option('-d, --data-dir <dir>', 'data directory (env CARGOTRACE_DATA_DIR)', process.env.CARGOTRACE_DATA_DIR ?? '.data')
  .option('-c, --config <file>', 'network configuration file (default: network/config/network.json)')
  .action((action: KeysAction, subject: string | undefined, o: { dataDir: string; config?: string }) => {
    try {
      runKeysCommand(action, subject, { dataDir: o.dataDir, ...(o.config ? { configPath: o.config } : {}) });
    } catch (err) {
      fail(err);
    }
  });

function fail(err: unknown): void {
  console.error(`cargotrace-gateway: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}

const opts = program.opts<{
  port: string;
  host: string;
  dataDir: string;
  config?: string;
  demo: boolean;
  rateLimit: string;
  corsOrigin?: string;
  configKeys?: boolean;
  traceCache: boolean;
  answerCache: boolean;
  queryStore: boolean;
}>();

async function main(): Promise<void> {
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: not a port number: ${opts.port}`);
  const rate = Number(opts.rateLimit);
  if (!Number.isFinite(rate) || rate < 0) throw new Error(`--rate-limit: not a non-negative number: ${opts.rateLimit}`);
  const gw = await startGateway({
    port,
    host: opts.host,
    dataDir: opts.dataDir,
    ...(opts.config ? { configPath: opts.config } : {}),
    demo: opts.demo,
    // The configuration's keys are the demo's public keys: only in demo mode.
    configKeys: opts.demo || opts.configKeys === true,
    traceCache: opts.traceCache,
    answerCache: opts.answerCache,
    queryStore: opts.queryStore,
    ...(opts.corsOrigin !== undefined ? { corsOrigins: corsOriginsOf(opts.corsOrigin) } : {}),
    limits: { ratePerSecond: rate, rateBurst: Math.max(1, rate * 2) },
  });
  console.log(startBanner(gw));
  const stop = async (signal: string) => {
    console.log(`\n${signal}: closing`);
    await gw.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

program.parse();
