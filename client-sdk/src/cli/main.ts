#!/usr/bin/env node
import { Command } from 'commander';
import { addExportEpcisCommand } from './commands/export-epcis';
import { addGateCheckCommand } from './commands/gate-check';
import { addImportCommand } from './commands/import';
import { addOutboxCommands } from './commands/outbox';
import { addTraceCommand } from './commands/trace';
import { addVerifyCommand } from './commands/verify';

/**
 * The `cargotrace` command line: one module per command under `commands/`. Subcommands are added
 * with `program.command()` so that they inherit the program's settings (help after an error).
 *
 * @example
 * await buildProgram().parseAsync(['node', 'cargotrace', 'trace', 'CSQU3054383', '--gateway', 'http://localhost:4000']);
 */
export function buildProgram(): Command {
  const program = new Command('cargotrace')
    .description('CargoTrace client: import WMS CSV / JSON lines / GS1 EPCIS 2.0, trace goods, gate checks, durable outbox')
    .option('-g, --gateway <url>', 'gateway URL (env CARGOTRACE_GATEWAY)')
    .option('-k, --api-key <key>', 'API key (env CARGOTRACE_API_KEY)')
    .option('--outbox <dir>', 'outbox directory (env CARGOTRACE_OUTBOX; default ./.cargotrace/outbox)')
    .showHelpAfterError();
  addImportCommand(program);
  addTraceCommand(program);
  addGateCheckCommand(program);
  addVerifyCommand(program);
  addExportEpcisCommand(program);
  addOutboxCommands(program);
  return program;
}

if (require.main === module) {
  buildProgram()
    .parseAsync(process.argv)
    .catch((err: unknown) => {
      process.stderr.write(`cargotrace: ${(err as Error).message}\n`);
      process.exitCode = 1;
    });
}
