import { expect } from 'chai';
import { loadNetworkConfig } from '@cargotrace/network';
import { FabricBackend, LedgerAccessDeniedError, type LedgerChaincodeEvent } from '@cargotrace/gateway/ledger';
import { demoFlow } from '@cargotrace/gateway/demo';
import { iso6346CheckDigit } from '@cargotrace/model';
import { defined } from '../support/defined';
import { fabricManifest, runTag, SKIP_MESSAGE } from './support';

describe('Fabric ledger backend (real Hyperledger Fabric 2.5 network)', function () {
  this.timeout(180_000);
  let backend: FabricBackend;
  /** the backend once opened (the suite skips without a network) */
  let opened: FabricBackend | undefined;
  const events: LedgerChaincodeEvent[] = [];
  const tag = runTag();
  const config = loadNetworkConfig();

  before(async function () {
    const manifest = fabricManifest();
    if (!manifest) {
      console.log(SKIP_MESSAGE);
      this.skip();
    }
    backend = await FabricBackend.open(manifest);
    opened = backend;
    backend.onChaincodeEvent((e) => events.push(e));
  });

  after(async () => {
    if (opened) await opened.close();
  });

  const template = defined(
    demoFlow(new Date()).find((x) => x.event.kind === 'ARRIVED' && x.event.district === '2248'),
    'an arrival in district 2248 in the demo flow',
  );
  // A container of its own, so that these events never join the demo story's traces.
  const serial = String(Date.now() % 1_000_000).padStart(6, '0');
  const box = `TSTU${serial}${iso6346CheckDigit(`TSTU${serial}`)}`;
  const arrival = (id: string) => {
    const s = template;
    return { userId: s.userId, event: { ...s.event, id, goods: [{ type: 'container', id: box }] } };
  };

  it('has every channel registry bootstrapped with the configured organisations and districts', async () => {
    for (const ch of config.channels) {
      const reg = JSON.parse(await backend.evaluate(ch.name, 'gateway-service', 'registry:getRegistry', [])) as {
        organisations: unknown[];
        districts: unknown[];
      };
      expect(reg.organisations.length, ch.name).to.be.greaterThan(1);
      expect(reg.districts.length, ch.name).to.be.greaterThan(0);
    }
  });

  it('submits, answers after commit with the block number, and delivers one chaincode event with the block hash', async () => {
    const a = arrival(`fab-${tag}-1`);
    const h0 = backend.height('district-2200');
    const r = await backend.submit('district-2200', a.userId, 'custody:appendEvents', [JSON.stringify([a.event])]);
    expect(appendResults(r.payload)).to.deep.equal([{ id: a.event.id, status: 'accepted' }]);
    expect(r.blockNumber).to.be.at.least(h0);
    const proof = defined(await backend.transactionProof('district-2200', r.txId), 'the transaction proof');
    expect(proof).to.include({ channel: 'district-2200', txId: r.txId, blockNumber: r.blockNumber, validationCode: 'VALID' });
    expect(proof.blockHash).to.match(/^[0-9a-f]{64}$/);
    for (let i = 0; i < 50 && !events.some((e) => e.txId === r.txId); i++) await new Promise((res) => setTimeout(res, 100));
    const mine = events.filter((e) => e.txId === r.txId);
    expect(mine).to.have.length(1);
    expect(mine[0]).to.include({
      channel: 'district-2200',
      eventName: 'CustodyEventsAppended',
      blockNumber: r.blockNumber,
      blockHash: proof.blockHash,
    });
    const payload = JSON.parse(mine[0].payload) as { events: { id: string }[] };
    expect(payload.events.map((e) => e.id)).to.deep.equal([a.event.id]);
    expect(backend.height('district-2200')).to.be.greaterThan(r.blockNumber);
  });

  it('records the caller as Fabric sees it: MSP id and the role/district attributes of the enrolment certificate', async () => {
    const a = arrival(`fab-${tag}-2`);
    await backend.submit('district-2200', a.userId, 'custody:appendEvents', [JSON.stringify([a.event])]);
    const rec = JSON.parse(await backend.evaluate('district-2200', 'gacc-analyst', 'custody:getEvent', [a.event.id])) as {
      recordedBy: unknown;
    };
    const user = defined(
      config.users.find((u) => u.id === a.userId),
      `user ${a.userId}`,
    );
    expect(rec.recordedBy).to.include({ mspId: user.org, role: user.role, district: user.district });
  });

  it('is idempotent: re-sending is a duplicate and emits no chaincode event', async () => {
    const a = arrival(`fab-${tag}-1`);
    const r = await backend.submit('district-2200', a.userId, 'custody:appendEvents', [JSON.stringify([a.event])]);
    expect(appendResults(r.payload)).to.deep.equal([{ id: a.event.id, status: 'duplicate' }]);
    await new Promise((res) => setTimeout(res, 500));
    expect(events.filter((e) => e.txId === r.txId)).to.deep.equal([]);
  });

  it('rejects malformed input with the chaincode JSON error (code and path), as the embedded ledger does', async () => {
    const a = arrival(`fab-${tag}-3`);
    const bad = { ...a.event, goods: [{ type: 'container', id: 'NOT-A-CONTAINER' }] };
    try {
      await backend.submit('district-2200', a.userId, 'custody:appendEvents', [JSON.stringify([bad])]);
      expect.fail('should have been rejected');
    } catch (err) {
      const body = JSON.parse((err as Error).message) as { code: unknown; path: unknown };
      expect(body.code).to.be.oneOf(['VALIDATION_FAILED', 'INVALID_CONTAINER_NUMBER']);
      expect(body.path).to.match(/^\/0\/goods\/0/);
    }
  });

  it('refuses a caller whose organisation is not a member of the channel (LedgerAccessDeniedError)', async () => {
    try {
      await backend.evaluate('district-2300', 'yangshan-terminal-operator', 'registry:getRegistry', []);
      expect.fail('should have been refused');
    } catch (err) {
      expect(err).to.be.instanceOf(LedgerAccessDeniedError);
    }
  });

  it('retries MVCC read conflicts: concurrent submits touching the same goods all commit', async () => {
    const subs = [4, 5, 6, 7].map((i) => arrival(`fab-${tag}-${i}`));
    const results = await Promise.all(
      subs.map((a) => backend.submit('district-2200', a.userId, 'custody:appendEvents', [JSON.stringify([a.event])])),
    );
    for (const [i, r] of results.entries()) expect(appendResults(r.payload)[0]).to.deep.equal({ id: subs[i].event.id, status: 'accepted' });
  });

  it("reads its writes through other organisations' peers: submit returns once every peer of the channel committed", async () => {
    // Evaluations go to the reader's own organisation's peer; the embedded ledger (one state)
    // never lags, so the backend waits for the commit on every peer (commitScope 'network').
    for (let i = 0; i < 5; i++) {
      const a = arrival(`fab-${tag}-r${i}`);
      await backend.submit('district-2200', a.userId, 'custody:appendEvents', [JSON.stringify([a.event])]);
      const reads = await Promise.all(
        ['gacc-analyst', 'shanghai-officer'].map((u) => backend.evaluate('district-2200', u, 'custody:getEvent', [a.event.id])),
      );
      for (const r of reads) expect((JSON.parse(r) as { event: { id: string } }).event.id).to.equal(a.event.id);
    }
  });

  it('verifies the hash chain of a channel through qscc', async () => {
    const v = await backend.verify('district-2200');
    expect(v).to.include({ channel: 'district-2200', ok: true });
    expect(v.height).to.be.greaterThan(3);
  });
});

/** The per-event results of `custody:appendEvents`. */
function appendResults(payload: string): unknown[] {
  return (JSON.parse(payload) as { results: unknown[] }).results;
}
