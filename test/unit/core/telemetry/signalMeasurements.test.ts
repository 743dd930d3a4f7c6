import assert from 'node:assert/strict';
import { SIGNAL_NAMES, type QualitySignal, type SignalName } from '../../../../src/core/quality/signal';
import { signalMeasurements } from '../../../../src/core/telemetry/signalMeasurements';
import { makeRecord } from '../ledger/fixtures';

const call = makeRecord({ id: 'c1', time: '2026-03-11T10:00:00.000Z', task: 'completion', model: 'gpt-5.4-mini' });
const signal = (name: SignalName, over: Partial<QualitySignal> = {}): QualitySignal => ({
  v: 1,
  id: `s-${name}`,
  time: '2026-03-11T10:00:01.000Z',
  call: 'c1',
  name,
  ...(name === 'partial' || name.startsWith('survival') ? { value: 0.5 } : {}),
  ...over,
});

describe('signalMeasurements', () => {
  it('counts shown, accepted and dismissed completions under the call’s task and model', () => {
    for (const name of ['shown', 'accepted', 'dismissed'] as const) {
      assert.deepEqual(signalMeasurements(signal(name), call), [
        {
          instrument: 'completions',
          value: 1,
          attributes: { 'tandem.completion.event': name, 'tandem.task': 'completion', 'gen_ai.request.model': 'gpt-5.4-mini' },
        },
      ]);
    }
  });

  it('counts nothing for the other signals', () => {
    const others = SIGNAL_NAMES.filter((n) => n !== 'shown' && n !== 'accepted' && n !== 'dismissed');
    assert.ok(others.includes('partial') && others.includes('thumbsUp'));
    for (const name of others) assert.deepEqual(signalMeasurements(signal(name), call), [], name);
  });

  it('counts nothing without the call’s own ledger record', () => {
    assert.deepEqual(signalMeasurements(signal('accepted'), undefined), []);
    assert.deepEqual(signalMeasurements(signal('accepted', { call: 'other' }), call), []);
  });
});
