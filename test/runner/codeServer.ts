/** Starts code-server (a real VS Code) on a free loopback port with throwaway, self-contained state. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Tools } from './tools';

export interface CodeServer {
  readonly url: string;
  readonly port: number;
  /** The run's own folder: user data, extensions, XDG dirs and TMPDIR all live under it. */
  readonly stateDir: string;
  readonly userDataDir: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Written into a new settings file; merged into a kept one (lists are joined), so `npm start` gets them too. */
  readonly userSettings?: Record<string, unknown>;
  readonly port?: number;
  /** Kept after stop (for `npm start`); by default a temp folder removed at stop. */
  readonly stateDir?: string;
  readonly echo?: boolean;
  /** Workspace trust on, so a folder can be opened in Restricted Mode (off by default: no trust prompt). */
  readonly workspaceTrust?: boolean;
}

export const QUIET_USER_SETTINGS: Record<string, unknown> = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.startupEditor': 'none',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'files.autoSave': 'off',
  'security.workspace.trust.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/**
 * Adds settings to a settings file kept between runs (creating it if need be); one that is not plain JSON
 * (comments) is left alone with a note.
 */
export function mergeUserSettings(file: string, settings: Record<string, unknown>): void {
  let current: Record<string, unknown>;
  try {
    current = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown> : {};
  } catch {
    console.warn(`${file} is not plain JSON; add these settings yourself: ${JSON.stringify(settings)}`);
    return;
  }
  for (const [key, value] of Object.entries(settings)) {
    const had = current[key];
    current[key] = Array.isArray(had) && Array.isArray(value) ? [...new Set([...had, ...value])] : value;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(current, null, 2));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startCodeServer(tools: Tools, options: CodeServerOptions = {}): Promise<CodeServer> {
  const port = options.port ?? (await freePort());
  const ownsState = !options.stateDir;
  const stateDir = options.stateDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-vscode-'));
  const dirs = {
    userData: path.join(stateDir, 'user-data'),
    extensions: path.join(stateDir, 'extensions'),
    config: path.join(stateDir, 'xdg-config'),
    data: path.join(stateDir, 'xdg-data'),
    runtime: path.join(stateDir, 'xdg-runtime'),
    tmp: path.join(stateDir, 'tmp'),
  };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const settingsFile = path.join(dirs.userData, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  if (!fs.existsSync(settingsFile) || ownsState) {
    const trust = options.workspaceTrust ? { 'security.workspace.trust.enabled': true } : {};
    fs.writeFileSync(settingsFile, JSON.stringify({ ...QUIET_USER_SETTINGS, ...trust, ...options.userSettings }, null, 2));
  } else if (options.userSettings) {
    mergeUserSettings(settingsFile, options.userSettings);
  }

  const child = spawn(tools.node, [
    tools.codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--vscode-option', 'enable-smoke-test-driver',
  ], {
    detached: true, // its own process group, so stop() can end the extension host with it
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...options.env,
      EXTENSIONS_GALLERY: '{}',
      XDG_CONFIG_HOME: dirs.config,
      XDG_DATA_HOME: dirs.data,
      XDG_RUNTIME_DIR: dirs.runtime,
      TMPDIR: dirs.tmp,
      NODE_OPTIONS: '',
      // Lets tests inside the extension host inspect the user's settings and logs on disk.
      TANDEM_VSCODE_USER_DATA_DIR: dirs.userData,
    },
  });

  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
    if (options.echo) process.stdout.write(chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  await waitForListening(child, () => output, 60_000);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    stateDir,
    userDataDir: dirs.userData,
    output: () => output,
    stop: async () => {
      await killGroup(child);
      if (ownsState) fs.rmSync(stateDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

function waitForListening(child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`code-server did not start within ${timeoutMs / 1000} s.\n${output()}`)), timeoutMs);
    const poll = setInterval(() => {
      if (output().includes('HTTP server listening on')) done();
    }, 50);
    const onExit = (code: number | null): void => fail(new Error(`code-server exited (${code}) before listening.\n${output()}`));
    child.once('exit', onExit);
    function done(): void {
      clearTimeout(timer);
      clearInterval(poll);
      child.off('exit', onExit);
      resolve();
    }
    function fail(error: Error): void {
      clearTimeout(timer);
      clearInterval(poll);
      child.off('exit', onExit);
      killGroup(child).catch(() => undefined); // the process group is gone already
      reject(error);
    }
  });
}

async function killGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (sig: NodeJS.Signals): void => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      /* already gone */
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
  signal('SIGKILL'); // the extension host and other children of the group
}
