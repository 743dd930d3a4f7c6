import type { ModelId } from '../../core/models/modelTable';
import { explainPrompt } from '../../core/prompts/explain';
import { ratingSignal } from '../../core/quality/answerOutcomes';
import type { CommandEnv } from './commandEnv';
import type { ExplanationPanel, Explanations } from './explanations';
import { aroundSelection, fileFacts, fileName, linesLabel } from './fileFacts';
import { editorWithSelection, sendable, workspaceTrusted } from './guards';
import { showFailure, withCancellableProgress } from './taskProgress';
import { inBackground } from '../../core/log/background';

/** Context sent with an explanation: the selection and some code around it (tokens). */
const EXPLAIN_CONTEXT_TOKENS = 2000;

/** `Tandem: Explain Selection`: a concise explanation, rendered as Markdown in a panel beside the code, streaming. */
export async function explainSelection(env: CommandEnv, explanations: Explanations, forceModel?: ModelId): Promise<ExplanationPanel | undefined> {
  if (!workspaceTrusted()) return undefined;
  const editor = editorWithSelection('explain');
  if (!editor || !(await sendable(env.boundary, editor.document.uri, 'Explain Selection'))) return undefined;
  const { document, selection } = editor;
  const name = fileName(document.uri);
  const lines = linesLabel(selection);
  const heading = `# ${name}, ${lines}\n\n`;
  const explanation = explanations.create(`Explanation of ${name} (${lines})`, `${heading}_Thinking…_\n`);

  const prompt = explainPrompt({ file: fileFacts(document), around: aroundSelection(editor, EXPLAIN_CONTEXT_TOKENS) });
  let text = '';
  const outcome = await withCancellableProgress(`Tandem: explaining ${name} (${lines})`, async (signal) => {
    return env.service.run({ task: 'explain', ...prompt, signal, forceModel }, {
      onText: (delta) => explanation.update(heading + (text += delta)),
      onRestart: () => (text = ''),
    });
  });
  if (outcome.kind === 'done' && outcome.value.result.stop !== 'cancelled') {
    const { result, callId } = outcome.value;
    const cut = result.stop === 'max-tokens' ? '\n\n_(The explanation reached the output limit here.)_' : '';
    explanation.update(heading + result.text.trim() + cut + '\n', true);
    explanation.allowRating((rating) => env.quality.record(callId, ratingSignal(rating)));
    return explanation;
  }
  if (outcome.kind === 'failed') {
    explanation.update(`${heading}_No explanation: the request failed._\n`, true);
    await showFailure(outcome.error, env.log, (model) => inBackground(explainSelection(env, explanations, model), env.log, 'Explain Selection on the other model'));
    return undefined;
  }
  explanation.update(`${heading}${text.trim()}${text ? '\n\n' : ''}_Cancelled._\n`, true);
  return explanation;
}
