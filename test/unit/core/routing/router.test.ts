import assert from 'node:assert/strict';
import { DEFAULT_MODELS, DEFAULT_ROUTES, type ModelId } from '../../../../src/core/models/modelTable';
import type { ProviderId } from '../../../../src/core/models/providers';
import { TASK_KINDS, type TaskKind } from '../../../../src/core/models/tasks';
import { applyModelOverrides } from '../../../../src/core/models/catalog';
import { applyRoutingOverrides } from '../../../../src/core/models/overrides';
import { fallbackFor, route, type RouteInput } from '../../../../src/core/routing/router';

function input(task: TaskKind, over: Partial<RouteInput> = {}): RouteInput {
  return {
    task,
    inputTokens: { openai: 1000, anthropic: 1100 },
    hasKey: () => true,
    isCoolingDown: () => false,
    fallbackEnabled: true,
    ...over,
  };
}

const decide = (task: TaskKind, over: Partial<RouteInput> = {}) => route(input(task, over), DEFAULT_MODELS, DEFAULT_ROUTES);

describe('routing', () => {
  const expected: Record<TaskKind, ModelId> = {
    completion: 'gpt-5.4-mini',
    generateCode: 'gpt-5.4-mini',
    editSelection: 'gpt-5.4-mini',
    generateSql: 'gpt-5.4-mini',
    generateJson: 'gpt-5.4-mini',
    review: 'claude-haiku-4-5',
    explain: 'claude-haiku-4-5',
  };
  for (const task of TASK_KINDS) {
    it(`sends ${task} to ${expected[task]} with the table's reason, the other model as fallback`, () => {
      const d = decide(task);
      assert.equal(d.kind, 'call');
      if (d.kind !== 'call') return;
      assert.equal(d.model, expected[task]);
      assert.ok(d.reason.includes(DEFAULT_ROUTES[task].reason), d.reason);
      assert.notEqual(d.fallback, undefined);
      assert.notEqual(d.fallback, d.model);
    });
  }

  it('honours a settings override of the table', () => {
    const routes = { ...DEFAULT_ROUTES, explain: { ...DEFAULT_ROUTES.explain, model: 'gpt-5.4-mini' as const, reason: 'set in settings' } };
    const d = route(input('explain'), DEFAULT_MODELS, routes);
    assert.equal(d.kind === 'call' && d.model, 'gpt-5.4-mini');
    assert.match(d.reason, /set in settings/);
  });

  it('reroutes input over Haiku\'s window to GPT-5.4 Mini, saying why', () => {
    const d = decide('explain', { inputTokens: { openai: 230_000, anthropic: 250_000 } });
    assert.equal(d.kind === 'call' && d.model, 'gpt-5.4-mini');
    assert.match(d.reason, /over Claude Haiku 4\.5's 200,000-token input limit/);
    assert.equal(d.kind === 'call' && d.fallback, undefined, 'no fallback to a model the input does not fit');
  });

  it('segments a reviewable input too big for every model, on the model with the larger window', () => {
    const d = decide('review', { inputTokens: { openai: 500_000, anthropic: 560_000 } });
    assert.equal(d.kind, 'segment');
    if (d.kind !== 'segment') return;
    assert.equal(d.model, 'gpt-5.4-mini');
    assert.ok(d.maxSegmentTokens < DEFAULT_MODELS['gpt-5.4-mini'].maxInput);
    assert.match(d.reason, /in parts/);
  });

  it('refuses, with what to do, a code task too big for every model', () => {
    const d = decide('generateCode', { inputTokens: { openai: 500_000, anthropic: 560_000 } });
    assert.equal(d.kind, 'refuse');
    assert.match(d.reason, /Select a smaller part/);
    assert.match(d.reason, /never cuts input/);
  });

  it('asks for the key instead of sending the text elsewhere, naming the alternative', () => {
    const hasKey = (p: ProviderId) => p === 'anthropic';
    const d = decide('generateCode', { hasKey });
    assert.equal(d.kind, 'needs-key');
    if (d.kind !== 'needs-key') return;
    assert.equal(d.model, 'gpt-5.4-mini');
    assert.equal(d.alternative, 'claude-haiku-4-5');
  });

  it('uses the model the user forced for this call', () => {
    const d = decide('generateCode', { forceModel: 'claude-haiku-4-5' });
    assert.equal(d.kind === 'call' && d.model, 'claude-haiku-4-5');
    assert.match(d.reason, /chosen for this call/);
  });

  it('routes around a provider that is cooling down after a failure', () => {
    const d = decide('generateCode', { isCoolingDown: (p) => p === 'openai' });
    assert.equal(d.kind === 'call' && d.model, 'claude-haiku-4-5');
    assert.match(d.reason, /cooling down/);
  });

  it('offers no fallback when fallback is off or the other key is missing', () => {
    const off = decide('explain', { fallbackEnabled: false });
    assert.equal(off.kind === 'call' && off.fallback, undefined);
    const noKey = decide('explain', { hasKey: (p) => p === 'anthropic' });
    assert.equal(noKey.kind === 'call' && noKey.fallback, undefined);
  });
});

describe('routing with models the user added', () => {
  const catalog = applyModelOverrides(DEFAULT_MODELS, {
    'gpt-5.6': { provider: 'openai', inputPerMTok: 1.25, outputPerMTok: 10, contextWindow: 400_000, maxOutputTokens: 128_000 },
    'claude-haiku-5-5': { provider: 'anthropic', displayName: 'Claude Haiku 5.5', inputPerMTok: 1, outputPerMTok: 5, contextWindow: 400_000, maxOutputTokens: 64_000 },
  }).table;
  const routed = (routing: Record<string, string>) => applyRoutingOverrides(DEFAULT_ROUTES, routing, catalog).table;

  for (const task of TASK_KINDS) {
    it(`sends ${task} to a user model when the routing says so, with the other provider's model as fallback`, () => {
      const d = route(input(task), catalog, routed({ [task]: 'gpt-5.6' }));
      assert.equal(d.kind, 'call');
      assert.equal(d.kind === 'call' && d.model, 'gpt-5.6');
      assert.equal(d.kind === 'call' && d.fallback, 'claude-haiku-4-5');
      assert.match(d.reason, new RegExp(`${task} → gpt-5\\.6: set in settings`));
    });
  }

  it('falls back to the built-in model of the other provider, GPT-5.4 Mini ↔ Claude Haiku 4.5, by default', () => {
    assert.equal(fallbackFor('gpt-5.4-mini', catalog, DEFAULT_ROUTES), 'claude-haiku-4-5');
    assert.equal(fallbackFor('claude-haiku-4-5', catalog, DEFAULT_ROUTES), 'gpt-5.4-mini');
    assert.equal(fallbackFor('gpt-5.6', catalog, DEFAULT_ROUTES), 'claude-haiku-4-5');
  });

  it('falls back to the other provider\'s model the routing gives the most tasks, the built-in winning ties', () => {
    const routes = routed({ review: 'claude-haiku-5-5', explain: 'claude-haiku-5-5', generateCode: 'gpt-5.6' });
    // Anthropic: Haiku 5.5 has two tasks, Haiku 4.5 none. OpenAI: GPT-5.4 Mini keeps four tasks, GPT-5.6 one.
    assert.equal(fallbackFor('gpt-5.6', catalog, routes), 'claude-haiku-5-5');
    assert.equal(fallbackFor('claude-haiku-5-5', catalog, routes), 'gpt-5.4-mini');
    const tie = routed({ review: 'claude-haiku-5-5' });
    assert.equal(fallbackFor('gpt-5.4-mini', catalog, tie), 'claude-haiku-4-5');
  });

  it('moves input over a user model\'s limit to its fallback when that fits, and segments on the larger when none does', () => {
    const routes = routed({ explain: 'gpt-5.6', review: 'claude-haiku-5-5' });
    // GPT-5.6 takes 272K input; its fallback here is Haiku 5.5 (400K).
    const moved = route(input('explain', { inputTokens: { openai: 300_000, anthropic: 330_000 } }), catalog, routes);
    assert.equal(moved.kind === 'call' && moved.model, 'claude-haiku-5-5');
    assert.match(moved.reason, /over gpt-5\.6's 272,000-token input limit; Claude Haiku 5\.5 fits it/);
    const parts = route(input('review', { inputTokens: { openai: 420_000, anthropic: 450_000 } }), catalog, routes);
    assert.equal(parts.kind, 'segment');
    assert.equal(parts.kind === 'segment' && parts.model, 'claude-haiku-5-5');
  });
});
