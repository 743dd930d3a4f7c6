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
  it('counts every signal under its name, the call’s task and model', () => {
    for (const name of SIGNAL_NAMES) {
      const quality = signalMeasurements(signal(name), call).filter((m) => m.instrument === 'qualitySignals');
      assert.deepEqual(quality, [
        { instrument: 'qualitySignals', value: 1, attributes: { 'tandem.signal': name, 'tandem.task': 'completion', 'gen_ai.request.model': 'gpt-5.4-mini' } },
      ], name);
    }
  });

  it('also counts shown, accepted and dismissed completions, and no other signal, in tandem.completions', () => {
    for (const name of SIGNAL_NAMES) {
      const completions = signalMeasurements(signal(name), call).filter((m) => m.instrument === 'completions');
      const expected = name === 'shown' || name === 'accepted' || name === 'dismissed'
        ? [{ instrument: 'completions', value: 1, attributes: { 'tandem.completion.event': name, 'tandem.task': 'completion', 'gen_ai.request.model': 'gpt-5.4-mini' } }]
        : [];
      assert.deepEqual(completions, expected, name);
    }
  });

  it('never carries a share or a finding index: counts only', () => {
    for (const m of signalMeasurements(signal('survival5m', { value: 0.37 }), call)) assert.equal(m.value, 1);
    for (const m of signalMeasurements(signal('findingFixed', { item: 4 }), call)) {
      assert.deepEqual(Object.keys(m.attributes).sort(), ['gen_ai.request.model', 'tandem.signal', 'tandem.task']);
    }
  });

  it('counts nothing without the call’s own ledger record', () => {
    assert.deepEqual(signalMeasurements(signal('accepted'), undefined), []);
    assert.deepEqual(signalMeasurements(signal('accepted', { call: 'other' }), call), []);
  });
});
