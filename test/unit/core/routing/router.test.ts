import assert from 'node:assert/strict';
import { DEFAULT_MODELS, DEFAULT_ROUTES, type ModelId } from '../../../../src/core/models/modelTable';
import type { ProviderId } from '../../../../src/core/models/providers';
import { TASK_KINDS, type TaskKind } from '../../../../src/core/models/tasks';
import { route, type RouteInput } from '../../../../src/core/routing/router';

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
