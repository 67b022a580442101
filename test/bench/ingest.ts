import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  EmbeddedNetwork,
  EndorserThread,
  type EmbeddedChannel,
  bootstrapRegistry,
  embeddedInvoker,
  loadNetworkConfig,
  rebuildChannel,
} from '@cargotrace/network';
import { RawLevelWriter } from './level-raw';
import { SIP_WAREHOUSE, syntheticBatch } from './synthetic-events';

export interface IngestOptions {
  events: number;
  batchSize: number;
  concurrency: number;
  endorsement: 'thread' | 'in-process';
  log: (line: string) => void;
}

export interface IngestReport {
  events: number;
  ledgerMs: number;
  /** CPU time (user + system, all threads of the process) spent during the ledger phase: less
   * sensitive than wall time to other work on a shared machine. */
  ledgerCpuMs: number;
  eventsPerSecond: number;
  blocks: number;
  stateWrites: number;
  rawMs: number;
  /** CPU time (all threads) during the raw writes. */
  rawCpuMs: number;
  rawEventsPerSecond: number;
  /** ledger time / raw level time for the same key/value set: the goal is ≤ 2. */
  ratio: number;
  rssMiB: { afterWarmup: number; max: number; end: number; samples: number[] };
  /** V8 heap in use and memory outside it (Buffers, ArrayBuffers) at the same samples: tells JS
   * growth from native (LevelDB, allocator) growth. */
  heapMiB: { afterWarmup: number; max: number; end: number };
  /** V8 heap reserved from the system (what RSS sees of the heap). */
  heapTotalMiB: { afterWarmup: number; max: number; end: number };
  externalMiB: { afterWarmup: number; max: number; end: number };
  /** V8 heap of the endorsing thread (used, reserved); absent with in-process endorsement. */
  endorserHeapMiB?: {
    used: { afterWarmup: number; max: number; end: number };
    reserved: { afterWarmup: number; max: number; end: number };
  };
  /** RSS split as Linux reports it (/proc/self/status): anonymous (the process's own memory) and
   * file-backed (pages of mapped files — LevelDB maps its table files for reading — which the
   * kernel can drop at any time). Absent off Linux. */
  rssAnonMiB?: { afterWarmup: number; max: number; end: number };
  rssFileMiB?: { afterWarmup: number; max: number; end: number };
  /** The channel's index rebuilt from its block file after the ingest (the operator's `ledger
   * rebuild`), and verified: the goal is ≤ 2 minutes for 1,000,000 events. */
  rebuild: { ms: number; cpuMs: number; blocks: number; verifyMs: number; verifiedOk: boolean };
}

function rssSplitMiB(): { anon: number; file: number } | undefined {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = (name: string) => Number(status.match(new RegExp(`${name}:\\s+(\\d+) kB`))?.[1]);
    const anon = kb('RssAnon');
    const file = kb('RssFile') + kb('RssShmem');
    return Number.isFinite(anon) && Number.isFinite(file) ? { anon: anon / 1024, file: file / 1024 } : undefined;
  } catch {
    return undefined;
  }
}

function figures(samples: number[], warm: number): { afterWarmup: number; max: number; end: number } {
  return { afterWarmup: samples[warm], max: Math.max(...samples.slice(warm)), end: samples[samples.length - 1] };
}

/** The state writes of the valid transactions of blocks firstBlock.. written into raw level, one
 * sync batch per block, into one database kept open throughout. */
async function rawBaseline(
  channel: EmbeddedChannel,
  firstBlock: number,
  dir: string,
): Promise<{ rawMs: number; rawCpuMs: number; stateWrites: number }> {
  let rawMs = 0;
  let rawCpuMs = 0;
  let stateWrites = 0;
  const raw = await RawLevelWriter.open(dir);
  try {
    for (let n = firstBlock; n < channel.height(); n++) {
      const block = await channel.getBlock(n);
      const entries: Array<[string, Buffer]> = [];
      for (const tx of block.transactions) {
        if (tx.validationCode !== 'VALID') continue;
        for (const w of tx.rwset.writes) if (!w.isDelete && w.value) entries.push([w.key, w.value]);
      }
      if (entries.length === 0) continue;
      stateWrites += entries.length;
      const r = await raw.write(entries);
      rawMs += r.ms;
      rawCpuMs += r.cpuMs;
    }
  } finally {
    await raw.close();
  }
  return { rawMs, rawCpuMs, stateWrites };
}

/** Memory samples (MiB) taken during the run: process, V8 heap, the RSS split when /proc has it,
 * and the endorsing thread's heap when it endorses. */
function memorySampler(endorsement: IngestOptions['endorsement']) {
  const series = {
    rss: [] as number[],
    heap: [] as number[],
    heapTotal: [] as number[],
    external: [] as number[],
    anon: [] as number[],
    file: [] as number[],
    endorserUsed: [] as number[],
    endorserReserved: [] as number[],
  };
  const sample = async () => {
    const m = process.memoryUsage();
    series.rss.push(m.rss / 2 ** 20);
    series.heap.push(m.heapUsed / 2 ** 20);
    series.heapTotal.push(m.heapTotal / 2 ** 20);
    series.external.push(m.external / 2 ** 20);
    const split = rssSplitMiB();
    if (split) {
      series.anon.push(split.anon);
      series.file.push(split.file);
    }
    const endorser = endorsement === 'thread' ? await EndorserThread.shared().heap() : undefined;
    if (endorser) {
      series.endorserUsed.push(endorser.usedBytes / 2 ** 20);
      series.endorserReserved.push(endorser.totalBytes / 2 ** 20);
    }
  };
  return { ...series, sample };
}

