import assert from 'node:assert/strict';
import { deepFreeze } from '../../../fixtures/deepFreeze';
import { DEFAULT_MODELS, DEFAULT_ROUTES, type ModelTable, type RoutingTable } from '../../../../src/core/models/modelTable';
import { applyModelOverrides } from '../../../../src/core/models/catalog';
import { applyRoutingOverrides } from '../../../../src/core/models/overrides';
import { route } from '../../../../src/core/routing/router';

// Frozen copies: any mutation of the defaults throws, and the originals are compared after.
const models: ModelTable = deepFreeze(structuredClone(DEFAULT_MODELS));
const routes: RoutingTable = deepFreeze(structuredClone(DEFAULT_ROUTES));

describe('tandem.routing overrides', () => {
  it('leaves the routes alone when nothing is set', () => {
    const { table, problems } = applyRoutingOverrides(routes, undefined, models);
    assert.deepEqual(table, DEFAULT_ROUTES);
    assert.deepEqual(problems, []);
  });

  it('moves a task to another model and says the choice came from settings', () => {
    const { table, problems } = applyRoutingOverrides(routes, { explain: 'gpt-5.4-mini' }, models);
    assert.deepEqual(problems, []);
    assert.deepEqual(table.explain, { ...DEFAULT_ROUTES.explain, model: 'gpt-5.4-mini', reason: 'set in settings (tandem.routing.explain)', pinned: true });
    assert.deepEqual(table.review, DEFAULT_ROUTES.review);
  });

  it('shows the settings reason on the routed call', () => {
    const { table } = applyRoutingOverrides(routes, { explain: 'gpt-5.4-mini' }, models);
    const decision = route(
      { task: 'explain', inputTokens: { openai: 500, anthropic: 500 }, hasKey: () => true, isCoolingDown: () => false, fallbackEnabled: true },
      DEFAULT_MODELS,
      table,
    );
    assert.equal(decision.kind, 'call');
    assert.equal(decision.kind === 'call' && decision.model, 'gpt-5.4-mini');
    assert.match(decision.reason, /set in settings \(tandem\.routing\.explain\)/);
  });

  it('reports an unknown task, an unknown model and a non-string, and applies the rest', () => {
    const { table, problems } = applyRoutingOverrides(routes, {
      summarize: 'claude-haiku-4-5',
      review: 'gpt-4o',
      explain: 7,
      generateSql: 'claude-haiku-4-5',
    }, models);
    assert.deepEqual(problems, [
      'tandem.routing.summarize: unknown task (known: completion, generateCode, editSelection, generateSql, generateJson, review, explain); ignored',
      'tandem.routing.review: "gpt-4o" is not a model of the catalog (known: "gpt-5.4-mini", "claude-haiku-4-5"; add one in tandem.models); keeping claude-haiku-4-5',
      'tandem.routing.explain: 7 is not a model of the catalog (known: "gpt-5.4-mini", "claude-haiku-4-5"; add one in tandem.models); keeping claude-haiku-4-5',
    ]);
    assert.equal(table.generateSql.model, 'claude-haiku-4-5');
    assert.deepEqual(table.review, DEFAULT_ROUTES.review);
    assert.deepEqual(table.explain, DEFAULT_ROUTES.explain);
  });

  it('reports settings of the wrong shape and keeps the default routes', () => {
    const { table, problems } = applyRoutingOverrides(routes, 'gpt-5.4-mini', models);
    assert.deepEqual(problems, ['tandem.routing: "gpt-5.4-mini" is not an object of task → model; keeping the default routes']);
    assert.deepEqual(table, DEFAULT_ROUTES);
  });

  it('never changes the routes it was given', () => {
    applyRoutingOverrides(routes, { review: 'gpt-5.4-mini', completion: 'claude-haiku-4-5' }, models);
    assert.deepEqual(routes, DEFAULT_ROUTES);
  });

  it('routes any task to a model the user added, and only once it is in the catalog', () => {
    const catalog = applyModelOverrides(models, {
      'gpt-5.6': { provider: 'openai', inputPerMTok: 1.25, outputPerMTok: 10, contextWindow: 400_000, maxOutputTokens: 128_000 },
    }).table;
    const { table, problems } = applyRoutingOverrides(routes, { review: 'gpt-5.6', completion: 'gpt-5.6' }, catalog);
    assert.deepEqual(problems, []);
    assert.equal(table.review.model, 'gpt-5.6');
    assert.equal(table.completion.model, 'gpt-5.6');
    // Without the entry, the same routing is refused and the task keeps its default.
    const without = applyRoutingOverrides(routes, { review: 'gpt-5.6' }, models);
    assert.equal(without.table.review.model, 'claude-haiku-4-5');
    assert.match(without.problems[0], /^tandem\.routing\.review: "gpt-5\.6" is not a model of the catalog/);
  });

  it('marks the routes the workspace set, and says so in their reason', () => {
    const { table } = applyRoutingOverrides(routes, { explain: 'gpt-5.4-mini', review: 'gpt-5.4-mini' }, models, (task) => task === 'explain');
    assert.deepEqual(table.explain, {
      ...DEFAULT_ROUTES.explain, model: 'gpt-5.4-mini', reason: 'set by this workspace (tandem.routing.explain in its settings)', setByWorkspace: true, pinned: true,
    });
    assert.equal(table.review.setByWorkspace, undefined);
    assert.equal(table.review.reason, 'set in settings (tandem.routing.review)');
  });
});
