/** The routing trial through the ModelService: real SDKs, the fake server, the ledger in a temporary folder. */
import assert from 'node:assert/strict';
import { DEFAULT_ROUTES } from '../../../../src/core/models/modelTable';
import { armFor } from '../../../../src/core/trial/assignment';
import { newRoutingTrial, type RoutingTrial } from '../../../../src/core/trial/routingTrial';
import { useFakeServerSuite, type Harness } from '../../../fixtures/modelHarness';

const user = (content: string) => [{ role: 'user' as const, content }];
const TRIAL = newRoutingTrial({ tasks: ['generateSql', 'completion'], share: 0.5, days: 14, now: new Date(Date.now() - 60_000), seed: 7 });

describe('ModelService: a routing trial (real SDKs, fake server)', () => {
  const suite = useFakeServerSuite();
  let h: Harness;

  /** Runs generateSql until both arms have been seen (at share 0.5, 40 calls miss one with odds of 2^-39). */
  async function runUntilBothArms(): Promise<void> {
    for (let i = 0; i < 40; i++) {
      await h.service.run({ task: 'generateSql', system: ['SQL only.'], messages: user(`Query number ${i}`) });
      const arms = new Set((await h.ledger.read()).records.map((r) => r.trial?.arm));
      if (arms.has('trial') && arms.has('routed')) return;
    }
  }

  it('sends the trial arm to the other model and tags every record with the trial, its arm and a seed that replays it', async () => {
    h = suite.harness({ trial: () => TRIAL });
    await runUntilBothArms();
    const { records } = await h.ledger.read();
    assert.ok(records.some((r) => r.trial?.arm === 'trial') && records.some((r) => r.trial?.arm === 'routed'));
    for (const record of records) {
      assert.equal(record.trial?.id, TRIAL.id);
      assert.equal(armFor(record.trial.seed, TRIAL.share), record.trial.arm);
      if (record.trial.arm === 'trial') {
        assert.equal(record.model, 'claude-haiku-4-5');
        assert.equal(record.reason, 'generateSql → Claude Haiku 4.5: routing trial (50% share)');
      } else {
        assert.equal(record.model, 'gpt-5.4-mini');
        assert.match(record.reason ?? '', /fewer parse errors/);
      }
    }
    const sent = suite.fake.requests().filter((r) => r.provider === 'anthropic');
    assert.equal(sent.length, records.filter((r) => r.trial?.arm === 'trial').length, 'each trial call went to Anthropic');
    assert.ok(h.logLines.some((l) => l.includes(`trial: generateSql on the trial arm of ${TRIAL.id}`)));
  });

  it('a trial call that fails falls back to the routed model, both records on the trial arm', async () => {
    h = suite.harness({ trial: () => TRIAL });
    suite.fake.script({ match: { provider: 'anthropic' }, times: 100, fault: { kind: 'overloaded' } });
    for (let i = 0; i < 40 && !(await h.ledger.read()).records.some((r) => r.outcome === 'fallback'); i++) {
      await h.service.run({ task: 'generateSql', system: ['SQL only.'], messages: user(`Query number ${i}`) });
    }
    const records = (await h.ledger.read()).records.filter((r) => r.trial?.arm === 'trial');
    assert.deepEqual(records.map((r) => [r.model, r.outcome]), [['claude-haiku-4-5', 'fallback'], ['gpt-5.4-mini', 'ok']]);
    assert.equal(records[1].trial?.seed, records[0].trial?.seed);
  });

  it('leaves pinned, uncovered and user-chosen calls untagged on their route', async () => {
    const routes = { ...DEFAULT_ROUTES, completion: { ...DEFAULT_ROUTES.completion, reason: 'set in settings (tandem.routing.completion)', pinned: true } };
    h = suite.harness({ trial: () => TRIAL, settings: { routes } });
    for (let i = 0; i < 10; i++) {
      await h.service.run({ task: 'completion', system: ['Complete.'], messages: user(`const x${i} = `), background: true });
      await h.service.run({ task: 'explain', system: ['Explain.'], messages: user(`What is ${i}?`) });
      await h.service.run({ task: 'generateSql', system: ['SQL only.'], messages: user(`Query ${i}`), forceModel: 'gpt-5.4-mini' });
    }
    const { records } = await h.ledger.read();
    assert.equal(records.length, 30);
    assert.ok(records.every((r) => r.trial === undefined), 'no trial tags');
    assert.deepEqual([...new Set(records.map((r) => `${r.task} ${r.model}`))].sort(), ['completion gpt-5.4-mini', 'explain claude-haiku-4-5', 'generateSql gpt-5.4-mini']);
  });

  it('without a trial, or once it has ended, calls carry no tag', async () => {
    const ended: RoutingTrial = { ...TRIAL, endsAt: new Date(Date.now() - 1000).toISOString() };
    const state: { trial?: RoutingTrial } = {};
    h = suite.harness({ trial: () => state.trial });
    await h.service.run({ task: 'generateSql', system: ['SQL only.'], messages: user('one') });
    state.trial = ended;
    for (let i = 0; i < 10; i++) await h.service.run({ task: 'generateSql', system: ['SQL only.'], messages: user(`Query ${i}`) });
    const { records } = await h.ledger.read();
    assert.ok(records.every((r) => r.trial === undefined && r.model === 'gpt-5.4-mini'));
  });
});
