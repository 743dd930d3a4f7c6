import * as vscode from 'vscode';
import { batchRecordId } from '../../core/batch/batchRecords';
import type { JobItemOutcome } from '../../core/batch/job';
import type { Lander } from '../../core/batch/runnerPorts';
import { retryAdvice } from '../../core/batch/sentFile';
import { errorText } from '../../core/format/errorText';
import { parseJsonAnswer } from '../../core/json/jsonValidator';
import { checkFindings } from '../../core/review/findings';
import type { Logger } from '../../core/log/logger';
import type { ReviewDiagnostics } from '../review/reviewDiagnostics';
import { loadRules } from '../review/rulesFiles';
import { openSentFile } from './openSentFile';

/**
 * A folder review's results as diagnostics, file by file, checked like an interactive review's. A file
 * deleted, moved or changed since it was sent is skipped (its line numbers may no longer match), and says so.
 */
export function reviewLander(diagnostics: ReviewDiagnostics, log: Logger): Lander {
  return async (job, answers) => {
    const outcomes: JobItemOutcome[] = [];
    const rulesByFolder = new Map<string, Set<string>>();
    for (const { item, result } of answers) {
      try {
        const file = await openSentFile('review', item);
        if ('problem' in file) {
          outcomes.push({ customId: item.customId, kind: 'errored', reason: file.problem });
          continue;
        }
        const { document } = file;
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
        // Each finding names its result's ledger record, so what the user does with it is recorded there.
        const call = batchRecordId(job.id, item.customId);
        diagnostics.replace(document, 1, document.lineCount, checked.findings.map((f, k) => ({ ...f, origin: { call, item: checked.indexes[k] } })));
        outcomes.push({ customId: item.customId, kind: 'succeeded' });
      } catch (error) {
        // One file's findings that cannot be shown must not keep the others out.
        outcomes.push({ customId: item.customId, kind: 'errored', reason: `the findings could not be shown (${errorText(error)}); ${retryAdvice('review')}` });
      }
    }
    log.info(`batch job ${job.id}: review results landed for ${outcomes.filter((o) => o.kind === 'succeeded').length} of ${answers.length} answered files.`);
    return outcomes;
  };
}

/** The answer as JSON (a fence around it tolerated, as everywhere else), or undefined: checkFindings says why. */
function jsonOrUndefined(text: string): unknown {
  const parsed = parseJsonAnswer(text);
  return parsed.ok ? parsed.value : undefined;
}
