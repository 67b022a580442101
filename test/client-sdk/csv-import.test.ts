import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CargoTraceClient, Outbox, importFile, readCsv, toRfc3339, writeRejections } from '@cargotrace/client-sdk';
import type { CsvMapping, RowResult } from '@cargotrace/client-sdk';
import { defined } from '../support/defined';
import { startFakeGateway } from './fake-gateway';

const MAPPING: CsvMapping = {
  columns: {
    'Txn No': 'id',
    Container: 'goods[0].id',
    Movement: 'kind',
    'Move Time': 'eventTime',
    Location: 'readPoint',
    Qty: { field: 'quantity.value', type: 'number' },
    Seals: 'seals',
  },
  constants: {
    district: '2305',
    site: 'CNSZP-BZ-WH01',
    'goods[0].type': 'container',
    'quantity.unit': 'CT',
    actor: { org: 'SipLogisticsMSP', enterpriseCode: '3205960123' },
  },
  kinds: { GR: 'RECEIVED', PA: 'STORED', GI: 'DISPATCHED' },
  timeZone: 'Asia/Shanghai',
  idPrefix: 'sip-wms-',
};

const CSV =
  [
    'Txn No,Container,Movement,Move Time,Location,Qty,Seals',
    'T1,COSU6331218,GR,2026-11-20 10:00:00,A-01,1200,SH2026A000123',
    'T2,COSU6331218,PA,2026-11-20 11:30,A-03-2,1200,',
    'T3,COSU6331218,XX,2026-11-20 12:00:00,A-03-2,10,', // unknown movement code
    'T4,COSU6331218,PA,2026-13-40 12:00:00,A-03-2,10,', // impossible date
    'T5,COSU6331218,PA,2026-11-20 12:00:00', // missing columns
    'T6,COSU6331218,GI,2026-11-20T14:00:00+08:00,DOCK-1,"1,200",SH2026A000123;SH2026A000124',
    'T7,,GI,2026-11-20 15:00:00,DOCK-1,5,', // no container id
    'T8,COSU6331218,GI,2026-11-20 16:00:00,DOCK-1,abc,', // quantity not a number
    'T9,COSU6331218,STORED,2026-11-20 17:00:00,A-04,7,',
  ].join('\n') + '\n';

