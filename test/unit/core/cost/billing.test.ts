import assert from 'node:assert/strict';
import { billCall, type UsageEstimates } from '../../../../src/core/cost/billing';
import { ZERO_USAGE } from '../../../../src/core/usage/usage';

/** Estimates that count how often they are asked: a bill that needs none must not compute them. */
function estimates(prompt: number, output: number): UsageEstimates & { asked: number } {
  const e = {
    asked: 0,
    promptTokens: () => (e.asked++, prompt),
    outputTokens: () => (e.asked++, output),
  };
  return e;
}

const reported = { input: 120, cacheRead: 4000, cacheWrite5m: 0, cacheWrite1h: 0, output: 33, reasoning: 0 };

describe('billCall: what a call is billed for, by how it ended', () => {
  it('never sent: nothing, not even an estimate', () => {
    const e = estimates(100, 10);
    assert.deepEqual(billCall({ sent: false, accepted: false }, e), { usage: ZERO_USAGE, estimated: false, basis: 'not-sent' });
    assert.equal(e.asked, 0);
  });

  it('sent but refused (no success headers): usage 0, cost 0, whatever was reported', () => {
    const e = estimates(100, 10);
    assert.deepEqual(billCall({ sent: true, accepted: false, reported }, e), { usage: ZERO_USAGE, estimated: false, basis: 'refused' });
    assert.equal(e.asked, 0);
  });

  it('accepted with usage reported: exactly that usage, never mixed with an estimate', () => {
    const e = estimates(100, 10);
    const bill = billCall({ sent: true, accepted: true, reported, reportedPrompt: { ...ZERO_USAGE, input: 1 } }, e);
    assert.deepEqual(bill, { usage: reported, estimated: false, basis: 'reported' });
    assert.equal(e.asked, 0);
  });

  it('accepted, ended early, prompt reported (Anthropic message_start): the prompt as reported, the output estimated', () => {
    const prompt = { input: 50, cacheRead: 4096, cacheWrite5m: 0, cacheWrite1h: 0, output: 1, reasoning: 0 };
    const bill = billCall({ sent: true, accepted: true, reportedPrompt: prompt }, estimates(999, 12));
    assert.deepEqual(bill, { usage: { ...prompt, output: 12 }, estimated: true, basis: 'estimated' });
  });

  it('accepted, ended early, nothing reported (OpenAI): prompt and output estimated', () => {
    const bill = billCall({ sent: true, accepted: true }, estimates(80, 7));
    assert.deepEqual(bill, { usage: { ...ZERO_USAGE, input: 80, output: 7 }, estimated: true, basis: 'estimated' });
  });

  it('a start count above the estimate of the text received is kept (never bills less than reported)', () => {
    const bill = billCall({ sent: true, accepted: true, reportedPrompt: { ...ZERO_USAGE, input: 10, output: 5 } }, estimates(0, 0));
    assert.equal(bill.usage.output, 5);
  });
});
