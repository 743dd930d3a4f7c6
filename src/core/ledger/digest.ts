import type { ModelId } from '../models/modelTable';
import { isTaskKind, type TaskKind } from '../models/tasks';
import type { CallRow } from './callRow';
import { isCount, OUTCOMES } from './validate';

/**
 * Bump when what the index keeps of a record, or which lines validate.ts accepts, changes: a digest written
 * by another version is then ignored and its month file read again.
 */
export const DIGEST_VERSION = 2;

const MAGIC = 0x47444c54; // "TLDG" read as a little-endian word
/** Numbers per row: time, task, model, flags, cost, then the six usage counts. */
const WIDTH = 12;
/** A row's gateway cost when no gateway reported one. */
const NO_GATEWAY_COST = -1;

/**
 * A month file's index, saved beside it so a new window need not parse a year of JSON to open the report:
 * the rows of the file's first `offset` bytes, with the file's identity, its first bytes and the bytes just
 * before `offset` to prove it is still the same file (a digest that does not match is ignored; it is only
 * a cache).
 */
export interface Digest {
  readonly identity: string;
  readonly offset: number;
  readonly head: Uint8Array;
  readonly tail: Uint8Array;
  readonly skipped: number;
  readonly rows: readonly CallRow[];
}

interface Header {
  readonly identity: string;
  readonly offset: number;
  readonly head: number[];
  readonly tail: number[];
  readonly skipped: number;
  readonly tasks: TaskKind[];
  readonly models: ModelId[];
  readonly count: number;
}

/** Where a month file's digest lives, inside the ledger folder. */
export function digestName(monthFile: string): string {
  return `digests/${monthFile.replace(/\.jsonl$/, '')}.digest`;
}

/**
 * The digest as bytes: magic, version, header length, the header (JSON), padding to 8, the rows as
 * little-endian float64 (read back without parsing a number), then the ids, one per line. Undefined when an
 * id holds a line break (no digest then: the file is simply read).
 */
export function encodeDigest(digest: Digest): Uint8Array | undefined {
  const tasks: TaskKind[] = [];
  const models: ModelId[] = [];
  const index = <T>(list: T[], value: T): number => {
    const at = list.indexOf(value);
    return at >= 0 ? at : list.push(value) - 1;
  };
  const count = digest.rows.length;
  const numbers = new Float64Array(count * WIDTH);
  const ids: string[] = new Array(count);
  for (let i = 0, at = 0; i < count; i++, at += WIDTH) {
    const r = digest.rows[i];
    if (r.id.includes('\n')) return undefined;
    ids[i] = r.id;
    const u = r.usage;
    numbers.set([r.timeMs, index(tasks, r.task), index(models, r.model), (r.batch ? 1 : 0) | (r.estimated ? 2 : 0) | (OUTCOMES.indexOf(r.outcome) << 2),
      r.costMicroUsd, u.input, u.cacheRead, u.cacheWrite5m, u.cacheWrite1h, u.output, u.reasoning, r.gatewayCostMicroUsd ?? NO_GATEWAY_COST], at);
  }
  const header: Header = { identity: digest.identity, offset: digest.offset, head: [...digest.head], tail: [...digest.tail], skipped: digest.skipped, tasks, models, count };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const idBytes = new TextEncoder().encode(ids.join('\n'));
  const rowsAt = align8(12 + headerBytes.length);
  const out = new Uint8Array(rowsAt + numbers.length * 8 + idBytes.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, DIGEST_VERSION, true);
  view.setUint32(8, headerBytes.length, true);
  out.set(headerBytes, 12);
  if (LITTLE_ENDIAN) out.set(new Uint8Array(numbers.buffer), rowsAt);
  else for (let i = 0; i < numbers.length; i++) view.setFloat64(rowsAt + i * 8, numbers[i], true);
  out.set(idBytes, rowsAt + numbers.length * 8);
  return out;
}

/** The digest in these bytes, or undefined when it is of another version or not sound in any way; never throws. */
export function decodeDigest(bytes: Uint8Array): Digest | undefined {
  try {
    return decode(bytes);
  } catch {
    return undefined;
  }
}

