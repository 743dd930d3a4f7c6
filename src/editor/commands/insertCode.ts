import * as vscode from 'vscode';
import type { TaskRequest } from '../../core/calls/modelService';
import type { ModelId } from '../../core/models/modelTable';
import { CodeStreamFilter, extractCode } from '../../core/text/codeAnswer';
import { IndentStream, placeCode } from '../../core/text/indent';
import type { CommandEnv } from './commandEnv';
import { StreamingEdit } from './streamingEdit';
import { CANCELLED_MESSAGE, receivedLine, showFailure, withCancellableProgress } from './taskProgress';
import { inBackground } from '../../core/log/background';

/** The leading whitespace of the line a position is on. */
export function lineIndent(document: vscode.TextDocument, position: vscode.Position): string {
  return /^[ \t]*/.exec(document.lineAt(position.line).text)?.[0] ?? '';
}

/**
 * Streams generated code into the editor at its selection, as one undo step, and leaves the document as it
 * was on cancel or failure: Generate Code and Generate Code from Image. Fences and prose never land; the
 * code is indented to the cursor's line. Returns true when code was inserted.
 */
export async function streamCodeIntoEditor(env: CommandEnv, editor: vscode.TextEditor, title: string, request: TaskRequest): Promise<boolean> {
  const range = new vscode.Range(editor.selection.start, editor.selection.end);
  const indent = lineIndent(editor.document, range.start);
  let conflict = false;
  const edit = new StreamingEdit(editor, range, () => {
    conflict = true;
    abort?.abort();
  });
  let abort: AbortController | undefined;
  let filter = new CodeStreamFilter();
  let indenter = new IndentStream(indent);

  const run = (model?: ModelId) =>
    withCancellableProgress(title, async (signal, report) => {
      abort = new AbortController();
      const both = AbortSignal.any([signal, abort.signal]);
      let received = 0;
      return env.service.run({ ...request, signal: both, forceModel: model ?? request.forceModel }, {
        onText: (delta) => {
          received += delta.length;
          report(receivedLine(received));
          edit.append(indenter.push(filter.push(delta)));
        },
        onRestart: () => {
          filter = new CodeStreamFilter();
          indenter = new IndentStream(indent);
          inBackground(edit.restart(), env.log, 'taking back the broken answer');
        },
      });
    });

  const outcome = await run();
  // Text may still be on its way into the file: a conflict it meets must be known before deciding.
  await edit.settled();
  if (conflict) {
    await edit.revert();
    void vscode.window.showWarningMessage(edit.editedByUser
      ? 'Tandem: the file was edited where the code was being written, so Tandem stopped and left the file as it is now (Ctrl+Z takes the code back).'
      : 'Tandem: the editor closed while the code was being written, so Tandem stopped and took back what it had written.');
    return false;
  }
  if (outcome.kind === 'cancelled' || (outcome.kind === 'done' && outcome.value.result.stop === 'cancelled')) {
    await edit.revert();
    void vscode.window.showInformationMessage(CANCELLED_MESSAGE);
    return false;
  }
  if (outcome.kind === 'failed') {
    await edit.revert();
    await showFailure(outcome.error, env.log, (model) => inBackground(streamCodeIntoEditor(env, editor, title, { ...request, forceModel: model }), env.log, `${title} on the other model`));
    return false;
  }
  const code = placeCode(extractCode(outcome.value.result.text), indent);
  if (code.trim() === '') {
    await edit.revert();
    void vscode.window.showWarningMessage('Tandem: the answer held no code, so nothing was inserted. Try rephrasing the instruction.');
    return false;
  }
  if (!(await edit.finish(code))) {
    void vscode.window.showWarningMessage('Tandem: the code could not be written into the file (it was closed or changed).');
    return false;
  }
  // Read back from the document: the editor may have changed its line endings to the file's.
  const { range: written, replaced } = edit.written;
  const { document } = editor;
  env.insertions.codeInserted(outcome.value.callId, document.uri.toString(), { start: document.offsetAt(written.start), text: document.getText(written) }, replaced);
  if (outcome.value.result.stop === 'max-tokens') {
    void vscode.window.showWarningMessage('Tandem: the answer reached the output limit and may be cut short. Check the end of the inserted code.');
  }
  return true;
}
