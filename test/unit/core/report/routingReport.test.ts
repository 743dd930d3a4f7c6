import assert from 'node:assert/strict';
import type { LedgerRecord } from '../../../../src/core/ledger/record';
import { DEFAULT_MODELS, DEFAULT_ROUTES } from '../../../../src/core/models/modelTable';
import type { QualitySignal } from '../../../../src/core/quality/signal';
import { buildRoutingReport, type RoutingReportInput } from '../../../../src/core/report/routingReport';
import { routingTrialLedger, TRIAL_FROM, TRIAL_TASK, TRIAL_TO } from '../../../fixtures/routingTrialLedger';
import { makeRecord } from '../ledger/fixtures';

const NOW = new Date('2026-03-20T12:00:00Z');
const trial = routingTrialLedger({ end: new Date(NOW.getTime() - 3_600_000) });
const records = trial.map((c) => c.record);
const signals: QualitySignal[] = trial.map((c, i) => ({ v: 1, id: `sig-${i}`, time: new Date(Date.parse(c.record.time) + 5_000).toISOString(), call: c.record.id, name: c.signal }));

function build(overrides: Partial<RoutingReportInput> = {}): ReturnType<typeof buildRoutingReport> {
  return buildRoutingReport({ period: '30d', records, signals, routes: DEFAULT_ROUTES, models: DEFAULT_MODELS, now: NOW, history: [], ...overrides });
}

describe('routingReport: the Routing view\'s data', () => {
  it('has one table per task with a row per model, the current route first and named', () => {
    const report = build();
    assert.deepEqual(report.tasks.map((t) => t.task), [TRIAL_TASK]);
    const [sql] = report.tasks;
    assert.equal(sql.current, TRIAL_FROM);
    assert.deepEqual(sql.rows.map((r) => [r.model, r.displayName, r.current, r.calls]), [
      [TRIAL_FROM, 'GPT-5.4 Mini', true, 120],
      [TRIAL_TO, 'Claude Haiku 4.5', false, 120],
    ]);
    // The seed's verbosity claim, measured: Haiku answered in fewer tokens, so it costs less per call.
    assert.equal(sql.rows[0].outputTokensPerCall, 400);
    assert.equal(sql.rows[1].outputTokensPerCall, 220);
    assert.equal(sql.rows[0].costPerCallMicroUsd, 1200 * 0.75 + 400 * 4.5);
    assert.equal(sql.rows[1].costPerCallMicroUsd, 1200 * 1 + 220 * 5);
    assert.equal(sql.rows[1].firstTokenP50Ms, 320);
    assert.equal(report.randomised, true);
  });

  it('names each measure, marks the deciding one, and gives its interval and sample size', () => {
    const [mini, haiku] = build().tasks[0].rows;
    assert.deepEqual(mini.metrics.map((m) => [m.metric, m.label, m.deciding]), [['validFirst', 'valid first time', true], ['validAtAll', 'valid at all', false]]);
    assert.equal(mini.metrics[0].n, 120);
    assert.equal(mini.metrics[0].estimate, 118 / 120);
    assert.ok(mini.metrics[0].ci.low < 118 / 120 && mini.metrics[0].ci.high > 118 / 120);
    assert.equal(haiku.metrics[0].estimate, 1);
    assert.equal(haiku.metrics[0].needed, 0);
    assert.equal(haiku.callsNeeded, 0);
  });

  it('advises the switch in words, with the monthly saving to the cent', () => {
    const advice = build().tasks[0].advice;
    assert.equal(advice.kind, 'switch');
    assert.equal(
      advice.text,
      // 240 calls over 10 days → 720 a month × $0.0004 saved per call = $0.288.
      'Generate SQL → Claude Haiku 4.5: valid first time 1.00 vs 0.98 (at worst 0.02 lower), 15% cheaper per call; about $0.29 a month less at your volume',
    );
  });

  it('says how many more calls and observations a cell needs below the minimum, and advises nothing', () => {
    const haikuCalls = records.filter((r) => r.model === TRIAL_TO);
    const few = [...records.filter((r) => r.model === TRIAL_FROM), ...haikuCalls.slice(0, 10)];
    const ids = new Set(few.map((r) => r.id));
    const report = build({ records: few, signals: signals.filter((s) => ids.has(s.call)) });
    const haiku = report.tasks[0].rows.find((r) => r.model === TRIAL_TO);
    assert.ok(haiku);
    assert.equal(haiku.callsNeeded, 20);
    assert.equal(haiku.metrics[0].needed, 10);
    assert.equal(haiku.metrics[0].neededNoun, 'checked answers');
    assert.equal(haiku.metrics[1].needed, 0, 'only the deciding measure holds the advice back');
    const advice = report.tasks[0].advice;
    assert.equal(advice.kind, 'not-enough', advice.text);
    assert.equal(advice.text, 'Generate SQL: not enough to compare yet, needs 20 more calls and 10 more checked answers on Claude Haiku 4.5');
  });

  it('says keep when the other model is not cheaper', () => {
    const explain = [
      ...Array.from({ length: 40 }, (_, i) => makeRecord({ id: `h${i}`, time: '2026-03-19T10:00:00Z', task: 'explain', model: 'claude-haiku-4-5', provider: 'anthropic', costMicroUsd: 1000 })),
      ...Array.from({ length: 40 }, (_, i) => makeRecord({ id: `m${i}`, time: '2026-03-19T10:00:00Z', task: 'explain', costMicroUsd: 1500 })),
    ];
    const rated: QualitySignal[] = explain.map((r, i) => ({ v: 1, id: `t${i}`, time: '2026-03-19T11:00:00Z', call: r.id, name: 'thumbsUp' }));
    const advice = build({ records: explain, signals: rated }).tasks[0].advice;
    assert.equal(advice.kind, 'keep');
    assert.match(advice.text, /^Explain: keep Claude Haiku 4\.5, GPT-5\.4 Mini costs 50% more per call/);
  });

  it('carries the history with model names, the workspace\'s routes and a trial when there is one', () => {
    const history = [{ time: '2026-03-18T09:00:00Z', task: 'explain' as const, from: 'claude-haiku-4-5', to: 'gpt-5.4-mini', why: 'cheaper' }];
    const routes = { ...DEFAULT_ROUTES, generateSql: { ...DEFAULT_ROUTES.generateSql, setByWorkspace: true, pinned: true } };
    const report = build({ history, routes, trial: { tasks: ['generateSql'], share: 0.2, endsAt: '2026-03-30T00:00:00Z' } });
    assert.deepEqual(report.history.map((h) => [h.fromName, h.toName, h.why]), [['Claude Haiku 4.5', 'GPT-5.4 Mini', 'cheaper']]);
    assert.equal(report.tasks[0].setByWorkspace, true);
    assert.deepEqual(report.trial, { tasks: ['generateSql'], share: 0.2, endsAt: '2026-03-30T00:00:00Z' });
    assert.equal(build().trial, undefined);
  });

  it('has nothing to show for a period without interactive calls', () => {
    const batch: LedgerRecord[] = [makeRecord({ id: 'b', time: '2026-03-19T10:00:00Z', batch: true })];
    assert.deepEqual(build({ records: batch, signals: [] }).tasks, []);
  });
});
