import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import { formatUsd } from '../../../src/core/format/spend';
import { ledgerFileName } from '../../../src/core/ledger/store';
import { clearKeys, closeEditors, fake, openEditor, storeKeys } from '../commandFixtures';
import { activateTandem, captureMessages, waitFor } from '../tandem';

/**
 * A ledger folder that cannot be written, in the real extension host. Tests run as root, so a chmod would
 * not stop a write: the folder is replaced by a plain file, which makes creating and opening files in it
 * fail for real (EEXIST / ENOTDIR), as a read-only disk or a full one would.
 */
describe('Ledger folder that cannot be written', function () {
  // The ledger tries again after a wait that doubles with each failure (1 s, 2 s, 4 s…).
  this.timeout(120_000);
  let ledgerDir: string;
  let aside: string;

  before(async () => {
    const { context } = await activateTandem();
    ledgerDir = path.join(context.globalStorageUri.fsPath, 'ledger');
    aside = `${ledgerDir}.aside-${Date.now()}`;
    await fake.reset();
    await storeKeys(['anthropic']);
  });

  after(async () => {
    // Put the folder back whatever happened, so the suites after this one have their ledger.
    if (existsSync(ledgerDir) && !statSync(ledgerDir).isDirectory()) await rm(ledgerDir);
    if (existsSync(aside)) await rename(aside, ledgerDir);
    await closeEditors();
    await clearKeys();
  });

  async function explain(): Promise<void> {
    await openEditor('|const doubled = xs.map((x) => x * 2);|', 'javascript');
    await fake.script({ match: { provider: 'anthropic' }, reply: { text: 'Doubles every number in `xs`.' } });
    assert.ok(await vscode.commands.executeCommand('tandem.explainSelection'), 'the explanation opened');
  }

  it('tells the user once, keeps the calls and shows the problem; writes each record once when the folder is back', async () => {
    const { session, statusBarItem, models } = await activateTandem();
    session.reset();
    await mkdir(ledgerDir, { recursive: true });
    await rename(ledgerDir, aside);
    await writeFile(ledgerDir, 'not a folder');

    const messages = captureMessages();
    try {
      await explain();
      const told = await waitFor('the user to be told', () => messages.messages.find((m) => m.includes('usage ledger cannot be written')));
      assert.ok(told.includes(ledgerDir), told);
      assert.match(told, /\((EEXIST|ENOTDIR): /);
      assert.match(told, /Calls still work/);

      // The call worked and counts in the session spend; the status bar says the ledger is not written.
      assert.equal(session.records.length, 1);
      assert.ok(statusBarItem.text.startsWith('$(warning) '), statusBarItem.text);
      assert.ok(statusBarItem.text.includes(formatUsd(session.totals.costMicroUsd)), statusBarItem.text);
      assert.match((statusBarItem.tooltip as vscode.MarkdownString).value, /usage ledger is not being written: 1 record kept in memory/);
      assert.match(statusBarItem.accessibilityInformation?.label ?? '', /the usage ledger is not being written/);
      assert.equal(models.ledger.writeState.kind, 'failing');

      await closeEditors();
      await explain();
      assert.equal(session.records.length, 2);
      await waitFor('the tooltip to count both records', () => /2 records kept in memory/.test((statusBarItem.tooltip as vscode.MarkdownString).value) || undefined);
      assert.equal(messages.messages.filter((m) => m.includes('usage ledger cannot be written')).length, 1, 'told once, not once per call');

      // The folder is a folder again: the records are written without another call, and the warning goes.
      await rm(ledgerDir);
      await rename(aside, ledgerDir);
      await waitFor('the ledger to be written again', () => (models.ledger.writeState.kind === 'writing' ? true : undefined), 90_000);
      assert.ok(!statusBarItem.text.includes('$(warning)'), statusBarItem.text);
      assert.doesNotMatch((statusBarItem.tooltip as vscode.MarkdownString).value, /not being written/);

      const ids = session.records.map((r) => r.id);
      const lines = (await readFile(path.join(ledgerDir, ledgerFileName(new Date(session.records[0].time))), 'utf8')).split('\n').filter(Boolean);
      const written = lines.map((l) => (JSON.parse(l) as { id: string }).id).filter((id) => ids.includes(id));
      assert.deepEqual(written, ids, 'each record once, in order');
      assert.equal(messages.messages.filter((m) => m.includes('usage ledger cannot be written')).length, 1);
    } finally {
      messages.dispose();
    }
  });
});
