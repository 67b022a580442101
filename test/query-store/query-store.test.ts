import { expect } from 'chai';
import { rm } from 'node:fs/promises';
import * as path from 'node:path';
import { Level } from 'level';
import type { RunningGateway } from '@cargotrace/gateway';
import { defined } from '../support/defined';
import { testLedger } from '../gateway/support/harness';
import { gql, openStoreLedger, rest, type StoreLedger } from './store-gateways';
import { arrivedEvent } from '../support/arrived-event';

const TRACE = `query($id: ID!) { trace(id: $id, direction: BOTH, maxDepth: 3) {
  root { type id } districts hiddenGoods
  events { id kind district eventTime channel txId proof { channel blockNumber txId txIndex blockHash validationCode } }
  goods { goods { type id } relation depth parents { id } children { id } inputs { id } outputs { id } }
  custody { goods { id } custodian { org } from to district }
  crossings { goods { id } verdict issues fromDistrict toDistrict handOff { id } takeOver { id } weightDeviation }
  anomalies { id type severity district eventIds message } } }`;
const EVENTS = `query($f: EventFilter, $after: String) { events(filter: $f, first: 7, after: $after) {
  edges { cursor node { id kind district eventTime channel txId proof { blockNumber txIndex blockHash } } }
  pageInfo { hasNextPage endCursor } } }`;
const GATE = `query($box: String!) { gateCheck(containerNo: $box, gateId: "CNYYG-GATE", direction: OUT) { decision reasons { code ok } } }`;
const DEMO_GOODS = ['COSU6331218', 'CSNU7001122', 'OOLU4582102', 'TGHU8827013', 'MSKU9183705'];
const gacc = 'gacc-analyst';

/** Every kind of read the gateway serves, as answered by `gw`: traces, gate checks, event listings
 * (all pages, several filters), an EPCIS query, single events. Clock-dependent fields are left out. */
async function answers(gw: RunningGateway, key: string): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const id of DEMO_GOODS) {
    out.push((await gql(gw, key, TRACE, { id })).body);
    out.push((await gql(gw, key, GATE, { box: id })).body);
  }
  const from = new Date(Date.now() - 60 * 86_400_000).toISOString();
  const to = new Date(Date.now() + 86_400_000).toISOString();
  for (const f of [{ district: '2200' }, { district: '2300' }, { kind: 'ARRIVED' }, { goodsId: 'COSU6331218' }]) {
    let after: string | undefined;
    for (let page = 0; page < 20; page++) {
      const body = (await gql(gw, key, EVENTS, { f: { ...f, from, to }, ...(after ? { after } : {}) })).body;
      out.push(body);
      const info = (body.data?.events as { pageInfo?: { hasNextPage: boolean; endCursor: string } } | undefined)?.pageInfo;
      if (!info?.hasNextPage) break;
      after = info.endCursor;
    }
  }
  const epcis = await rest(
    gw,
    key,
    'GET',
    `/epcis/events?${new URLSearchParams({ GE_eventTime: from, LT_eventTime: to, perPage: '500' })}`,
  );
  out.push((epcis.body as { epcisBody?: unknown }).epcisBody);
  return out;
}

const event = (id: string, goods: string, minutesAgo: number, district = '2200') => arrivedEvent(id, goods, minutesAgo, district);