describe('client-sdk WMS CSV import', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-csv-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('converts local WMS times with the mapping time zone', () => {
    expect(toRfc3339('2026-11-20 10:00:00', 'Asia/Shanghai')).to.equal('2026-11-20T10:00:00+08:00');
    expect(toRfc3339('2026-07-01 10:00', 'Europe/Berlin')).to.equal('2026-07-01T10:00:00+02:00');
    expect(toRfc3339('2026-01-01 10:00', 'Europe/Berlin')).to.equal('2026-01-01T10:00:00+01:00');
    expect(toRfc3339('2026-11-20 10:00:00', '-05:00')).to.equal('2026-11-20T10:00:00-05:00');
    expect(toRfc3339('2026-11-20T10:00Z')).to.equal('2026-11-20T10:00:00Z');
    expect(toRfc3339('2026-02-30 10:00', '+08:00')).to.equal(undefined);
  });

  it('maps columns, constants and kinds, and reports malformed rows with their line numbers', async () => {
    const file = path.join(dir, 'wms.csv');
    fs.writeFileSync(file, CSV);
    const rows: RowResult[] = [];
    for await (const r of readCsv(file, MAPPING)) rows.push(r);
    expect(rows.map((r) => r.line)).to.deep.equal([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const ok = rows.filter((r) => r.event);
    expect(ok.map((r) => r.line)).to.deep.equal([2, 3, 7, 10]);
    expect(ok[0].event).to.deep.include({
      id: 'sip-wms-T1',
      kind: 'RECEIVED',
      eventTime: '2026-11-20T10:00:00+08:00',
      district: '2305',
      site: 'CNSZP-BZ-WH01',
      readPoint: 'A-01',
      seals: ['SH2026A000123'],
      quantity: { value: 1200, unit: 'CT' },
      goods: [{ type: 'container', id: 'COSU6331218' }],
      actor: { org: 'SipLogisticsMSP', enterpriseCode: '3205960123' },
    });
    expect(defined(ok[1].event, 'ok[1].event').eventTime).to.equal('2026-11-20T11:30:00+08:00');
    expect(defined(ok[1].event, 'ok[1].event').seals).to.equal(undefined);
    expect(defined(ok[2].event, 'ok[2].event').seals).to.deep.equal(['SH2026A000123', 'SH2026A000124']);
    expect(defined(ok[2].event, 'ok[2].event').quantity).to.deep.equal({ value: 1200, unit: 'CT' });
    expect(defined(ok[3].event, 'ok[3].event').kind).to.equal('STORED');
    const bad = Object.fromEntries(
      rows
        .filter((r) => r.issues)
        .map((r) => [
          r.line,
          defined(r.issues, 'issues')
            .map((i) => `${i.path} ${i.message}`)
            .join('; '),
        ]),
    );
    expect(bad[4]).to.match(/unknown movement "XX"/);
    expect(bad[5]).to.match(/not a date-time/);
    expect(bad[6]).to.match(/expected 7 columns, found 4/);
    expect(bad[8]).to.match(/\/goods\/0\/id/);
    expect(bad[9]).to.match(/not a number/);
  });

  it('imports the good rows through the outbox and summarises accepted / duplicate / rejected with line numbers', async () => {
    const gw = await startFakeGateway({ apiKey: 'k1', reject: (e) => (e.readPoint === 'A-04' ? 'unknown read point' : undefined) });
    const file = path.join(dir, 'wms.csv');
    fs.writeFileSync(file, CSV);
    const outbox = await Outbox.open(path.join(dir, 'outbox'));
    try {
      const client = new CargoTraceClient({ gateway: gw.url, apiKey: 'k1' });
      const s = await importFile({ file, mapping: MAPPING, outbox, client });
      expect(s.read).to.equal(9);
      expect(s.queued).to.equal(4);
      expect(s.accepted).to.equal(3);
      expect(s.duplicate).to.equal(0);
      expect(s.pending).to.equal(0);
      expect(s.rejected.map((r) => r.line)).to.deep.equal([4, 5, 6, 8, 9, 10]);
      expect(s.rejected.find((r) => r.line === 10)).to.include({
        code: 'VALIDATION_FAILED',
        message: 'unknown read point',
        id: 'sip-wms-T9',
      });
      expect(gw.accepted).to.deep.equal(['sip-wms-T1', 'sip-wms-T2', 'sip-wms-T6']);

      const rejFile = path.join(dir, 'rejected.jsonl');
      await writeRejections(rejFile, file, 'csv', s.rejected);
      const rej = fs
        .readFileSync(rejFile, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { line: number; raw: string; message: string });
      expect(rej).to.have.length(6);
      expect(rej[0].raw).to.equal('T3,COSU6331218,XX,2026-11-20 12:00:00,A-03-2,10,');

      // the same file again: everything was queued already (checkpoint) → nothing new is sent
      const again = await importFile({ file, mapping: MAPPING, outbox, client });
      expect(again.read).to.equal(0);
      expect(again.resumedFromLine).to.equal(11);
      // with --restart every line is queued again: the ledger answers duplicate
      const restart = await importFile({ file, mapping: MAPPING, outbox, client, restart: true });
      expect(restart.duplicate).to.equal(3);
      expect(restart.accepted).to.equal(0);
      expect(gw.accepted).to.have.length(3);
    } finally {
      await outbox.close();
      await gw.close();
    }
  });

  it('rows without an id column get a stable content id (idempotent re-imports)', async () => {
    const file = path.join(dir, 'noid.csv');
    fs.writeFileSync(file, 'Container,Movement,Move Time\nCOSU6331218,GR,2026-11-20 10:00\n');
    const mapping: CsvMapping = {
      columns: { Container: 'goods[0].id', Movement: 'kind', 'Move Time': 'eventTime' },
      constants: { district: '2305', 'goods[0].type': 'container' },
      kinds: { GR: 'RECEIVED' },
      timeZone: '+08:00',
    };
    const a: RowResult[] = [];
    const b: RowResult[] = [];
    for await (const r of readCsv(file, mapping)) a.push(r);
    for await (const r of readCsv(file, mapping)) b.push(r);
    expect(defined(a[0].event, 'a[0].event').id).to.match(/^ct-[0-9a-f]{64}$/);
    expect(defined(a[0].event, 'a[0].event').id).to.equal(defined(b[0].event, 'b[0].event').id);
  });
});
