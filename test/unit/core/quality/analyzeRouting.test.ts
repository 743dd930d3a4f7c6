import assert from 'node:assert/strict';
import type { CallOutcome, LedgerRecord, TrialArm } from '../../../../src/core/ledger/record';
import { DEFAULT_MODELS, DEFAULT_ROUTES, type ModelId } from '../../../../src/core/models/modelTable';
import type { TaskKind } from '../../../../src/core/models/tasks';
import { analyzeRouting } from '../../../../src/core/quality/analyzeRouting';
import type { QualityParameters } from '../../../../src/core/quality/qualityParameters';
import type { RoutingAnalysis, TaskAdvice } from '../../../../src/core/quality/routingAnalysis';
import { worseBy } from '../../../../src/core/quality/routingAdvice';
import type { QualitySignal, SignalName } from '../../../../src/core/quality/signal';
import { makeRecord } from '../ledger/fixtures';

const NOW = new Date('2026-03-20T12:00:00Z');
const DAY = 86_400_000;
const HAIKU = 'claude-haiku-4-5'; // explain's route
const MINI = 'gpt-5.4-mini';
const NOT_RANDOMISED = ' (not randomised: start a routing trial for a fair comparison)';

let serial = 0;

interface CallSpec {
  readonly model: ModelId;
  readonly task?: TaskKind;
  readonly cost?: number;
  readonly outcome?: CallOutcome;
  readonly arm?: TrialArm;
  readonly daysAgo?: number;
  readonly latencyMs?: number;
  readonly firstTokenMs?: number;
  readonly batch?: boolean;
}

/** `count` explain calls (unless said otherwise) a day ago at $0.001 each. */
function calls(count: number, spec: CallSpec): LedgerRecord[] {
  return Array.from({ length: count }, () =>
    makeRecord({
      id: `r${++serial}`,
      time: new Date(NOW.getTime() - (spec.daysAgo ?? 1) * DAY).toISOString(),
      task: spec.task ?? 'explain',
      model: spec.model,
      provider: DEFAULT_MODELS[spec.model].provider,
      costMicroUsd: spec.cost ?? 1000,
      outcome: spec.outcome ?? 'ok',
      batch: spec.batch ?? false,
      latencyMs: spec.latencyMs ?? 100,
      ...(spec.firstTokenMs === undefined ? {} : { firstTokenMs: spec.firstTokenMs }),
      ...(spec.arm === undefined ? {} : { trial: { id: 'trial-1', arm: spec.arm, seed: 7 } }),
    }),
  );
}

function signal(call: LedgerRecord, name: SignalName, extra: { value?: number; item?: number } = {}): QualitySignal {
  return { v: 1, id: `s${++serial}`, time: new Date(NOW.getTime() - DAY / 2).toISOString(), call: call.id, name, ...extra };
}

/** The first `up` calls rated 👍, the rest 👎. */
function rated(records: readonly LedgerRecord[], up: number): QualitySignal[] {
  return records.map((r, i) => signal(r, i < up ? 'thumbsUp' : 'thumbsDown'));
}

function analyze(records: readonly LedgerRecord[], signals: readonly QualitySignal[], parameters?: Partial<QualityParameters>): RoutingAnalysis {
  return analyzeRouting(records, signals, { routes: DEFAULT_ROUTES, models: DEFAULT_MODELS, now: NOW, ...(parameters ? { parameters } : {}) });
}

function adviceOf(analysis: RoutingAnalysis, task: TaskKind): TaskAdvice {
  const advice = analysis.advice.find((a) => a.task === task);
  assert.ok(advice, `advice for ${task}`);
  return advice;
}

