/**
 * Runnable example: GS1 EPCIS 2.0 document → custody events → EPCIS 2.0 document, both validated
 * against GS1's official JSON Schema (vendored in @cargotrace/model).
 *
 *   node client-sdk/dist/examples/epcis-roundtrip.js test/fixtures/epcis/Example_9.6.1-ObjectEvent.jsonld 2305
 */
import * as fs from 'fs';
import { EpcisSchemaValidator, epcisDocumentToCustody, toEpcisDocument } from '../index';

const [file, district = '2305'] = process.argv.slice(2);
if (!file) {
  console.error('usage: epcis-roundtrip <document.jsonld> [district]');
  process.exit(2);
}
const validator = EpcisSchemaValidator.load();
const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
console.log('source valid:', validator.validate(doc).length === 0);
const events = epcisDocumentToCustody(doc, { district });
for (const e of events) console.log(e.id, e.kind, e.eventTime, e.goods.map((g) => `${g.type}:${g.id}`).join(' '));
const out = toEpcisDocument(events);
console.log('export valid:', validator.validate(out).length === 0);
console.log(JSON.stringify(out, null, 2));
