/**
 * `npm start`: Tandem in a real VS Code (code-server) on 127.0.0.1, with the sample workspace open.
 * Prints the URL to open in a browser and runs until Ctrl+C.
 *   npm start                      the SDKs' defaults (real OpenAI / Anthropic, or OPENAI_BASE_URL / ANTHROPIC_BASE_URL)
 *   npm start -- --fake            points the SDKs at the local fake provider server and hands the editor demo keys
 *                                  valid only for it (no network, no keys needed; see fakeStart.ts)
 *   npm start -- --port 8123       a fixed port instead of a free one
 */
import path from 'node:path';
import type { FakeProviders } from '../fake-providers/server';
import { REPO_ROOT, startEditorSession } from './editorSession';
import { startFakeSetup } from './fakeStart';
import { ensureTools } from './tools';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const tools = ensureTools();
  let fake: FakeProviders | undefined;
  const env: NodeJS.ProcessEnv = {};
  let userSettings: Record<string, unknown> | undefined;
  if (process.argv.includes('--fake')) {
    const setup = await startFakeSetup();
    fake = setup.fake;
    Object.assign(env, setup.env);
    userSettings = setup.userSettings;
    console.log(`fake providers: ${fake.url} (demo keys set for it: no key needed; a key of yours, if stored, is used instead)`);
  }
  const port = argValue('--port');
  const { server, url } = await startEditorSession(tools, path.join(REPO_ROOT, 'sample-workspace'), {
    env,
    userSettings,
    port: port ? Number(port) : undefined,
    // Kept between starts, so keys and settings set in the editor survive a restart.
    stateDir: path.join(REPO_ROOT, '.vscode-test', 'start'),
  });
  console.log(`\nTandem is running in VS Code at:\n\n  ${url}\n\nOpen it in a browser on this machine. Ctrl+C stops it.`);

  const stop = async (): Promise<void> => {
    await server.stop();
    await fake?.close();
    process.exit(0);
  };
  const stopOnce = (): void => {
    stop().catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  };
  process.on('SIGINT', stopOnce);
  process.on('SIGTERM', stopOnce);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