if (testLedger() === 'embedded') {
  describe('query store (embedded ledger)', function () {
    this.timeout(180_000);
    let ledgerOrUndefined: StoreLedger | undefined;
    const ledger = () => defined(ledgerOrUndefined, 'the ledger');
    let chaincodeGw: RunningGateway;
    let baseline: unknown[];

    before(async () => {
      ledgerOrUndefined = await openStoreLedger();
      chaincodeGw = await ledger().start('chaincode', { queryStore: false, traceCache: false });
      expect(chaincodeGw.queryStore).to.equal(undefined);
      baseline = await answers(chaincodeGw, ledger().keyOf(gacc));
    });
    after(async () => ledgerOrUndefined?.close());

    it('answers every kind of read exactly as the chaincode does', async () => {
      const gw = await ledger().start('store');
      expect(gw.queryStore).to.not.equal(undefined);
      const got = await answers(gw, ledger().keyOf(gacc));
      expect(JSON.stringify(got)).to.include('"blockHash"');
      expect(got).to.deep.equal(baseline);
      // The three-level rule applies after the store as it did after chaincode: narrower viewers alike.
      for (const user of ['yangshan-officer', 'sip-warehouse-operator', 'nanjing-analyst']) {
        const viaChaincode = await answers(chaincodeGw, ledger().keyOf(user));
        expect(await answers(gw, ledger().keyOf(user)), user).to.deep.equal(viaChaincode);
        expect(viaChaincode, user).to.not.deep.equal(baseline);
      }
      await gw.close();
    });

    it('is rebuilt from block 0 with identical answers when its directory is deleted', async () => {
      await rm(path.join(ledger().dataDir('store'), 'query-store'), { recursive: true, force: true });
      const gw = await ledger().start('store');
      const store = defined(gw.queryStore, 'the query store');
      for (const c of ledger().config.channels) expect(store.applied.height(c.name)).to.equal(ledger().backend.height(c.name));
      expect(await answers(gw, ledger().keyOf(gacc))).to.deep.equal(baseline);
      await gw.close();
    });

    it('catches up with blocks committed while it was closed', async () => {
      const before = await ledger().start('behind');
      await before.close();
      const w = await rest(chaincodeGw, ledger().keyOf('sinotrans-dispatcher'), 'POST', '/api/v1/events', [
        event('qs-behind-1', 'COSU6331218', 1),
      ]);
      expect(w.status, JSON.stringify(w.body)).to.equal(200);
      const gw = await ledger().start('behind');
      const store = defined(gw.queryStore, 'the query store');
      expect(store.rebuilt.size).to.equal(0);
      for (const c of ledger().config.channels) expect(store.applied.height(c.name)).to.equal(ledger().backend.height(c.name));
      baseline = await answers(chaincodeGw, ledger().keyOf(gacc));
      expect(JSON.stringify(baseline)).to.include('qs-behind-1');
      expect(await answers(gw, ledger().keyOf(gacc))).to.deep.equal(baseline);
      await gw.close();
    });

    it('rebuilds a channel whose recorded block hash disagrees with the ledger', async () => {
      const dir = path.join(ledger().dataDir('behind'), 'query-store');
      const db = new Level<string, unknown>(dir, { keyEncoding: 'utf8', valueEncoding: 'json' });
      const meta = db.sublevel<string, { height: number; hash: string }>('district-2200.meta', { valueEncoding: 'json' });
      const mark = defined(await meta.get('applied'), 'the applied mark');
      await meta.put('applied', { height: mark.height, hash: '00'.repeat(32) });
      // And a state key the ledger never wrote: a rebuild must not keep it.
      await db.sublevel<string, Buffer>('district-2200.state', { valueEncoding: 'buffer' }).put('stray', Buffer.from('x'));
      await db.close();
      const gw = await ledger().start('behind');
      const store = defined(gw.queryStore, 'the query store');
      expect([...store.rebuilt.keys()]).to.deep.equal(['district-2200']);
      expect(defined(store.rebuilt.get('district-2200'), 'why').includes('differs')).to.equal(true);
      expect(await store.stub('district-2200').getState('stray')).to.have.length(0);
      expect(await answers(gw, ledger().keyOf(gacc))).to.deep.equal(baseline);
      await gw.close();
    });

    describe('read-your-writes', () => {
      let gw: RunningGateway;
      before(async () => {
        gw = await ledger().start('ryw', { queryStore: { readWaitMs: 300 } });
      });

      it('answers a write with the heights it reached; a read sent with them sees the write', async () => {
        const w = await rest(gw, ledger().keyOf('sinotrans-dispatcher'), 'POST', '/api/v1/events', [event('qs-ryw-1', 'CSNU7001122', 1)]);
        expect(w.status, JSON.stringify(w.body)).to.equal(200);
        const header = defined(w.headers.get('x-cargotrace-heights') ?? undefined, 'the heights header');
        const height = ledger().backend.height('district-2200');
        expect(header).to.equal(`district-2200=${height}`);
        expect((w.body as { heights: unknown }).heights).to.deep.equal({ 'district-2200': height });
        const r = await gql(gw, ledger().keyOf(gacc), TRACE, { id: 'CSNU7001122' }, { 'X-CargoTrace-Heights': header });
        expect(r.status).to.equal(200);
        expect(JSON.stringify(r.body.data)).to.include('qs-ryw-1');
        // Reads write nothing, so they carry no heights.
        expect(r.headers.get('x-cargotrace-heights')).to.equal(null);
      });

      it('answers a mutation with the heights header too', async () => {
        const m = await gql(
          gw,
          ledger().keyOf('sinotrans-dispatcher'),
          `mutation($e: [JSON!]!) { appendEvents(events: $e) { accepted } }`,
          {
            e: [event('qs-ryw-2', 'CSNU7001122', 1, '2300')],
          },
        );
        expect(m.body.errors, JSON.stringify(m.body)).to.equal(undefined);
        const height = ledger().backend.height('district-2300');
        expect(m.headers.get('x-cargotrace-heights')).to.equal(`district-2300=${height}`);
        expect((m.body as { extensions?: unknown }).extensions).to.deep.equal({ heights: { 'district-2300': height } });
      });

      it('refuses with 503 HEIGHT_NOT_REACHED when the store does not reach the asked height in time', async () => {
        const far = ledger().backend.height('district-2200') + 1000;
        const r = await gql(gw, ledger().keyOf(gacc), TRACE, { id: 'CSNU7001122' }, { 'X-CargoTrace-Heights': `district-2200=${far}` });
        expect(r.body.errors?.[0]?.extensions?.code, JSON.stringify(r.body)).to.equal('HEIGHT_NOT_REACHED');
        const e = await rest(gw, ledger().keyOf(gacc), 'GET', '/epcis/events', undefined, {
          'X-CargoTrace-Heights': `district-2200=${far}`,
        });
        expect(e.status).to.equal(503);
      });

      it('refuses a malformed or unknown-channel heights header with 400 BAD_HEIGHTS', async () => {
        for (const h of ['district-2200', 'nowhere=3', 'district-2200=-1', '__proto__=1']) {
          const r = await rest(gw, ledger().keyOf(gacc), 'GET', '/epcis/events', undefined, { 'X-CargoTrace-Heights': h });
          expect(r.status, h).to.equal(400);
          expect((r.body as { error: { code: string } }).error.code).to.equal('BAD_HEIGHTS');
        }
      });

      it('shows the applied heights in /healthz and /metrics', async () => {
        const h = (await rest(gw, '', 'GET', '/healthz')).body as { queryStore: { channels: Array<{ name: string; height: number }> } };
        for (const c of h.queryStore.channels) expect(c.height).to.equal(ledger().backend.height(c.name));
        const metrics = await (await fetch(`${gw.url}/metrics`)).text();
        expect(metrics).to.match(
          new RegExp(`^cargotrace_query_store_height\\{channel="district-2200"\\} ${ledger().backend.height('district-2200')}$`, 'm'),
        );
      });

      it('keeps untouched goods cached when a block touches other goods', async () => {
        const key = ledger().keyOf(gacc);
        const reads = async () => {
          const text = await (await fetch(`${gw.url}/metrics`)).text();
          const n = (o: string) => Number(new RegExp(`^cargotrace_goods_cache_reads\\{outcome="${o}"\\} (\\d+)`, 'm').exec(text)?.[1]);
          return { hit: n('hit'), miss: n('miss') };
        };
        await gql(gw, key, GATE, { box: 'TGHU8827013' });
        await gql(gw, key, GATE, { box: 'OOLU4582102' });
        const w = await rest(gw, ledger().keyOf('sinotrans-dispatcher'), 'POST', '/api/v1/events', [event('qs-inv-1', 'OOLU4582102', 1)]);
        expect(w.status).to.equal(200);
        const r0 = await reads();
        await gql(gw, key, GATE, { box: 'TGHU8827013' });
        const r1 = await reads();
        expect(r1.miss - r0.miss, 'untouched goods read again').to.equal(0);
        expect(r1.hit - r0.hit).to.be.greaterThan(0);
        const touched = await gql(gw, key, TRACE, { id: 'OOLU4582102' });
        const r2 = await reads();
        expect(r2.miss - r1.miss, 'touched goods read again').to.be.greaterThan(0);
        expect(JSON.stringify(touched.body.data)).to.include('qs-inv-1');
      });
    });
  });
}
