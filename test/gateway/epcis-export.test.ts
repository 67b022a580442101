import { expect } from 'chai';
import { EpcisSchemaValidator, goodsToUri } from '@cargotrace/model/epcis';
import { demoFlow } from '@cargotrace/gateway/demo';
import { defined } from '../support/defined';
import { startTestGateway, type TestGateway } from './support/harness';

/** The parts of an EPCIS query document (or exception) these tests read. */
interface EpcisAnswer {
  type: string;
  epcisBody: { queryResults: { resultsBody: { eventList: EpcisEvent[] } } };
  error?: { code: string; path?: string };
}
interface EpcisEvent {
  type: string;
  eventID?: string;
  eventId?: string;
  bizStep?: string;
}

describe('GET /epcis/events (EPCIS 2.0 query interface)', function () {
  this.timeout(120_000);
  // Undefined until `before` has started it (and still undefined in `after` when that failed).
  let started: TestGateway | undefined;
  const validator = EpcisSchemaValidator.load();
  const gacc = 'demo-gacc-analyst';
  const windowAt = (now: Date) => {
    const times = demoFlow(now).map((s) => Date.parse(String(s.event.eventTime)));
    // The demo was seeded a moment before this `now`: a minute of slack each side.
    return { from: new Date(Math.min(...times) - 60_000).toISOString(), to: new Date(Math.max(...times) + 60_000).toISOString() };
  };
  // Taken once the demo is seeded (not when the file loads: in the full suite that is minutes earlier).
  let window: { from: string; to: string };

  before(async () => {
    started = await startTestGateway({ demo: true });
    window = windowAt(new Date());
  });
  after(async () => {
    await started?.close();
  });

  const get = async (key: string | undefined, query: Record<string, string>) => {
    const res = await fetch(`${defined(started, 'the test gateway').gw.url}/epcis/events?${new URLSearchParams(query)}`, {
      headers: key ? { authorization: `Bearer ${key}` } : {},
    });
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      link: res.headers.get('link'),
      body: JSON.parse(await res.text()) as EpcisAnswer,
    };
  };
  const eventList = (doc: EpcisAnswer): EpcisEvent[] => doc.epcisBody.queryResults.resultsBody.eventList;

  it('answers a time window with a query document that validates against the EPCIS 2.0 schema', async () => {
    const r = await get(gacc, { GE_eventTime: window.from, LT_eventTime: window.to, perPage: '500' });
    expect(r.status).to.equal(200);
    expect(r.type).to.contain('application/ld+json');
    expect(r.body.type).to.equal('EPCISQueryDocument');
    expect(validator.validate(r.body)).to.deep.equal([]);
    expect(eventList(r.body)).to.have.length(demoFlow(new Date()).length);
  });

  it('filters by MATCH_epc, EQ_bizStep, EQ_bizLocation and eventType', async () => {
    const epc = goodsToUri({ type: 'container', id: 'COSU6331218' });
    const byGoods = eventList((await get(gacc, { GE_eventTime: window.from, MATCH_epc: epc, perPage: '500' })).body);
    expect(byGoods.length).to.be.greaterThan(5);
    for (const e of byGoods) expect(JSON.stringify(e)).to.contain('COSU6331218');

    const receiving = eventList((await get(gacc, { GE_eventTime: window.from, EQ_bizStep: 'receiving' })).body);
    expect(receiving.map((e) => e.eventID ?? e.eventId)).to.have.length(1);
    expect(receiving[0].bizStep).to.match(/receiving/);

    const atGate = eventList((await get(gacc, { GE_eventTime: window.from, EQ_bizLocation: 'CNYYG-GATE', perPage: '500' })).body);
    expect(atGate.length).to.be.greaterThan(0);
    const aggregation = eventList((await get(gacc, { GE_eventTime: window.from, eventType: 'AggregationEvent', perPage: '500' })).body);
    expect(aggregation.length).to.be.greaterThan(0);
    for (const e of aggregation) expect(e.type).to.equal('AggregationEvent');
  });

  it('pages with nextPageToken', async () => {
    const first = await get(gacc, { GE_eventTime: window.from, perPage: '5' });
    expect(eventList(first.body)).to.have.length(5);
    const link = defined(first.link, 'the Link header');
    const token = defined(new URL(`http://x${link.slice(1, link.indexOf('>'))}`).searchParams.get('nextPageToken'), 'nextPageToken');
    const second = await get(gacc, { GE_eventTime: window.from, perPage: '5', nextPageToken: token });
    const ids = (doc: EpcisAnswer) => eventList(doc).map((e) => e.eventID);
    expect(ids(second.body)).to.have.length(5);
    expect(ids(second.body).filter((id) => ids(first.body).includes(id))).to.deep.equal([]);
  });

  it('refuses an unknown parameter with its name, and partner customs with 403', async () => {
    const bad = await get(gacc, { EQ_colour: 'red' });
    expect(bad.status).to.equal(400);
    expect(bad.body.error).to.include({ code: 'BAD_QUERY_PARAMETER', path: 'EQ_colour' });
    const badTime = await get(gacc, { GE_eventTime: 'yesterday' });
    expect(badTime.body.error).to.include({ path: 'GE_eventTime' });
    expect((await get('demo-vietnam-customs', { GE_eventTime: window.from })).status).to.equal(403);
    expect((await get(undefined, {})).status).to.equal(401);
  });
});
