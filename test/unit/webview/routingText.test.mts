import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { callsNeededText, formatMs, historyText, measureText, neededText, ruleText, tokensText, trialText } from '../../../src/webview/report/routingText.mjs';

describe('report webview: the Routing view\'s words', () => {
  it('writes a measure with its 95% interval and sample size', () => {
    assert.equal(measureText(0.8125, { low: 0.7391, high: 0.8702 }, 120), '0.81 (0.74–0.87), n = 120');
    assert.equal(measureText(1, { low: 0.969, high: 1 }, 1234), '1.00 (0.97–1.00), n = 1,234');
    assert.equal(measureText(0, { low: 0, high: 1 }, 0), 'no data yet');
  });

  it('says how many more calls or observations a cell needs', () => {
    assert.equal(callsNeededText(18), 'needs 18 more calls');
    assert.equal(callsNeededText(1), 'needs 1 more call');
    assert.equal(neededText(10, 'ratings'), 'needs 10 more ratings');
  });

  it('writes latency and tokens per call readably', () => {
    assert.equal(formatMs(412.4), '412 ms');
    assert.equal(formatMs(1260), '1.3 s');
    assert.equal(tokensText(1200, 219.6), 'in 1,200 · out 220');
  });

  it('states the rule with its numbers', () => {
    assert.equal(
      ruleText({ minimumCalls: 30, minimumObservations: 20, margin: 0.05 }),
      "Advice compares the route with the other model once each has 30 calls and 20 observations of the task's deciding measure (marked ★). It advises a switch only when the other model is cheaper per call and, at the worse end of the 95% interval, not worse by more than 0.05.",
    );
  });

  it('describes a running trial and a past change', () => {
    assert.equal(
      trialText({ tasks: ['generateSql', 'explain', 'review'], share: 0.2, endsAt: '2026-12-20T12:00:00Z' }),
      'A routing trial is running on Generate SQL, Explain and Compliance review: 20% of their calls go to the other model until Dec 20.',
    );
    assert.match(trialText({ tasks: ['explain'], share: 0.25, endsAt: '2026-12-20T12:00:00Z' }), /on Explain: 25% of its calls/);
    const entry = { time: '2026-12-06T10:00:00Z', task: 'explain' as const, from: 'a', to: 'b', fromName: 'Claude Haiku 4.5', toName: 'GPT-5.4 Mini', why: 'cheaper' };
    const { change, when } = historyText(entry);
    assert.equal(change, 'Explain: Claude Haiku 4.5 → GPT-5.4 Mini');
    assert.match(when, /^Dec 6, 2026/);
  });

  it('has theme-variable colours only, and a high-contrast rule, in its stylesheet', () => {
    const css = readFileSync(new URL('../../../media/report/routing.css', import.meta.url), 'utf8');
    assert.doesNotMatch(css, /#[0-9a-f]{3,8}\b|rgb\(/i, 'no fixed colours');
    assert.match(css, /body\.vscode-high-contrast \.advice/);
    assert.match(readFileSync(new URL('../../../media/report/report.css', import.meta.url), 'utf8'), /@import '\.\/routing\.css';/);
  });
});
