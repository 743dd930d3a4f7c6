/**
 * The first run: `npm start -- --fake`'s own setup (test/runner/fakeStart.ts), no key in the environment, empty
 * secret storage. Generate Code runs to a result in the editor without asking for a key or about the endpoint,
 * on the demo key the fake was handed; the key picker and the status tooltip say where the keys come from.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_KEYS } from '../runner/fakeStart';
import { REPO_ROOT } from '../runner/editorSession';
import { openDemoWindow, type TandemWindow } from './tandemWindow';
import { quickPickRow, runCommand, statusBarItem, waitForPicker } from './workbench';

const RESULTS = path.join(REPO_ROOT, 'test-results');
const CODE = 'export function orderCount(orders: Order[]): number {\n  return orders.length;\n}';

/** The fake server's fingerprint of a key (sha256, 8 hex). */
const fingerprint = (key: string): string => createHash('sha256').update(key).digest('hex').slice(0, 8);

describe('The first run with no key (npm start -- --fake)', () => {
  let window: TandemWindow;
  let page: Page;

  before(async () => {
    // The test's own environment must not lend a key: the window gets the setup's env over it.
    window = await openDemoWindow();
    page = window.page;
    fs.mkdirSync(RESULTS, { recursive: true });
  });

  after(async () => {
    await window?.close();
  });

  it('runs Generate Code to code inserted in the editor, on the demo key, without asking anything but the instruction', async () => {
    await statusBarItem(page, '$0.00').waitFor({ state: 'visible', timeout: 60_000 });
    await page.getByRole('treeitem', { name: 'src' }).click();
    await page.getByRole('treeitem', { name: 'orders.ts' }).dblclick();
    const editor = page.locator('.monaco-editor .view-lines').first();
    await editor.waitFor({ state: 'visible' });
    await editor.click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.press('Enter');
    window.fake.script({ match: { provider: 'openai' }, reply: { text: `\`\`\`ts\n${CODE}\n\`\`\`` } });

    await runCommand(page, 'Tandem: Generate Code…');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Tandem: Generate Code' }).waitFor({ state: 'visible' });
    await input.fill('a function that counts the orders');
    await page.keyboard.press('Enter');

    await editor.getByText('orderCount(orders: Order[])').waitFor({ state: 'visible', timeout: 30_000 });
    await statusBarItem(page, '$0.0').waitFor({ state: 'visible' });
    await page.screenshot({ path: path.join(RESULTS, 'demo-generate-code.png') });

    const calls = window.fake.requests().filter((r) => r.provider === 'openai');
    assert.equal(calls.length, 1, 'one model call, to the fake');
    assert.equal(calls[0].auth.keyFingerprint, fingerprint(DEMO_KEYS.openai), 'it carried the demo key');
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'no question about the endpoint or a key');
  });

  it('says in the key picker that the keys are the demo keys for the local fake', async () => {
    await runCommand(page, 'Tandem: Set API Key…');
    await waitForPicker(page, 'Tandem: Set the API key for which provider?');
    for (const name of ['OpenAI', 'Anthropic']) {
      const row = quickPickRow(page, name);
      await row.waitFor({ state: 'visible' });
      assert.match(await row.innerText(), /using the demo key for the local fake/);
    }
    await page.screenshot({ path: path.join(RESULTS, 'demo-key-picker.png') });
    await page.keyboard.press('Escape');
  });

  it('says in the status tooltip that requests use the demo keys', async () => {
    await statusBarItem(page, '$0.0').hover();
    const hover = page.locator('.monaco-hover', { hasText: 'this session' });
    await hover.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await hover.innerText(), /Keys: OpenAI and Anthropic use the demo key for the local fake/);
    await page.screenshot({ path: path.join(RESULTS, 'demo-status-tooltip.png') });
  });
});
