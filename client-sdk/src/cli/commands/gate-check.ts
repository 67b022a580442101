import { Option, type Command } from 'commander';
import { client, globals } from '../cli-context';

/** `cargotrace gate-check <container>`: the gate's ALLOW/DENY as exit code 0/2. */
export function addGateCheckCommand(program: Command): void {
  program
    .command('gate-check')
    .description('automatic gate release: may this container pass the gate? exit code 0 = ALLOW, 2 = DENY')
    .argument('<container>', 'container number')
    .requiredOption('--gate <id>', 'gate site id (e.g. CNSZP-BZ-GATE1)')
    .addOption(new Option('--direction <dir>', 'gate direction').choices(['IN', 'OUT', 'in', 'out']).default('OUT'))
    .option('--seal <seal...>', 'seal numbers read at the gate')
    .option('-w, --weight <kg>', 'weighbridge gross weight in kg', (v) => Number(v))
    .option('--json', 'print the answer as JSON')
    .action(
      async (container: string, o: { gate: string; direction: string; seal?: string[]; weight?: number; json?: boolean }, cmd: Command) => {
        const r = await client(globals(cmd)).gateCheck({
          containerNo: container,
          gateId: o.gate,
          direction: o.direction.toUpperCase() as 'IN' | 'OUT',
          seals: o.seal,
          grossWeightKg: o.weight,
        });
        if (o.json) process.stdout.write(JSON.stringify(r, null, 2) + '\n');
        else {
          process.stdout.write(`${r.containerNo} at ${r.gateId} (${r.district}, ${r.direction}): ${r.decision}\n`);
          for (const reason of r.reasons) process.stdout.write(`  ${reason.ok ? 'ok ' : 'NO '} ${reason.code}: ${reason.message}\n`);
        }
        process.exitCode = r.decision === 'ALLOW' ? 0 : 2;
      },
    );
}
