import { expect } from 'chai';
import { Validator, type Schema, type ValidationError } from 'jsonschema';
import { custodyEventSchema, mutualRecognitionSchema, prepareSchema, registrySchema } from '@cargotrace/model';
import { demoConfig, event } from '../chaincode/fixtures';

/** The first item of `value` when it is an array that starts with an object. */
function firstObject(value: unknown): object | undefined {
  const first: unknown = Array.isArray(value) ? (value as unknown[])[0] : undefined;
  return typeof first === 'object' && first !== null ? first : undefined;
}

/** The prepared (scan-once, memoised, $ref-inlined) schemas must give exactly the errors of
 * jsonschema's own validate() without a context: same order, paths, names, arguments, messages. */
describe('prepared jsonschema contexts', () => {
  const validator = new Validator();
  for (const s of [custodyEventSchema, registrySchema, mutualRecognitionSchema]) validator.addSchema(s, (s as { $id: string }).$id);
  const options = { nestedErrors: false };
  const shape = (errors: ValidationError[]) =>
    errors.map((e) => ({ path: e.path, property: e.property, name: e.name, argument: e.argument as unknown, message: e.message }));
  const same = (schema: Schema, values: unknown[]) => {
    const p = prepareSchema(validator, schema, options);
    let failures = 0;
    for (const value of values) {
      const reference = shape(validator.validate(value, schema, options).errors);
      const prepared = shape(validator.validate(value, p.schema, options, p.context).errors);
      expect(prepared, JSON.stringify(value)).to.deep.equal(reference);
      if (reference.length > 0) failures++;
    }
    return failures;
  };

  /** Mutations of every member of `base` (and of nested members one level down). */
  function mutations(base: Record<string, unknown>): unknown[] {
    const bad: unknown[] = [null, 42, -1, '', 'x y', '!!', true, [], [1], {}, { unknown: 1 }, 'a'.repeat(300)];
    const out: unknown[] = [base, null, 'text', [], { ...base, extra: 1 }];
    for (const key of Object.keys(base)) {
      const { [key]: _dropped, ...without } = base;
      out.push(without);
      for (const b of bad) out.push({ ...base, [key]: b });
      const inner = base[key];
      const first = firstObject(inner);
      if (first) {
        const rest = (inner as unknown[]).slice(1);
        for (const k of Object.keys(first)) for (const b of bad) out.push({ ...base, [key]: [{ ...first, [k]: b }, ...rest] });
        out.push({ ...base, [key]: [first, { ...first, zzz: 1 }] });
      } else if (inner && typeof inner === 'object') {
        for (const k of Object.keys(inner)) for (const b of bad) out.push({ ...base, [key]: { ...inner, [k]: b } });
      }
    }
    return out;
  }

  it('custody events: same errors as validate() without a context', () => {
    const full = {
      ...event(),
      readPoint: 'CNSZP-BZ-WH01-A-01',
      actor: { org: 'SipLogisticsMSP', enterpriseCode: '3205960123' },
      custody: { from: { org: 'A' }, to: { org: 'B', enterpriseCode: 'E-1' } },
      disposition: 'in_progress',
      seals: ['S1'],
      weight: { value: 1, unit: 'kg' },
      quantity: { value: 1, unit: 'pcs' },
      references: [{ type: 'declaration', id: 'D1' }],
      parent: { type: 'container', id: 'CSQU3054383' },
      children: [{ type: 'part', id: 'P1', book: 'B1' }],
      inputs: [{ goods: { type: 'lot', id: 'L1' }, quantity: { value: 1, unit: 'kg' } }],
      outputs: [{ goods: { type: 'lot', id: 'L2' } }],
      transit: { destinationDistrict: '2300', dueBy: '2026-11-21T08:00:00Z' },
      evidence: {
        documents: [{ name: 'n', sha256: 'a'.repeat(64) }],
        sensors: [{ type: 't', value: 1, unit: 'C', time: '2026-11-21T08:00:00Z' }],
      },
      correctionOf: 'urn:uuid:x',
      extensions: { anything: [1, { $ref: '#' }] },
    };
    expect(same(custodyEventSchema, mutations(full))).to.be.greaterThan(500);
  });

  it('registry and mutual-recognition definitions ($ref roots): same errors', () => {
    // The demo network's configuration, as plain JSON objects to mutate.
    const config = demoConfig() as { districts: Array<Record<string, unknown>>; organisations: Array<Record<string, unknown>> };
    const reg = registrySchema as { $id: string };
    const mr = mutualRecognitionSchema as { $id: string };
    const root = (id: string, def: string) => ({ $ref: `${id}#/definitions/${def}` }) as Schema;
    same(root(reg.$id, 'districts'), [config.districts, [], [{}], ...mutations(config.districts[0]).map((d) => [d])]);
    same(root(reg.$id, 'organisations'), [config.organisations, ...mutations(config.organisations[0]).map((o) => [o])]);
    const aeo = {
      enterpriseCode: 'E1',
      enterpriseName: 'n',
      level: 'advanced',
      validFrom: '2026-01-01',
      validTo: '2027-01-01',
      issuingCustoms: 'CN',
      partnerCustoms: ['SG'],
      status: 'valid',
    };
    same(root(mr.$id, 'aeoCertificate'), mutations(aeo));
    const mrc = {
      id: 'M1',
      enterpriseCode: 'E1',
      exportDeclaration: 'D',
      goods: [{ type: 'container', id: 'CSQU3054383' }],
      partnerCustoms: 'SG',
      originDistrict: '2305',
      destinationCountry: 'SG',
      status: 'declared',
      events: [{ kind: 'EXPORTED', eventTime: '2026-11-21T08:00:00Z', country: 'CN' }],
    };
    expect(same(root(mr.$id, 'mrConsignment'), mutations(mrc))).to.be.greaterThan(100);
  });
});
