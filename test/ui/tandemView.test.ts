/**
 * The Tandem view in a real VS Code window: opened from the activity bar with a batch job running and some
 * session spend, photographed in the light and the dark theme (test-results/tandem-view-*.png), then
 * watched while another call lands and the job ends.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { customIdFor } from '../../src/core/batch/customIds';
import type { FakeProviders } from '../fake-providers/server';
import { REPO_ROOT } from '../runner/editorSession';
import { openTandemWindow, type TandemWindow } from './tandemWindow';
import { openFolderReviewDialog, runCommand, statusBarItem, waitForNotification } from './workbench';

const RESULTS = path.join(REPO_ROOT, 'test-results');

describe('The Tandem view in a VS Code window', () => {
  let window: TandemWindow;
  let page: Page;
  let fake: FakeProviders;

  before(async () => {
    window = await openTandemWindow({
      env: { ANTHROPIC_API_KEY: 'sk-ant-ui-view-0123456789', OPENAI_API_KEY: 'sk-ui-view-0123456789' },
      userSettings: { 'workbench.colorTheme': 'Default Light Modern' },
    });
    ({ page, fake } = window);
    // The job stays running until the test lets it end.
    fake.setBatchDelay(600_000);
    fs.mkdirSync(RESULTS, { recursive: true });
  });

  after(async () => {
    await window?.close();
  });

  /** Tandem's icon in the activity bar. */
  function tandemIcon(): Locator {
    return page.locator('.activitybar .action-item', { has: page.locator('a[aria-label^="Tandem"]') });
  }

  /** A row of the view's tree with this text. */
  function row(text: string): Locator {
    return page.locator('.pane-body .monaco-list-row', { hasText: text }).first();
  }

  it('shows the running batch job\'s progress and the session\'s spend, opened from the activity bar', async () => {
    await statusBarItem(page, '$0.00').waitFor({ state: 'visible', timeout: 60_000 });
    await submitFolderReview();

    // One call: an explanation of the open file (Claude Haiku 4.5).
    await page.getByRole('treeitem', { name: 'src' }).click();
    await page.getByRole('treeitem', { name: 'orders.ts' }).dblclick();
    const editor = page.locator('.monaco-editor .view-lines').first();
    await editor.waitFor({ state: 'visible' });
    await editor.click();
    await page.keyboard.press('ControlOrMeta+A');
    fake.script({ match: { provider: 'anthropic' }, reply: { text: 'Sums each customer\'s order totals.' } });
    await page.keyboard.press('Control+Shift+Alt+X');
    await statusBarItem(page, 'tok').waitFor({ state: 'visible', timeout: 30_000 });

    // The icon, as a person clicks it (its badge lies over the link).
    await tandemIcon().click();
    await page.locator('.pane-header', { hasText: 'Session Spend' }).waitFor({ state: 'visible' });
    await widenSideBar(120);
    const job = row('Review src/ (1 file)');
    await job.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await job.innerText(), /0 of 1 done/);
    assert.equal(await job.locator('.codicon-sync.codicon-modifier-spin').count(), 1, 'the running job spins');
    await row('This session').waitFor({ state: 'visible' });
    assert.match(await row('This session').innerText(), /\$0\.\d{4} · 1 call · [\d.k]+ in · \d+ out/);
    assert.match(await row('Explain').innerText(), /\$0\.\d{4} · 1 call/);
    assert.match(await row('Claude Haiku 4.5').innerText(), /\$0\.\d{4} · 1 call/);
    // The activity bar's badge counts the running jobs.
    await tandemIcon().locator('.badge-content', { hasText: /^1$/ }).waitFor({ state: 'visible' });

    await settle();
    await page.screenshot({ path: path.join(RESULTS, 'tandem-view-light.png') });
    await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
    await page.locator('.monaco-workbench.vs-dark').waitFor({ state: 'attached', timeout: 30_000 });
    await settle();
    await page.screenshot({ path: path.join(RESULTS, 'tandem-view-dark.png') });
  });

  it('follows another call and the job\'s end live, while the view stays open', async () => {
    const before = await row('This session').innerText();
    // A second call, Generate Code (GPT-5.4 Mini), in a new file: the job's file must stay as it was sent.
    await runCommand(page, 'File: New Untitled Text File');
    await page.locator('.tab.active', { hasText: 'Untitled' }).waitFor({ state: 'visible' });
    fake.script({ match: { provider: 'openai' }, reply: { text: 'export const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);' } });
    await page.keyboard.press('Control+Shift+Alt+G');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    await input.fill('a function that sums numbers');
    await page.keyboard.press('Enter');
    await row('Generate code').waitFor({ state: 'visible', timeout: 30_000 });
    await row('GPT-5.4 Mini').waitFor({ state: 'visible' });
    await page.waitForFunction(() => [...document.querySelectorAll('.pane-body .monaco-list-row')].some((r) => /This session.*2 calls/s.test((r as HTMLElement).innerText)));
    assert.notEqual(await row('This session').innerText(), before);

    // The job ends at the provider; its item's Check Now polls it, and it lands.
    fake.batchOutcome(customIdFor(0, 'src/orders.ts'), 'succeeded', { json: { findings: [] } });
    fake.setBatchDelay(0);
    const job = row('Review src/ (1 file)');
    await job.hover();
    await job.locator('.action-label[aria-label="Check Now"]').click();
    await job.filter({ hasText: 'ended: 1 succeeded' }).waitFor({ state: 'visible', timeout: 30_000 });
    // Ended at the provider, it spins on until its results have landed; then it is done.
    await job.locator('.codicon-check').waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await job.locator('.codicon-modifier-spin').count(), 0);
  });

  /** Review Folder for Compliance (Batch) on src/, from the Explorer, submitted. */
  async function submitFolderReview(): Promise<void> {
    const dialog = await openFolderReviewDialog(page);
    await dialog.getByRole('button', { name: 'Submit' }).click();
    await waitForNotification(page, 'submitted');
  }

  /** Drags the side bar's edge to the right, as a person makes room for the figures. */
  async function widenSideBar(px: number): Promise<void> {
    const box = await page.locator('#workbench\\.parts\\.sidebar').boundingBox();
    assert.ok(box);
    const x = box.x + box.width;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + px / 2, y);
    await page.mouse.move(x + px, y);
    await page.mouse.up();
    // Off the edge (to the activity bar's empty part), so it is not drawn highlighted.
    await page.mouse.move(box.x - 24, y + 150);
  }

  /** Icons and the theme's colours settle after a redraw, and the explanation beside is drawn again after the resize. */
  async function settle(): Promise<void> {
    const explanation = page.locator('iframe.webview.ready').last().contentFrame().frameLocator('iframe#active-frame');
    await explanation.getByText('Sums each customer').waitFor({ state: 'visible', timeout: 15_000 });
    await page.waitForTimeout(1000);
  }
});
