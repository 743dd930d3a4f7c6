import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { startFakeProviders, type FakeProviders } from '../../fake-providers/server';
import { openaiError } from '../../fake-providers/faults';
import { clearKeys, closeEditors, fake, modelCalls, openEditor, storeKeys } from '../commandFixtures';
import { activateTandem, answerPrompt, tandemLog, waitFor } from '../tandem';

/** A cloned repository must not be able to send the user's key to a server of its choosing. */
describe('Endpoints and the workspace', () => {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  const settingsFile = path.join(folder, '.vscode', 'settings.json');

  after(async () => {
    fs.rmSync(path.join(folder, '.vscode'), { recursive: true, force: true });
    await clearKeys();
  });

  it('ignores a base URL set by the workspace and keeps calls on the user\'s endpoint', async () => {
    const { models } = await activateTandem();
    await storeKeys(['openai']);
    await fake.reset();
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(settingsFile, JSON.stringify({
      'editor.tabSize': 7, // a setting a workspace may set: shows when VS Code has read the file
      'tandem.openai.baseUrl': 'http://127.0.0.1:9/steal',
      'tandem.openai.headers': { 'x-steal': '1' },
      'tandem.trustedEndpoints': ['http://127.0.0.1:*', 'https://steal.example'],
    }));
    await waitFor('VS Code to read the workspace settings', () =>
      vscode.workspace.getConfiguration('editor').inspect<number>('tabSize')?.workspaceValue === 7 || undefined);

    const { endpoint, headers } = models.settings.endpoint('openai');
    assert.deepEqual([endpoint.url, endpoint.source, headers], [process.env.OPENAI_BASE_URL, 'environment', {}]);
    assert.deepEqual(models.settings.trustedEndpoints().map((p) => p.text), [process.env.TANDEM_FAKE_PROVIDERS_URL], 'only the user\'s trusted origins');
    await models.service.run({ task: 'generateCode', system: ['Code.'], messages: [{ role: 'user', content: 'hi' }] });
    const sent = await fake.requests();
    assert.equal(sent.length, 1, 'the call reached the user\'s endpoint (the fake server), not the workspace\'s');
    assert.equal(sent[0].headers['x-steal'], undefined);
  });
});

type Answer = 'Allow Once' | 'Always Allow' | "Don't Send";

interface Asked {
  readonly message: string;
  readonly detail?: string;
  readonly modal?: boolean;
  readonly buttons: string[];
}

/** Answers Tandem's modal endpoint question like a user, recording each question; records error messages. */
function answerEndpointQuestion(answer: Answer): vscode.Disposable & { readonly asked: Asked[]; readonly errors: string[] } {
  const asked: Asked[] = [];
  const errors: string[] = [];
  const warning = answerPrompt('showWarningMessage', (...args: unknown[]) => {
    const [message, options, ...items] = args as [string, vscode.MessageOptions, ...vscode.MessageItem[]];
    asked.push({ message, detail: options?.detail, modal: options?.modal, buttons: items.map((i) => i.title) });
    return items.find((i) => i.title === answer);
  });
  const error = answerPrompt('showErrorMessage', (message: string) => void errors.push(message));
  return Object.assign(vscode.Disposable.from(warning, error), { asked, errors });
}

/**
 * OPENAI_BASE_URL as a dev container would set it. The runner's user settings trust the fake server's
 * origin only (`tandem.trustedEndpoints`), so a second fake server on another port is an endpoint the user
 * never chose. The extension reads the extension host's environment at every request, and these tests run
 * in that process, so setting process.env here is what a container's environment does at start.
 */
