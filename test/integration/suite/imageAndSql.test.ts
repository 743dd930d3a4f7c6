import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { clearKeys, closeEditors, fake, modelCalls, openEditor, storeKeys, useCommandSuite } from '../commandFixtures';
import { activateTandem, answerPrompt, captureMessages } from '../tandem';

/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe('Generate Code from Image', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'tandem-image-'));
  const image = path.join(folder, 'form.png');
  writeFileSync(image, PNG);
  let prompts: vscode.Disposable;

  beforeEach(async () => {
    await fake.reset();
    await storeKeys();
    prompts = vscode.Disposable.from(
      answerPrompt('showOpenDialog', () => [vscode.Uri.file(image)]),
      answerPrompt('showInputBox', () => 'the HTML for this form'),
    );
  });

  afterEach(async () => {
    prompts.dispose();
    await vscode.workspace.getConfiguration('tandem').update('routing', undefined, vscode.ConfigurationTarget.Global);
    await closeEditors();
    await clearKeys();
  });

  it('sends the image to GPT-5.4 Mini as an input_image and inserts the code', async () => {
    const editor = await openEditor('|', 'html');
    await fake.script({ match: { provider: 'openai' }, reply: { text: '<form></form>' } });
    await vscode.commands.executeCommand('tandem.generateFromImage');
    assert.equal(editor.document.getText(), '<form></form>');
    const [call] = await modelCalls();
    const parts = (call.body as { input: { content: { type: string; image_url?: string }[] }[] }).input.flatMap((m) => m.content);
    const sent = parts.find((p) => p.type === 'input_image');
    assert.equal(sent?.image_url, `data:image/png;base64,${PNG.toString('base64')}`);
    assert.ok(parts.some((p) => p.type === 'input_text'), 'with the instruction beside it');
  });

  it('sends the image to Claude Haiku 4.5 as a base64 image block when routed there', async () => {
    await vscode.workspace.getConfiguration('tandem').update('routing', { generateCode: 'claude-haiku-4-5' }, vscode.ConfigurationTarget.Global);
    const editor = await openEditor('|', 'html');
    await fake.script({ match: { provider: 'anthropic' }, reply: { text: '<form></form>' } });
    await vscode.commands.executeCommand('tandem.generateFromImage');
    assert.equal(editor.document.getText(), '<form></form>');
    const [call] = await modelCalls();
    assert.equal(call.provider, 'anthropic');
    const blocks = (call.body as { messages: { content: { type: string; source?: unknown }[] }[] }).messages.flatMap((m) => m.content);
    assert.deepEqual(blocks.find((b) => b.type === 'image')?.source, { type: 'base64', media_type: 'image/png', data: PNG.toString('base64') });
  });

  it('refuses a file that is not an image, sending nothing', async () => {
    const fakePng = path.join(folder, 'notes.png');
    writeFileSync(fakePng, 'just text');
    prompts.dispose();
    prompts = answerPrompt('showOpenDialog', () => [vscode.Uri.file(fakePng)]);
    await openEditor('|', 'html');
    const messages = captureMessages();
    try {
      await vscode.commands.executeCommand('tandem.generateFromImage');
    } finally {
      messages.dispose();
    }
    assert.match(messages.messages.join('\n'), /notes\.png is not a PNG or JPEG image/);
    assert.equal((await modelCalls()).length, 0);
  });

  it('refuses an image larger than Anthropic takes once encoded (3.75 MB), naming the limit and sending nothing', async () => {
    const big = path.join(folder, 'screenshot.png');
    writeFileSync(big, Buffer.concat([PNG, Buffer.alloc(4 * 1024 * 1024 - PNG.length)]));
    prompts.dispose();
    prompts = vscode.Disposable.from(
      answerPrompt('showOpenDialog', () => [vscode.Uri.file(big)]),
      answerPrompt('showInputBox', () => 'the HTML for this form'),
    );
    await openEditor('|', 'html');
    const messages = captureMessages();
    try {
      await vscode.commands.executeCommand('tandem.generateFromImage');
    } finally {
      messages.dispose();
    }
    assert.match(messages.messages.join('\n'), /screenshot\.png is 4 MB; Tandem reads an image of at most 3\.75 MB\. Crop it or save it smaller/);
    assert.equal((await modelCalls()).length, 0);
  });
});

