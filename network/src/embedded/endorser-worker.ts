import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { loadChaincode, type LoadedChaincode } from './chaincode-host';
import type { EndorserReply, EndorserRequest } from './endorser-protocol';
import { simulate } from './simulate';
import { packSimulation } from './simulation-message';
import { ChannelStore } from './store';

/** The endorsing thread: runs the chaincode of submitted proposals against the channel stores,
 * which it opens on the same LevelDB instances as the committing thread (classic-level's
 * multithreading). Like Fabric's chaincode container, it never writes the ledger. */
if (!parentPort) throw new Error('endorser-worker must run as a worker thread');
const port = parentPort;

const chaincodes = new Map<string, Promise<LoadedChaincode>>();
const stores = new Map<string, Promise<ChannelStore>>();
/** Simulations running per store, so that a close waits for them. */
const running = new Map<string, Set<Promise<unknown>>>();

function chaincodeAt(dir: string): Promise<LoadedChaincode> {
  let c = chaincodes.get(dir);
  if (!c) {
    c = loadChaincode(dir);
    chaincodes.set(dir, c);
    c.catch(() => chaincodes.delete(dir));
  }
  return c;
}

function storeAt(dir: string): Promise<ChannelStore> {
  let s = stores.get(dir);
  if (!s) {
    s = ChannelStore.openReader(dir);
    stores.set(dir, s);
    s.catch(() => stores.delete(dir));
  }
  return s;
}

async function closeStore(dir: string): Promise<void> {
  const store = stores.get(dir);
  if (!store) return;
  stores.delete(dir);
  await Promise.allSettled([...(running.get(dir) ?? [])]);
  running.delete(dir);
  await (await store).close();
}

function reply(r: EndorserReply, transfer: ArrayBuffer[] = []): void {
  port.postMessage(r, transfer);
}

port.on('message', (req: EndorserRequest) => {
  if (req.type === 'heap') {
    const h = getHeapStatistics();
    reply({ id: req.id, ok: true, heap: { usedBytes: h.used_heap_size, totalBytes: h.total_heap_size } });
    return;
  }
  if (req.type === 'close') {
    closeStore(req.storeDir).then(
      () => reply({ id: req.id, ok: true }),
      (err: unknown) => reply({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
    );
    return;
  }
  const work = (async () => {
    const [store, chaincode] = await Promise.all([storeAt(req.storeDir), chaincodeAt(req.chaincodeDir)]);
    return simulate(store, chaincode, req.proposal);
  })();
  let set = running.get(req.storeDir);
  if (!set) running.set(req.storeDir, (set = new Set()));
  set.add(work);
  work
    .then(
      (simulation) => {
        const { message, transfer } = packSimulation(simulation);
        reply({ id: req.id, ok: true, simulation: message }, transfer);
      },
      (err: unknown) => reply({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
    )
    .finally(() => set.delete(work));
});
