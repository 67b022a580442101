import * as fs from 'fs';
import type { Command } from 'commander';
import type { CustodyEvent } from '@cargotrace/model';
import { toEpcisDocument } from '@cargotrace/model/epcis';

/** `cargotrace export-epcis <file>`: custody events (JSON lines) → an EPCIS 2.0 document. */
export function addExportEpcisCommand(program: Command): void {
  program
    .command('export-epcis')
    .description('convert custody events (JSON lines) into an EPCIS 2.0 document')
    .argument('<file>', 'file.jsonl of custody events or stored records')
    .option('-o, --out <file>', 'output file (default stdout)')
    .action((file: string, o: { out?: string }) => {
      const events = fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as CustodyEvent);
      const text = JSON.stringify(toEpcisDocument(events), null, 2) + '\n';
      if (o.out) fs.writeFileSync(o.out, text);
      else process.stdout.write(text);
    });
}
