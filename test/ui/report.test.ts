/**
 * The usage report in a real VS Code window: opened from the palette over a pre-written ledger, checked for
 * its figures and its CSP, and photographed in the light and the dark theme (test-results/report-*.png).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { formatUsd } from '../../src/core/format/spend';
import { totals } from '../../src/core/ledger/query';
import { ledgerFileName } from '../../src/core/ledger/store';
import { recordsInPeriod } from '../../src/core/report/periodRecords';
import { syntheticLedger } from '../fixtures/syntheticLedger';
import { openLedgerWindow, RESULTS, type LedgerWindow } from './ledgerWindow';
import { runCommand } from './workbench';

const SETTINGS = { 'tandem.budget.daily': 0.5, 'tandem.budget.monthly': 15 };

describe('The usage report in a VS Code window', () => {
  // Six weeks of calls ending a minute ago, as earlier sessions would have left them.
  const ledger = syntheticLedger({ count: 1500, end: new Date(Date.now() - 60_000), days: 42, seed: 7 });
  let ledgerWindow: LedgerWindow;
  let page: Page;

  before(async () => {
    ledgerWindow = await openLedgerWindow({
      name: 'report',
      userSettings: SETTINGS,
      viewportHeight: 1580,
      writeLedger: (ledgerDir) => {
        for (const r of ledger) fs.appendFileSync(path.join(ledgerDir, ledgerFileName(new Date(r.time))), `${JSON.stringify(r)}\n`);
      },
    });
    page = ledgerWindow.page;
  });

  after(async () => {
    await ledgerWindow?.close();
  });

  const report = () => ledgerWindow.report();

  it('opens from the palette on the last 30 days with the ledger\'s figures', async () => {
    await runCommand(page, 'View: Close Primary Side Bar');
    await runCommand(page, 'Tandem: Show Usage and Cost');
    const total = report().locator('.card-cost .card-value');
    await total.waitFor({ state: 'visible', timeout: 30_000 });

    const expected = totals(recordsInPeriod(ledger, '30d', new Date(), ''));
    assert.equal(await total.innerText(), formatUsd(expected.costMicroUsd));
    assert.equal(await report().locator('#tab-30d').getAttribute('aria-selected'), 'true');
    assert.equal(await report().locator('.card-calls .card-value').innerText(), expected.calls.toLocaleString('en-US'));
    // One row per task in the statistics table, and a row per cap in the budget panel.
    assert.equal(await report().locator('#task-table tbody tr').count(), 7);
    assert.equal(await report().locator('#budget-rows .budget-row').count(), 2);
    assert.match(await report().locator('#whatif-rows').innerText(), /As routed[\s\S]*All on GPT-5\.4 Mini[\s\S]*All on Claude Haiku 4\.5/);
    await settle();
    await page.screenshot({ path: path.join(RESULTS, 'report-light.png') });
    assert.deepEqual(ledgerWindow.cspViolations, [], 'the page runs under its CSP without a violation');
  });

  it('follows the theme to dark, redrawn in the new colours', async () => {
    // The user's preferred dark theme is Default Dark Modern, unless they chose another.
    await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
    await report().locator('body.vscode-dark').waitFor({ state: 'attached', timeout: 30_000 });
    await settle();
    await page.screenshot({ path: path.join(RESULTS, 'report-dark.png') });
    assert.deepEqual(ledgerWindow.cspViolations, []);
  });

  it('shows an empty session, with nothing to export, when this window has made no calls', async () => {
    await report().locator('#tab-session').click();
    await report().locator('#empty').waitFor({ state: 'visible' });
    assert.equal(await report().locator('#export-csv').isDisabled(), true);
    await report().locator('#tab-all').click();
    const expected = totals(ledger);
    await report().locator('.card-cost .card-value', { hasText: formatUsd(expected.costMicroUsd) }).waitFor({ state: 'visible' });
  });

  /** Chart.js animates its first paint and redraws after a theme change: wait for both to end. */
  async function settle(): Promise<void> {
    await page.waitForTimeout(1200);
  }
});
