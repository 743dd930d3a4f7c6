import * as vscode from 'vscode';
import { READ_LIMITS } from '../../core/files/readLimits';
import { imageInput } from '../../core/images/imageInput';
import { generateCodePrompt } from '../../core/prompts/generateCode';
import type { CommandEnv } from './commandEnv';
import { aroundSelection, fileFacts, fileName } from './fileFacts';
import { activeEditor, askInstruction, sendable, workspaceTrusted } from './guards';
import { streamCodeIntoEditor } from './insertCode';
import { readWorkspaceBytes } from '../workspaceFiles';

/** `Tandem: Generate Code from Image…`: a PNG or JPEG and an instruction; inserted like Generate Code. */
export async function generateFromImage(env: CommandEnv): Promise<void> {
  if (!workspaceTrusted()) return;
  const editor = activeEditor('place the cursor where the code should go');
  if (!editor || !(await sendable(env.boundary, editor.document.uri, 'Generate Code from Image'))) return;
  const picked = await vscode.window.showOpenDialog({
    title: 'Tandem: pick a screenshot or diagram to generate code from',
    openLabel: 'Use Image',
    canSelectMany: false,
    filters: { 'Images (PNG, JPEG)': ['png', 'jpg', 'jpeg'] },
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  const file = picked?.[0];
  if (!file || !(await sendable(env.boundary, file, 'Generate Code from Image'))) return;
  const name = fileName(file);
  const read = await readWorkspaceBytes(file, { limit: READ_LIMITS.image, name });
  if (!read.ok) {
    void vscode.window.showErrorMessage(`Tandem: ${read.problem}`);
    return;
  }
  const image = imageInput(read.value, name);
  if (!image.ok) {
    void vscode.window.showErrorMessage(`Tandem: ${image.message}`);
    return;
  }
  const instruction = await askInstruction(
    `Tandem: Generate Code from ${name}`,
    'What should the code do with the image?',
    'e.g. the HTML and CSS for this form, or the classes in this diagram',
  );
  if (!instruction) return;
  const prompt = generateCodePrompt({ file: fileFacts(editor.document), around: aroundSelection(editor), instruction, image: image.part });
  await streamCodeIntoEditor(env, editor, `Tandem: generating code from ${name}`, { task: 'generateCode', ...prompt });
}
