import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EndorserReply, EndorserRequest, HeapFigures } from './endorser-protocol';
import type { Simulation, SimulationRequest } from './simulate';
import { unpackSimulation } from './simulation-message';

type Request = EndorserRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;
type Ok = Extract<EndorserReply, { ok: true }>;

/** The process's endorsing thread (see endorser-worker.ts). Submitted proposals are simulated
 * there while this thread validates and commits blocks, so that the two stages use both cores.
 * Started on the first submit and shared by every embedded network of the process; it keeps the
 * process alive only while it has work in hand. */
export class EndorserThread {
  private static instance: EndorserThread | undefined;
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(r: Ok): void; reject(e: Error): void }>();

  static shared(): EndorserThread {
    return (EndorserThread.instance ??= new EndorserThread());
  }

  async simulate(storeDir: string, chaincodeDir: string, proposal: SimulationRequest): Promise<Simulation> {
    const reply = await this.call({ type: 'simulate', storeDir, chaincodeDir, proposal });
    if (!reply.simulation) throw new Error('the endorsing thread answered a simulation without its results');
    return unpackSimulation(reply.simulation);
  }

  /** Closes the thread's handle on a store; a no-op when the thread never opened it. */
  async release(storeDir: string): Promise<void> {
    if (this.worker) await this.call({ type: 'close', storeDir });
  }

  /** The thread's V8 heap; undefined while no thread runs. */
  async heap(): Promise<HeapFigures | undefined> {
    if (!this.worker) return undefined;
    return (await this.call({ type: 'heap' })).heap;
  }

  /** Requests (simulations above all) handed to the thread and not answered yet. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Stops the thread; simulations in hand fail, and the next submit starts a new thread. */
  async terminate(): Promise<void> {
    const worker = this.worker;
    if (worker) await worker.terminate();
  }

  private call(req: Request): Promise<Ok> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<Ok>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ ...req, id });
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(path.join(__dirname, 'endorser-worker.js'));
    worker.unref();
    worker.on('message', (r: EndorserReply) => this.settle(r));
    worker.on('error', (err) => this.fail(worker, err));
    worker.on('exit', (code) => this.fail(worker, new Error(`the endorsing thread stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private settle(r: EndorserReply): void {
    const p = this.pending.get(r.id);
    if (!p) return;
    this.pending.delete(r.id);
    if (this.pending.size === 0) this.worker?.unref();
    if (r.ok) p.resolve(r);
    else p.reject(new Error(r.error));
  }

  /** A thread that died fails what it had in hand; the next call starts a new one. */
  private fail(worker: Worker, err: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(err);
  }
}
