/**
 * The "Get started with Tandem" walkthrough in a real VS Code window, from `npm start -- --fake`'s setup (no key
 * of the user's): opened as a person would (Welcome: Open Walkthrough…), each step clicked and its button run,
 * each step checked off, and each photographed (test-results/walkthrough-<n>-<step>.png; one in the dark theme).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { REPO_ROOT } from '../runner/editorSession';
import { openDemoWindow, type TandemWindow } from './tandemWindow';
import { quickPickRow, runCommand, statusBarItem, waitForPicker } from './workbench';

const RESULTS = path.join(REPO_ROOT, 'test-results');
const CODE = 'export function largestOrder(orders: Order[]): Order | undefined {\n  return orders.reduce<Order | undefined>((a, b) => (a && a.totalCents >= b.totalCents ? a : b), undefined);\n}';

describe('The Get started walkthrough', () => {
  let window: TandemWindow;
  let page: Page;

  before(async () => {
    // Completions are no step of the walkthrough: off, so that no completion request takes a scripted answer.
    window = await openDemoWindow({
      userSettings: { 'workbench.colorTheme': 'Default Light Modern', 'tandem.completions.enabled': false },
      // Wide enough that the walkthrough, beside the file, stays over 950 px: narrower, VS Code hides the
      // step's picture and runs the step buttons in the walkthrough's own group instead of beside it.
      viewport: { width: 2400, height: 1000 },
    });
    page = window.page;
    fs.mkdirSync(RESULTS, { recursive: true });
  });

  after(async () => {
    await window?.close();
  });

  // What the window showed when a step failed, to see why.
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await page.screenshot({ path: path.join(RESULTS, `walkthrough-failed-${this.currentTest.title.slice(0, 1)}.png`) });
  });

  const step = (id: string) => page.locator(`button.getting-started-step[data-step-id$="#${id}"]`);

  /** Clicks the step (it expands and shows its picture), then its button. */
  async function runStep(id: string, button: string): Promise<void> {
    await step(id).click();
    // As a person reads the step before pressing its button: the walkthrough focuses the step it just opened
    // a moment after the click, and a picker opened before then would lose the focus and close.
    await page.locator(`button.getting-started-step[data-step-id$="#${id}"][aria-expanded="true"]`).waitFor({ state: 'attached' });
    await page.waitForTimeout(1000);
    await step(id).locator('.monaco-button', { hasText: button }).click();
  }

  async function checkedOff(id: string): Promise<void> {
    await page.locator(`button.getting-started-step[data-step-id$="#${id}"][aria-checked="true"]`).waitFor({ state: 'attached', timeout: 15_000 });
  }

  async function shoot(n: number, name: string): Promise<void> {
    await page.waitForTimeout(800); // the step's picture is drawn in a webview of its own
    await page.screenshot({ path: path.join(RESULTS, `walkthrough-${n}-${name}.png`) });
  }

  it('opens from Welcome: Open Walkthrough… with its five steps', async () => {
    await statusBarItem(page, '$0.00').waitFor({ state: 'visible', timeout: 60_000 });
    await runCommand(page, 'View: Close Primary Side Bar');
    await runCommand(page, 'Welcome: Open Walkthrough...');
    await quickPickRow(page, 'Get started with Tandem').click();
    await step('setKeys').waitFor({ state: 'visible', timeout: 15_000 });
    const titles = await page.locator('button.getting-started-step h3.step-title').allInnerTexts();
    assert.deepEqual(titles, ['Set your keys', 'Generate code', 'Review a selection against your rules', 'See what you spent', 'Set a budget']);
  });

  it('1: Set your keys opens the key picker, which says the keys are the demo keys for the local fake', async () => {
    await runStep('setKeys', 'Set API Key');
    await waitForPicker(page, 'Tandem: Set the API key for which provider?');
    assert.match(await quickPickRow(page, 'OpenAI').innerText(), /using the demo key for the local fake/);
    await shoot(1, 'keys');
    await page.keyboard.press('Escape');
    await checkedOff('setKeys');
  });

  it('2: Generate code, in a file opened beside the walkthrough from its Open a File picker, inserts the code at the cursor', async () => {
    await runStep('generateCode', 'Open a File');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    await input.fill('orders.ts');
    // The row for src/orders.ts once the file search has answered; its Open to the Side button, as the step says.
    const row = quickPickRow(page, 'orders.ts');
    await row.hover();
    await row.locator('.action-label[aria-label^="Open to the Side"]').click();
    const editor = page.locator('.editor-group-container', { has: page.locator('.tab.active', { hasText: 'orders.ts' }) }).locator('.monaco-editor .view-lines');
    await editor.waitFor({ state: 'visible' });
    await editor.click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.press('Enter');

    window.fake.script({ match: { provider: 'openai' }, reply: { text: CODE } });
    await step('generateCode').locator('.monaco-button', { hasText: 'Generate Code' }).click();
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Tandem: Generate Code' }).waitFor({ state: 'visible' });
    await input.fill('a function that returns the largest order');
    await page.keyboard.press('Enter');
    await editor.getByText('largestOrder(orders: Order[])').waitFor({ state: 'visible', timeout: 30_000 });
    await checkedOff('generateCode');
    await step('generateCode').click(); // the walkthrough has moved on: back to the step for its picture
    await shoot(2, 'generate');
  });

  it('3: Review a selection lists findings that cite the rules', async () => {
    const editor = page.locator('.editor-group-container', { has: page.locator('.tab.active', { hasText: 'orders.ts' }) }).locator('.monaco-editor .view-lines');
    await editor.click();
    await page.keyboard.press('ControlOrMeta+A');
    window.fake.script({
      match: { provider: 'anthropic' },
      reply: { json: { findings: [{ ruleId: 'NAME-2', severity: 'warning', startLine: 9, endLine: 9, message: '`totals` could say what it totals: `centsByCustomer`.', replacement: null }] } },
    });
    await runStep('reviewSelection', 'Review Selection');
    // The problems count in the status bar opens the Problems panel (the palette is no way here: its Escape
    // would take the walkthrough back to the Welcome page).
    await problemsCount().click();
    await page.locator('.markers-panel').getByText('could say what it totals').waitFor({ state: 'visible', timeout: 30_000 });
    await checkedOff('reviewSelection');
    await step('reviewSelection').click();
    await shoot(3, 'review');
    await problemsCount().click();
    await page.locator('.markers-panel').waitFor({ state: 'hidden' });
  });

  it('4: See what you spent opens the usage report with this session\'s calls', async () => {
    await runStep('showUsage', 'Show Usage and Cost');
    await waitForFrame((frame) => frame.locator('.card-cost .card-value').count().then((n) => n > 0));
    await checkedOff('showUsage');
    await step('showUsage').click();
    await shoot(4, 'usage');
  });

  it('5: Set a budget opens the budget settings; setting a daily cap checks the step off', async () => {
    await runStep('setBudget', 'Set a Budget');
    const daily = page.locator('.settings-editor .setting-item-contents', { has: page.locator('.setting-item-label', { hasText: 'Daily' }) }).locator('input');
    await daily.waitFor({ state: 'visible', timeout: 15_000 });
    await daily.fill('5');
    await page.keyboard.press('Tab');
    await checkedOff('setBudget');
    await step('setBudget').click();
    await shoot(5, 'budget');
    const settings = JSON.parse(fs.readFileSync(path.join(window.session.server.userDataDir, 'User', 'settings.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(settings['tandem.budget.daily'], 5, 'in the user\'s settings');
  });

  it('draws its pictures in the dark theme\'s colours too', async () => {
    await page.locator('.editor-group-container .tab.active').last().click(); // the palette's Escape, away from the walkthrough
    await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
    await page.locator('.monaco-workbench.vs-dark').waitFor({ state: 'attached', timeout: 15_000 });
    await step('setKeys').click();
    await shoot(6, 'dark');
  });

  function problemsCount(): Locator {
    return page.locator('#status\\.problems');
  }

  /** Waits until some frame of the page (webviews included) satisfies `test`. */
  async function waitForFrame(test: (frame: Frame) => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const frame of page.frames()) if (await test(frame).catch(() => false)) return;
      if (Date.now() > deadline) throw new Error('No frame showed what was waited for.');
      await page.waitForTimeout(250);
    }
  }
});
