import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { answerBatchQuestions, forgetJobs, newestJob, RULES, workspaceUri, write } from '../batchFixtures';
import { clearKeys, closeEditors, fake, modelCalls, openEditor, requestText, storeKeys } from '../commandFixtures';
import { activateTandem, answerPrompt, captureMessages, waitFor } from '../tandem';
import { type } from '../typing';

// AWS's documented example key id and jwt.io's example token: shaped like secrets, not secrets.
const AWS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const ENV = 'ORDERS_DATABASE_URL=postgres://orders:hunter2-env@db.internal/orders\nORDERS_SIGNING_SECRET=never-leaves-0f3a\n';
const ID_RSA = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n';

const envUri = () => workspaceUri('privacy', '.env');
const idRsaUri = () => workspaceUri('privacy', 'id_rsa');

/** A workspace file in an editor tab of its own (not a preview the next file would replace), the cursor at its end. */
async function openAtEnd(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
  const end = editor.document.positionAt(editor.document.getText().length);
  editor.selection = new vscode.Selection(end, end);
  return editor;
}

const completionsConfig = () => vscode.workspace.getConfiguration('tandem.completions');

describe('Privacy boundary: excluded files and redacted secrets', () => {
  before(async () => {
    await write(envUri(), ENV);
    await write(idRsaUri(), ID_RSA);
  });

  beforeEach(async () => {
    await fake.reset();
    await storeKeys();
    (await activateTandem()).session.reset();
    await completionsConfig().update('debounceMs', 250, vscode.ConfigurationTarget.Global);
    // id_rsa is plain text, off by default: on here, so that only the exclusion can keep it from being sent.
    await completionsConfig().update('disabledLanguages', [], vscode.ConfigurationTarget.Global);
  });

  afterEach(async () => {
    await closeEditors();
    await clearKeys();
    for (const key of ['debounceMs', 'disabledLanguages']) await completionsConfig().update(key, undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('tandem').update('exclude', undefined, vscode.ConfigurationTarget.Global);
    (await activateTandem()).completions.pipeline.cache.clear();
  });

  it('typing in .env and in id_rsa sends no request; the status item says "excluded here" with the rule', async function () {
    this.timeout(60_000);
    const { completions } = await activateTandem();
    // First the same typing in an ordinary file, timed: how long a request takes to reach the fake on this
    // machine now, so that the silence in the excluded files below is a real one and not a wait too short.
    // A few keystrokes, not one: in a window just opened, the editor's inline-suggest controller can miss the first.
    await fake.script({ match: { provider: 'openai' }, times: 5, reply: { text: 'Map();' } });
    await openEditor('const queue =|\n');
    await type(' new ');
    const typed = Date.now();
    await waitFor('a request from the ordinary file', async () => (await modelCalls()).length > 0, 20_000);
    const requestMs = Date.now() - typed;
    assert.equal(completions.status.current.kind, 'on');
    await fake.reset();

    for (const [uri, text, rule] of [[envUri(), 'ORDERS_API_TOKEN=', 'the built-in rule ".env"'], [idRsaUri(), 'AAAAB3Nza', 'the built-in rule "id_* (SSH private keys)"']] as const) {
      await openAtEnd(uri);
      await type(text);
      await new Promise((r) => setTimeout(r, Math.min(10_000, Math.max(700, 3 * requestMs))));
      assert.equal((await modelCalls()).length, 0, `nothing sent from ${uri.path}`);
      assert.deepEqual(completions.status.current, { kind: 'excluded', rule });
      assert.equal(completions.status.text, '$(lock) excluded here');
    }
  });

  it('Generate Code in .env refuses before asking anything, names the rule and sends nothing', async () => {
    const editor = await openAtEnd(envUri());
    const messages = captureMessages();
    let asked = false;
    const input = answerPrompt('showInputBox', () => {
      asked = true;
      return 'a database url';
    });
    try {
      await vscode.commands.executeCommand('tandem.generateCode');
    } finally {
      input.dispose();
      messages.dispose();
    }
    assert.deepEqual(messages.messages, ['Tandem: .env is never sent to a model (excluded by the built-in rule ".env"), so Generate Code does not run on it.']);
    assert.equal(asked, false, 'no instruction is asked for');
    assert.equal((await modelCalls()).length, 0);
    assert.equal(editor.document.getText(), ENV);
  });

  it('every other command refuses an excluded file too, naming itself and the rule', async () => {
    const editor = await openAtEnd(envUri());
    editor.selection = new vscode.Selection(0, 0, 0, 19);
    const commands: readonly [string, string][] = [
      ['tandem.editSelection', 'Edit Selection'], ['tandem.explainSelection', 'Explain Selection'], ['tandem.generateSql', 'Generate SQL'],
      ['tandem.generateJson', 'Generate JSON'], ['tandem.generateFromImage', 'Generate Code from Image'],
      ['tandem.reviewSelection', 'Review Selection'], ['tandem.reviewFile', 'Review File'],
    ];
    const messages = captureMessages();
    const input = answerPrompt('showInputBox', () => 'anything');
    try {
      for (const [command] of commands) await vscode.commands.executeCommand(command);
    } finally {
      input.dispose();
      messages.dispose();
    }
    assert.deepEqual(messages.messages, commands.map(([, name]) => `Tandem: .env is never sent to a model (excluded by the built-in rule ".env"), so ${name} does not run on it.`));
    assert.equal((await modelCalls()).length, 0);
  });

  it('a .tandemignore and tandem.exclude take effect at once, without a reload, and are named', async () => {
    const { boundary, completions } = await activateTandem();
    const plan = workspaceUri('privacy', 'drafts', 'plan.ts');
    const ignore = workspaceUri('.tandemignore');
    await write(plan, 'export const plan = 1;\n');
    await openAtEnd(plan);
    const refusal = async () => {
      const messages = captureMessages();
      const input = answerPrompt('showInputBox', () => 'a second plan');
      try {
        await vscode.commands.executeCommand('tandem.generateCode');
        return messages.messages.find((m) => m.includes('never sent'));
      } finally {
        input.dispose();
        messages.dispose();
      }
    };
    try {
      await write(ignore, '# drafts stay here\nprivacy/drafts/\n');
      await waitFor('the .tandemignore to apply', () => boundary.excludedBy(plan));
      await waitFor('the status item to say so', () => completions.status.current.kind === 'excluded');
      assert.equal(await refusal(), 'Tandem: plan.ts is never sent to a model (excluded by "privacy/drafts/" in .tandemignore line 2), so Generate Code does not run on it.');

      await vscode.workspace.fs.delete(ignore);
      await waitFor('the .tandemignore to be gone', () => !boundary.excludedBy(plan));
      assert.equal(await refusal(), undefined);
      assert.equal((await modelCalls()).length, 1, 'sent once the rule is gone');

      await vscode.workspace.getConfiguration('tandem').update('exclude', ['drafts'], vscode.ConfigurationTarget.Global);
      assert.equal(await refusal(), 'Tandem: plan.ts is never sent to a model (excluded by "drafts" in tandem.exclude (user settings)), so Generate Code does not run on it.');
      assert.equal((await modelCalls()).length, 1);
    } finally {
      await vscode.workspace.fs.delete(ignore).then(undefined, () => undefined);
    }
  });

  it('an open .env beside the edited file never appears in the completion prompt; other open files still do', async () => {
    await openAtEnd(envUri());
    // A file like it that is not excluded: proof that similar open files do go into the prompt.
    const template = workspaceUri('privacy', 'orders-template.txt');
    await write(template, 'ORDERS_DATABASE_URL=postgres://localhost/orders_dev\nORDERS_QUEUE_NAME=orders-dev-queue\n');
    const shown = await openAtEnd(template);
    await vscode.languages.setTextDocumentLanguage(shown.document, 'dotenv');
    await fake.script({ match: { provider: 'openai' }, reply: { text: 'orders-test' } });
    await openEditor('ORDERS_DATABASE_URL=postgres://localhost/orders_test\nORDERS_SIGNING_SECRET=x\n|', 'dotenv');
    await type('ORDERS_QUEUE_NAME=');
    const [call] = await waitFor('the completion request', async () => {
      const calls = await modelCalls();
      return calls.length > 0 ? calls : undefined;
    });
    const prompt = requestText(call);
    assert.match(prompt, /orders-dev-queue/, 'the similar, ordinary open file is context');
    for (const secret of ['hunter2-env', 'never-leaves-0f3a', 'privacy/.env']) assert.ok(!prompt.includes(secret), `${secret} is not in the prompt`);
  });

  it("an imported file that is excluded lends no declarations to the prompt; an ordinary import does", async () => {
    await write(workspaceUri('privacy', 'lib', 'money.ts'), 'export function formatMoney(amountInCents: number): string {\n  return String(amountInCents);\n}\n');
    await write(workspaceUri('privacy', 'lib', 'vault.ts'), 'export function rotateVaultKey(keyMaterial: string, schedule: RotationSchedule): void {\n  void keyMaterial;\n}\n');
    // A .tandemignore in a subfolder, for what is below it.
    await write(workspaceUri('privacy', 'lib', '.tandemignore'), 'vault.ts\n');
    const { boundary } = await activateTandem();
    await waitFor('the .tandemignore to apply', () => boundary.excludedBy(workspaceUri('privacy', 'lib', 'vault.ts')));
    const app = workspaceUri('privacy', 'app.ts');
    await write(app, "import { formatMoney } from './lib/money';\nimport { rotateVaultKey } from './lib/vault';\n\nconst total =");
    await fake.script({ match: { provider: 'openai' }, times: 2, reply: { text: '1;' } });
    await openAtEnd(app);
    const calls = async (n: number) => waitFor(`request ${n}`, async () => {
      const all = await modelCalls();
      return all.length >= n ? all : undefined;
    });
    await type(' ');
    await calls(1);
    // Imported files are read in the background after the first request, and lend their declarations from the next.
    await type('1;\nconst label =');
    await type(' ');
    const prompt = requestText((await calls(2))[1]);
    assert.match(prompt, /formatMoney\(amountInCents: number\): string/, "the ordinary import's declaration is context");
    assert.ok(!prompt.includes('keyMaterial') && !prompt.includes('RotationSchedule'), "the excluded file's declarations are not");
  });

  it('a secret in the edited code reaches the fake redacted, and the accepted completion has it back', async () => {
    const editor = await openEditor(`const awsKeyId = '${AWS_KEY_ID}';\nconst session = '${JWT}';\nconst credentials = [|];\n`);
    // Every request of the typing gets the answer: on a busy machine a pause between two letters can be longer
    // than the debounce, and a request from the middle of the word must not spend the only scripted answer.
    await fake.script({ match: { provider: 'openai' }, times: 10, reply: { text: 'awsKeyId, "[REDACTED AWS access key id]"' } });
    await type('session, ');
    const [call] = await waitFor('the completion request', async () => {
      const calls = await modelCalls();
      return calls.length > 0 ? calls : undefined;
    });
    const prompt = requestText(call);
    assert.ok(!prompt.includes(AWS_KEY_ID) && !prompt.includes(JWT), 'no secret on the wire');
    assert.match(prompt, /const awsKeyId = '\[REDACTED AWS access key id\]';/);
    assert.match(prompt, /const session = '\[REDACTED JWT\]';/);
    await waitFor('the ghost text to be accepted', async () => {
      await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
      return editor.document.getText().includes('awsKeyId, "');
    });
    assert.equal(editor.document.lineAt(2).text, `const credentials = [session, awsKeyId, "${AWS_KEY_ID}"];`);
  });

  it('a batch folder review leaves .env out, names it in the confirmation, and sends the rest redacted', async () => {
    await write(workspaceUri('.tandem', 'rules.md'), RULES);
    await write(workspaceUri('privacy-batch', 'config.ts'), `export const awsKeyId = '${AWS_KEY_ID}';\n`);
    await write(workspaceUri('privacy-batch', '.env'), ENV);
    const answers = answerBatchQuestions('**/*');
    try {
      await vscode.commands.executeCommand('tandem.reviewFolderBatch', workspaceUri('privacy-batch'));
      assert.match(answers.confirmations[0] ?? '', /1 request to Claude Haiku 4\.5 through the Batch API/);
      assert.match(answers.confirmations[0] ?? '', /Left out, never sent \(1\): privacy-batch\/\.env is excluded by the built-in rule \\"\.env\\"/);
      const job = await newestJob();
      assert.deepEqual(job.items.map((i) => i.path), ['privacy-batch/config.ts']);
      const created = (await fake.requests()).filter((r) => r.method === 'POST' && r.path.endsWith('/v1/messages/batches'));
      assert.equal(created.length, 1);
      const sent = requestText(created[0]);
      assert.ok(!sent.includes(AWS_KEY_ID) && !sent.includes('hunter2-env'), 'neither the secret in the code nor the .env went');
      assert.match(sent, /export const awsKeyId = '\[REDACTED AWS access key id\]';/);
    } finally {
      answers.dispose();
      await forgetJobs();
    }
  });
});
