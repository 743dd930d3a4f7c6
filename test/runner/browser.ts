/** Debian's Chromium through playwright-core, with every background connection switched off. */
import { chromium, type Browser } from 'playwright-core';
import type { Tools } from './tools';

export function launchChromium(tools: Tools): Promise<Browser> {
  return chromium.launch({
    executablePath: tools.chromium,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    ],
  });
}

/** The workbench URL that opens `folder` with extensions under development and, optionally, tests to run. */
export function workbenchUrl(serverUrl: string, folder: string, payload: { extensionPath: string; testsEntry?: string }): string {
  const authority = new URL(serverUrl).host;
  const remote = (p: string): string => `vscode-remote://${authority}${p}`;
  const entries: [string, string][] = [['extensionDevelopmentPath', remote(payload.extensionPath)]];
  if (payload.testsEntry) entries.push(['extensionTestsPath', remote(payload.testsEntry)]);
  return `${serverUrl}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(entries))}`;
}
