import * as vscode from 'vscode';
import type { JobItemOutcome } from '../../core/batch/job';
import { parseJsonAnswer } from '../../core/json/jsonValidator';
import { checkFindings } from '../../core/review/findings';
import type { Logger } from '../../core/log/logger';
import type { ReviewDiagnostics } from '../review/reviewDiagnostics';
import { loadRules } from '../review/rulesFiles';
import type { Lander } from './batchRunner';
import { fingerprint } from './fingerprint';

/**
 * A folder review's results as diagnostics, file by file, checked like an interactive review's. A file
 * changed since it was sent is skipped (its line numbers may no longer match), and says so.
 */
export function reviewLander(diagnostics: ReviewDiagnostics, log: Logger): Lander {
  return async (job, results) => {
    const outcomes: JobItemOutcome[] = [];
    const rulesByFolder = new Map<string, Set<string>>();
    for (const { item, result } of results) {
      if (result.kind !== 'succeeded') {
        outcomes.push({ customId: item.customId, kind: result.kind, reason: result.reason });
        continue;
      }
      try {
        const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(item.uri));
        if (item.sentHash && fingerprint(document.getText()) !== item.sentHash) {
          outcomes.push({ customId: item.customId, kind: 'errored', reason: 'the file changed after it was sent; review it again' });
          continue;
        }
        const folder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.toString() ?? '';
        let ruleIds = rulesByFolder.get(folder);
        if (!ruleIds) {
          ruleIds = new Set((await loadRules(document.uri)).set.rules.map((r) => r.id));
          rulesByFolder.set(folder, ruleIds);
        }
        const lines = document.getText().split(/\r?\n/);
        const checked = checkFindings(jsonOrUndefined(result.text), { firstLine: 1, lastLine: document.lineCount, lineCount: document.lineCount, ruleIds, lines: (n) => lines[n - 1] ?? '' });
        if (!checked.ok) {
          outcomes.push({ customId: item.customId, kind: 'errored', reason: `the answer was not valid findings (${checked.problem})` });
          continue;
        }
        checked.dropped.forEach((d) => log.warn(`batch review of ${item.path}: dropped a finding (${d.reason})`));
        diagnostics.replace(document, 1, document.lineCount, checked.findings);
        outcomes.push({ customId: item.customId, kind: 'succeeded' });
      } catch (error) {
        outcomes.push({ customId: item.customId, kind: 'errored', reason: `could not open the file (${error instanceof Error ? error.message : String(error)})` });
      }
    }
    log.info(`batch job ${job.id}: review results landed for ${outcomes.filter((o) => o.kind === 'succeeded').length} of ${results.length} files.`);
    return outcomes;
  };
}

/** The answer as JSON (a fence around it tolerated, as everywhere else), or undefined: checkFindings says why. */
function jsonOrUndefined(text: string): unknown {
  const parsed = parseJsonAnswer(text);
  return parsed.ok ? parsed.value : undefined;
}
