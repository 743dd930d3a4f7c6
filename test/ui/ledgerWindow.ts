/**
 * A real VS Code window over a ledger written before it opened, as earlier sessions would have left it, with no
 * key and no fake provider: for the report's views, which only read the ledger folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { launchChromium } from '../runner/browser';
import { QUIET_USER_SETTINGS } from '../runner/codeServer';
import { REPO_ROOT, startEditorSession, type EditorSession } from '../runner/editorSession';
import { ensureTools } from '../runner/tools';
import { statusBarItem } from './workbench';

export const RESULTS = path.join(REPO_ROOT, 'test-results');

export interface LedgerWindow {
  readonly page: Page;
  /** The user data folder: its User/settings.json is what Tandem writes to user settings. */
  readonly userData: string;
  /** Console messages about the Content Security Policy: none is expected. */
  readonly cspViolations: readonly string[];
  /** The report page: inside the webview's outer frame, the active inner frame. */
  report(): FrameLocator;
  close(): Promise<void>;
}

export interface LedgerWindowOptions {
  /** Names the temporary folder. */
  readonly name: string;
  /** Writes the ledger (and quality log) files into the extension's ledger folder. */
  readonly writeLedger: (ledgerDir: string) => void;
  /** Added to the quiet settings, in the light theme. */
  readonly userSettings?: Readonly<Record<string, unknown>>;
  readonly viewportHeight: number;
}

export async function openLedgerWindow(options: LedgerWindowOptions): Promise<LedgerWindow> {
  const tools = ensureTools();
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), `tandem-ui-${options.name}-`));
  const userData = path.join(stateDir, 'user-data');
  const ledgerDir = path.join(userData, 'User', 'globalStorage', 'tandem-dev.tandem', 'ledger');
  fs.mkdirSync(ledgerDir, { recursive: true });
  options.writeLedger(ledgerDir);
  const settings = { ...QUIET_USER_SETTINGS, 'workbench.colorTheme': 'Default Light Modern', ...options.userSettings };
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));

  let session: EditorSession | undefined;
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close();
    await session?.server.stop();
    fs.rmSync(stateDir, { recursive: true, force: true });
  };
  try {
    session = await startEditorSession(tools, path.join(REPO_ROOT, 'sample-workspace'), { stateDir, env: { OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '' } });
    browser = await launchChromium(tools);
    const page = await (await browser.newContext({ viewport: { width: 1440, height: options.viewportHeight } })).newPage();
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.goto(session.url);
    await statusBarItem(page, '$0.00').waitFor({ state: 'visible', timeout: 60_000 });
    fs.mkdirSync(RESULTS, { recursive: true });
    return {
      page,
      userData,
      cspViolations,
      report: () => page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame'),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
