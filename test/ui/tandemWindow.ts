/** A real VS Code window with Tandem loaded on a copy of the sample workspace, and the fake providers behind it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startFakeProviders, type FakeProviders } from '../fake-providers/server';
import { launchChromium } from '../runner/browser';
import type { CodeServerOptions } from '../runner/codeServer';
import { REPO_ROOT, startEditorSession, type EditorSession } from '../runner/editorSession';
import { startFakeSetup } from '../runner/fakeStart';
import { ensureTools } from '../runner/tools';

export interface TandemWindow {
  readonly session: EditorSession;
  readonly page: Page;
  readonly fake: FakeProviders;
  close(): Promise<void>;
}

export async function openTandemWindow(options: Pick<CodeServerOptions, 'workspaceTrust' | 'userSettings'> & { readonly env?: NodeJS.ProcessEnv } = {}): Promise<TandemWindow> {
  const fake = await startFakeProviders();
  return openWindow(fake, {
    workspaceTrust: options.workspaceTrust,
    // The SDKs reach the fake server through the environment: its origin must be one the user trusts.
    userSettings: { 'tandem.trustedEndpoints': [fake.url], ...options.userSettings },
    env: { OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '', OPENAI_BASE_URL: fake.openaiBaseURL, ANTHROPIC_BASE_URL: fake.anthropicBaseURL, ...options.env },
  });
}

/**
 * The window `npm start -- --fake` opens, from the same setup (test/runner/fakeStart.ts): no key in the
 * environment, empty secret storage, demo keys for the local fake. `userSettings` are added to the setup's.
 */
export async function openDemoWindow(options: Pick<CodeServerOptions, 'userSettings'> & { readonly viewport?: Viewport } = {}): Promise<TandemWindow> {
  const setup = await startFakeSetup();
  return openWindow(setup.fake, { env: setup.env, userSettings: { ...setup.userSettings, ...options.userSettings } }, options.viewport);
}

interface Viewport {
  readonly width: number;
  readonly height: number;
}

async function openWindow(fake: FakeProviders, sessionOptions: CodeServerOptions, viewport: Viewport = { width: 1280, height: 800 }): Promise<TandemWindow> {
  const tools = ensureTools();
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-ui-'));
  fs.cpSync(path.join(REPO_ROOT, 'sample-workspace'), workspace, { recursive: true });
  let session: EditorSession | undefined;
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close();
    await session?.server.stop();
    await fake.close();
    fs.rmSync(workspace, { recursive: true, force: true });
  };
  try {
    session = await startEditorSession(tools, workspace, sessionOptions);
    browser = await launchChromium(tools);
    const page = await (await browser.newContext({ viewport })).newPage();
    await page.goto(session.url);
    return { session, page, fake, close };
  } catch (error) {
    await close();
    throw error;
  }
}