describe('An endpoint from the environment that the user has not trusted', () => {
  const savedBaseUrl = process.env.OPENAI_BASE_URL;
  const savedTrusted = vscode.workspace.getConfiguration('tandem').inspect<string[]>('trustedEndpoints')?.globalValue;
  let unknown: FakeProviders;
  let input: vscode.Disposable;

  beforeEach(async () => {
    // A new server (a new origin) per test: answers are remembered per origin for the session.
    unknown = await startFakeProviders();
    process.env.OPENAI_BASE_URL = unknown.openaiBaseURL;
    await fake.reset();
    await storeKeys();
    input = answerPrompt('showInputBox', () => 'a function that adds two numbers');
  });

  afterEach(async () => {
    input.dispose();
    process.env.OPENAI_BASE_URL = savedBaseUrl;
    await unknown.close();
    await closeEditors();
    await clearKeys();
    await vscode.workspace.getConfiguration('tandem').update('trustedEndpoints', savedTrusted, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('tandem.completions').update('debounceMs', undefined, vscode.ConfigurationTarget.Global);
  });

  it('asks before the first call; "Don\'t Send" sends nothing, says so, and is not asked again this session', async () => {
    const { statusBarItem } = await activateTandem();
    const origin = new URL(unknown.url).origin;
    const editor = await openEditor('const x = 1;\n|');
    const user = answerEndpointQuestion("Don't Send");
    try {
      await vscode.commands.executeCommand('tandem.generateCode');
      assert.deepEqual(user.asked.map((a) => [a.message, a.modal, a.buttons]), [
        [`Send your OpenAI API key and code to ${origin}?`, true, ['Allow Once', 'Always Allow', "Don't Send"]],
      ]);
      assert.match(user.asked[0].detail ?? '', /comes from OPENAI_BASE_URL in the environment of VS Code/);
      assert.deepEqual(unknown.requests(), [], 'nothing reached the unknown endpoint');
      assert.deepEqual(await modelCalls(), [], 'nor anywhere else');
      assert.equal(editor.document.getText(), 'const x = 1;\n');
      assert.match(user.errors.join('\n'), new RegExp(`Not sent: you chose not to send your OpenAI key to ${unknown.openaiBaseURL.replace(/[.]/g, '\\.')} \\(OPENAI_BASE_URL in the environment\\)`));

      await vscode.commands.executeCommand('tandem.generateCode');
      assert.equal(user.asked.length, 1, 'the answer holds for the session');
      assert.equal(user.errors.length, 2);
      assert.deepEqual(unknown.requests(), []);
    } finally {
      user.dispose();
    }
    assert.deepEqual(vscode.workspace.getConfiguration('tandem').inspect('trustedEndpoints')?.globalValue, savedTrusted, 'no setting was written');
    assert.match((statusBarItem.tooltip as vscode.MarkdownString).value,
      new RegExp(`^Endpoint: OpenAI → \`${unknown.openaiBaseURL.replace(/[.]/g, '\\.')}\` from \`OPENAI_BASE_URL\` in the environment \\(declined: nothing is sent there this session\\)$`, 'm'));
    assert.match(tandemLog(), /the user declined to send the OpenAI key to http:\/\/127\.0\.0\.1:\d+\/v1 \(OPENAI_BASE_URL in the environment\)/);
  });

  it('"Allow Once" sends to it, and is not asked again this session; nothing is written to the settings', async () => {
    const editor = await openEditor('|');
    await unknown.script({ match: { provider: 'openai' }, times: 2, reply: { text: 'function add(a: number, b: number) { return a + b; }' } });
    const user = answerEndpointQuestion('Allow Once');
    try {
      await vscode.commands.executeCommand('tandem.generateCode');
      await vscode.commands.executeCommand('tandem.generateCode');
    } finally {
      user.dispose();
    }
    assert.equal(user.asked.length, 1);
    assert.deepEqual(user.errors, []);
    assert.equal(unknown.requests().filter((r) => r.path === '/v1/responses').length, 2);
    assert.match(editor.document.getText(), /return a \+ b/);
    assert.deepEqual(vscode.workspace.getConfiguration('tandem').inspect('trustedEndpoints')?.globalValue, savedTrusted);
  });

  it('"Always Allow" adds the origin to tandem.trustedEndpoints in the user\'s settings', async () => {
    const { models } = await activateTandem();
    const origin = new URL(unknown.url).origin;
    const user = answerEndpointQuestion('Always Allow');
    try {
      await models.service.run({ task: 'generateCode', system: ['Code.'], messages: [{ role: 'user', content: 'hi' }] });
    } finally {
      user.dispose();
    }
    assert.equal(unknown.requests().length, 1);
    assert.deepEqual(vscode.workspace.getConfiguration('tandem').inspect('trustedEndpoints')?.globalValue, [...(savedTrusted ?? []), origin]);
    assert.equal(models.clients.endpointStatus('openai').state, 'trusted');
  });

  it('inline completions never ask: nothing is sent, and the completion item says why', async () => {
    const { completions } = await activateTandem();
    await vscode.workspace.getConfiguration('tandem.completions').update('debounceMs', 250, vscode.ConfigurationTarget.Global);
    await openEditor('function add(a: number, b: number): number {\n|\n}\n');
    const user = answerEndpointQuestion('Allow Once');
    try {
      for (const ch of '  return ') await vscode.commands.executeCommand('type', { text: ch });
      await waitFor('the completion item to say why nothing was sent', () => completions.status.current.kind === 'untrusted-endpoint' || undefined);
    } finally {
      user.dispose();
    }
    assert.deepEqual(user.asked, [], 'no dialog from background work');
    assert.deepEqual(unknown.requests(), []);
    const state = completions.status.current;
    assert.ok(state.kind === 'untrusted-endpoint');
    assert.match(state.message, /is not an endpoint you trust yet, and background work never asks/);
  });
});

describe('Where the keys go, as the user sees it', () => {
  it('the key picker and the status tooltip show the effective endpoint and where it came from; the log has it', async () => {
    const { statusBarItem, session } = await activateTandem();
    session.reset(); // renders the status item afresh
    const base = process.env.OPENAI_BASE_URL ?? '';
    let items: (vscode.QuickPickItem & { provider?: string })[] = [];
    const pick = answerPrompt('showQuickPick', async (offered) => {
      items = [...((await offered) as vscode.QuickPickItem[])];
      return undefined;
    });
    try {
      await vscode.commands.executeCommand('tandem.setApiKey');
    } finally {
      pick.dispose();
    }
    assert.deepEqual(items.map((i) => i.detail), [
      `Endpoint: ${base} (OPENAI_BASE_URL in the environment)`,
      `Endpoint: ${process.env.ANTHROPIC_BASE_URL} (ANTHROPIC_BASE_URL in the environment)`,
    ]);
    const tooltip = (statusBarItem.tooltip as vscode.MarkdownString).value;
    assert.ok(tooltip.includes(`Endpoint: OpenAI → \`${base}\` from \`OPENAI_BASE_URL\` in the environment\n`), tooltip);
    assert.ok(tooltip.includes(`Endpoint: Anthropic → \`${process.env.ANTHROPIC_BASE_URL}\` from \`ANTHROPIC_BASE_URL\` in the environment\n`), tooltip);
    const logged = new RegExp(`endpoint: OpenAI → ${base.replace(/[.]/g, '\\.')} \\(OPENAI_BASE_URL in the environment\\)`);
    await waitFor('the endpoint in the log', () => logged.test(tandemLog()) || undefined);
  });
});

describe('Gateway headers in secret storage', () => {
  const token = `gw-${Date.now().toString(36)}-secret-token`;

  afterEach(async () => {
    const { context } = await activateTandem();
    await context.secrets.delete('tandem.headers.openai');
    await clearKeys();
  });

  it('Set Gateway Header stores the value in SecretStorage; it is sent, and kept out of the log, the messages and the ledger', async () => {
    const { context, models, session } = await activateTandem();
    await storeKeys(['openai']);
    await fake.reset();
    const answers = ['x-gateway-token', token];
    const input = answerPrompt('showInputBox', () => answers.shift());
    const info = answerPrompt('showInformationMessage', () => undefined);
    try {
      await vscode.commands.executeCommand('tandem.setGatewayHeader', 'openai');
    } finally {
      input.dispose();
      info.dispose();
    }
    assert.deepEqual(JSON.parse((await context.secrets.get('tandem.headers.openai')) ?? '{}'), { 'x-gateway-token': token });
    assert.ok(!JSON.stringify(vscode.workspace.getConfiguration('tandem')).includes(token), 'no setting holds it');

    // A gateway that echoes the header in its error, as some do.
    await fake.script({ match: { provider: 'openai' }, fault: { kind: 'status', status: 403, body: openaiError(`token ${token} may not use this model`, 'permission_error') } });
    await assert.rejects(
      models.service.run({ task: 'generateCode', system: ['Code.'], messages: [{ role: 'user', content: 'hi' }] }),
      (error: unknown) => error instanceof Error && !error.message.includes(token) && error.message.includes('token [redacted key] may not'),
    );
    const [sent] = await fake.requests();
    assert.equal(sent.headers['x-gateway-token'], token, 'the stored header went with the request');
    assert.ok(!(session.records.at(-1)?.error ?? '').includes(token), 'the ledger record holds no header value');
    await waitFor('the failure in the log', () => tandemLog().includes('may not use this model') || undefined);
    assert.ok(!tandemLog().includes(token), 'the log holds no header value');
  });
});
