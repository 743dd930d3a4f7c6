import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { activateTandem, answerPrompt, filesUnder, tandemLog, userDataDir, waitFor } from '../tandem';

type ProviderItem = vscode.QuickPickItem & { provider: string };

async function setKey(provider: string, key: string | undefined): Promise<{ items: ProviderItem[]; options?: vscode.InputBoxOptions }> {
  const seen: { items: ProviderItem[]; options?: vscode.InputBoxOptions } = { items: [] };
  const pick = answerPrompt('showQuickPick', async (items) => {
    seen.items = [...((await items) as ProviderItem[])];
    return seen.items.find((i) => i.provider === provider);
  });
  const input = answerPrompt('showInputBox', (options) => {
    seen.options = options;
    return key;
  });
  try {
    await vscode.commands.executeCommand('tandem.setApiKey');
  } finally {
    pick.dispose();
    input.dispose();
  }
  return seen;
}

describe('API keys', () => {
  const key = `sk-test-${Date.now().toString(36)}-integration-secret`;

  before(() => assert.ok(userDataDir, 'the runner passes TANDEM_VSCODE_USER_DATA_DIR'));

  afterEach(async () => {
    const { context } = await activateTandem();
    await context.secrets.delete('tandem.apiKey.openai');
    await context.secrets.delete('tandem.apiKey.anthropic');
    delete process.env.ANTHROPIC_API_KEY;
  });

  it('Set API Key stores the key in SecretStorage and nowhere else', async () => {
    const { context } = await activateTandem();
    const seen = await setKey('openai', key);

    assert.deepEqual(seen.items.map((i) => i.label), ['OpenAI', 'Anthropic']);
    assert.equal(seen.options?.password, true, 'the key is typed in a password box');
    assert.equal(await context.secrets.get('tandem.apiKey.openai'), key);

    const log = await waitFor('the log line about the saved key', () => {
      const text = tandemLog();
      return text.includes('OpenAI API key saved in secret storage') ? text : undefined;
    });
    assert.ok(!log.includes(key), 'the key is not in the Tandem log');

    const settingsFiles = filesUnder(path.join(userDataDir, 'User')).filter((f) => f.endsWith('.json'));
    assert.ok(settingsFiles.length > 0, 'the user settings folder was inspected');
    for (const file of settingsFiles) assert.ok(!fs.readFileSync(file, 'utf8').includes(key), `${file} holds no key`);
    assert.ok(!JSON.stringify(vscode.workspace.getConfiguration('tandem')).includes(key), 'no setting holds the key');

    for (const state of [context.globalState, context.workspaceState]) {
      const dump = JSON.stringify(state.keys().map((k) => [k, state.get(k)]));
      assert.ok(!dump.includes(key), 'extension state holds no key');
    }
  });

  it('rejects text that cannot be a key before storing anything', async () => {
    const { context } = await activateTandem();
    const seen = await setKey('anthropic', undefined);
    const validate = seen.options?.validateInput;
    assert.ok(validate, 'the input box validates what is typed');
    assert.match(String(await validate('')), /Paste the API key/);
    assert.match(String(await validate('sk-ant abc def')), /no spaces/);
    assert.equal(await validate('sk-ant-api03-valid-looking-key'), undefined);
    assert.equal(await context.secrets.get('tandem.apiKey.anthropic'), undefined, 'Escape stores nothing');
  });

  it('checks a key with a cheap call and does not store one the provider rejects', async () => {
    const { context } = await activateTandem();
    await setKey('openai', 'bad-key-rejected-by-provider');
    assert.equal(await context.secrets.get('tandem.apiKey.openai'), undefined);
    const log = await waitFor('the log line about the rejected key', () => {
      const text = tandemLog();
      return text.includes('OpenAI key check failed') ? text : undefined;
    });
    assert.ok(!log.includes('bad-key-rejected-by-provider'), 'the rejected key is not in the log');
  });

  it('Clear API Key removes the stored key', async () => {
    const { context } = await activateTandem();
    await setKey('anthropic', key);
    assert.equal(await context.secrets.get('tandem.apiKey.anthropic'), key);

    const pick = answerPrompt('showQuickPick', async (items) => {
      const list = (await items) as ProviderItem[];
      assert.equal(list.find((i) => i.provider === 'anthropic')?.description, 'key stored in secret storage');
      return list.find((i) => i.provider === 'anthropic');
    });
    try {
      await vscode.commands.executeCommand('tandem.clearApiKey');
    } finally {
      pick.dispose();
    }
    assert.equal(await context.secrets.get('tandem.apiKey.anthropic'), undefined);
  });

  it('says when the environment variable is the key in use', async () => {
    process.env.ANTHROPIC_API_KEY = 'sk-ant-from-environment';
    const seen = await setKey('anthropic', undefined);
    assert.equal(seen.items.find((i) => i.provider === 'anthropic')?.description, 'using ANTHROPIC_API_KEY from the environment');
    assert.equal(seen.items.find((i) => i.provider === 'openai')?.description, 'no key set');
  });
});
