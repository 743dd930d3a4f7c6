/**
 * Restricted Mode in a real VS Code window: a folder that was never trusted, where the user asks Tandem to
 * generate code. Nothing may reach a model; the user is told why and how to trust the workspace.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openTandemWindow, type TandemWindow } from './tandemWindow';
import { runCommand, statusBarItem, waitForNotification } from './workbench';

describe('Tandem in an untrusted workspace', () => {
  let window: TandemWindow;
  let page: Page;

  before(async () => {
    // A key in the environment: without Restricted Mode, the command would reach the fake server.
    window = await openTandemWindow({ workspaceTrust: true, env: { OPENAI_API_KEY: 'sk-ui-untrusted-0123456789' } });
    page = window.page;
  });

  after(async () => {
    await window?.close();
  });

  it('sends nothing from a folder the user did not trust, and says how to trust it', async () => {
    // With trust on and no answer given, VS Code opens a new folder in Restricted Mode.
    await statusBarItem(page, '$0.00').waitFor({ state: 'visible', timeout: 60_000 });
    await statusBarItem(page, 'Restricted Mode').waitFor({ state: 'visible' });
    await page.getByRole('treeitem', { name: 'schema.sql' }).dblclick();
    await page.locator('.monaco-editor .view-lines').first().waitFor({ state: 'visible' });
    await runCommand(page, 'Tandem: Generate Code…');
    await waitForNotification(page, 'Restricted Mode, so Tandem sends nothing from it');
    assert.deepEqual(window.fake.requests().filter((r) => r.provider === 'openai'), [], 'nothing reached a model');
  });
});
