import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LedgerRecord } from '../../../src/core/ledger/record';
import type { RoutingTrial } from '../../../src/core/trial/routingTrial';
import { clearKeys, closeEditors, fake, modelCalls, openEditor, storeKeys } from '../commandFixtures';
import { activateTandem, answerPrompt, captureMessages, waitFor } from '../tandem';

const GOOD = 'SELECT c.name, SUM(o.total_cents) AS total\nFROM customers c\nJOIN orders o ON o.customer_id = c.id\nGROUP BY c.name;';

/** What the Routing Trial section shows: each row's label and description. */
async function viewRows(): Promise<string[]> {
  const { trialView } = await activateTandem();
  const nodes = await trialView.getChildren();
  return nodes.map((n) => {
    const item = trialView.getTreeItem(n);
    return `${String(item.label)}: ${String(item.description)}`;
  });
}

async function tooltip(): Promise<string> {
  return ((await activateTandem()).statusBarItem.tooltip as vscode.MarkdownString).value;
}

async function generateSql(): Promise<void> {
  await openEditor('|', 'sql');
  await vscode.commands.executeCommand('tandem.generateSql');
}

async function recordsOf(trial?: RoutingTrial): Promise<LedgerRecord[]> {
  const { models, session } = await activateTandem();
  const { records } = await models.ledger.read();
  return records.filter((r) => r.session === session.id && r.task === 'generateSql' && (trial ? r.trial?.id === trial.id : true));
}

/** Starts a trial through the command's script arguments, as a user's choices would; says what Tandem told. */
async function start(args: unknown): Promise<{ trial: RoutingTrial | undefined; told: string }> {
  const messages = captureMessages();
  try {
    const trial = await vscode.commands.executeCommand<RoutingTrial | undefined>('tandem.startRoutingTrial', args);
    return { trial, told: messages.messages.join('\n') };
  } finally {
    messages.dispose();
  }
}

/** Starts a trial while one runs, answering the question whether to replace it. */
async function startAnswering(answer: string | undefined, args: unknown): Promise<RoutingTrial | undefined> {
  const asked: string[] = [];
  const stub = answerPrompt('showWarningMessage', (message) => {
    asked.push(String(message));
    return answer;
  });
  const info = answerPrompt('showInformationMessage', () => undefined);
  try {
    const trial = await vscode.commands.executeCommand<RoutingTrial | undefined>('tandem.startRoutingTrial', args);
    assert.match(asked.join('\n'), /a routing trial is running \(20% of Generate SQL calls go to the other model until .*\)\. Replace it with a new one\?/);
    return trial;
  } finally {
    info.dispose();
    stub.dispose();
  }
}

