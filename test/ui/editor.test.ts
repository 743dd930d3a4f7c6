/**
 * End to end: Tandem loaded in a real VS Code window exactly as `npm start` serves it, used through the
 * workbench UI in Chromium. Screenshots go to test-results/ for a person to look at.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { FakeProviders } from '../fake-providers/server';
import { REPO_ROOT } from '../runner/editorSession';
import { openTandemWindow, type TandemWindow } from './tandemWindow';
import { quickPickRow, runCommand, statusBarItem, waitForNotification, waitForPicker } from './workbench';

const RESULTS = path.join(REPO_ROOT, 'test-results');

describe('Tandem in a VS Code window', () => {
  let window: TandemWindow;
  let page: Page;
  let fake: FakeProviders;

  before(async () => {
    window = await openTandemWindow();
    ({ page, fake } = window);
    fs.mkdirSync(RESULTS, { recursive: true });
  });

  after(async () => {
    await window?.close();
  });

  it('shows the session spend, $0.00, in the status bar', async () => {
    const item = statusBarItem(page, '$0.00');
    await item.waitFor({ state: 'visible', timeout: 60_000 });
    assert.match((await item.getAttribute('aria-label')) ?? '', /Tandem session spend \$0\.00/);
    await page.screenshot({ path: path.join(RESULTS, 'ui-status-bar.png') });
  });

  it('sets an API key through the command palette and a password box, then clears it', async () => {
    const key = `sk-ui-test-${Date.now().toString(36)}`;
    await runCommand(page, 'Tandem: Set API Key');
    await waitForPicker(page, 'Tandem: Set the API key for which provider?');
    await quickPickRow(page, 'Anthropic').waitFor({ state: 'visible' });
    await quickPickRow(page, 'OpenAI').click();

    // The key is typed into a password box: the picker's input turns into one.
    const input = page.locator('.quick-input-widget .quick-input-box input[type="password"]');
    await input.waitFor({ state: 'visible' });
    await input.fill(key);
    await page.keyboard.press('Enter');
    // The box closes once the extension has validated and taken the value; Escape before that cancels.
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await waitForNotification(page, 'OpenAI API key checked and saved');
    const check = fake.requests().find((r) => r.provider === 'openai');
    assert.equal(check?.path, '/v1/models/gpt-5.4-mini', 'the key was checked with a cheap call first');
    assert.ok(!(await page.content()).includes(key), 'the key is nowhere on the page');

    await runCommand(page, 'Tandem: Clear API Key');
    await waitForPicker(page, 'Tandem: Clear the stored API key of which provider?');
    const openai = quickPickRow(page, 'OpenAI');
    await openai.waitFor({ state: 'visible' });
    assert.match(await openai.innerText(), /key stored in secret storage/);
    await page.screenshot({ path: path.join(RESULTS, 'ui-clear-key-picker.png') });
    await openai.click();
    await waitForNotification(page, 'OpenAI API key cleared');
  });
});
