import { generateCodePrompt } from '../../core/prompts/generateCode';
import type { CommandEnv } from './commandEnv';
import { aroundSelection, fileFacts } from './fileFacts';
import { activeEditor, askInstruction, sendable, workspaceTrusted } from './guards';
import { streamCodeIntoEditor } from './insertCode';

/** `Tandem: Generate Code…`: an instruction; the code streams in at the cursor or over the selection. */
export async function generateCode(env: CommandEnv): Promise<void> {
  if (!workspaceTrusted()) return;
  const editor = activeEditor('place the cursor where the code should go');
  if (!editor || !(await sendable(env.boundary, editor.document.uri, 'Generate Code'))) return;
  const replacing = !editor.selection.isEmpty;
  const instruction = await askInstruction(
    'Tandem: Generate Code',
    replacing ? 'Describe the code that replaces the selection.' : 'Describe the code to insert at the cursor.',
    'e.g. a function that parses an ISO date and returns null when it is invalid',
  );
  if (!instruction) return;
  const prompt = generateCodePrompt({ file: fileFacts(editor.document), around: aroundSelection(editor), instruction });
  await streamCodeIntoEditor(env, editor, 'Tandem: generating code', { task: 'generateCode', ...prompt });
}
