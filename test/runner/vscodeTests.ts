/**
 * Runs a mocha tests entry inside the extension host of a real VS Code (code-server in headless Chromium),
 * the way VS Code's own smoke-test driver does: the page reports the host's console through
 * `codeAutomationLog` and the tests' end through `codeAutomationExit`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchChromium, workbenchUrl } from './browser';
import { startCodeServer, type CodeServer } from './codeServer';
import type { Tools } from './tools';

export interface TestsPayload {
  readonly extensionPath: string;
  /** Compiled tests entry exporting `run(): Promise<void>`. */
  readonly testsEntry: string;
  readonly workspace: string;
  readonly timeoutMs?: number;
  /** Receives every line the extension host logs; by default they are printed. */
  readonly onLog?: (level: string, message: string) => void;
}

export interface VSCodeTestRun extends TestsPayload {
  readonly env?: NodeJS.ProcessEnv;
  readonly userSettings?: Record<string, unknown>;
}

/** Starts code-server and Chromium, runs the tests once, stops both. Resolves with the tests' exit code. */
export async function runTestsInVSCode(tools: Tools, spec: VSCodeTestRun): Promise<number> {
  const server = await startCodeServer(tools, { userSettings: spec.userSettings, env: spec.env });
  try {
    const browser = await launchChromium(tools);
    try {
      return await runTestsInWindow(server, browser, spec);
    } finally {
      await browser.close().catch(() => undefined);
    }
  } finally {
    await server.stop();
  }
}

/** Opens one workbench window (a fresh extension host) on a running server and waits for its tests. */
export async function runTestsInWindow(server: CodeServer, browser: Browser, spec: TestsPayload): Promise<number> {
  const timeoutMs = spec.timeoutMs ?? 10 * 60_000;
  const context = await browser.newContext();
  const consoleLog: string[] = [];
  let finished = false; // after the tests report, the window's shutdown chatter is only kept in the file
  let timer: NodeJS.Timeout | undefined;
  try {
    const exited = new Promise<number>((resolve) => {
      context
        .exposeFunction('codeAutomationExit', (code: number) => {
          finished = true;
          resolve(Number(code) || 0);
        })
        .catch((error: unknown) => {
          console.error(`[vscode] could not listen for the tests' result: ${String(error)}`);
          resolve(1);
        });
      timer = setTimeout(() => {
        console.error(`[vscode] no result after ${timeoutMs / 1000} s: the tests hung or never started.`);
        resolve(124);
      }, timeoutMs);
    });
    const print = spec.onLog ?? printTestOutput;
    await context.exposeFunction('codeAutomationLog', (level: string, message: unknown) => {
      // The workbench hands over console arguments (format string first), as console.log got them.
      const text = Array.isArray(message) ? format(...(message as unknown[])) : String(message);
      consoleLog.push(`[${level}] ${text}`);
      if (!finished) print(String(level), text);
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`[vscode page] ${error.message}`));
    await page.goto(workbenchUrl(server.url, path.resolve(spec.workspace), {
      extensionPath: path.resolve(spec.extensionPath),
      testsEntry: path.resolve(spec.testsEntry),
    }));
    return await exited;
  } finally {
    clearTimeout(timer);
    await context.close().catch(() => undefined);
    saveConsoleLog(consoleLog);
  }
}

/** The workbench's own chatter, which says nothing about the tests. */
const WORKBENCH_NOISE = /^(Ignoring fetching additional|Updating additional builtin|Creating a socket|Resolving connection|Resolved connection|\[reconnection-grace-time\]|\[Service Worker\]|\[AgentHost|\[AccountPolicyGate\]|\[lifecycle\])/;

function printTestOutput(level: string, text: string): void {
  if (WORKBENCH_NOISE.test(text)) return;
  (level === 'error' ? console.error : console.log)(text);
}

/** Everything the window logged, kept for when a failure needs more context than the test output. */
function saveConsoleLog(lines: string[]): void {
  const dir = path.resolve(__dirname, '..', '..', 'test-results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'vscode-console.log'), `${lines.join('\n')}\n`);
}
