import assert from 'node:assert/strict';
import { TASK_KINDS } from '../../../../src/core/models/tasks';
import { TASK_METRICS, decidingMetric, metricLabel, observationNoun, observeCall } from '../../../../src/core/quality/metrics';
import type { QualitySignal, SignalName } from '../../../../src/core/quality/signal';

/** A call's signals in the order given, a second apart. */
function signals(...events: readonly (SignalName | [SignalName, { value?: number; item?: number }])[]): QualitySignal[] {
  return events.map((event, i) => {
    const [name, extra] = typeof event === 'string' ? [event, {}] : event;
    return { v: 1, id: `s${i}`, time: new Date(Date.UTC(2026, 2, 1, 12, 0, i)).toISOString(), call: 'c1', name, ...extra };
  });
}

const KEPT = 0.5;

describe('the quality measures per task', () => {
  it('decide on the most direct "did it do the job" of each task', () => {
    assert.deepEqual(
      TASK_KINDS.map((task) => decidingMetric(task).id),
      ['accepted', 'kept', 'diffAccepted', 'validFirst', 'validFirst', 'findingsActedOn', 'thumbsUp'],
    );
  });

  it('count every measure as more-is-better except dismissed findings', () => {
    const lowerIsBetter = TASK_KINDS.flatMap((task) => TASK_METRICS[task]).filter((m) => !m.higherIsBetter).map((m) => m.id);
    assert.deepEqual(lowerIsBetter, ['findingsDismissed']);
    assert.deepEqual(TASK_METRICS.completion.map((m) => m.kind), ['rate', 'mean', 'mean']);
  });

  it('name measures and their observations for the advice', () => {
    assert.equal(metricLabel('accepted'), 'acceptance');
    assert.equal(observationNoun('thumbsUp', 1), 'rating');
    assert.equal(observationNoun('thumbsUp', 20), 'ratings');
  });
});

describe('observeCall', () => {
  it('completion: settled once taken (whole or in part) or dismissed, not when only shown', () => {
    assert.deepEqual(observeCall('completion', signals('shown'), KEPT).accepted, []);
    assert.deepEqual(observeCall('completion', signals('shown', 'accepted'), KEPT).accepted, [1]);
    assert.deepEqual(observeCall('completion', signals('shown', ['partial', { value: 0.4 }]), KEPT).accepted, [1]);
    assert.deepEqual(observeCall('completion', signals('shown', 'dismissed'), KEPT).accepted, [0]);
  });

  it('completion: survival is the recorded share, the latest when measured twice', () => {
    const observed = observeCall('completion', signals('accepted', ['survival30s', { value: 0.9 }], ['survival5m', { value: 0.5 }], ['survival5m', { value: 0.6 }]), KEPT);
    assert.deepEqual(observed.survival30s, [0.9]);
    assert.deepEqual(observed.survival5m, [0.6]);
    assert.deepEqual(observeCall('completion', signals('accepted'), KEPT).survival5m, []);
  });

  it('generateCode: kept when at least the threshold survives 5 min and it was not undone', () => {
    assert.deepEqual(observeCall('generateCode', signals(['survival5m', { value: 0.5 }]), KEPT), { kept: [1], survival5m: [0.5] });
    assert.deepEqual(observeCall('generateCode', signals(['survival5m', { value: 0.49 }]), KEPT), { kept: [0], survival5m: [0.49] });
    // Undone counts as nothing surviving, whatever survival said.
    assert.deepEqual(observeCall('generateCode', signals('undone'), KEPT), { kept: [0], survival5m: [0] });
    assert.deepEqual(observeCall('generateCode', signals(['survival5m', { value: 1 }], 'undone'), KEPT), { kept: [0], survival5m: [0] });
    // Not settled yet: no survival measured, not undone.
    assert.deepEqual(observeCall('generateCode', [], KEPT), { kept: [], survival5m: [] });
  });

  it('editSelection: one diff decision per call, the last one', () => {
    assert.deepEqual(observeCall('editSelection', signals('diffAccepted'), KEPT).diffAccepted, [1]);
    assert.deepEqual(observeCall('editSelection', signals('diffAccepted', 'diffRejected'), KEPT).diffAccepted, [0]);
    assert.deepEqual(observeCall('editSelection', [], KEPT).diffAccepted, []);
  });

  it('generateSql / generateJson: valid first, after the repair, or not at all', () => {
    assert.deepEqual(observeCall('generateSql', signals('validFirst'), KEPT), { validFirst: [1], validAtAll: [1] });
    assert.deepEqual(observeCall('generateJson', signals('validRepaired'), KEPT), { validFirst: [0], validAtAll: [1] });
    assert.deepEqual(observeCall('generateSql', signals('invalid'), KEPT), { validFirst: [0], validAtAll: [0] });
    assert.deepEqual(observeCall('generateJson', [], KEPT), {});
  });

  it('review: each finding with a state is one observation, its latest state counting', () => {
    const observed = observeCall(
      'review',
      signals(
        ['findingFixed', { item: 0 }],
        ['findingDismissed', { item: 1 }],
        ['findingLeft', { item: 2 }],
        ['findingLeft', { item: 3 }],
        ['findingEdited', { item: 3 }], // the user edited its lines after all
        ['findingEdited', { item: 4 }],
        ['findingLeft', { item: 4 }], // edited, but still there when the review closed
      ),
      KEPT,
    );
    // Findings 0–4 in order: fixed, dismissed, left, edited, left.
    assert.deepEqual(observed.findingsActedOn, [1, 0, 0, 1, 0]);
    assert.deepEqual(observed.findingsDismissed, [0, 1, 0, 0, 0]);
    assert.deepEqual(observeCall('review', [], KEPT), { findingsActedOn: [], findingsDismissed: [] });
  });

  it('explain: the latest rating, none when not rated', () => {
    assert.deepEqual(observeCall('explain', signals('thumbsDown', 'thumbsUp'), KEPT).thumbsUp, [1]);
    assert.deepEqual(observeCall('explain', signals('thumbsUp', 'thumbsDown'), KEPT).thumbsUp, [0]);
    assert.deepEqual(observeCall('explain', [], KEPT).thumbsUp, []);
  });
});
