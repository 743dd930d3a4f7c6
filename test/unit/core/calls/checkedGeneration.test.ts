import assert from 'node:assert/strict';
import { checkedGeneration, type Checked } from '../../../../src/core/calls/checkedGeneration';
import type { ChatMessage } from '../../../../src/core/calls/modelClient';

const FIRST: readonly ChatMessage[] = [{ role: 'user', content: 'three primes' }];

/** A model that gives the scripted answers in turn and keeps the conversations it was asked with. */
function scriptedModel(...answers: string[]) {
  const asked: (readonly ChatMessage[])[] = [];
  const ask = (messages: readonly ChatMessage[]): Promise<string> => {
    asked.push(messages);
    const answer = answers[asked.length - 1];
    return answer === undefined ? Promise.reject(new Error('asked more often than scripted')) : Promise.resolve(answer);
  };
  return { ask, asked };
}

/** Accepts a JSON array of numbers; the problem says what was wrong, as a real check would. */
const numbers = (answer: string): Checked<number[]> => {
  try {
    const value: unknown = JSON.parse(answer);
    return Array.isArray(value) && value.every((n) => typeof n === 'number') ? { ok: true, value: value as number[] } : { ok: false, problem: 'not an array of numbers' };
  } catch {
    return { ok: false, problem: 'not JSON' };
  }
};

const repairMessages = (messages: readonly ChatMessage[], answer: string, problem: string): ChatMessage[] => [
  ...messages,
  { role: 'assistant', content: answer },
  { role: 'user', content: `Refused: ${problem}. Try again.` },
];

describe('checkedGeneration: ask → check → repair once', () => {
  it('a valid first answer is the value, asked once, with no repair', async () => {
    const model = scriptedModel('[2, 3, 5]');
    const repairs: string[] = [];
    const result = await checkedGeneration({ messages: FIRST, ask: model.ask, check: numbers, repairMessages, onRepair: (p) => repairs.push(p) });
    assert.deepEqual(result, { ok: true, value: [2, 3, 5], answer: '[2, 3, 5]', first: '[2, 3, 5]', repaired: false });
    assert.deepEqual(model.asked, [FIRST]);
    assert.deepEqual(repairs, []);
  });

  it('a refused first answer is repaired once: the repair conversation holds the answer and the problem', async () => {
    const model = scriptedModel('two, three, five', '[2, 3, 5]');
    const repairs: string[] = [];
    const result = await checkedGeneration({ messages: FIRST, ask: model.ask, check: numbers, repairMessages, onRepair: (p) => repairs.push(p) });
    assert.deepEqual(result, { ok: true, value: [2, 3, 5], answer: '[2, 3, 5]', first: 'two, three, five', repaired: true });
    assert.deepEqual(repairs, ['not JSON'], 'the caller hears of the repair, with the problem, once');
    assert.deepEqual(model.asked, [FIRST, [
      ...FIRST,
      { role: 'assistant', content: 'two, three, five' },
      { role: 'user', content: 'Refused: not JSON. Try again.' },
    ]]);
  });

  it('a repaired answer refused too is the failure, with its own problem and answer; there is no third ask', async () => {
    const model = scriptedModel('two, three, five', '["2", "3", "5"]', '[2, 3, 5]');
    const result = await checkedGeneration({ messages: FIRST, ask: model.ask, check: numbers, repairMessages });
    assert.deepEqual(result, { ok: false, problem: 'not an array of numbers', answer: '["2", "3", "5"]', first: 'two, three, five', repaired: true });
    assert.equal(model.asked.length, 2);
  });

  it('an asynchronous check is awaited', async () => {
    const model = scriptedModel('nope', '[7]');
    const result = await checkedGeneration({ messages: FIRST, ask: model.ask, check: (answer) => Promise.resolve(numbers(answer)), repairMessages });
    assert.deepEqual(result, { ok: true, value: [7], answer: '[7]', first: 'nope', repaired: true });
  });

  it('the repair ask is told which answer it repairs (to ask the same model); the first ask is told nothing', async () => {
    const refused: (string | undefined)[] = [];
    const model = scriptedModel('two, three, five', '[2, 3, 5]');
    await checkedGeneration({ messages: FIRST, ask: (messages, first) => (refused.push(first), model.ask(messages)), check: numbers, repairMessages });
    assert.deepEqual(refused, [undefined, 'two, three, five']);
  });

  it('a failing ask rejects as it is, first or repair', async () => {
    const offline = new Error('offline');
    await assert.rejects(checkedGeneration({ messages: FIRST, ask: () => Promise.reject(offline), check: numbers, repairMessages }), (e) => e === offline);
    let asks = 0;
    const failsOnRepair = () => (++asks === 1 ? Promise.resolve('nope') : Promise.reject(offline));
    await assert.rejects(checkedGeneration({ messages: FIRST, ask: failsOnRepair, check: numbers, repairMessages }), (e) => e === offline);
    assert.equal(asks, 2);
  });

  it('cancelled while the first answer came in: a refused answer is not sent for repair', async () => {
    const abort = new AbortController();
    const model = scriptedModel('two, three, five', '[2, 3, 5]');
    const repairs: string[] = [];
    const ask = (messages: readonly ChatMessage[]) => {
      abort.abort();
      return model.ask(messages);
    };
    const result = await checkedGeneration({ messages: FIRST, ask, check: numbers, repairMessages, onRepair: (p) => repairs.push(p), signal: abort.signal });
    assert.deepEqual(result, { ok: false, problem: 'not JSON', answer: 'two, three, five', first: 'two, three, five', repaired: false });
    assert.equal(model.asked.length, 1);
    assert.deepEqual(repairs, []);
  });

  it('a signal not aborted changes nothing: the repair goes ahead', async () => {
    const model = scriptedModel('nope', '[1]');
    const result = await checkedGeneration({ messages: FIRST, ask: model.ask, check: numbers, repairMessages, signal: new AbortController().signal });
    assert.deepEqual(result, { ok: true, value: [1], answer: '[1]', first: 'nope', repaired: true });
  });
});
