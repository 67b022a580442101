import { Option, type Command } from 'commander';
import type { TraceOptions } from '../../client';
import { client, globals } from '../cli-context';
import { timeline } from '../timeline';

/** `cargotrace trace <goods-id>`: the end-to-end trace as a timeline (or JSON). */
export function addTraceCommand(program: Command): void {
  program
    .command('trace')
    .description('end-to-end trace of goods across districts: a timeline by district and custodian')
    .argument('<goods-id>', 'container number, consignment, lot, part number, EPC …')
    .option('-t, --type <type>', 'goods type (container, consignment, declaration, lot, part, epc, digital-link)')
    .addOption(new Option('--direction <dir>', 'follow related goods').choices(['UPSTREAM', 'DOWNSTREAM', 'BOTH']))
    .option('--max-depth <n>', 'how far to follow related goods', (v) => Number(v))
    .option('--json', 'print the raw trace as JSON')
    .action(async (goodsId: string, o: { type?: string; direction?: string; maxDepth?: number; json?: boolean }, cmd: Command) => {
      const tr = await client(globals(cmd)).trace(goodsId, {
        type: o.type,
        direction: o.direction as TraceOptions['direction'],
        maxDepth: o.maxDepth,
      });
      if (!tr) {
        process.stderr.write(`no trace for ${goodsId}\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write((o.json ? JSON.stringify(tr, null, 2) : timeline(tr)) + '\n');
    });
}
