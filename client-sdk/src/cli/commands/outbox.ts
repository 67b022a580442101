import type { Command } from 'commander';
import { Outbox } from '../../outbox';
import { client, globals } from '../cli-context';

/** `cargotrace outbox status|flush`: inspect or flush the local durable outbox. */
export function addOutboxCommands(program: Command): void {
  const outbox = program.command('outbox').description('inspect or flush the local durable outbox');
  addStatusCommand(outbox);
  addFlushCommand(outbox);
}

function addStatusCommand(outbox: Command): void {
  outbox
    .command('status')
    .description('queued and rejected events in the outbox')
    .option('--json', 'print as JSON')
    .option('--rejected', 'list rejected (dead-letter) events with reasons')
    .action(async (o: { json?: boolean; rejected?: boolean }, cmd: Command) => {
      const ob = await Outbox.open(globals(cmd).outbox);
      try {
        const st = await ob.status();
        const dead = o.rejected ? await ob.deadLetters(1000) : [];
        if (o.json) process.stdout.write(JSON.stringify({ ...st, ...(o.rejected ? { deadLetters: dead } : {}) }, null, 2) + '\n');
        else {
          process.stdout.write(
            `outbox ${ob.dir}\n  queued   ${st.queued}${st.oldest ? ` (oldest ${st.oldest.id}, queued ${st.oldest.enqueuedAt})` : ''}\n  rejected ${st.rejected}\n`,
          );
          for (const d of dead)
            process.stdout.write(
              `    ${d.entry.event.id}${d.entry.source?.line ? ` (line ${d.entry.source.line})` : ''}: ${d.result.code ?? ''} ${d.result.path ?? ''} ${d.result.message ?? ''}\n`,
            );
        }
      } finally {
        await ob.close();
      }
    });
}

function addFlushCommand(outbox: Command): void {
  outbox
    .command('flush')
    .description('send queued events to the gateway, in order; acknowledged events are removed')
    .option('--batch-size <n>', 'events per request', (v) => Number(v), 500)
    .option('--json', 'print the report as JSON')
    .action(async (o: { batchSize: number; json?: boolean }, cmd: Command) => {
      const g = globals(cmd);
      const ob = await Outbox.open(g.outbox);
      try {
        const r = await ob.flush(client(g), { batchSize: o.batchSize });
        if (o.json) process.stdout.write(JSON.stringify(r, null, 2) + '\n');
        else
          process.stdout.write(
            `sent ${r.sent}: accepted ${r.accepted}, duplicate ${r.duplicate}, rejected ${r.rejected}; ${r.remaining} remaining${r.stoppedBy ? ` (stopped: ${r.stoppedBy})` : ''}\n`,
          );
        process.exitCode = r.remaining ? 3 : 0;
      } finally {
        await ob.close();
      }
    });
}
