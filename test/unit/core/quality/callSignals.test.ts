import assert from 'node:assert/strict';
import { signalsByCall } from '../../../../src/core/quality/callSignals';
import { observeCall } from '../../../../src/core/quality/metrics';
import type { QualitySignal, SignalName } from '../../../../src/core/quality/signal';

let serial = 0;
const at = (call: string, name: SignalName, minute: number, item?: number): QualitySignal => ({
  v: 1,
  id: `s${++serial}`,
  time: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
  call,
  name,
  ...(item === undefined ? {} : { item }),
});

describe('callSignals: each call\'s signals', () => {
  it('groups signals by call, in time order whatever order the log gave them', () => {
    const byCall = signalsByCall([at('b', 'thumbsUp', 3), at('a', 'diffRejected', 2), at('a', 'diffAccepted', 1)]);
    assert.deepEqual([...byCall.keys()].sort(), ['a', 'b']);
    assert.deepEqual(byCall.get('a')?.map((s) => s.name), ['diffAccepted', 'diffRejected']);
  });

  it('keeps the logged order of signals of the same instant, so the later one still wins', () => {
    const byCall = signalsByCall([at('a', 'thumbsDown', 5), at('a', 'thumbsUp', 5)]);
    assert.deepEqual(byCall.get('a')?.map((s) => s.name), ['thumbsDown', 'thumbsUp']);
  });

  it('makes the latest diff decision, rating and finding state the one the measures count', () => {
    const signals = signalsByCall([
      at('edit', 'diffRejected', 4),
      at('edit', 'diffAccepted', 1),
      at('rate', 'thumbsUp', 9),
      at('rate', 'thumbsDown', 2),
      at('review', 'findingFixed', 6, 0),
      at('review', 'findingLeft', 3, 0),
      at('review', 'findingDismissed', 3, 1),
    ]);
    assert.deepEqual(observeCall('editSelection', signals.get('edit') ?? [], 0.5), { diffAccepted: [0] });
    assert.deepEqual(observeCall('explain', signals.get('rate') ?? [], 0.5), { thumbsUp: [1] });
    assert.deepEqual(observeCall('review', signals.get('review') ?? [], 0.5), { findingsActedOn: [1, 0], findingsDismissed: [0, 1] });
  });
});
