// What Tandem reads from the workspace on its own (schema files, rules, JSON Schemas, batch files) and the
// images the user picks, with the most it reads of each: a workspace decides which files those are, so a
// data dump, a binary or a huge generated file must be turned away with its name, not read into memory,
// sent to a model or allowed to stop a command that reads many files.
import { MAX_IMAGE_BYTES } from '../images/imageInput';

export interface ReadLimit {
  /** What the file is for, as a message names it: "a schema file". */
  readonly what: string;
  readonly maxBytes: number;
  /** Read as text: a file with a NUL byte near its start is binary and refused. */
  readonly text: boolean;
  /** What the user can do about a file over the limit. */
  readonly advice?: string;
}

const KB = 1024;
const MB = 1024 * KB;

/**
 * Why these sizes: a schema or JSON Schema of 1 MB is already far past what a prompt carries (the SQL schema
 * is cut to its budget anyway); rules go in front of every review request; a batch file is one whole request
 * (and, for a bulk edit, one whole answer): 256 KB is ~65K tokens, inside both models' limits, and 500 such
 * files stay far under the providers' batch sizes (200 MB OpenAI, 256 MB Anthropic).
 */
export const READ_LIMITS = {
  sqlSchema: { what: 'a schema file', maxBytes: MB, text: true },
  rules: { what: 'a rules file', maxBytes: 256 * KB, text: true, advice: 'Split the rules into several files, or keep only the rules that reviews need.' },
  jsonSchema: { what: 'a JSON Schema', maxBytes: MB, text: true },
  batchFile: { what: 'a file in a batch job', maxBytes: 256 * KB, text: true },
  image: { what: 'an image', maxBytes: MAX_IMAGE_BYTES, text: false, advice: 'Crop it or save it smaller (a JPEG, or a lower resolution).' },
} as const satisfies Record<string, ReadLimit>;

/** How far into a file the binary check looks: git's heuristic (buffer_is_binary) looks at the first 8,000 bytes. */
export const BINARY_SNIFF_BYTES = 8000;

/** Why a file of `size` bytes cannot be read for `limit`, or undefined when it can. */
export function sizeProblem(name: string, size: number, limit: ReadLimit): string | undefined {
  if (size <= limit.maxBytes) return undefined;
  const advice = limit.advice ? ` ${limit.advice}` : '';
  // Just over the limit, rounded sizes would read "1 MB; at most 1 MB": say the bytes then.
  const [is, max] = formatSize(size) === formatSize(limit.maxBytes) ? [bytes(size), bytes(limit.maxBytes)] : [formatSize(size), formatSize(limit.maxBytes)];
  return `${name} is ${is}; Tandem reads ${limit.what} of at most ${max}.${advice}`;
}

/** Why a file starting with `head` cannot be read as text: a NUL byte in its first bytes, as git decides. */
export function binaryProblem(name: string, head: Uint8Array, limit: ReadLimit): string | undefined {
  if (!limit.text || !head.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return undefined;
  return `${name} is not a text file (it holds NUL bytes, as binary files do); Tandem reads ${limit.what} only as text.`;
}

/** The same check for text already in memory (an open document): a NUL character near its start. */
export function binaryTextProblem(name: string, text: string, limit: ReadLimit): string | undefined {
  if (!limit.text || !text.slice(0, BINARY_SNIFF_BYTES).includes('\0')) return undefined;
  return binaryProblem(name, Uint8Array.of(0), limit);
}

function bytes(n: number): string {
  return `${n.toLocaleString('en-US')} bytes`;
}

/** "812 KB", "3.2 MB", "3.75 MB" (binary units, as file managers show them). */
export function formatSize(bytes: number): string {
  if (bytes < MB) return `${Math.max(1, Math.round(bytes / KB))} KB`;
  const mb = bytes / MB;
  return `${Number(mb.toFixed(mb < 10 ? 2 : 1))} MB`;
}
