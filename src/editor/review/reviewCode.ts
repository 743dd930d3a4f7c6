import * as vscode from 'vscode';
import { checkedGeneration } from '../../core/calls/checkedGeneration';
import type { ModelResult } from '../../core/calls/modelClient';
import type { ModelService } from '../../core/calls/modelService';
import type { ModelId } from '../../core/models/modelTable';
import { reviewChunks, REVIEW_CHUNK_DEFAULTS } from '../../core/review/chunks';
import { checkFindings, FINDINGS_SCHEMA, type Finding } from '../../core/review/findings';
import { mergeFindings } from '../../core/review/merge';
import { buildRepairMessages, buildReviewRequest } from '../../core/review/reviewPrompt';
import { fileName, linesLabel } from '../commands/fileFacts';
import { activeEditor, editorWithSelection, sendable, workspaceTrusted } from '../commands/guards';
import { finishedOrTold, receivedLine, withCancellableProgress } from '../commands/taskProgress';
import type { TandemLog } from '../log';
import type { ContentBoundary } from '../privacy/contentBoundary';
import type { ReviewDiagnostics } from './reviewDiagnostics';
import { usableRules, type LoadedRules } from './rulesFiles';
import { inBackground } from '../../core/log/background';

export interface ReviewEnv {
  readonly service: ModelService;
  readonly log: TandemLog;
  readonly diagnostics: ReviewDiagnostics;
  /** The rules a review ran with (the report says whether they are long enough to be cached). */
  readonly rulesUsed: (rules: LoadedRules) => void;
  /** Which files may be sent: an excluded one is refused. */
  readonly boundary: ContentBoundary;
}

/** One answer, and the call that gave it (its findings name it; its repair goes to the same model). */
interface ReviewAnswer {
  readonly result: ModelResult;
  readonly callId: string;
  readonly model: ModelId;
}

/** An answer that was still not valid findings after the one repair round-trip. */
class RefusedAnswer extends Error {}

/**
 * `Review Selection/File for Compliance`: the rules (a stable, cached prefix) and the code with line
 * numbers go to Haiku, in chunks for a large file; findings come back as structured JSON, are checked
 * against the document (a finding that does not fit is dropped and logged) and become diagnostics.
 */
export async function reviewCode(env: ReviewEnv, scope: 'selection' | 'file', forceModel?: ModelId): Promise<void> {
  if (!workspaceTrusted()) return;
  const editor = scope === 'selection' ? editorWithSelection('review') : activeEditor('review it');
  if (!editor || !(await sendable(env.boundary, editor.document.uri, scope === 'selection' ? 'Review Selection' : 'Review File'))) return;
  const { document } = editor;
  const rules = await usableRules(document.uri, env.log);
  if (!rules) return;
  env.rulesUsed(rules);

  const [firstLine, lastLine] = scope === 'selection' ? selectedLines(editor.selection) : [1, document.lineCount];
  const lines = document.getText().split(/\r?\n/);
  const chunks = reviewChunks(firstLine, lastLine, document.lineCount, REVIEW_CHUNK_DEFAULTS);
  const version = document.version;
  const ruleIds = new Set(rules.set.rules.map((r) => r.id));
  const name = fileName(document.uri);
  const where = scope === 'selection' ? `${name} ${linesLabel(new vscode.Range(firstLine - 1, 0, lastLine - 1, 0))}` : name;

  const outcome = await withCancellableProgress(`Tandem: reviewing ${where} against ${rules.set.rules.length} rules`, async (signal, report) => {
    const perChunk: Finding[][] = [];
    for (const [index, chunk] of chunks.entries()) {
      const part = chunks.length > 1 ? `part ${index + 1} of ${chunks.length}: ` : '';
      const findingScope = { firstLine: chunk.firstLine, lastLine: chunk.lastLine, lineCount: document.lineCount, ruleIds, lines: (n: number) => lines[n - 1] ?? '' };
      const request = buildReviewRequest(rules.set, { path: vscode.workspace.asRelativePath(document.uri), languageId: document.languageId, lines, chunk });
      const answer = await checkedGeneration({
        messages: request.messages,
        ask: async (messages, refused?: ReviewAnswer): Promise<ReviewAnswer> => {
          let received = 0;
          const { result, callId, model } = await env.service.run({
            task: 'review', system: request.system, messages, jsonSchema: FINDINGS_SCHEMA, signal, forceModel: refused?.model ?? forceModel, repairOf: refused?.callId,
          }, { onText: (delta) => report(part + receivedLine((received += delta.length))), onRestart: () => (received = 0) });
          return { result, callId, model };
        },
        check: ({ result }) => {
          const checked = checkFindings(result.json, findingScope);
          return checked.ok ? { ok: true, value: checked } : checked;
        },
        repairMessages: (messages, { result }, problem) => buildRepairMessages({ messages, answer: result.text, problem }),
        onRepair: (problem) => {
          env.log.info(`review: the answer was not valid findings (${problem}); asking for a repair.`);
          report(`${part}repairing the answer…`);
        },
        signal,
      });
      if (!answer.ok) throw new RefusedAnswer(answer.problem);
      answer.value.dropped.forEach((d) => env.log.warn(`review: dropped a finding (${d.reason}): ${JSON.stringify(d.finding)}`));
      const { findings: kept, indexes } = answer.value;
      // The answer the findings were read from (the repair's, when there was one) is the call they belong to.
      perChunk.push(kept.map((finding, k) => ({ ...finding, origin: { call: answer.answer.callId, item: indexes[k] } })));
    }
    return mergeFindings(perChunk);
  });

  if (outcome.kind === 'failed' && outcome.error instanceof RefusedAnswer) {
    env.log.warn(`review: the repaired answer was not valid findings either (${outcome.error.message}).`);
    void vscode.window.showErrorMessage(`Tandem: the review's answer could not be read, even after one repair (${outcome.error.message}). No findings were changed; try again.`);
    return;
  }
  const findings = await finishedOrTold(outcome, env.log, (model) => inBackground(reviewCode(env, scope, model), env.log, 'the review on the other model'));
  if (!findings) return;
  if (document.version !== version) {
    void vscode.window.showWarningMessage(`Tandem: ${name} changed while it was being reviewed, so the findings may point at the wrong lines. Review it again.`);
    return;
  }
  env.diagnostics.replace(document, firstLine, lastLine, findings);
  await tell(findings, where);
}

/** Selected lines, 1-based; a selection ending at the start of a line does not take that line in. */
function selectedLines(selection: vscode.Selection): [number, number] {
  const end = selection.end.character === 0 && selection.end.line > selection.start.line ? selection.end.line - 1 : selection.end.line;
  return [selection.start.line + 1, end + 1];
}

async function tell(findings: readonly Finding[], where: string): Promise<void> {
  if (findings.length === 0) {
    void vscode.window.showInformationMessage(`Tandem: no findings: ${where} follows the rules.`);
    return;
  }
  const count = (severity: Finding['severity'], word: string) => {
    const n = findings.filter((f) => f.severity === severity).length;
    return n ? [`${n} ${word}${n === 1 ? '' : 's'}`] : [];
  };
  const parts = [...count('error', 'error'), ...count('warning', 'warning'), ...count('info', 'note')].join(', ');
  const choice = await vscode.window.showInformationMessage(`Tandem: ${findings.length} finding${findings.length === 1 ? '' : 's'} in ${where} (${parts}).`, 'Show Problems');
  if (choice) await vscode.commands.executeCommand('workbench.actions.view.problems');
}
