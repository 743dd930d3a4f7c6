import * as vscode from 'vscode';
import type { ModelId } from '../../core/models/modelTable';
import { editSelectionPrompt } from '../../core/prompts/editSelection';
import { extractCode } from '../../core/text/codeAnswer';
import { fitToSelection } from '../../core/text/indent';
import type { CommandEnv } from './commandEnv';
import type { EditProposals } from './editProposals';
import { aroundSelection, fileFacts } from './fileFacts';
import { askInstruction, editorWithSelection, sendable, workspaceTrusted } from './guards';
import { lineIndent } from './insertCode';
import { finishedOrTold, receivedLine, withCancellableProgress } from './taskProgress';
import { inBackground } from '../../core/log/background';

/** `Tandem: Edit Selection…`: an instruction; the proposal opens as a diff to accept or reject. */
export async function editSelection(env: CommandEnv, proposals: EditProposals): Promise<void> {
  if (!workspaceTrusted()) return;
  const editor = editorWithSelection('edit');
  if (!editor || !(await sendable(env.boundary, editor.document.uri, 'Edit Selection'))) return;
  const instruction = await askInstruction('Tandem: Edit Selection', 'Describe the change to make to the selected code.', 'e.g. handle the empty list, and use early returns');
  if (!instruction) return;
  await proposeEdit(env, proposals, editor, instruction);
}

async function proposeEdit(env: CommandEnv, proposals: EditProposals, editor: vscode.TextEditor, instruction: string, forceModel?: ModelId): Promise<void> {
  const { document, selection } = editor;
  const range = new vscode.Range(selection.start, selection.end);
  const version = document.version;
  const original = document.getText(range);
  const prompt = editSelectionPrompt({ file: fileFacts(document), around: aroundSelection(editor), instruction });
  const outcome = await withCancellableProgress('Tandem: editing the selection', async (signal, report) => {
    let received = 0;
    return env.service.run({ task: 'editSelection', ...prompt, signal, forceModel }, {
      onText: (delta) => report(receivedLine((received += delta.length))),
      onRestart: () => (received = 0),
    });
  });
  const answer = await finishedOrTold(outcome, env.log, (model) => inBackground(proposeEdit(env, proposals, editor, instruction, model), env.log, 'Edit Selection on the other model'));
  if (!answer) return;
  const code = extractCode(answer.result.text);
  if (code.trim() === '') {
    void vscode.window.showWarningMessage('Tandem: the answer held no code, so there is nothing to propose. Try rephrasing the instruction.');
    return;
  }
  const startsAtLineStart = document.getText(new vscode.Range(range.start.with({ character: 0 }), range.start)).trim() === '';
  const replacement = fitToSelection(code, original, startsAtLineStart, lineIndent(document, range.start));
  if (replacement === original) {
    void vscode.window.showInformationMessage('Tandem: the model proposed no change to the selection.');
    return;
  }
  if (document.version !== version) {
    void vscode.window.showWarningMessage('Tandem: the file changed while the edit was being written, so it was not proposed. Run Edit Selection again.');
    return;
  }
  await proposals.propose(document, range, replacement, instruction, answer.callId);
}
