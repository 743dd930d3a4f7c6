import type { ModelRequest } from '../calls/modelClient';
import type { ModelId, ModelSpec, TaskRoute } from '../models/modelTable';
import { bulkEditPrompt } from '../prompts/bulkEdit';
import { FINDINGS_SCHEMA } from '../review/findings';
import { buildReviewRequest } from '../review/reviewPrompt';
import type { RuleSet } from '../review/rules';
import { estimateTokens } from '../tokens/estimate';
import { customIdFor } from './customIds';
import { REVIEW_EXPECTED_OUTPUT_TOKENS } from './estimate';
import type { JobItem, JobKind } from './job';

/** A file a batch job sends, as plain facts: the editor layer reads it, this module never does. */
export interface BatchFileFacts {
  /** Workspace-relative: the job's name for it, and the prompt's. */
  readonly path: string;
  readonly languageId: string;
  readonly text: string;
  /** Where its answer lands. */
  readonly uri: string;
}

/** One file's request, the job item that joins its result back to the file, and what its answer should cost. */
export interface PreparedRequest {
  readonly item: JobItem;
  readonly request: ModelRequest;
  readonly expectedOutputTokens: number;
}

/** A batch job as built, before the user confirms it and before anything is sent. */
export interface PreparedJob {
  readonly kind: JobKind;
  readonly model: ModelId;
  readonly title: string;
  readonly requests: readonly PreparedRequest[];
  readonly instruction?: string;
  /** Files left out, each with why (excluded, too large, binary, unreadable): named in the dialog and the log. */
  readonly skipped?: readonly string[];
}

/** The text's fingerprint when sent (core/batch/node/fingerprint in the extension), so an answer never lands on a changed file. */
export type Fingerprint = (text: string) => string;

export interface ReviewJobInput {
  /** In path order: a file's index there is part of its custom id. */
  readonly files: readonly BatchFileFacts[];
  readonly skipped: readonly string[];
  readonly rules: RuleSet;
  readonly route: TaskRoute;
  /** The folder as the title names it, e.g. `src`. */
  readonly folderLabel: string;
  readonly fingerprint: Fingerprint;
}

/** `Review Folder for Compliance (Batch)`: one review request per file, the whole file its one chunk. */
export function reviewJob(input: ReviewJobInput): PreparedJob {
  const { route } = input;
  const requests = input.files.map((file, index): PreparedRequest => {
    const lines = file.text.split(/\r?\n/);
    const whole = { firstLine: 1, lastLine: lines.length, contextFirstLine: 1, contextLastLine: lines.length };
    const prompt = buildReviewRequest(input.rules, { path: file.path, languageId: file.languageId, lines, chunk: whole });
    const request: ModelRequest = {
      task: 'review', model: route.model, system: prompt.system, messages: prompt.messages, jsonSchema: FINDINGS_SCHEMA,
      maxOutputTokens: route.maxOutputTokens, reasoningEffort: route.reasoningEffort,
    };
    return { item: itemFor(index, file, input.fingerprint), request, expectedOutputTokens: REVIEW_EXPECTED_OUTPUT_TOKENS };
  });
  return { kind: 'review', model: route.model, title: `Review ${input.folderLabel}/ (${plural(requests.length, 'file')})`, requests, skipped: input.skipped };
}

export interface BulkEditJobInput {
  /** In path order: a file's index there is part of its custom id. */
  readonly files: readonly BatchFileFacts[];
  readonly skipped: readonly string[];
  readonly instruction: string;
  readonly route: TaskRoute;
  /** The route's model. */
  readonly spec: ModelSpec;
  readonly fingerprint: Fingerprint;
}

/** `Bulk Edit Files (Batch)…`: the one instruction applied to each file, one request each, answered by the whole new file. */
export function bulkEditJob(input: BulkEditJobInput): PreparedJob {
  const { route, spec, instruction } = input;
  const requests = input.files.map((file, index): PreparedRequest => {
    const prompt = bulkEditPrompt(instruction, file, file.text);
    // The answer is the whole file: room for all of it and some growth.
    const fileTokens = estimateTokens(file.text, spec.provider);
    const maxOutputTokens = Math.min(spec.maxOutput, Math.max(route.maxOutputTokens, Math.ceil(fileTokens * 1.5) + 512));
    const request: ModelRequest = { task: 'editSelection', model: route.model, system: prompt.system, messages: prompt.messages, maxOutputTokens, reasoningEffort: route.reasoningEffort };
    return { item: itemFor(index, file, input.fingerprint), request, expectedOutputTokens: fileTokens };
  });
  return {
    kind: 'bulkEdit', model: route.model, title: `Bulk edit: ${shorten(instruction)} (${plural(requests.length, 'file')})`, requests, instruction, skipped: input.skipped,
  };
}

/** `3 files`, `1 file`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function itemFor(index: number, file: BatchFileFacts, fingerprint: Fingerprint): JobItem {
  return { customId: customIdFor(index, file.path), path: file.path, uri: file.uri, sentHash: fingerprint(file.text) };
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
