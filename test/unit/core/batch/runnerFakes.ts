// In-memory stand-ins for the batch runner's ports: a store, a provider's batch, the ledger, timers.
import type { BatchJob, JobItemOutcome, JobKind } from '../../../../src/core/batch/job';
import type { ObservedStatus } from '../../../../src/core/batch/jobState';
import { BatchRunner, type RunnerDeps } from '../../../../src/core/batch/runner';
import type { BatchJobClient, BatchJobStore, BatchLedger, BatchResult, Lander, LandingItem, Timers } from '../../../../src/core/batch/runnerPorts';
import type { LedgerRecord } from '../../../../src/core/ledger/record';
import { DEFAULT_MODELS } from '../../../../src/core/models/modelTable';
import { ZERO_USAGE } from '../../../../src/core/usage/usage';
import { counts } from './fixtures';

/** The workspace's job list; `failPut` makes the next puts that match it throw (storage refused, window gone). */
export class FakeStore implements BatchJobStore {
  readonly jobs = new Map<string, BatchJob>();
  failPut?: (job: BatchJob) => boolean;
  puts = 0;

  constructor(...jobs: BatchJob[]) {
    for (const job of jobs) this.jobs.set(job.id, job);
  }

  all(): BatchJob[] {
    return [...this.jobs.values()];
  }

  get(id: string): BatchJob | undefined {
    return this.jobs.get(id);
  }

  async put(job: BatchJob): Promise<void> {
    await Promise.resolve();
    if (this.failPut?.(job)) throw new Error('the workspace storage refused the write');
    this.puts++;
    this.jobs.set(job.id, job);
  }
}

/** A provider's batch: its status as set, its results, and every call made to it. */
export class FakeBatch implements BatchJobClient {
  status_: ObservedStatus = { phase: 'running', counts: counts({}) };
  results_: BatchResult[] = [];
  readonly calls: string[] = [];
  /** Makes the next call throw (offline). */
  failNext = false;
  /** Makes every call throw until set back (the provider down for a while). */
  failing = false;
  /** Makes deleteAtProvider throw. */
  failDelete = false;

  async status(batchId: string): Promise<ObservedStatus> {
    return this.answer(`status ${batchId}`, this.status_);
  }

  async results(batchId: string): Promise<BatchResult[]> {
    return this.answer(`results ${batchId}`, this.results_);
  }

  async cancel(batchId: string): Promise<ObservedStatus> {
    this.status_ = { ...this.status_, phase: 'cancelling' };
    return this.answer(`cancel ${batchId}`, this.status_);
  }

  async deleteAtProvider(batchId: string): Promise<void> {
    await this.answer(`delete ${batchId}`, undefined);
    if (this.failDelete) throw new Error('403 the key may not delete files');
  }

  private async answer<T>(call: string, value: T): Promise<T> {
    this.calls.push(call);
    // A network round trip: other polls run meanwhile.
    await new Promise((r) => setImmediate(r));
    if (this.failNext || this.failing) {
      this.failNext = false;
      throw new Error('connect ECONNREFUSED');
    }
    return value;
  }
}

/** The ledger shared by every window: one record per id, as the ledger's contract says. */
export class FakeLedger implements BatchLedger {
  readonly records: LedgerRecord[] = [];
  offered = 0;

  async recordOnce(record: LedgerRecord): Promise<boolean> {
    this.offered++;
    await Promise.resolve();
    if (this.records.some((r) => r.id === record.id)) return false;
    this.records.push(record);
    return true;
  }
}

/** Timers that fire only when the test says. */
export class ManualTimers implements Timers {
  private next = 0;
  readonly pending = new Map<number, { run: () => void; delayMs: number }>();

  set(run: () => void, delayMs: number): number {
    this.pending.set(++this.next, { run, delayMs });
    return this.next;
  }

  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** The delays of the timers now set. */
  delays(): number[] {
    return [...this.pending.values()].map((t) => t.delayMs);
  }

  /** Fires every timer now set, as if their time had come. */
  fireAll(): void {
    const due = [...this.pending.values()];
    this.pending.clear();
    for (const timer of due) timer.run();
  }
}

/** A lander that records what it was given and answers `succeeded`, or what `outcome` says. */
export function recordingLander(outcome?: (answer: LandingItem) => JobItemOutcome): Lander & { landings: LandingItem[][] } {
  const landings: LandingItem[][] = [];
  const lander = async (_job: BatchJob, answers: readonly LandingItem[]): Promise<JobItemOutcome[]> => {
    landings.push([...answers]);
    return answers.map((a) => outcome?.(a) ?? { customId: a.item.customId, kind: 'succeeded' });
  };
  return Object.assign(lander, { landings });
}

export function succeeded(customId: string, input = 1_000, output = 200): BatchResult {
  return { customId, kind: 'succeeded', text: `answer for ${customId}`, usage: { ...ZERO_USAGE, input, output }, model: 'claude-haiku-4-5', requestId: `req_${customId}` };
}

export interface World {
  readonly store: FakeStore;
  readonly batch: FakeBatch;
  readonly ledger: FakeLedger;
  readonly timers: ManualTimers;
  readonly told: BatchJob[];
  /** What the user was told about polls that keep failing. */
  readonly troubles: string[];
  readonly logs: string[];
  readonly landers: Record<JobKind, ReturnType<typeof recordingLander>>;
}

export function makeWorld(...jobs: BatchJob[]): World {
  return {
    store: new FakeStore(...jobs),
    batch: new FakeBatch(),
    ledger: new FakeLedger(),
    timers: new ManualTimers(),
    told: [],
    troubles: [],
    logs: [],
    landers: { review: recordingLander(), bulkEdit: recordingLander() },
  };
}

export const NOW = new Date('2025-03-04T09:30:00.000Z');

/** A runner over the world, as one window (session) builds it; a second call is another window or a reload. */
export function runnerIn(world: World, session = 'session-1', overrides: Partial<RunnerDeps> = {}): BatchRunner {
  const log = (level: string) => (message: string) => world.logs.push(`${level} ${message}`);
  return new BatchRunner({
    store: world.store,
    client: async () => world.batch,
    landers: world.landers,
    ledger: world.ledger,
    models: () => DEFAULT_MODELS,
    sessionId: () => session,
    log: { info: log('info'), warn: log('warn'), error: log('error') },
    tell: (job) => world.told.push(job),
    tellPollTrouble: (_job, message) => world.troubles.push(message),
    now: () => NOW,
    timers: world.timers,
    ...overrides,
  });
}
