import { expect } from 'chai';
import {
  ChaincodeError,
  MAX_BATCH,
  canonicalJson,
  checkContainerNumber,
  iso6346CheckDigit,
  isValidContainerNumber,
  parseChaincodeError,
  parseDateTime,
  toUtcKey,
  validateEvent,
  validateEventBatch,
} from '@cargotrace/model';
import type { CustodyEvent } from '@cargotrace/model';
import { event } from '../chaincode/fixtures';

describe('domain model (@cargotrace/model)', () => {
  describe('ISO 6346 container numbers', () => {
    it('accepts numbers whose check digit is right', () => {
      for (const id of ['CSQU3054383', 'MSKU1234565', 'TGHU7654320', 'MSCU0000012', 'APZU4212136']) {
        expect(isValidContainerNumber(id), id).to.equal(true);
      }
    });

    it('computes check digits (letter values skip multiples of 11; 10 becomes 0)', () => {
      expect(iso6346CheckDigit('CSQU305438')).to.equal(3);
      expect(iso6346CheckDigit('MSKU123456')).to.equal(5);
      // CSQU305407: weighted sum mod 11 is 10, which ISO 6346 writes as 0.
      expect(iso6346CheckDigit('CSQU305407')).to.equal(0);
      expect(isValidContainerNumber('CSQU3054070')).to.equal(true);
    });

    it('rejects a wrong check digit with the expected digit in the reason', () => {
      const r = checkContainerNumber('CSQU3054384');
      expect(r.ok).to.equal(false);
      expect(r.ok ? '' : r.reason).to.contain('gives 3');
    });

    it('rejects bad shapes', () => {
      for (const id of ['CSQ3054383', 'CSQX3054383', 'csqu3054383', 'CSQU305438', 'CSQU30543833', '']) {
        expect(isValidContainerNumber(id), id).to.equal(false);
      }
    });
  });

  describe('event validation', () => {
    it('accepts a well-formed event', () => {
      expect(validateEvent(event())).to.deep.equal([]);
    });

    it('reports a missing eventTime at /i/eventTime', () => {
      const e: Partial<CustodyEvent> = event();
      delete e.eventTime;
      const r = validateEventBatch([event(), e]);
      expect(r.errors[0]).to.include({ code: 'VALIDATION_FAILED', path: '/1/eventTime', index: 1 });
      expect(r.events[0]).to.not.equal(undefined);
      expect(r.events[1]).to.equal(undefined);
    });

    it('requires an offset in eventTime and a real calendar date', () => {
      expect(validateEvent(event({ eventTime: '2026-11-20T08:30:00' }))[0]).to.include({ path: '/eventTime' });
      expect(validateEvent(event({ eventTime: '2026-02-30T08:30:00Z' }))[0]).to.include({ path: '/eventTime' });
      expect(validateEvent(event({ eventTime: '2026-11-20T08:30:00.123456789-05:00' }))).to.deep.equal([]);
    });

    it('reports an unknown kind at /i/kind', () => {
      const r = validateEventBatch([{ ...event(), kind: 'TELEPORTED' }]);
      expect(r.errors).to.have.length(1);
      expect(r.errors[0]).to.include({ code: 'VALIDATION_FAILED', path: '/0/kind' });
    });

    it('reports unknown members with their path, but keeps extensions free', () => {
      const r = validateEventBatch([{ ...event(), colour: 'red' }, event({ extensions: { 'acme:x': { any: [1] } } })]);
      expect(r.errors.map((e) => e.path)).to.deep.equal(['/0/colour']);
    });

    it('reports a bad container number as INVALID_CONTAINER_NUMBER at /i/goods/j/id', () => {
      const r = validateEventBatch([
        event(),
        event(),
        event(),
        event({
          goods: [
            { type: 'lot', id: 'LOT-1' },
            { type: 'container', id: 'CSQU3054384' },
          ],
        }),
      ]);
      expect(r.errors).to.have.length(1);
      expect(r.errors[0]).to.include({ code: 'INVALID_CONTAINER_NUMBER', path: '/3/goods/1/id', index: 3 });
    });

    it('checks goods references in children, inputs and outputs too', () => {
      const errors = validateEvent(
        event({
          kind: 'PROCESSED',
          inputs: [{ goods: { type: 'part', id: 'P-1' } }],
          outputs: [{ goods: { type: 'epc', id: 'not-an-epc' } }],
        }),
      );
      expect(errors.map((e) => e.path)).to.deep.equal(['/inputs/0/goods/book', '/outputs/0/goods/id']);
    });

    it('applies cross-field rules by kind', () => {
      const paths = (e: unknown) => validateEvent(e).map((x) => x.path);
      expect(paths(event({ kind: 'STATUS_CHANGED' }))).to.deep.equal(['/supervisionStatus']);
      expect(paths(event({ kind: 'INSPECTED' }))).to.deep.equal(['/result']);
      expect(paths(event({ kind: 'PROCESSED' }))).to.deep.equal(['/inputs', '/outputs']);
      expect(paths(event({ kind: 'HANDED_OFF' }))).to.deep.equal(['/custody/to']);
      expect(paths(event({ kind: 'CORRECTION' }))).to.deep.equal(['/correctionOf']);
      expect(paths(event({ kind: 'RECEIVED', correctionOf: 'x' }))).to.deep.equal(['/correctionOf']);
      expect(paths(event({ kind: 'PACKED', parent: { type: 'container', id: 'CSQU3054383' } }))).to.deep.equal(['/children']);
      expect(paths(event({ kind: 'RECEIVED', result: 'pass' }))).to.deep.equal(['/result']);
    });

    it('accepts epc and GS1 Digital Link ids and rejects malformed ones', () => {
      expect(validateEvent(event({ goods: [{ type: 'epc', id: 'urn:epc:id:sgtin:0614141.107346.2017' }] }))).to.deep.equal([]);
      expect(validateEvent(event({ goods: [{ type: 'digital-link', id: 'https://id.gs1.org/01/09506000134352/10/ABC' }] }))).to.deep.equal(
        [],
      );
      expect(validateEvent(event({ goods: [{ type: 'digital-link', id: 'http://id.gs1.org/01/09506000134352' }] }))[0]).to.include({
        path: '/goods/0/id',
      });
    });

    it('rejects a batch over 1,000 events with BATCH_TOO_LARGE at path ""', () => {
      const batch = Array.from({ length: MAX_BATCH + 1 }, () => event());
      try {
        validateEventBatch(batch);
        expect.fail('expected BATCH_TOO_LARGE');
      } catch (err) {
        expect(err).to.be.instanceOf(ChaincodeError);
        expect((err as ChaincodeError).body).to.include({ code: 'BATCH_TOO_LARGE', path: '' });
      }
      expect(validateEventBatch(batch.slice(0, MAX_BATCH)).errors).to.deep.equal([]);
    });

    it('caps collected errors at 100', () => {
      const batch = Array.from({ length: 300 }, () => ({ ...event(), kind: 'NOPE' }));
      const r = validateEventBatch(batch);
      expect(r.errors).to.have.length(100);
      const err = ChaincodeError.fromErrors(r.errors);
      expect(err.body).to.include({ code: 'VALIDATION_FAILED', path: '/0/kind', index: 0 });
      expect(err.body.errors).to.have.length(100);
    });

    it('rejects an empty batch and a non-array', () => {
      expect(validateEventBatch([]).errors[0]).to.include({ path: '' });
      expect(validateEventBatch({}).errors[0]).to.include({ path: '' });
    });
  });

  describe('errors', () => {
    it('ChaincodeError messages are JSON that parseChaincodeError reads back, also inside a Fabric wrapper', () => {
      const err = new ChaincodeError('FORBIDDEN', 'no', '/2/kind', 2);
      expect(JSON.parse(err.message)).to.deep.equal({ code: 'FORBIDDEN', message: 'no', path: '/2/kind', index: 2 });
      expect(parseChaincodeError(`transaction returned with failure: ${err.message}`)).to.deep.equal({
        code: 'FORBIDDEN',
        message: 'no',
        path: '/2/kind',
        index: 2,
      });
      expect(parseChaincodeError('plain')).to.equal(undefined);
    });
  });

  describe('time', () => {
    it('normalises offsets to fixed-width UTC keys', () => {
      expect(toUtcKey('2026-11-20T08:30:00+08:00')).to.equal('2026-11-20T00:30:00.000Z');
      expect(toUtcKey('2026-11-20T00:30:00.5-01:30')).to.equal('2026-11-20T02:00:00.500Z');
      expect(toUtcKey('0050-01-01T00:00:00Z')).to.equal('0050-01-01T00:00:00.000Z');
      expect(parseDateTime('2026-11-20T24:00:00Z')).to.equal(undefined);
    });
  });

  describe('canonical serialisation', () => {
    it('sorts keys at every depth and drops undefined members', () => {
      const a = { b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined }, é: true, A: null };
      expect(canonicalJson(a)).to.equal('{"A":null,"a":{"d":[{"y":2,"z":1}]},"b":1,"é":true}');
    });

    it('is independent of insertion order', () => {
      const x = { kind: 'RECEIVED', id: 'e', goods: [{ id: 'g', type: 'lot' }] };
      const y = { goods: [{ type: 'lot', id: 'g' }], id: 'e', kind: 'RECEIVED' };
      expect(canonicalJson(x)).to.equal(canonicalJson(y));
      expect(canonicalJson(JSON.parse(canonicalJson(x)))).to.equal(canonicalJson(x));
    });

    it('rejects values that are not JSON', () => {
      expect(() => canonicalJson({ n: Number.NaN })).to.throw();
      expect(() => canonicalJson(1n)).to.throw();
    });
  });
});
