/**
 * The report's Routing view in a real VS Code window: opened from the palette over a ledger and quality log
 * holding a routing trial, its advice applied through the diff and the confirmation, and photographed in the
 * light theme with the advice (test-results/routing-light.png) and in the dark one with the change listed
 * (routing-dark.png).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ledgerFileName } from '../../src/core/ledger/monthFiles';
import type { QualitySignal } from '../../src/core/quality/signal';
import { routingTrialLedger } from '../fixtures/routingTrialLedger';
import { openLedgerWindow, RESULTS, type LedgerWindow } from './ledgerWindow';
import { runCommand } from './workbench';

describe('The Routing view in a VS Code window', () => {
  const end = new Date(Date.now() - 3_600_000);
  const trial = routingTrialLedger({ end });
  // A few rated explanations on each model: too few to compare, so the view says what it still needs.
  const explainCalls = routingTrialLedger({ end, idPrefix: 'explain' });
  const explain = [...explainCalls.filter((c) => c.record.model === 'claude-haiku-4-5').slice(0, 12), ...explainCalls.filter((c) => c.record.model === 'gpt-5.4-mini').slice(0, 9)].map(
    ({ record }, i) => ({ record: { ...record, task: 'explain' as const, trial: undefined }, signal: i % 3 === 0 ? ('thumbsDown' as const) : ('thumbsUp' as const) }),
  );
  let ledgerWindow: LedgerWindow;
  let page: Page;

  before(async () => {
    ledgerWindow = await openLedgerWindow({
      name: 'routing',
      viewportHeight: 1100,
      writeLedger: (ledgerDir) => {
        [...trial, ...explain].forEach(({ record, signal }, i) => {
          fs.appendFileSync(path.join(ledgerDir, ledgerFileName(new Date(record.time))), `${JSON.stringify(record)}\n`);
          const time = new Date(Date.parse(record.time) + 30_000);
          const quality: QualitySignal = { v: 1, id: `ui-${i}`, time: time.toISOString(), call: record.id, name: signal };
          fs.appendFileSync(path.join(ledgerDir, ledgerFileName(time, 'quality')), `${JSON.stringify(quality)}\n`);
        });
      },
    });
    page = ledgerWindow.page;
  });

  after(async () => {
    await ledgerWindow?.close();
  });

  const report = () => ledgerWindow.report();

  it('opens from the palette on the Routing tab with the advice per task', async () => {
    await runCommand(page, 'View: Close Primary Side Bar');
    await runCommand(page, 'Tandem: Show Routing Advice');
    const sql = report().locator('#routing-generateSql');
    await sql.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await report().locator('#view-routing').getAttribute('aria-selected'), 'true');
    assert.equal(await report().locator('#title').innerText(), 'Routing');
    assert.match(await sql.locator('.advice').innerText(), /Generate SQL → Claude Haiku 4\.5: valid first time 1\.00 vs 0\.98[\s\S]*15% cheaper per call/);
    assert.match(await sql.locator('tbody tr').first().innerText(), /GPT-5\.4 Mini[\s\S]*current[\s\S]*120[\s\S]*0\.98 \(0\.9\d–\d\.\d\d\), n = 120/);
    const explainView = report().locator('#routing-explain');
    assert.match(await explainView.locator('.advice').innerText(), /not enough to compare yet/);
    assert.match(await explainView.locator('tbody').innerText(), /needs 18 more calls[\s\S]*needs 8 more ratings/);
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(RESULTS, 'routing-light.png') });
    assert.deepEqual(ledgerWindow.cspViolations, [], 'the page runs under its CSP without a violation');
  });

  it('applies a switch after the diff and the confirmation, and lists the change', async () => {
    await report().locator('#routing-generateSql button', { hasText: 'Apply' }).click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await dialog.innerText(), /Route Generate SQL to Claude Haiku 4\.5\?/);
    // The diff of the user's settings is open behind the question.
    assert.ok(await page.locator('.monaco-diff-editor').first().isVisible(), 'the diff is shown first');
    await dialog.getByRole('button', { name: 'Write to User Settings' }).click();
    await report().locator('#routing-history li', { hasText: 'Generate SQL: GPT-5.4 Mini → Claude Haiku 4.5' }).waitFor({ state: 'visible', timeout: 30_000 });
    const settings = JSON.parse(fs.readFileSync(path.join(ledgerWindow.userData, 'User', 'settings.json'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(settings['tandem.routing'], { generateSql: 'claude-haiku-4-5' });
    assert.match(await report().locator('#routing-generateSql .route-tag').innerText(), /routed to Claude Haiku 4\.5/);
  });

  it('follows the theme to dark and keeps the tab through a hide and show', async () => {
    await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
    await report().locator('body.vscode-dark').waitFor({ state: 'attached', timeout: 30_000 });
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(RESULTS, 'routing-dark.png') });
    await report().locator('#view-routing').focus();
    await page.keyboard.press('ArrowLeft');
    assert.equal(await report().locator('#view-usage').getAttribute('aria-selected'), 'true');
    await report().locator('.card-cost .card-value').waitFor({ state: 'visible' });
    await page.keyboard.press('End');
    await report().locator('#routing-generateSql').waitFor({ state: 'visible' });
    assert.deepEqual(ledgerWindow.cspViolations, []);
  });
});
