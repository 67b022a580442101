import { request as httpRequest } from 'node:http';
import { expect } from 'chai';
import { channelForDistrict } from '@cargotrace/network';
import { validateEvent, schemaErrors } from '@cargotrace/model';
import { defined } from '../support/defined';
import { codeWord, markdownTable } from '../support/markdown-table';
import { startTestGateway, type TestGateway } from './support/harness';
import { Seeded, fuzzCase, type Family } from './support/fuzz-cases';
import { NoAnswer, ProbeClient, chunkedBody, errorCodes, type ProbeAnswer } from './support/probe-client';

const CONTAINERS = ['TGHU8827013', 'COSU6331218', 'OOLU4582102', 'CSNU7001122'];
const GATE_CHECK = `query($c: String!, $g: String!) { gateCheck(containerNo: $c, gateId: $g, direction: OUT) {
  decision reasons { code ok message } expectedSeals observedSeals declaredWeightKg observedWeightKg } }`;
const ALLOWED_ORIGIN = 'https://ops.example';

interface GateAnswer {
  decision: string;
  reasons: { code: string; ok: boolean; message: string }[];
  expectedSeals: string[] | null;
  observedSeals: string[] | null;
  declaredWeightKg: number | null;
  observedWeightKg: number | null;
}
interface GqlReply<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