function memoryFigures(m: ReturnType<typeof memorySampler>, warm: number) {
  return {
    rssMiB: { ...figures(m.rss, warm), samples: m.rss },
    heapMiB: figures(m.heap, warm),
    heapTotalMiB: figures(m.heapTotal, warm),
    externalMiB: figures(m.external, warm),
    ...(m.anon.length === m.rss.length ? { rssAnonMiB: figures(m.anon, warm), rssFileMiB: figures(m.file, warm) } : {}),
    ...(m.endorserUsed.length === m.rss.length
      ? { endorserHeapMiB: { used: figures(m.endorserUsed, warm), reserved: figures(m.endorserReserved, warm) } }
      : {}),
  };
}

/** The demo network's embedded ledger with the real chaincode and its registry bootstrapped. */
async function openLedger(dataDir: string, endorsement: IngestOptions['endorsement']): Promise<EmbeddedNetwork> {
  const config = loadNetworkConfig();
  const net = await EmbeddedNetwork.open({
    dataDir,
    config,
    chaincodeDir: path.dirname(require.resolve('@cargotrace/chaincode/package.json')),
    endorsement,
  });
  try {
    await bootstrapRegistry(embeddedInvoker(net), config);
  } catch (err) {
    await net.close();
    throw err;
  }
  return net;
}

/** Ingestion on the embedded ledger through the real chaincode (validation, authorisation,
 * indexes, goods state, MVCC, blocks), then the same state key/value set written straight into a
 * fresh `level` store, one sync batch per ledger block, in the same process and run. */
export async function benchIngest(opts: IngestOptions): Promise<IngestReport> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cargotrace-bench-'));
  try {
    const ingested = await ingestAndBaseline(opts, dir);
    opts.log('  rebuilding the channel index from its block file');
    return { ...ingested, rebuild: await rebuildFigures(path.join(dir, 'ledger', 'ledgers', SIP_WAREHOUSE.channel)) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function rebuildFigures(channelDir: string): Promise<IngestReport['rebuild']> {
  const started = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  let verifyStarted = 0n;
  const result = await rebuildChannel(channelDir, {
    onVerify: () => {
      verifyStarted ||= process.hrtime.bigint();
    },
  });
  const ended = process.hrtime.bigint();
  const cpu = process.cpuUsage(cpuStart);
  const verifyMs = verifyStarted ? Number(ended - verifyStarted) / 1e6 : 0;
  return {
    ms: Number(ended - started) / 1e6 - verifyMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    blocks: result.recovery.applied,
    verifyMs,
    verifiedOk: result.verify.ok,
  };
}

async function ingestAndBaseline(opts: IngestOptions, dir: string): Promise<Omit<IngestReport, 'rebuild'>> {
  const net = await openLedger(path.join(dir, 'ledger'), opts.endorsement);
  try {
    const channel = net.channel(SIP_WAREHOUSE.channel);
    const id = net.identity(SIP_WAREHOUSE.userId);
    const firstBlock = channel.height();
    const batches = Math.ceil(opts.events / opts.batchSize);
    const baseMs = Date.UTC(2026, 0, 1);
    const memory = memorySampler(opts.endorsement);
    const sample = memory.sample;
    let next = 0;
    let doneEvents = 0;
    let lastReported = 0;
    const started = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    const worker = async () => {
      while (next < batches) {
        const b = next++;
        const size = Math.min(opts.batchSize, opts.events - b * opts.batchSize);
        const events = syntheticBatch(b, size, baseMs);
        await channel.submit(id, 'custody:appendEvents', [JSON.stringify(events)]);
        doneEvents += size;
        if (b % 10 === 0) await sample();
        if (doneEvents - lastReported >= opts.events / 10) {
          lastReported = doneEvents;
          opts.log(`  ingested ${doneEvents.toLocaleString('en')} / ${opts.events.toLocaleString('en')} events`);
        }
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency }, worker));
    const ledgerMs = Number(process.hrtime.bigint() - started) / 1e6;
    const cpu = process.cpuUsage(cpuStart);
    const ledgerCpuMs = (cpu.user + cpu.system) / 1000;
    await sample();

    opts.log('  baseline: the same state writes into raw level, one sync batch per block');
    const { rawMs, rawCpuMs, stateWrites } = await rawBaseline(channel, firstBlock, path.join(dir, 'raw'));
    const warm = Math.min(memory.rss.length - 1, Math.floor(memory.rss.length / 10));
    return {
      events: doneEvents,
      ledgerMs,
      ledgerCpuMs,
      eventsPerSecond: doneEvents / (ledgerMs / 1000),
      blocks: channel.height() - firstBlock,
      stateWrites,
      rawMs,
      rawCpuMs,
      rawEventsPerSecond: doneEvents / (rawMs / 1000),
      ratio: ledgerMs / rawMs,
      ...memoryFigures(memory, warm),
    };
  } finally {
    await net.close();
  }
}
