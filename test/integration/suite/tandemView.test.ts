import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { formatTokens, formatUsd } from '../../../src/core/format/spend';
import { totals } from '../../../src/core/ledger/query';
import { promptTokens } from '../../../src/core/usage/usage';
import type { SpendNode } from '../../../src/editor/views/spendView';
import { answerBatchQuestions, forgetJobs, landedJob, newestJob, RULES, workspaceUri, write } from '../batchFixtures';
import { clearKeys, closeEditors, fake, storeKeys } from '../commandFixtures';
import { activateTandem, waitFor } from '../tandem';

/** What a tree shows for an element: its label, description and icon, as VS Code gets them. */
function shown(item: vscode.TreeItem): { label: string; description: string; icon?: string; context?: string } {
  const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
  return { label, description: String(item.description ?? ''), icon: (item.iconPath as vscode.ThemeIcon | undefined)?.id, context: item.contextValue };
}

async function spendTree(): Promise<{ top: string[]; total: string; tasks: string[][]; models: string[][] }> {
  const { spendView } = await activateTandem();
  const top = spendView.getChildren();
  const rows = (node: SpendNode | undefined) => (node ? spendView.getChildren(node).map((n) => [shown(spendView.getTreeItem(n)).label, shown(spendView.getTreeItem(n)).description]) : []);
  return {
    top: top.map((n) => shown(spendView.getTreeItem(n)).label),
    total: top[0] ? shown(spendView.getTreeItem(top[0])).description : '',
    tasks: rows(top.find((n) => n.kind === 'heading' && n.section === 'task')),
    models: rows(top.find((n) => n.kind === 'heading' && n.section === 'model')),
  };
}

describe('Tandem view', () => {
  beforeEach(async () => {
    await fake.reset();
    await storeKeys();
    (await activateTandem()).session.reset();
  });

  afterEach(async () => {
    await closeEditors();
    await clearKeys();
    await forgetJobs();
  });

  it('shows the session\'s spend by task and by model with the total on top, updated as each call lands', async () => {
    const { models, spendView, session } = await activateTandem();
    assert.deepEqual(spendView.getChildren(), [], 'an empty session shows the welcome text');
    let redraws = 0;
    const counting = spendView.onDidChangeTreeData(() => redraws++);
    try {
      await models.service.run({ task: 'generateCode', system: ['Write code.'], messages: [{ role: 'user', content: 'Add two numbers.' }] });
      const first = await spendTree();
      assert.deepEqual(first.top, ['This session', 'By task', 'By model']);
      const [code] = session.records;
      assert.equal(first.total, `${formatUsd(code.costMicroUsd)} · 1 call · ${formatTokens(promptTokens(code.usage))} in · ${formatTokens(code.usage.output)} out`);
      assert.deepEqual(first.tasks.map(([label]) => label), ['Generate code']);
      assert.ok(redraws > 0, 'the tree was told to redraw when the call landed');

      const before = redraws;
      await models.service.run({ task: 'explain', system: ['Explain.'], messages: [{ role: 'user', content: 'const x = 1;' }] });
      assert.ok(redraws > before, 'and again for the second call');
      const second = await spendTree();
      const all = totals(session.records);
      assert.match(second.total, new RegExp(`^\\${formatUsd(all.costMicroUsd)} · 2 calls · `));
      assert.deepEqual(second.tasks.map(([label]) => label).sort(), ['Explain', 'Generate code']);
      // Each model's row holds what its calls cost.
      const byModel = new Map<string, number>();
      for (const r of session.records) {
        const name = models.settings.models().models[r.model].displayName;
        byModel.set(name, (byModel.get(name) ?? 0) + r.costMicroUsd);
      }
      assert.deepEqual(second.models.map(([label, description]) => [label, description.split(' · ')[0]]).sort(),
        [...byModel].map(([name, cost]) => [name, formatUsd(cost)]).sort());

      session.reset();
      assert.deepEqual(spendView.getChildren(), [], 'a reset empties the view again');
    } finally {
      counting.dispose();
    }
  });

  it('lists a batch job with its progress while it runs, then its result, live, with the actions that fit', async () => {
    await fake.setBatchDelay(2_000);
    await write(workspaceUri('.tandem', 'rules.md'), RULES);
    await write(workspaceUri('view-batch', 'a.ts'), 'export const a = 1;\n');
    await write(workspaceUri('view-batch', 'b.ts'), 'export const b = 2;\n');
    const answers = answerBatchQuestions('**/*.ts');
    try {
      await vscode.commands.executeCommand('tandem.reviewFolderBatch', workspaceUri('view-batch'));
    } finally {
      answers.dispose();
    }
    const job = await newestJob();
    const { batchView } = await activateTandem();
    const item = () => shown(batchView.getTreeItem(job.id));
    assert.deepEqual(batchView.getChildren(), [job.id]);
    const running = await waitFor('the job running', () => (item().description === '0 of 2 done' ? item() : undefined));
    assert.deepEqual(running, { label: 'Review view-batch/ (2 files)', description: '0 of 2 done', icon: 'sync~spin', context: 'tandemJob:refresh:cancel:forget:' });

    for (const i of job.items) await fake.batchOutcome(i.customId, 'succeeded', { json: { findings: [] } });
    await landedJob(job.id);
    assert.deepEqual(item(), { label: 'Review view-batch/ (2 files)', description: 'ended: 2 succeeded', icon: 'check', context: 'tandemJob:problems:forget:' });

    // The item's Remove action (its argument is the job's id, as the view passes it) takes it off the list.
    await vscode.commands.executeCommand('tandem.batchView.remove', job.id);
    assert.deepEqual(batchView.getChildren(), []);
  });
});