function decode(bytes: Uint8Array): Digest | undefined {
  if (bytes.length < 12) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC || view.getUint32(4, true) !== DIGEST_VERSION) return undefined;
  const headerLength = view.getUint32(8, true);
  if (12 + headerLength > bytes.length) return undefined;
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength))) as Header;
  if (!isSoundHeader(header)) return undefined;
  const { count, tasks, models } = header;
  const rowsAt = align8(12 + headerLength);
  const idsAt = rowsAt + count * WIDTH * 8;
  if (idsAt > bytes.length) return undefined;
  const ids = count === 0 ? [] : new TextDecoder().decode(bytes.subarray(idsAt)).split('\n');
  if (ids.length !== count) return undefined;
  const n = readFloats(bytes, rowsAt, count * WIDTH);
  const rows: CallRow[] = new Array(count);
  for (let i = 0, at = 0; i < count; i++, at += WIDTH) {
    const timeMs = n[at];
    const task = tasks[n[at + 1]];
    const model = models[n[at + 2]];
    const flags = n[at + 3];
    const outcome = OUTCOMES[flags >> 2];
    if (!Number.isFinite(timeMs) || task === undefined || model === undefined || !Number.isInteger(flags) || outcome === undefined) return undefined;
    const costMicroUsd = n[at + 4];
    const input = n[at + 5];
    const cacheRead = n[at + 6];
    const cacheWrite5m = n[at + 7];
    const cacheWrite1h = n[at + 8];
    const output = n[at + 9];
    const reasoning = n[at + 10];
    const gateway = n[at + 11];
    if (!(isCount(costMicroUsd) && isCount(input) && isCount(cacheRead) && isCount(cacheWrite5m) && isCount(cacheWrite1h) && isCount(output) && isCount(reasoning))) return undefined;
    if (gateway !== NO_GATEWAY_COST && !isCount(gateway)) return undefined;
    const row: CallRow = { id: ids[i], timeMs, task, model, costMicroUsd, usage: { input, cacheRead, cacheWrite5m, cacheWrite1h, output, reasoning }, batch: (flags & 1) === 1, estimated: (flags & 2) === 2, outcome };
    rows[i] = gateway === NO_GATEWAY_COST ? row : { ...row, gatewayCostMicroUsd: gateway };
  }
  return { identity: header.identity, offset: header.offset, head: Uint8Array.from(header.head), tail: Uint8Array.from(header.tail), skipped: header.skipped, rows };
}

/** Any non-empty id: the catalog is the user's (as in isLedgerRecord). */
const isModelId = (value: unknown): value is ModelId => typeof value === 'string' && value !== '';

function isSoundHeader(h: Header): boolean {
  return (
    typeof h === 'object' && h !== null &&
    typeof h.identity === 'string' && isWhole(h.offset) && isWhole(h.skipped) && isWhole(h.count) &&
    isBytes(h.head, h.offset) && isBytes(h.tail, h.offset) &&
    Array.isArray(h.tasks) && h.tasks.every(isTaskKind) && Array.isArray(h.models) && h.models.every(isModelId)
  );
}

function isBytes(value: unknown, most: number): value is number[] {
  return Array.isArray(value) && value.length <= most && value.every((b) => isWhole(b) && b < 256);
}

function isWhole(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** Every platform VS Code runs on is little-endian; the DataView paths keep a digest portable all the same. */
const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/** `count` little-endian float64s from `bytes` at `at`, copied once into an aligned array. */
function readFloats(bytes: Uint8Array, at: number, count: number): Float64Array {
  if (LITTLE_ENDIAN) {
    // A copy (not slice: a Node Buffer's slice shares its pool), so the floats start on an 8-byte boundary.
    const aligned = new Uint8Array(count * 8);
    aligned.set(bytes.subarray(at, at + count * 8));
    return new Float64Array(aligned.buffer);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, count * 8);
  return Float64Array.from({ length: count }, (_, i) => view.getFloat64(i * 8, true));
}

function align8(n: number): number {
  return Math.ceil(n / 8) * 8;
}
