/**
 * `npm run test:electron`: the conventional runner, for machines with internet. @vscode/test-electron
 * downloads a desktop VS Code and runs the same integration tests in it. It cannot work offline; the
 * default `npm test` uses ./integration.ts (code-server) instead.
 */
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { startFakeProviders } from '../fake-providers/server';
import { mergeUserSettings } from './codeServer';

const root = path.resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  const fake = await startFakeProviders();
  const userDataDir = path.join(root, '.vscode-test', 'electron-user-data');
  // The SDKs reach the fake server through the environment: its origin must be one the user trusts.
  mergeUserSettings(path.join(userDataDir, 'User', 'settings.json'), { 'tandem.trustedEndpoints': [fake.url] });
  try {
    await runTests({
      version: process.env.TANDEM_VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out', 'test', 'integration', 'index.js'),
      launchArgs: [path.join(root, 'sample-workspace'), '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${userDataDir}`],
      extensionTestsEnv: {
        OPENAI_BASE_URL: fake.openaiBaseURL,
        ANTHROPIC_BASE_URL: fake.anthropicBaseURL,
        TANDEM_FAKE_PROVIDERS_URL: fake.url,
        TANDEM_VSCODE_USER_DATA_DIR: userDataDir,
      },
    });
  } finally {
    await fake.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
