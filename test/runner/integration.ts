/**
 * `npm run test:integration`: the integration tests in the extension host of a real VS Code, offline.
 * Starts the fake provider server and points the SDKs at it through OPENAI_BASE_URL / ANTHROPIC_BASE_URL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeProviders } from '../fake-providers/server';
import { ensureTools } from './tools';
import { runTestsInVSCode } from './vscodeTests';

const root = path.resolve(__dirname, '..', '..');

async function main(): Promise<number> {
  const tools = ensureTools();
  const fake = await startFakeProviders();
  // Tests edit files: give them a copy of the sample workspace, never the checked-in one.
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-workspace-'));
  fs.cpSync(path.join(root, 'sample-workspace'), workspace, { recursive: true });
  try {
    return await runTestsInVSCode(tools, {
      extensionPath: root,
      testsEntry: path.join(root, 'out', 'test', 'integration', 'index.js'),
      workspace,
      // The fake server's origin, exactly: the SDKs reach it through OPENAI_BASE_URL / ANTHROPIC_BASE_URL,
      // an endpoint from the environment, which Tandem trusts only when the user's settings list it. Any
      // other loopback port stays unknown, as the endpoint tests need.
      userSettings: { 'tandem.trustedEndpoints': [fake.url] },
      env: {
        OPENAI_BASE_URL: fake.openaiBaseURL,
        ANTHROPIC_BASE_URL: fake.anthropicBaseURL,
        TANDEM_FAKE_PROVIDERS_URL: fake.url,
        OPENAI_API_KEY: '',
        ANTHROPIC_API_KEY: '',
        ...(process.env.TANDEM_TEST_GREP ? { TANDEM_TEST_GREP: process.env.TANDEM_TEST_GREP } : {}),
      },
    });
  } finally {
    await fake.close();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    if (code !== 0) console.error(`integration: VS Code reported exit code ${code}`);
    process.exit(code);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    console.log('integration: 0 passed, 1 failed');
    process.exit(1);
  },
);