describe('analyzeRouting: the cells', () => {
  it('one per task × model, tasks in order, the current model first, batch calls left out', () => {
    const records = [
      ...calls(5, { model: MINI }),
      ...calls(2, { model: HAIKU }),
      ...calls(3, { model: MINI, task: 'completion' }),
      ...calls(4, { model: HAIKU, batch: true }),
    ];
    const cells = analyze(records, []).cells;
    assert.deepEqual(cells.map((c) => [c.task, c.model, c.calls]), [['completion', MINI, 3], ['explain', HAIKU, 2], ['explain', MINI, 5]]);
    assert.deepEqual(analyze(records, []).advice.map((a) => a.task), ['completion', 'explain']);
  });

  it('cost and tokens per call over every call (a failed one costs nothing); latency over the answered ones', () => {
    const answered = calls(3, { model: HAIKU, cost: 1200, latencyMs: 900, firstTokenMs: 300 });
    const records = [
      ...answered.map((r, i) => ({ ...r, latencyMs: [900, 400, 2000][i], usage: { ...r.usage, input: 100 * (i + 1), cacheRead: 50, output: 30 } })),
      ...calls(1, { model: HAIKU, cost: 0, outcome: 'error', latencyMs: 30_000 }),
      ...calls(1, { model: HAIKU, cost: 400, outcome: 'cancelled', latencyMs: 50, firstTokenMs: 40 }),
    ];
    const [cell] = analyze(records, []).cells;
    assert.equal(cell.calls, 5);
    assert.equal(cell.costPerCallMicroUsd, (3 * 1200 + 0 + 400) / 5);
    assert.equal(cell.inputTokensPerCall, (150 + 250 + 350) / 5); // prompt tokens: input + cache reads
    assert.equal(cell.outputTokensPerCall, 90 / 5);
    assert.deepEqual([cell.latencyP50Ms, cell.latencyP95Ms], [900, 2000]);
    assert.equal(cell.firstTokenP50Ms, 300); // of 40, 300, 300, 300
    assert.equal(analyze(calls(2, { model: MINI }), []).cells[0].firstTokenP50Ms, undefined);
  });

  it('counts a repair with the call it repairs: its cost, tokens and wait, not a call of its own or monthly volume', () => {
    const [first, other] = calls(2, { model: MINI, task: 'generateSql', cost: 1000, latencyMs: 800 });
    const [repair] = calls(1, { model: MINI, task: 'generateSql', cost: 1500, latencyMs: 700 });
    const records = [{ ...first, usage: { ...first.usage, output: 40 } }, other, { ...repair, repairOf: first.id, usage: { ...repair.usage, output: 60 } }];
    const [cell] = analyze(records, [signal(first, 'validRepaired'), signal(other, 'validFirst')]).cells;
    assert.equal(cell.calls, 2);
    assert.equal(cell.costPerCallMicroUsd, (1000 + 1500 + 1000) / 2);
    assert.equal(cell.outputTokensPerCall, (40 + 60 + other.usage.output) / 2);
    assert.equal(cell.latencyP95Ms, 800 + 700, 'the user waited for both');
    assert.deepEqual(cell.metrics.find((m) => m.metric === 'validFirst')?.n, 2);
  });

  it('advises against the model whose answers need repairs when that makes it the dearer one per answer', () => {
    // Haiku $0.001 a call but every answer repaired once ($0.002 an answer), GPT-5.4 Mini $0.0015; all rated 👍.
    const haiku = calls(300, { model: HAIKU, arm: 'routed' });
    const repairs = haiku.map((r, i) => ({ ...calls(1, { model: HAIKU })[0], id: `repair-${i}`, repairOf: r.id }));
    const mini = calls(300, { model: MINI, arm: 'trial', cost: 1500 });
    const advice = adviceOf(analyze([...haiku, ...repairs, ...mini], [...rated(haiku, 300), ...rated(mini, 300)]), 'explain');
    assert.equal(advice.kind, 'switch');
    // 600 answers (not 900 calls) in a day → 18,000 a month × $0.0005 saved per answer.
    assert.equal(advice.kind === 'switch' && advice.monthlySavingMicroUsd, 9_000_000);
  });

  it('quality over answered calls; signals of calls not in the records ignored; nothing observed → [0, 1]', () => {
    const ok = calls(4, { model: HAIKU });
    const failed = calls(1, { model: HAIKU, outcome: 'error' });
    const stray = { ...signal(ok[0], 'thumbsDown'), call: 'not-in-the-ledger' };
    const signals = [...rated(ok, 3), signal(failed[0], 'thumbsDown'), stray];
    const [metric] = analyze([...ok, ...failed], signals).cells[0].metrics;
    assert.deepEqual([metric.metric, metric.kind, metric.n, metric.estimate], ['thumbsUp', 'rate', 4, 0.75]);
    assert.ok(metric.ci.low > 0.19 && metric.ci.high < 0.96);
    const [unrated] = analyze(ok, []).cells[0].metrics;
    assert.deepEqual([unrated.n, unrated.estimate, unrated.ci], [0, 0, { low: 0, high: 1 }]);
  });

  it('gives every measure of the task with its direction, and the same bootstrap intervals on every build', () => {
    const records = calls(20, { model: MINI, task: 'completion' });
    const signals = records.flatMap((r, i) => [signal(r, 'accepted'), signal(r, 'survival30s', { value: (i % 10) / 10 })]);
    const first = analyze(records, signals);
    assert.deepEqual(first.cells[0].metrics.map((m) => [m.metric, m.kind, m.higherIsBetter, m.n]), [
      ['accepted', 'rate', true, 20],
      ['survival30s', 'mean', true, 20],
      ['survival5m', 'mean', true, 0],
    ]);
    const survival = first.cells[0].metrics[1];
    assert.ok(Math.abs(survival.estimate - 0.45) < 1e-12 && survival.ci.low < 0.45 && survival.ci.high > 0.45);
    assert.deepEqual(analyze(records, signals), first);
  });
});