describe('Generate SQL', () => {
  useCommandSuite('total order value per customer');

  const GOOD = 'SELECT c.name, SUM(o.total_cents) AS total\nFROM customers c\nJOIN orders o ON o.customer_id = c.id\nGROUP BY c.name;';
  const BAD = 'SELECT c.name, SUM(o.total_cents) FORM customers c GROPU BY c.name;';

  it('sends the workspace schema, parses the answer and inserts it', async () => {
    const editor = await openEditor('-- report\n|', 'sql');
    await fake.script({ match: { provider: 'openai' }, reply: { text: `\`\`\`sql\n${GOOD}\n\`\`\`` } });
    await vscode.commands.executeCommand('tandem.generateSql');
    assert.equal(editor.document.getText(), `-- report\n${GOOD}`);
    const [call] = await modelCalls();
    const sent = JSON.stringify(call.body);
    assert.match(sent, /CREATE TABLE customers/, 'the schema from schema.sql is in the prompt');
    assert.match(sent, /PostgreSQL/);
  });

  it('an answer that does not parse gets one repair round-trip with the parser error', async () => {
    const editor = await openEditor('|', 'sql');
    await fake.script({ match: { provider: 'openai' }, reply: { text: BAD } }, { match: { provider: 'openai' }, reply: { text: GOOD } });
    await vscode.commands.executeCommand('tandem.generateSql');
    assert.equal(editor.document.getText(), GOOD);
    const calls = await modelCalls();
    assert.equal(calls.length, 2);
    assert.match(JSON.stringify(calls[1].body), /does not parse as PostgreSQL: line 1, column \d+/);
    const { session } = await activateTandem();
    assert.equal(session.records.filter((r) => r.task === 'generateSql').length, 2, 'both calls are in the ledger');
  });

  describe('tandem.sql.schemaFile outside the workspace folder', () => {
    const sql = () => vscode.workspace.getConfiguration('tandem.sql');
    const outside = mkdtempSync(path.join(tmpdir(), 'tandem-outside-'));
    writeFileSync(path.join(outside, 'secrets.sql'), 'CREATE TABLE secrets (aws_secret_access_key text);\n');

    afterEach(async () => {
      await sql().update('schemaFile', undefined, vscode.ConfigurationTarget.Workspace);
    });

    /** Generate SQL with the setting as a cloned repository's .vscode/settings.json would set it. */
    async function generateWith(schemaFile: string): Promise<string> {
      await sql().update('schemaFile', schemaFile, vscode.ConfigurationTarget.Workspace);
      await openEditor('-- report\n|', 'sql');
      await fake.script({ match: { provider: 'openai' }, reply: { text: GOOD } });
      const messages = captureMessages();
      try {
        await vscode.commands.executeCommand('tandem.generateSql');
      } finally {
        messages.dispose();
      }
      return messages.messages.join('\n');
    }

    it('a path that climbs out with ".." is refused with what to set; nothing is read or sent', async () => {
      const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
      const climbing = path.relative(workspace, path.join(outside, 'secrets.sql'));
      assert.ok(climbing.startsWith('..'), climbing);
      const told = await generateWith(climbing);
      assert.ok(told.includes(`tandem.sql.schemaFile is ${JSON.stringify(climbing)}, a path that climbs out of the workspace folder with ".."`), told);
      assert.match(told, /Set tandem\.sql\.schemaFile to a path relative to the folder, such as db\/schema\.sql, or leave it empty\./);
      assert.equal((await modelCalls()).length, 0);
    });

    it('an absolute path is refused the same way', async () => {
      const told = await generateWith(path.join(outside, 'secrets.sql'));
      assert.match(told, /tandem\.sql\.schemaFile is ".*secrets\.sql", an absolute path; Tandem reads only files inside the workspace folder/);
      assert.equal((await modelCalls()).length, 0);
    });

    it('a link inside the folder to a file outside it is refused the same way', async () => {
      const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
      const link = path.join(workspace, 'linked-schema.sql');
      rmSync(link, { force: true });
      symlinkSync(path.join(outside, 'secrets.sql'), link);
      try {
        const told = await generateWith('linked-schema.sql');
        assert.match(told, /"linked-schema\.sql", a link to a file outside the workspace folder/);
        assert.equal((await modelCalls()).length, 0);
      } finally {
        rmSync(link, { force: true });
      }
    });
  });

  it('a second answer that does not parse inserts nothing and says why', async () => {
    const editor = await openEditor('-- keep me\n|', 'sql');
    await fake.script({ match: { provider: 'openai' }, times: 2, reply: { text: BAD } });
    const messages = captureMessages();
    try {
      await vscode.commands.executeCommand('tandem.generateSql');
    } finally {
      messages.dispose();
    }
    assert.equal(editor.document.getText(), '-- keep me\n');
    assert.match(messages.messages.join('\n'), /does not parse as PostgreSQL, even after one repair \(line 1, column \d+: .*\)\. Nothing was inserted\./);
    assert.equal((await modelCalls()).length, 2);
  });
});
