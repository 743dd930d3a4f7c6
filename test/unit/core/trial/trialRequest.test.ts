import assert from 'node:assert/strict';
import type { SettingsSnapshot } from '../../../../src/core/calls/settingsSnapshot';
import { DEFAULT_MODELS, DEFAULT_ROUTES, type RoutingTable } from '../../../../src/core/models/modelTable';
import type { ProviderId } from '../../../../src/core/models/providers';
import type { TaskKind } from '../../../../src/core/models/tasks';
import { seededRandom } from '../../../../src/core/random/seeded';
import { armFor } from '../../../../src/core/trial/assignment';
import { newRoutingTrial, type RoutingTrial } from '../../../../src/core/trial/routingTrial';
import { TrialRouting, trialLogLine, type TrialCallDecision, type TrialCallFacts } from '../../../../src/core/trial/trialRequest';
import { ManualClock } from '../../../fixtures/manualClock';

const START = new Date('2026-12-01T09:00:00Z');
const SETTINGS: SettingsSnapshot = { models: DEFAULT_MODELS, routes: DEFAULT_ROUTES, fallbackEnabled: true, budget: { caps: {}, mode: 'warn' } };

function setup(options: { trial?: RoutingTrial; share?: number; tasks?: TaskKind[] } = {}) {
  const clock = new ManualClock();
  clock.now = START.getTime() + 60_000;
  const trial = options.trial ?? newRoutingTrial({ tasks: options.tasks ?? ['generateSql', 'explain', 'completion'], share: options.share ?? 0.5, days: 14, now: START, seed: 42 });
  const next = seededRandom(9);
  const routing = new TrialRouting(() => trial, () => new Date(clock.now), {
    now: () => clock.now,
    burstPauseMs: 5000,
    seeds: () => Math.floor(next() * 4294967296),
  });
  return { clock, trial, routing };
}

function facts(task: TaskKind, more: Partial<TrialCallFacts> = {}): TrialCallFacts {
  return {
    task,
    settings: SETTINGS,
    inputTokens: { openai: 500, anthropic: 520 },
    hasKey: () => true,
    isCoolingDown: () => false,
    spent: async () => ({ session: 0, today: 0, month: 0 }),
    ...more,
  };
}

async function many(routing: TrialRouting, n: number, f: TrialCallFacts): Promise<TrialCallDecision[]> {
  const out: TrialCallDecision[] = [];
  for (let i = 0; i < n; i++) out.push(await routing.decide(f));
  return out;
}

