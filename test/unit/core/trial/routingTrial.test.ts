import assert from 'node:assert/strict';
import type { LedgerRecord } from '../../../../src/core/ledger/record';
import { DEFAULT_ROUTES, type RoutingTable } from '../../../../src/core/models/modelTable';
import { daysLeft, describeTrial, isTrialActive, newRoutingTrial, parseRoutingTrial, trialTooltipLines } from '../../../../src/core/trial/routingTrial';
import { parseStartArgs, sharePercentProblem, daysProblem, shareFromText, trialableTasks } from '../../../../src/core/trial/startOptions';
import { trialCallCounts } from '../../../../src/core/trial/trialCounts';
import { ZERO_USAGE } from '../../../../src/core/usage/usage';

const NOW = new Date('2026-12-06T10:00:00Z');
const TRIAL = newRoutingTrial({ tasks: ['generateSql', 'explain'], share: 0.2, days: 14, now: NOW, seed: 123456 });

describe('routing trial state', () => {
  it('a new trial runs from now for its days, named by its date and seed', () => {
    assert.equal(TRIAL.id, 'trial-2026-12-06-2n9c');
    assert.equal(TRIAL.endsAt, '2026-12-20T10:00:00.000Z');
    assert.ok(isTrialActive(TRIAL, NOW));
    assert.ok(isTrialActive(TRIAL, new Date('2026-12-20T09:59:59Z')));
    assert.ok(!isTrialActive(TRIAL, new Date('2026-12-20T10:00:00Z')), 'ended at its end');
    assert.equal(daysLeft(TRIAL, NOW), 14);
    assert.equal(daysLeft(TRIAL, new Date('2026-12-20T09:00:00Z')), 1);
    assert.equal(describeTrial(TRIAL), '20% of Generate SQL and Explain calls go to the other model until 20 Dec 2026');
  });

  it('the status tooltip says a trial is running, until when and what it sends; nothing without one', () => {
    assert.deepEqual(trialTooltipLines(TRIAL), ['$(beaker) Routing trial running until 20 Dec 2026: 20% of Generate SQL and Explain calls go to the other model.', '']);
    assert.deepEqual(trialTooltipLines(undefined), []);
  });

  it('reads back a stored trial as it was', () => {
    assert.deepEqual(parseRoutingTrial(JSON.parse(JSON.stringify(TRIAL))), { trial: TRIAL });
  });

  const damaged: [string, unknown, RegExp][] = [
    ['not an object', 'trial', /not an object/],
    ['no id', { ...TRIAL, id: '' }, /no id/],
    ['an unknown task', { ...TRIAL, tasks: ['generateSql', 'poetry'] }, /not a list of known tasks/],
    ['no tasks', { ...TRIAL, tasks: [] }, /not a list of known tasks/],
    ['a share over half', { ...TRIAL, share: 0.8 }, /share 0\.8 is not between 0\.01 and 0\.5/],
    ['a share that is text', { ...TRIAL, share: '20' }, /share 20 is not between/],
    ['an end before its start', { ...TRIAL, endsAt: '2026-12-01T00:00:00Z' }, /not times in order/],
    ['a time that is not one', { ...TRIAL, startedAt: 'yesterday' }, /not times in order/],
    ['a seed out of range', { ...TRIAL, seed: -1 }, /seed is not a 32-bit number/],
  ];
  for (const [what, raw, problem] of damaged) {
    it(`refuses stored state with ${what}, saying what is wrong`, () => {
      const parsed = parseRoutingTrial(raw);
      assert.ok('problem' in parsed, JSON.stringify(parsed));
      assert.match(parsed.problem, problem);
    });
  }

  it('counts calls per task and arm of this trial only', () => {
    const record = (task: LedgerRecord['task'], trial?: LedgerRecord['trial']): LedgerRecord => ({
      v: 1, id: String(Math.random()), time: NOW.toISOString(), session: 's', task, model: 'gpt-5.4-mini', provider: 'openai',
      usage: ZERO_USAGE, costMicroUsd: 0, latencyMs: 1, outcome: 'ok', batch: false, estimated: false, ...(trial ? { trial } : {}),
    });
    const counts = trialCallCounts([
      record('generateSql', { id: TRIAL.id, arm: 'trial', seed: 1 }),
      record('generateSql', { id: TRIAL.id, arm: 'routed', seed: 2 }),
      record('generateSql', { id: TRIAL.id, arm: 'routed', seed: 3 }),
      record('generateSql', { id: 'an-older-trial', arm: 'trial', seed: 4 }),
      record('generateSql'),
    ], TRIAL);
    assert.deepEqual([...counts], [['generateSql', { routed: 2, trial: 1 }], ['explain', { routed: 0, trial: 0 }]]);
  });
});

describe('starting a routing trial: what the user types and scripts pass', () => {
  it('takes a whole percent from 1 to 50, with or without %', () => {
    assert.equal(sharePercentProblem('20'), undefined);
    assert.equal(sharePercentProblem(' 50% '), undefined);
    assert.equal(shareFromText('20%'), 0.2);
    for (const bad of ['0', '51', '12.5', 'twenty', '', '-5']) assert.match(sharePercentProblem(bad) ?? '', /whole percent from 1 to 50/, bad);
  });

  it('takes a whole number of days from 1 to 90', () => {
    assert.equal(daysProblem('14'), undefined);
    for (const bad of ['0', '91', '1.5', 'two weeks']) assert.match(daysProblem(bad) ?? '', /whole number of days from 1 to 90/, bad);
  });

  const pinned: RoutingTable = { ...DEFAULT_ROUTES, explain: { ...DEFAULT_ROUTES.explain, reason: 'set in settings', pinned: true } };

  it('offers only the tasks not pinned in tandem.routing', () => {
    assert.deepEqual(trialableTasks(pinned), ['completion', 'generateCode', 'editSelection', 'generateSql', 'generateJson', 'review']);
  });

  it('reads script arguments with the share in whole percent', () => {
    assert.deepEqual(parseStartArgs({ tasks: ['generateSql', 'explain', 'generateSql'], share: 50, days: 3 }, DEFAULT_ROUTES), { tasks: ['generateSql', 'explain'], share: 0.5, days: 3 });
  });

  const refused: [string, unknown, RegExp][] = [
    ['no object', 'generateSql', /must be an object \{ tasks, share, days \}/],
    ['no tasks', { share: 20, days: 14 }, /"tasks" must be a non-empty list/],
    ['an unknown task', { tasks: ['poetry'], share: 20, days: 14 }, /"tasks": "poetry" is not a task \(known: completion,/],
    ['a pinned task', { tasks: ['explain'], share: 20, days: 14 }, /"tasks": explain is pinned in tandem\.routing/],
    ['a share as a fraction', { tasks: ['generateSql'], share: 0.2, days: 14 }, /"share": Enter a whole percent from 1 to 50/],
    ['a share over 50', { tasks: ['generateSql'], share: 80, days: 14 }, /"share": Enter a whole percent/],
    ['no days', { tasks: ['generateSql'], share: 20 }, /"days": Enter a whole number of days from 1 to 90/],
  ];
  for (const [what, raw, problem] of refused) {
    it(`refuses arguments with ${what}, naming the argument`, () => {
      const parsed = parseStartArgs(raw, pinned);
      assert.ok('problem' in parsed, JSON.stringify(parsed));
      assert.match(parsed.problem, problem);
    });
  }
});