describe('gateway security (issue 13; rules in docs/security.md)', function () {
  this.timeout(180_000);
  let t: TestGateway;
  let probe: ProbeClient;
  const users = () => t.config.users.filter((u) => u.apiKey !== undefined);
  const keys = () => users().map((u) => defined(u.apiKey, u.id));
  const orgOf = (mspId: string) =>
    defined(
      t.config.organisations.find((o) => o.mspId === mspId),
      mspId,
    );
  const gql = async <T>(key: string, query: string, variables: Record<string, unknown> = {}): Promise<GqlReply<T>> => {
    const a = await probe.send({
      method: 'POST',
      path: '/graphql',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return a.body as GqlReply<T>;
  };
  const heights = () => t.config.channels.map((c) => t.backend.height(c.name));

  before(async () => {
    t = await startTestGateway({ demo: true, limits: { bodyLimit: '1mb', ratePerSecond: 0 }, corsOrigins: [ALLOWED_ORIGIN] });
    probe = new ProbeClient(t.gw.url);
  });
  after(async () => {
    await t.close();
  });

  it('the GraphiQL page embeds no credential', async () => {
    const page = await probe.send({ method: 'GET', path: '/graphql', headers: { accept: 'text/html' } });
    expect(page.status).to.equal(200);
    expect(page.headers['content-type']).to.match(/text\/html/);
    expect(probe.containing(keys())).to.deep.equal([]);
  });

  describe('gate checks: every demo user × every site × containers in and out of scope, against the table', () => {
    it('answers exactly as the table says', async () => {
      const table = new Map(markdownTable('docs/security.md', 'Gate checks').map((r) => [r['org kind'], r]));
      const gacc = defined(users().find((u) => orgOf(u.org).kind === 'gacc')?.apiKey, 'a GACC key');
      const sites = t.config.organisations.flatMap((o) => (o.sites ?? []).map((s) => ({ ...s, owner: o.mspId })));
      const reference = new Map<string, GateAnswer>();
      for (const site of sites) {
        for (const c of CONTAINERS) {
          reference.set(
            `${c} ${site.id}`,
            defined((await gql<{ gateCheck: GateAnswer }>(gacc, GATE_CHECK, { c, g: site.id })).data).gateCheck,
          );
        }
      }
      const differences: string[] = [];
      for (const user of users()) {
        const key = defined(user.apiKey, user.id);
        const kind = orgOf(user.org).kind;
        const row = defined(table.get(kind), `a row for ${kind}`);
        const subtree = districtSubtreeOf(t, user.district);
        for (const c of CONTAINERS) {
          const traced = await gql<{ trace: unknown }>(key, `query($c: ID!) { trace(id: $c) { districts } }`, { c });
          const inScope = traced.data?.trace != null;
          for (const site of sites) {
            const expected = expectedGateAnswer(row, { org: user.org, subtree }, site, inScope);
            const answer = await gql<{ gateCheck: GateAnswer }>(key, GATE_CHECK, { c, g: site.id });
            const mismatch = gateMismatch(expected, answer, defined(reference.get(`${c} ${site.id}`), 'reference'));
            if (mismatch) differences.push(`${user.id} ${c} at ${site.id}: expected ${expected}, ${mismatch}`);
          }
        }
      }
      expect(differences).to.deep.equal([]);
    });

    it('aliases of one check share one decision and one log entry; aliases count in the cost limit', async () => {
      const key = t.keyOf('youyiguan-officer');
      const since = new Date().toISOString();
      const aliases = (n: number) =>
        `{ ${Array.from({ length: n }, (_, i) => `a${i}: gateCheck(containerNo: "TGHU8827013", gateId: "CNYYG-GATE", direction: OUT) { decision }`).join(' ')} }`;
      const five = await gql<Record<string, { decision: string }>>(key, aliases(5));
      expect(Object.values(defined(five.data)).map((a) => a.decision)).to.deep.equal(Array(5).fill('ALLOW'));
      const log = await gql<{ gateDecisions: { checkedBy: { userId: string } }[] }>(
        key,
        `query($f: DateTime) { gateDecisions(from: $f) { checkedBy { userId } } }`,
        {
          f: since,
        },
      );
      expect(defined(log.data).gateDecisions).to.have.length(1);
      const many = await gql(key, aliases(500));
      expect(many.errors?.map((e) => e.extensions?.code)).to.deep.equal(['QUERY_TOO_COSTLY']);
    });
  });

  it('verify and introspection: every demo user × every channel, against the table', async () => {
    const table = new Map(markdownTable('docs/security.md', 'Other reads').map((r) => [r['org kind'], r]));
    const differences: string[] = [];
    for (const user of users()) {
      const key = defined(user.apiKey, user.id);
      const row = defined(table.get(orgOf(user.org).kind), user.org);
      for (const channel of t.config.channels) {
        const allowed = verifyAllowed(codeWord(row.verify), channelForDistrict(t.config, user.district), channel.name);
        const r = await gql<{ verify: { ok: boolean } }>(key, `query($c: String!) { verify(channel: $c) { ok } }`, { c: channel.name });
        const got = r.data?.verify ? 'allowed' : firstCode(r);
        if (got !== (allowed ? 'allowed' : 'FORBIDDEN')) differences.push(`${user.id} verify ${channel.name}: ${got}`);
      }
      const intro = await gql<{ __schema: unknown }>(key, `{ __schema { queryType { name } } }`);
      const introGot = intro.data?.__schema ? 'yes' : firstCode(intro) === 'FORBIDDEN' ? 'no' : 'other';
      if (introGot !== codeWord(row.introspection)) differences.push(`${user.id} introspection: ${introGot}`);
    }
    expect(differences).to.deep.equal([]);
  });

  describe('hostile input', () => {
    it('answer-cache ETags are opaque; non-Latin-1 and long queries are answered', async () => {
      const key = t.keyOf('gacc-analyst');
      const first = await probe.send(graphqlPost(key, `{ trace(id: "中国") { districts } }`));
      expect(first.status).to.equal(200);
      const long = await probe.send(graphqlPost(key, `# ${'x'.repeat(20_000)}\n{ districts { code } }`));
      expect(long.status).to.equal(200);
      for (const a of [first, long]) {
        expect(a.headers)
          .to.have.property('etag')
          .that.matches(/^[A-Za-z0-9_-]{43}$/);
        expect(JSON.stringify(a.headers).length).to.be.below(2000);
      }
      const bad = await probe.send({
        ...graphqlPost(key, ''),
        body: Buffer.from('{"query":"{ trace(id: \\"\xff\xfe\\") { districts } }"}', 'latin1'),
      });
      expect(bad.status).to.be.within(200, 499);
    });

    it('bodies over the limit are refused with 413 while they stream, without Content-Length', async () => {
      const key = t.keyOf('sinotrans-dispatcher');
      for (const path of ['/graphql', '/api/v1/events']) {
        const a = await probe.send({
          method: 'POST',
          path,
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: chunkedBody(3 * 1024 * 1024),
        });
        expect(a.status, path).to.equal(413);
        expect(errorCodes(a.body), path).to.deep.equal(['PAYLOAD_TOO_LARGE']);
      }
    });

    it('prototype-named members are refused on every input path, and nothing is stored', async () => {
      const before = heights();
      const key = t.keyOf('sinotrans-dispatcher');
      const evil =
        '[{"__proto__":{"kind":"ARRIVED"},"id":"p-1","kind":"ARRIVED","goods":[{"type":"container","id":"COSU6331218"}],"eventTime":"2026-11-20T08:00:00+08:00","district":"2248"}]';
      const rest = await probe.send({
        method: 'POST',
        path: '/api/v1/events',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: evil,
      });
      expect(rest.status).to.equal(400);
      expect(rest.body).to.deep.include({
        error: { code: 'PROTOTYPE_MEMBER', message: '/0/__proto__: prototype-named members are not accepted', path: '/0/__proto__' },
      });
      const variable = await probe.send(
        graphqlPost(key, 'mutation($e: [JSON!]!) { appendEvents(events: $e) { accepted } }', `{"e": ${evil}}`),
      );
      expect(errorCodes(variable.body)).to.deep.equal(['PROTOTYPE_MEMBER']);
      const literal = await gql(key, 'mutation { appendEvents(events: [{id: "p-2", constructor: {prototype: 1}}]) { accepted } }');
      expect(literal.errors?.map((e) => e.extensions?.code)).to.deep.equal(['PROTOTYPE_MEMBER']);
      // The model's validation (chaincode, client SDK, CLI import) refuses it too, with the path.
      const parsed = (JSON.parse(evil) as unknown[])[0];
      expect(validateEvent(parsed, 0)).to.deep.equal([
        { code: 'VALIDATION_FAILED', path: '/0/__proto__', message: '/0/__proto__: prototype-named members are not accepted', index: 0 },
      ]);
      expect(schemaErrors('aeoCertificate', JSON.parse('{"enterpriseCode":"1","x":{"__proto__":{}}}'))[0]).to.include({
        path: '/x/__proto__',
      });
      expect(heights()).to.deep.equal(before);
    });

    it("Node's own refusals and yoga's carry a code: 431, 415, bad GET variables, variable coercion", async () => {
      const big = await rawRequest(t.gw.port, { 'x-big': 'a'.repeat(20_000) });
      expect(big.status).to.equal(431);
      expect(errorCodes(JSON.parse(big.text))).to.deep.equal(['HEADERS_TOO_LARGE']);
      const key = t.keyOf('gacc-analyst');
      const media = await probe.send({
        method: 'POST',
        path: '/graphql',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'text/plain' },
        body: 'x',
      });
      expect([media.status, errorCodes(media.body)]).to.deep.equal([415, ['UNSUPPORTED_MEDIA_TYPE']]);
      const q = encodeURIComponent('query($x: Int!) { events(first: $x) { edges { cursor } } }');
      const badVars = await probe.send({
        method: 'GET',
        path: `/graphql?query=${q}&variables=notjson`,
        headers: { authorization: `Bearer ${key}` },
      });
      expect([badVars.status, errorCodes(badVars.body)]).to.deep.equal([400, ['BAD_REQUEST_PARAMETER']]);
      const coerced = await gql(key, 'query($x: Int!) { events(first: $x) { edges { cursor } } }', { x: 'a' });
      expect(coerced.errors?.map((e) => e.extensions?.code)).to.deep.equal(['BAD_USER_INPUT']);
      for (const v of ['constructor', 'toString', 'nope']) {
        const a = await probe.send({ method: 'GET', path: `/epcis/events?EQ_bizStep=${v}`, headers: { authorization: `Bearer ${key}` } });
        expect([a.status, errorCodes(a.body)], v).to.deep.equal([400, ['BAD_QUERY_PARAMETER']]);
      }
      const epc = await probe.send({
        method: 'GET',
        path: `/epcis/events?MATCH_epc=${'a'.repeat(10_000)}`,
        headers: { authorization: `Bearer ${key}` },
      });
      expect([epc.status, errorCodes(epc.body)]).to.deep.equal([400, ['BAD_QUERY_PARAMETER']]);
    });
  });

  it('security headers on every answer, no-store on authenticated ones, CORS only for listed origins', async () => {
    const health = await probe.send({ method: 'GET', path: '/healthz' });
    expect(health.headers).to.include({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' });
    const app = await probe.send({ method: 'GET', path: '/app/' });
    expect(app.headers['content-security-policy']).to.include("frame-ancestors 'none'");
    const key = t.keyOf('gacc-analyst');
    const listed = await probe.send({
      ...graphqlPost(key, '{ districts { code } }'),
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', origin: ALLOWED_ORIGIN },
    });
    expect(listed.headers).to.include({ 'cache-control': 'no-store', 'access-control-allow-origin': ALLOWED_ORIGIN });
    const other = await probe.send({
      ...graphqlPost(key, '{ districts { code } }'),
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', origin: 'https://evil.example' },
    });
    expect(other.headers).to.not.have.property('access-control-allow-origin');
    const preflight = await probe.send({
      method: 'OPTIONS',
      path: '/graphql',
      headers: { origin: ALLOWED_ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect([preflight.status, preflight.headers['access-control-allow-origin']]).to.deep.equal([204, ALLOWED_ORIGIN]);
  });

  describe('seeded fuzz: GraphQL, REST, EPCIS query, authentication headers', () => {
    it('10,000 cases: no answer ≥ 500, none slower than 5 s, every 4xx with a code, the ledger unchanged', async () => {
      const started = Date.now();
      const before = heights();
      const all = keys();
      const r = new Seeded(13);
      const failures: string[] = [];
      const counts: Partial<Record<Family, number>> = {};
      const CASES = 10_000;
      const CONCURRENCY = 4;
      let next = 0;
      const worker = async () => {
        while (next < CASES) {
          const i = next++;
          const { family, request } = fuzzCase(r, i, { anyKey: (s) => s.pick(all) });
          counts[family] = (counts[family] ?? 0) + 1;
          const problem = await judged(probe, request);
          if (problem) failures.push(`#${i} ${family} ${request.method} ${request.path.slice(0, 100)}: ${problem}`);
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      const kinds = [...new Set(failures.map((f) => f.replace(/^#\d+ /, '').slice(0, 60)))];
      expect(failures.slice(0, 20), `${failures.length} failures, ${kinds.length} kinds: ${kinds.slice(0, 30).join(' | ')}`).to.deep.equal(
        [],
      );
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).to.equal(CASES);
      expect(heights()).to.deep.equal(before);
      console.log(`      (fuzz: ${CASES} cases in ${Date.now() - started} ms)`);
      expect(Date.now() - started, 'the run takes under a minute').to.be.below(60_000);
    });

    it('failed authentication is throttled per address (429 with Retry-After); a good key still passes', async () => {
      let last: ProbeAnswer | undefined;
      for (let i = 0; i < 40 && last?.status !== 429; i++)
        last = await probe.send({ method: 'GET', path: '/epcis/events', headers: { authorization: 'Bearer wrong' } });
      expect(defined(last).status).to.equal(429);
      expect(Number(defined(last).headers['retry-after'])).to.be.at.least(1);
      expect(errorCodes(defined(last).body)).to.deep.equal(['RATE_LIMITED']);
      expect(
        (await probe.send({ method: 'GET', path: '/epcis/events', headers: { authorization: `Bearer ${t.keyOf('gacc-analyst')}` } }))
          .status,
      ).to.equal(200);
    });

    it('no answer of this suite (page, body or header) contains any configured API key', () => {
      expect(probe.answers.length).to.be.above(10_000);
      expect(probe.containing(keys())).to.deep.equal([]);
    });
  });
});

function graphqlPost(key: string, query: string, variables = '{}') {
  return {
    method: 'POST',
    path: '/graphql',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: `{"query": ${JSON.stringify(query)}, "variables": ${variables}}`,
  };
}

/** What the gate table says a caller gets for a container at a site: the cell of its scope when
 * it may check at the site, else FORBIDDEN. */
function expectedGateAnswer(
  row: Record<string, string>,
  caller: { org: string; subtree: Set<string> },
  site: { district: string; owner: string },
  inScope: boolean,
): string {
  const at = codeWord(row['may check at']);
  const reachable = at === 'any' || (at === 'district' && caller.subtree.has(site.district)) || (at === 'own' && site.owner === caller.org);
  return reachable ? codeWord(row[inScope ? 'container in scope' : 'container out of scope']) : 'FORBIDDEN';
}

const verifyAllowed = (rule: string, ownChannel: string | undefined, channel: string): boolean =>
  rule === 'any' || (rule === 'own' && ownChannel === channel);

const firstCode = (reply: GqlReply<unknown>): string => reply.errors?.[0]?.extensions?.code ?? 'none';

/** Whether the gate answer is the decision and reason codes and outcomes of the reference, with
 * plain messages and no seals or weights. */
function decisionOnly(gate: GateAnswer, reference: GateAnswer): boolean {
  const withheld = [gate.expectedSeals, gate.observedSeals, gate.declaredWeightKg, gate.observedWeightKg].every((v) => v === null);
  const codes = (g: GateAnswer) => JSON.stringify(g.reasons.map((x) => [x.code, x.ok]));
  const plain = gate.reasons.every((x) => !/\d/.test(x.message));
  return withheld && plain && codes(gate) === codes(reference) && gate.decision === reference.decision;
}

/** Undefined when the answer is what the table's cell says: `full` (the goods detail GACC gets),
 * `decision` (see decisionOnly) or `FORBIDDEN`; else what it was. */
function gateMismatch(expected: string, answer: GqlReply<{ gateCheck: GateAnswer }>, reference: GateAnswer): string | undefined {
  const gate = answer.data?.gateCheck;
  if (!gate) return firstCode(answer) === expected ? undefined : `error ${firstCode(answer)}`;
  if (expected === 'full') return JSON.stringify(gate) === JSON.stringify(reference) ? undefined : `not full: ${JSON.stringify(gate)}`;
  return expected === 'decision' && decisionOnly(gate, reference) ? undefined : `got ${JSON.stringify(gate)}`;
}

function districtSubtreeOf(t: TestGateway, code: string): Set<string> {
  const out = new Set([code]);
  for (let grew = true; grew;) {
    grew = false;
    for (const d of t.config.districts) {
      if (d.parent !== undefined && out.has(d.parent) && !out.has(d.code)) grew = out.add(d.code).size > 0;
    }
  }
  return out;
}

/** What is wrong with the answer to a fuzz case, or undefined. */
async function judged(probe: ProbeClient, request: Parameters<ProbeClient['send']>[0]): Promise<string | undefined> {
  let a: ProbeAnswer;
  try {
    a = await probe.send(request);
  } catch (err) {
    return err instanceof NoAnswer ? `no answer within 5 s (${err.message})` : String(err);
  }
  if (a.status >= 500) return `status ${a.status}: ${a.text.slice(0, 200)}`;
  const codes = errorCodes(a.body);
  if (a.status >= 400 && (codes.length === 0 || codes.includes(undefined))) return `${a.status} without a code: ${a.text.slice(0, 200)}`;
  if (codes.includes(undefined)) return `an error without a code: ${a.text.slice(0, 200)}`;
  return undefined;
}

/** A GET through node:http (fetch refuses some of what a probe must send). */
function rawRequest(port: number, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/graphql', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end();
  });
}
