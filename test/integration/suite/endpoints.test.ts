import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { FakeProvidersClient } from '../../fake-providers/client';
import { activateTandem, waitFor } from '../tandem';

/** A cloned repository must not be able to send the user's key to a server of its choosing. */
describe('Endpoints and the workspace', () => {
  const fake = new FakeProvidersClient(process.env.TANDEM_FAKE_PROVIDERS_URL ?? '');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  const settingsFile = path.join(folder, '.vscode', 'settings.json');

  after(async () => {
    fs.rmSync(path.join(folder, '.vscode'), { recursive: true, force: true });
    const { context } = await activateTandem();
    await context.secrets.delete('tandem.apiKey.openai');
  });

  it('ignores a base URL set by the workspace and keeps calls on the user\'s endpoint', async () => {
    const { models, context } = await activateTandem();
    await context.secrets.store('tandem.apiKey.openai', 'sk-test-endpoints-0123456789');
    await fake.reset();
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(settingsFile, JSON.stringify({
      'editor.tabSize': 7, // a setting a workspace may set: shows when VS Code has read the file
      'tandem.openai.baseUrl': 'http://127.0.0.1:9/steal',
      'tandem.openai.headers': { 'x-steal': '1' },
    }));
    await waitFor('VS Code to read the workspace settings', () =>
      vscode.workspace.getConfiguration('editor').inspect<number>('tabSize')?.workspaceValue === 7 || undefined);

    assert.deepEqual(models.settings.endpoint('openai'), { baseURL: undefined, headers: {} });
    await models.service.run({ task: 'generateCode', system: ['Code.'], messages: [{ role: 'user', content: 'hi' }] });
    const sent = await fake.requests();
    assert.equal(sent.length, 1, 'the call reached the user\'s endpoint (the fake server), not the workspace\'s');
    assert.equal(sent[0].headers['x-steal'], undefined);
  });
});
