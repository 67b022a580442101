import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import * as sdk from '@cargotrace/client-sdk';
import { EpcisSchemaValidator, validateForLedger as validateEvent } from '@cargotrace/client-sdk';
import * as epcis from '@cargotrace/model/epcis';

/** GS1's official example documents, vendored with GS1's licence notice (see its README). */
const EXAMPLES = path.resolve(__dirname, '../../../test/fixtures/epcis');
/** The same GS1 schemas as source files, to exercise the `--epcis-schema <dir>` override. */
const SCHEMA_DIR = path.resolve(__dirname, '../../../model/src/epcis/schema');

// The mapping itself is the model's: test/model/epcis.test.ts runs every GS1 example through it.
describe('client-sdk GS1 EPCIS 2.0 import/export', () => {
  it('validates custody events with the chaincode rules (the model validator, always present)', () => {
    const ev = {
      id: 'v1',
      kind: 'ARRIVED',
      goods: [{ type: 'container', id: 'CSQU3054383' }],
      eventTime: '2026-11-20T08:30:00+08:00',
      district: '2305',
    };
    expect(validateEvent(ev)).to.deep.equal([]);
    // A check digit is a semantic rule of the chaincode, beyond the JSON Schema.
    const issues = validateEvent({ ...ev, goods: [{ type: 'container', id: 'CSQU3054384' }] });
    expect(issues.map((i) => i.path)).to.deep.equal(['/goods/0/id']);
    expect(issues[0].message).to.match(/check digit is 4, ISO 6346 gives 3/);
  });

  it("re-exports the model's EPCIS mapping and loads the vendored schema", () => {
    for (const name of [
      'toEpcisDocument',
      'custodyToEpcisEvent',
      'epcisDocumentToCustody',
      'epcisEventToCustody',
      'epcisEventList',
      'cbvEventHash',
      'preHashString',
    ] as const) {
      expect(sdk[name], name).to.equal(epcis[name]);
    }
    const vendored = EpcisSchemaValidator.load();
    expect(vendored).to.be.instanceOf(epcis.EpcisSchemaValidator);
    expect(vendored.source).to.equal('@cargotrace/model');
    expect(vendored.validate({ type: 'EPCISDocument' }), 'a document without its members is refused').to.not.deep.equal([]);
  });

  it('validates against the schemas of an explicit directory (--epcis-schema <dir>)', () => {
    const fromDir = EpcisSchemaValidator.load(SCHEMA_DIR);
    expect(fromDir.source).to.equal(SCHEMA_DIR);
    const doc = JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'Example_9.6.1-ObjectEvent.jsonld'), 'utf8')) as Record<string, unknown>;
    expect(fromDir.validate(doc)).to.deep.equal([]);
    expect(fromDir.validate({ ...doc, epcisBody: 'none' })).to.not.deep.equal([]);
    expect(() => EpcisSchemaValidator.load(EXAMPLES)).to.throw(/EPCIS-JSON-Schema\.json does not exist/);
  });
});