describe('analyzeRouting: the advice', () => {
  it('makes no recommendation below the minimum and says how many more each side needs', () => {
    const haiku = calls(18, { model: HAIKU });
    const mini = calls(30, { model: MINI, cost: 500 });
    const advice = adviceOf(analyze([...haiku, ...mini], [...rated(haiku, 18), ...rated(mini.slice(0, 15), 15)]), 'explain');
    assert.equal(advice.kind, 'not-enough');
    assert.deepEqual(advice.needs, [
      { model: HAIKU, calls: 12, observations: 2 },
      { model: MINI, calls: 0, observations: 5 },
    ]);
    assert.equal(advice.text, `Explain: not enough to compare yet, needs 12 more calls and 2 more ratings on Claude Haiku 4.5; 5 more ratings on GPT-5.4 Mini${NOT_RANDOMISED}`);
  });

  it('asks for a whole sample on the other model when only the current one has calls', () => {
    const haiku = calls(40, { model: HAIKU });
    const advice = adviceOf(analyze(haiku, rated(haiku, 30)), 'explain');
    assert.equal(advice.kind, 'not-enough');
    assert.deepEqual(advice.needs, [{ model: MINI, calls: 30, observations: 20 }]);
    assert.equal(advice.text, `Explain: not enough to compare yet, needs 30 more calls and 20 more ratings on GPT-5.4 Mini${NOT_RANDOMISED}`);
  });

  it('switches when the other model is cheaper and not worse beyond the margin, with the monthly saving', () => {
    // A trial: 3,000 calls each way, 0.83 vs 0.81 rated 👍, $0.001 vs $0.00078 per call, over the last 10 days.
    const haiku = calls(3000, { model: HAIKU, arm: 'routed', daysAgo: 10 });
    const mini = calls(3000, { model: MINI, arm: 'trial', cost: 780, daysAgo: 2 });
    const analysis = analyze([...haiku, ...mini], [...rated(haiku, 2490), ...rated(mini, 2430)]);
    assert.equal(analysis.randomised, true);
    const advice = adviceOf(analysis, 'explain');
    assert.equal(advice.kind, 'switch');
    assert.deepEqual([advice.from, advice.to], [HAIKU, MINI]);
    assert.ok(Math.abs(advice.cheaperShare - 0.22) < 1e-12);
    assert.equal(advice.difference.metric, 'thumbsUp');
    assert.ok(Math.abs(advice.difference.estimate + 0.02) < 1e-12);
    assert.ok(advice.difference.ci.low >= -0.05 && advice.difference.ci.low < -0.02);
    // 6,000 calls in 10 days → 18,000 a month × $0.00022 saved per call.
    assert.equal(advice.monthlySavingMicroUsd, 3_960_000);
    assert.equal(advice.text, 'Explain → GPT-5.4 Mini: rated 👍 0.81 vs 0.83 (difference within ±0.05), 22% cheaper per call; about $3.96 a month less at your volume');
  });

  it('says how much worse the switch may be when the interval reaches past the margin only on the better side', () => {
    const haiku = calls(400, { model: HAIKU, arm: 'routed' });
    const mini = calls(400, { model: MINI, arm: 'trial', cost: 500 });
    const advice = adviceOf(analyze([...haiku, ...mini], [...rated(haiku, 332), ...rated(mini, 340)]), 'explain');
    assert.equal(advice.kind, 'switch');
    assert.ok(advice.difference.ci.high > 0.05);
    assert.match(advice.text, /^Explain → GPT-5\.4 Mini: rated 👍 0\.85 vs 0\.83 \(at worst 0\.03 lower\), 50% cheaper per call; about \$/);
  });

  it('keeps the current model when the cheaper one may be worse beyond the margin', () => {
    const haiku = calls(100, { model: HAIKU });
    const mini = calls(100, { model: MINI, cost: 780 });
    const advice = adviceOf(analyze([...haiku, ...mini], [...rated(haiku, 83), ...rated(mini, 80)]), 'explain');
    assert.equal(advice.kind, 'keep');
    assert.ok(advice.difference && advice.difference.ci.low < -0.05);
    const worse = (-advice.difference.ci.low).toFixed(2);
    assert.equal(worse, '0.14');
    assert.equal(
      advice.text,
      `Explain: keep Claude Haiku 4.5, GPT-5.4 Mini is 22% cheaper per call but its rated 👍 may be worse by up to ${worse} (0.80 vs 0.83; margin 0.05)${NOT_RANDOMISED}`,
    );
  });

  it('keeps the current model when the other is better but not cheaper', () => {
    const haiku = calls(100, { model: HAIKU });
    const mini = calls(100, { model: MINI, cost: 1200 });
    const advice = adviceOf(analyze([...haiku, ...mini], [...rated(haiku, 83), ...rated(mini, 95)]), 'explain');
    assert.equal(advice.kind, 'keep');
    assert.ok(advice.difference && advice.difference.ci.low > 0);
    assert.equal(advice.text, `Explain: keep Claude Haiku 4.5, GPT-5.4 Mini costs 20% more per call (rated 👍 0.95 vs 0.83)${NOT_RANDOMISED}`);
  });

  it('compares only the calls a trial assigned where a task has them, and all calls elsewhere', () => {
    const routed = calls(40, { model: HAIKU, arm: 'routed' });
    const trial = calls(40, { model: MINI, arm: 'trial', cost: 500 });
    // Before the trial, Mini got the hard questions and did badly: the trial's draw is what counts.
    const before = calls(200, { model: MINI, cost: 500, daysAgo: 20 });
    const completions = calls(5, { model: MINI, task: 'completion' });
    const signals = [...rated(routed, 30), ...rated(trial, 30), ...rated(before, 0)];
    const analysis = analyze([...routed, ...trial, ...before, ...completions], signals, { minimumCalls: 5, minimumObservations: 5, margin: 0.25 });
    const explain = analysis.cells.filter((c) => c.task === 'explain');
    assert.deepEqual(explain.map((c) => [c.model, c.calls, c.routedCalls, c.trialCalls, c.metrics[0].estimate]), [
      [HAIKU, 40, 40, 0, 0.75],
      [MINI, 40, 0, 40, 0.75],
    ]);
    assert.equal(adviceOf(analysis, 'explain').kind, 'switch');
    assert.ok(!adviceOf(analysis, 'explain').text.includes('not randomised'));
    assert.ok(adviceOf(analysis, 'completion').text.endsWith(NOT_RANDOMISED));
    assert.equal(analysis.cells.find((c) => c.task === 'completion')?.calls, 5);
    // Completions were not part of a trial, so not every cell is randomised.
    assert.equal(analysis.randomised, false);
    assert.equal(analyze([...routed, ...trial, ...before], signals).randomised, true);
  });

  it('works out the monthly volume from the last 30 days, scaled up from fewer days, at least one', () => {
    const loose = { minimumCalls: 1, minimumObservations: 1, margin: 1 };
    const saving = (records: readonly LedgerRecord[]): number => {
      const rateAll = records.filter((r) => r.task === 'explain' && !r.batch);
      const advice = adviceOf(analyze(records, rated(rateAll, rateAll.length), loose), 'explain');
      assert.equal(advice.kind, 'switch');
      return advice.monthlySavingMicroUsd;
    };
    const recent = [...calls(10, { model: HAIKU, daysAgo: 5 }), ...calls(10, { model: MINI, cost: 600, daysAgo: 5 })];
    // 20 calls over 5 days → 120 a month × $0.0004 saved per call.
    assert.equal(saving(recent), 48_000);
    // Calls older than 30 days and batch calls are not part of the volume.
    assert.equal(saving([...recent, ...calls(7, { model: HAIKU, daysAgo: 40 }), ...calls(3, { model: HAIKU, daysAgo: 5, batch: true })]), 48_000);
    // Another task's call 10 days ago shows the ledger covers 10 days: 20 calls → 60 a month.
    assert.equal(saving([...recent, ...calls(1, { model: MINI, task: 'completion', daysAgo: 10 })]), 24_000);
    // A ledger of the last hour counts as one day: 20 calls → 600 a month.
    const lastHour = [...calls(10, { model: HAIKU, daysAgo: 0.04 }), ...calls(10, { model: MINI, cost: 600, daysAgo: 0.04 })];
    assert.equal(saving(lastHour), 240_000);
  });

  it('reads the worse end of the interval the other way for a measure where less is better', () => {
    // other − current of findings dismissed: the high end is where the other model is worse.
    assert.equal(worseBy({ low: -0.2, high: 0.03 }, false), 0.03);
    assert.equal(worseBy({ low: -0.03, high: 0.2 }, false), 0.2);
    assert.equal(worseBy({ low: -0.03, high: 0.2 }, true), 0.03);
    assert.equal(worseBy({ low: 0.01, high: 0.2 }, true), 0);
  });

  it('keeps the route when the catalog has no other model, and shows the rule it applied', () => {
    const haiku = calls(40, { model: HAIKU });
    const analysis = analyzeRouting(haiku, rated(haiku, 40), { routes: DEFAULT_ROUTES, models: { [HAIKU]: DEFAULT_MODELS[HAIKU] }, now: NOW });
    assert.deepEqual(adviceOf(analysis, 'explain'), { kind: 'keep', task: 'explain', model: HAIKU, text: 'Explain: keep Claude Haiku 4.5, no other model to compare with' });
    assert.deepEqual(analysis.rule, { minimumCalls: 30, minimumObservations: 20, margin: 0.05 });
  });
});