describe('Routing trial', () => {
  let prompts: vscode.Disposable;

  beforeEach(async () => {
    await fake.reset();
    await storeKeys();
    await fake.script({ times: 200, reply: { text: GOOD } });
    prompts = answerPrompt('showInputBox', () => 'total order value per customer');
  });

  afterEach(async () => {
    prompts.dispose();
    await (await activateTandem()).models.trial.stop();
    await closeEditors();
    await clearKeys();
  });

  it('shows no trial while none runs: the view is empty (its welcome text) and the tooltip says nothing of one', async () => {
    assert.deepEqual(await viewRows(), []);
    assert.doesNotMatch(await tooltip(), /Routing trial/);
  });

  it('started with share 50, sends about half of Generate SQL to Claude Haiku 4.5, tagged; the view and tooltip show it; Stop ends it', async function () {
    // Up to 30 commands through the real editor until both arms have calls.
    this.timeout(180_000);
    const { trial, told } = await start({ tasks: ['generateSql'], share: 50, days: 3 });
    assert.ok(trial, told);
    assert.match(told, /routing trial started: 50% of Generate SQL calls go to the other model until \d+ \w{3} \d{4}\./);
    const until = new Date(trial.endsAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    assert.ok((await tooltip()).includes(`$(beaker) Routing trial running until ${until}: 50% of Generate SQL calls go to the other model.`), await tooltip());

    for (let i = 0; i < 30; i++) {
      await generateSql();
      const arms = new Set((await recordsOf(trial)).map((r) => r.trial?.arm));
      if (arms.has('trial') && arms.has('routed') && i >= 3) break;
    }
    const records = await recordsOf(trial);
    const tried = records.filter((r) => r.trial?.arm === 'trial');
    const routed = records.filter((r) => r.trial?.arm === 'routed');
    assert.ok(tried.length > 0 && routed.length > 0, `${tried.length} tried, ${routed.length} routed`);
    assert.ok(tried.every((r) => r.model === 'claude-haiku-4-5' && r.reason === 'generateSql → Claude Haiku 4.5: routing trial (50% share)'));
    assert.ok(routed.every((r) => r.model === 'gpt-5.4-mini'));
    const calls = await modelCalls();
    assert.equal(calls.filter((c) => c.provider === 'anthropic').length, tried.length, 'the trial calls went to Anthropic');

    assert.deepEqual(await viewRows(), [
      'Share: 50% of calls to the other model',
      `Ends: ${until} (3 days left)`,
      `Generate SQL: GPT-5.4 Mini ${routed.length} · Claude Haiku 4.5 ${tried.length}`,
    ]);

    const messages = captureMessages();
    try {
      assert.equal((await vscode.commands.executeCommand<RoutingTrial | undefined>('tandem.stopRoutingTrial'))?.id, trial.id);
    } finally {
      messages.dispose();
    }
    assert.match(messages.messages.join('\n'), /routing trial stopped\. Every call goes to its routed model again/);
    assert.deepEqual(await viewRows(), [], 'the view is back to its welcome text');
    assert.doesNotMatch(await tooltip(), /Routing trial/);
    const before = (await recordsOf()).length;
    for (let i = 0; i < 4; i++) await generateSql();
    const after = (await recordsOf()).slice(before);
    assert.equal(after.length, 4);
    assert.ok(after.every((r) => r.trial === undefined && r.model === 'gpt-5.4-mini'), 'no tags and no trial calls after Stop');
  });

  it('leaves tasks outside the trial untagged on their route', async () => {
    const { trial } = await start({ tasks: ['explain'], share: 50, days: 14 });
    assert.ok(trial);
    const before = (await recordsOf()).length;
    for (let i = 0; i < 4; i++) await generateSql();
    const records = (await recordsOf()).slice(before);
    assert.ok(records.length === 4 && records.every((r) => r.trial === undefined && r.model === 'gpt-5.4-mini'), JSON.stringify(records.map((r) => [r.model, r.trial, r.outcome, r.error])));
  });

  it('with no key for the other model, says so at the start and keeps the calls on their route, untagged', async () => {
    await clearKeys();
    await storeKeys(['openai']);
    const { trial, told } = await start({ tasks: ['generateSql'], share: 50, days: 14 });
    assert.ok(trial);
    assert.match(told, /Claude Haiku 4\.5 has no key yet: those calls stay on their route until you run "Tandem: Set API Key…"/);
    const before = (await recordsOf()).length;
    for (let i = 0; i < 4; i++) await generateSql();
    const records = (await recordsOf()).slice(before);
    assert.equal(records.length, 4);
    assert.ok(records.every((r) => r.trial === undefined && r.model === 'gpt-5.4-mini'));
    assert.ok((await modelCalls()).every((c) => c.provider === 'openai'));
  });

  it('refuses script arguments it cannot use, saying which and why, and starts nothing', async () => {
    await vscode.workspace.getConfiguration('tandem').update('routing', { explain: 'claude-haiku-4-5' }, vscode.ConfigurationTarget.Global);
    try {
      for (const [args, why] of [
        [{ tasks: ['generateSql'], share: 80, days: 14 }, /"share": Enter a whole percent from 1 to 50/],
        [{ tasks: ['explain'], share: 20, days: 14 }, /"tasks": explain is pinned in tandem\.routing/],
        [{ tasks: ['generateSql'], share: 20, days: 365 }, /"days": Enter a whole number of days from 1 to 90/],
      ] as const) {
        const { trial, told } = await start(args);
        assert.equal(trial, undefined);
        assert.match(told, /the routing trial was not started: /);
        assert.match(told, why);
      }
    } finally {
      await vscode.workspace.getConfiguration('tandem').update('routing', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.equal((await activateTandem()).models.trial.current, undefined);
  });

  it('starting while one runs asks before replacing it', async () => {
    const first = (await start({ tasks: ['generateSql'], share: 20, days: 14 })).trial;
    assert.ok(first);
    assert.equal(await startAnswering(undefined, { tasks: ['explain'], share: 20, days: 14 }), undefined);
    assert.equal((await activateTandem()).models.trial.current?.id, first.id, 'kept when the user says no');
    const second = await startAnswering('Replace Trial', { tasks: ['explain'], share: 30, days: 7 });
    assert.ok(second && second.id !== first.id);
    assert.deepEqual((await activateTandem()).models.trial.current?.tasks, ['explain']);
  });

  it('ends on its own at its end time, says so, and calls carry no tag after', async () => {
    const { models } = await activateTandem();
    const now = Date.now();
    const shortTrial: RoutingTrial = {
      id: 'trial-short', tasks: ['generateSql'], share: 0.5, seed: 1,
      startedAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 1_500).toISOString(),
    };
    const messages = captureMessages();
    try {
      await models.trial.start(shortTrial);
      assert.equal(models.trial.current?.id, 'trial-short');
      await waitFor('the trial to end', () => messages.messages.some((m) => m.includes('the routing trial ended')));
    } finally {
      messages.dispose();
    }
    assert.match(messages.messages.join('\n'), /the routing trial ended on \d+ \w{3} \d{4}\. Every call goes to its routed model again/);
    assert.equal(models.trial.current, undefined);
    assert.deepEqual(await viewRows(), []);
    const before = (await recordsOf()).length;
    await generateSql();
    assert.ok((await recordsOf()).slice(before).every((r) => r.trial === undefined));
  });

  it('a trial that ended while VS Code was closed is ended at activation, with the same message', async () => {
    const { models, context } = await activateTandem();
    await context.globalState.update('tandem.routingTrial', {
      id: 'trial-old', tasks: ['explain'], share: 0.2, seed: 5, startedAt: '2026-01-01T00:00:00.000Z', endsAt: '2026-01-15T00:00:00.000Z',
    });
    const messages = captureMessages();
    try {
      await models.trial.checkEnd();
    } finally {
      messages.dispose();
    }
    assert.equal(context.globalState.get('tandem.routingTrial'), undefined);
    assert.match(messages.messages.join('\n'), /the routing trial ended on 15 Jan 2026\./);
  });

  it('ends a trial whose saved state is damaged, and says so', async () => {
    const { models, context } = await activateTandem();
    await context.globalState.update('tandem.routingTrial', { id: 'trial-x', tasks: ['generateSql'], share: 3, startedAt: 'now' });
    const messages = captureMessages();
    try {
      await models.trial.checkEnd();
    } finally {
      messages.dispose();
    }
    assert.equal(context.globalState.get('tandem.routingTrial'), undefined);
    assert.match(messages.messages.join('\n'), /the routing trial's saved state could not be read \(routing trial trial-x: its share 3 is not between 0\.01 and 0\.5\), so the trial was ended/);
  });
});
