/** A real VS Code window with Tandem loaded on a copy of the sample workspace, and the fake providers behind it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startFakeProviders, type FakeProviders } from '../fake-providers/server';
import { launchChromium } from '../runner/browser';
import type { CodeServerOptions } from '../runner/codeServer';
import { REPO_ROOT, startEditorSession, type EditorSession } from '../runner/editorSession';
import { ensureTools } from '../runner/tools';

export interface TandemWindow {
  readonly session: EditorSession;
  readonly page: Page;
  readonly fake: FakeProviders;
  close(): Promise<void>;
}

export async function openTandemWindow(options: Pick<CodeServerOptions, 'workspaceTrust' | 'userSettings'> & { readonly env?: NodeJS.ProcessEnv } = {}): Promise<TandemWindow> {
  const tools = ensureTools();
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-ui-'));
  fs.cpSync(path.join(REPO_ROOT, 'sample-workspace'), workspace, { recursive: true });
  const fake = await startFakeProviders();
  let session: EditorSession | undefined;
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close();
    await session?.server.stop();
    await fake.close();
    fs.rmSync(workspace, { recursive: true, force: true });
  };
  try {
    session = await startEditorSession(tools, workspace, {
      workspaceTrust: options.workspaceTrust,
      // The SDKs reach the fake server through the environment: its origin must be one the user trusts.
      userSettings: { 'tandem.trustedEndpoints': [fake.url], ...options.userSettings },
      env: { OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '', OPENAI_BASE_URL: fake.openaiBaseURL, ANTHROPIC_BASE_URL: fake.anthropicBaseURL, ...options.env },
    });
    browser = await launchChromium(tools);
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(session.url);
    return { session, page, fake, close };
  } catch (error) {
    await close();
    throw error;
  }
}
