import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { clearKeys, closeEditors, fake, modelCalls, openEditor, storeKeys } from '../commandFixtures';
import { activateTandem, answerPrompt, captureMessages } from '../tandem';

const SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    id: { type: 'string' },
    price: { type: 'number', minimum: 0 },
    note: { type: 'string' },
  },
  required: ['id', 'price'],
};

describe('Generate JSON', () => {
  const folder = vscode.workspace.workspaceFolders![0].uri;
  const schemaUri = vscode.Uri.joinPath(folder, 'order.schema.json');
  let prompts: vscode.Disposable;

  before(async () => {
    await vscode.workspace.fs.writeFile(schemaUri, new TextEncoder().encode(JSON.stringify(SCHEMA, null, 2)));
  });

  after(async () => {
    await vscode.workspace.fs.delete(schemaUri);
  });

  beforeEach(async () => {
    await fake.reset();
    await storeKeys();
    (await activateTandem()).session.reset();
  });

  afterEach(async () => {
    prompts.dispose();
    await closeEditors();
    await clearKeys();
  });

  function answer(schema: 'order.schema.json' | 'No schema'): void {
    prompts = vscode.Disposable.from(
      answerPrompt('showInputBox', () => 'one sample order'),
      answerPrompt('showQuickPick', (items) => (items as readonly vscode.QuickPickItem[]).find((i) => i.label.includes(schema))),
    );
  }

  /** The JSON as the editor's indentation writes it. */
  function formatted(editor: vscode.TextEditor, value: unknown): string {
    return JSON.stringify(value, null, editor.options.insertSpaces === false ? '\t' : ' '.repeat(Number(editor.options.tabSize)));
  }

  it('asks for strict structured output with the schema, validates and inserts the JSON', async () => {
    answer('order.schema.json');
    const editor = await openEditor('|', 'json');
    // Strict mode makes the optional `note` nullable; the null is dropped before validation and insertion.
    await fake.script({ match: { provider: 'openai' }, reply: { json: { id: 'A-1', price: 12.5, note: null } } });
    await vscode.commands.executeCommand('tandem.generateJson');
    assert.equal(editor.document.getText(), formatted(editor, { id: 'A-1', price: 12.5 }));

    const [call] = await modelCalls();
    const format = (call.body as { text?: { format?: { type: string; strict: boolean; schema: { additionalProperties: boolean; required: string[] } } } }).text?.format;
    assert.equal(format?.type, 'json_schema');
    assert.equal(format?.strict, true);
    assert.equal(format?.schema.additionalProperties, false);
    assert.deepEqual([...(format?.schema.required ?? [])].sort(), ['id', 'note', 'price']);
  });

  it('an answer that breaks the schema gets one repair round-trip with the validator\'s errors', async () => {
    answer('order.schema.json');
    const editor = await openEditor('|', 'json');
    await fake.script(
      { match: { provider: 'openai' }, reply: { json: { id: 'A-1', price: -3, note: null } } },
      { match: { provider: 'openai' }, reply: { json: { id: 'A-1', price: 3, note: 'gift' } } },
    );
    await vscode.commands.executeCommand('tandem.generateJson');
    assert.equal(editor.document.getText(), formatted(editor, { id: 'A-1', price: 3, note: 'gift' }));
    const calls = await modelCalls();
    assert.equal(calls.length, 2);
    assert.match(JSON.stringify(calls[1].body), /does not match the schema: \/price: must be >= 0/);
  });

  it('a second invalid answer inserts nothing and says why', async () => {
    answer('order.schema.json');
    const editor = await openEditor('|', 'json');
    await fake.script({ match: { provider: 'openai' }, times: 2, reply: { json: { id: 'A-1', price: -3, note: null } } });
    const messages = captureMessages();
    try {
      await vscode.commands.executeCommand('tandem.generateJson');
    } finally {
      messages.dispose();
    }
    assert.equal(editor.document.getText(), '');
    assert.match(messages.messages.join('\n'), /refused, even after one repair: it does not match the schema: \/price: must be >= 0.*Nothing was inserted/);
    assert.equal((await activateTandem()).session.records.filter((r) => r.task === 'generateJson').length, 2);
  });

  it('without a schema, takes any JSON that parses, fences left out', async () => {
    answer('No schema');
    const editor = await openEditor('|', 'json');
    await fake.script({ match: { provider: 'openai' }, reply: { text: '```json\n{"ok": true, "items": [1, 2]}\n```' } });
    await vscode.commands.executeCommand('tandem.generateJson');
    assert.equal(editor.document.getText(), formatted(editor, { ok: true, items: [1, 2] }));
    const [call] = await modelCalls();
    assert.equal((call.body as { text?: { format?: unknown } }).text?.format, undefined, 'no structured output without a schema');
  });
});