describe('routing trial: the decision for one request', () => {
  it('sends the trial arm to the other model with its reason, and tags both arms with a replayable seed', async () => {
    const { routing, trial } = setup();
    const decisions = await many(routing, 200, facts('generateSql'));
    const tried = decisions.filter((d) => d.kind === 'trial');
    const routed = decisions.filter((d) => d.kind === 'routed');
    assert.equal(tried.length + routed.length, 200, 'every covered call is on an arm');
    assert.ok(tried.length > 60 && routed.length > 60, `${tried.length} tried, ${routed.length} routed`);
    for (const d of tried) {
      assert.equal(d.model, 'claude-haiku-4-5');
      assert.equal(d.reason, 'generateSql → Claude Haiku 4.5: routing trial (50% share)');
    }
    for (const d of [...tried, ...routed]) {
      assert.equal(d.tag.id, trial.id);
      assert.equal(armFor(d.tag.seed, trial.share), d.tag.arm, 'the recorded seed replays to the arm');
    }
    const explain = (await many(routing, 50, facts('explain'))).find((d) => d.kind === 'trial');
    assert.equal(explain?.kind === 'trial' && explain.model, 'gpt-5.4-mini', 'explain is routed to Haiku, so it is tried on GPT-5.4 Mini');
  });

  it('never assigns a task the user pinned in tandem.routing, nor one the trial does not cover', async () => {
    const { routing } = setup();
    const routes: RoutingTable = { ...DEFAULT_ROUTES, generateSql: { ...DEFAULT_ROUTES.generateSql, reason: 'set in settings', pinned: true } };
    const pinned = await many(routing, 1000, facts('generateSql', { settings: { ...SETTINGS, routes } }));
    assert.ok(pinned.every((d) => d.kind === 'outside'));
    assert.equal(trialLogLine('generateSql', pinned[0]), 'trial: generateSql not tried this call: generateSql is pinned in tandem.routing');
    const notCovered = await many(routing, 100, facts('review'));
    assert.ok(notCovered.every((d) => d.kind === 'outside' && d.why === undefined));
    assert.equal(trialLogLine('review', notCovered[0]), undefined, 'nothing to log about tasks the trial does not cover');
  });

  const excluded: [string, Partial<TrialCallFacts>, RegExp][] = [
    ['the user chose the model', { forceModel: 'gpt-5.4-mini' }, /chosen for this call/],
    ['the other model has no key', { hasKey: (p: ProviderId) => p === 'openai' }, /Claude Haiku 4\.5 has no Anthropic key/],
    ['the other model is cooling down', { isCoolingDown: (p: ProviderId) => p === 'anthropic' }, /Claude Haiku 4\.5 failed moments ago/],
    ['the routed model is cooling down', { isCoolingDown: (p: ProviderId) => p === 'openai' }, /GPT-5\.4 Mini failed moments ago/],
  ];
  for (const [what, more, why] of excluded) {
    it(`keeps the call on its route, untagged, when ${what}`, async () => {
      const { routing } = setup();
      const decisions = await many(routing, 100, facts('generateSql', more));
      assert.ok(decisions.every((d) => d.kind === 'outside'));
      assert.match(decisions[0].kind === 'outside' ? decisions[0].why ?? '' : '', why);
    });
  }

  it('keeps the call on its route when the trial call would cross a budget cap, and tries it while it would not', async () => {
    const { routing } = setup();
    // Haiku at $1 / MTok in, $5 / MTok out: 520 in + 4,096 out ≈ $0.0210.
    const budget = (spentToday: number): Partial<TrialCallFacts> => ({
      settings: { ...SETTINGS, budget: { caps: { dailyMicroUsd: 1_000_000 }, mode: 'warn' } },
      spent: async () => ({ session: 0, today: spentToday, month: spentToday }),
    });
    const over = await many(routing, 100, facts('generateSql', budget(990_000)));
    assert.ok(over.every((d) => d.kind === 'outside' && /cross a budget cap/.test(d.why ?? '')));
    const under = await many(routing, 100, facts('generateSql', budget(900_000)));
    assert.ok(under.some((d) => d.kind === 'trial'));
  });

  it('does nothing once the trial has ended, or before it starts', async () => {
    const { routing, clock, trial } = setup();
    clock.now = Date.parse(trial.endsAt);
    assert.ok((await many(routing, 50, facts('generateSql'))).every((d) => d.kind === 'outside' && d.why === undefined));
    clock.now = START.getTime() - 1;
    assert.ok((await many(routing, 50, facts('generateSql'))).every((d) => d.kind === 'outside'));
  });

  it('completions keep one arm per burst of typing in a file, and draw again after a 5 s pause', async () => {
    const { routing, clock } = setup();
    const inFile = facts('completion', { promptCacheKey: 'tandem-completion-abc' });
    const first = await routing.decide(inFile);
    assert.notEqual(first.kind, 'outside');
    const seeds = new Set<number>();
    for (let i = 0; i < 20; i++) {
      await clock.advance(1_000);
      const d = await routing.decide(inFile);
      assert.equal(d.kind, first.kind);
      if (d.kind !== 'outside') seeds.add(d.tag.seed);
    }
    assert.equal(seeds.size, 1, 'one draw for the whole burst');
    const arms = new Set<string>();
    for (let i = 0; i < 20; i++) {
      await clock.advance(5_000);
      const d = await routing.decide(inFile);
      if (d.kind !== 'outside') arms.add(`${d.tag.seed}`);
    }
    assert.equal(arms.size, 20, 'each call after a pause is a burst of its own');
  });
});
