/**
 * A batch job outlives its window: submitted from the Explorer, then the window reloads (a new extension
 * host) while the batch runs; the new host picks the job up and its findings land in the Problems panel.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { customIdFor } from '../../src/core/batch/customIds';
import type { FakeProviders } from '../fake-providers/server';
import { openTandemWindow, type TandemWindow } from './tandemWindow';
import { openFolderReviewDialog, runCommand, statusBarItem, waitForNotification } from './workbench';

describe('A batch job across a window reload', () => {
  let window: TandemWindow;
  let page: Page;
  let fake: FakeProviders;

  before(async () => {
    window = await openTandemWindow({ env: { ANTHROPIC_API_KEY: 'sk-ant-ui-batch-0123456789' } });
    ({ page, fake } = window);
    fake.setBatchDelay(12_000);
  });

  after(async () => {
    await window?.close();
  });

  it('is picked up by the new extension host and its results land', async () => {
    await statusBarItem(page, '$0.00').waitFor({ state: 'visible', timeout: 60_000 });
    // The cost dialog: one request, at the batch rate.
    const dialog = await openFolderReviewDialog(page);
    assert.match(await dialog.innerText(), /1 request to Claude Haiku 4\.5 through the Batch API[\s\S]*at the batch rate/);
    await dialog.getByRole('button', { name: 'Submit' }).click();
    await waitForNotification(page, 'submitted');
    const batches = fake.requests().filter((r) => r.method === 'POST' && r.path === '/v1/messages/batches');
    assert.equal(batches.length, 1, 'the batch reached the provider');
    fake.batchOutcome(customIdFor(0, 'src/orders.ts'), 'succeeded', {
      json: { findings: [{ ruleId: 'ERR-1', severity: 'warning', startLine: 1, endLine: 1, message: 'Landed after the reload.', replacement: null }] },
    });

    // A new extension host: nothing in memory survives, only the workspace's storage.
    await page.reload();
    await statusBarItem(page, '$0.00').waitFor({ state: 'visible', timeout: 60_000 });
    await waitForNotification(page, '1 file reviewed', 90_000);
    await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
    const problems = page.locator('.markers-panel');
    await problems.waitFor({ state: 'visible' });
    await problems.getByText('Landed after the reload.').waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(fake.requests().filter((r) => r.method === 'POST' && r.path === '/v1/messages/batches').length, 1, 'not submitted again');
  });
});
