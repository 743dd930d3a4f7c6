import { isModelId, MODEL_IDS, type ModelId, type ModelPrices, type ModelSpec, type ModelTable, type RoutingTable, type TaskRoute } from './modelTable';
import { isTaskKind, TASK_KINDS, type TaskKind } from './tasks';

/**
 * The user's `tandem.models` and `tandem.routing` settings laid over the defaults. Settings arrive as
 * untrusted JSON: each impossible value is reported (naming the setting, the value and what was kept) and
 * skipped on its own, so one typo never discards the rest of the user's overrides.
 */

export interface Overridden<T> {
  readonly table: T;
  readonly problems: string[];
}

type Limit = 'contextWindow' | 'maxInput' | 'maxOutput';
type Draft = { -readonly [K in Limit]: number } & { prices: { -readonly [K in keyof ModelPrices]: number } };

/** How one field of `tandem.models["<id>"]` is checked, shown and applied. */
interface FieldRule {
  /** Why the value is impossible, or undefined when it can be used. */
  readonly invalid: (value: unknown) => string | undefined;
  /** The value in force, as the user would write it, for "keeping …". */
  readonly current: (spec: Draft) => string;
  readonly apply: (draft: Draft, value: number) => void;
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** Above this a "price" is almost surely micro-dollars typed as dollars, and would overflow exact integer cost. */
const MAX_USD_PER_MTOK = 10_000;

function price(key: keyof Omit<ModelPrices, 'batchPercent'>): FieldRule {
  return {
    invalid: (v) => {
      if (!isNumber(v) || v < 0) return 'is not a price (must be a number ≥ 0)';
      return v > MAX_USD_PER_MTOK ? `is not a plausible price (at most $${MAX_USD_PER_MTOK.toLocaleString('en-US')} per million tokens)` : undefined;
    },
    current: (d) => usdPerMTok(d.prices[key]),
    // The table holds integer micro-dollars per MTok so that cost arithmetic stays exact.
    apply: (d, v) => { d.prices[key] = Math.round(v * 1e6); },
  };
}

function tokenLimit(key: Limit): FieldRule {
  return {
    invalid: (v) => (Number.isSafeInteger(v) && (v as number) > 0 ? undefined : 'is not a token count (must be a whole number > 0)'),
    current: (d) => d[key].toLocaleString('en-US'),
    apply: (d, v) => { d[key] = v; },
  };
}

const batchDiscount: FieldRule = {
  invalid: (v) => (isNumber(v) && v >= 0 && v <= 100 ? undefined : 'is not a discount (must be a number from 0 to 100)'),
  current: (d) => `${100 - d.prices.batchPercent}%`,
  // Settings speak of the discount ("50% off"); the table holds the price paid (50% of list).
  apply: (d, v) => { d.prices.batchPercent = 100 - v; },
};

/** Every field `tandem.models["<id>"]` accepts, by its settings name. */
const MODEL_FIELDS: Readonly<Record<string, FieldRule>> = {
  inputPerMTok: price('input'),
  outputPerMTok: price('output'),
  cacheReadPerMTok: price('cacheRead'),
  cacheWrite5mPerMTok: price('cacheWrite5m'),
  cacheWrite1hPerMTok: price('cacheWrite1h'),
  batchDiscountPercent: batchDiscount,
  contextWindow: tokenLimit('contextWindow'),
  maxInputTokens: tokenLimit('maxInput'),
  maxOutputTokens: tokenLimit('maxOutput'),
};

/** Limits that cannot exceed the whole window (input and output both live inside it). */
const WITHIN_WINDOW: readonly { readonly setting: string; readonly key: Limit }[] = [
  { setting: 'maxInputTokens', key: 'maxInput' },
  { setting: 'maxOutputTokens', key: 'maxOutput' },
];

export function applyModelOverrides(defaults: ModelTable, raw: unknown): Overridden<ModelTable> {
  const problems: string[] = [];
  if (raw == null) return { table: defaults, problems };
  if (!isPlainObject(raw)) {
    problems.push(`tandem.models: ${show(raw)} is not an object of model overrides; keeping the defaults`);
    return { table: defaults, problems };
  }
  const table: Record<ModelId, ModelSpec> = { ...defaults };
  for (const [id, entry] of Object.entries(raw)) {
    if (!isModelId(id)) {
      problems.push(`tandem.models[${JSON.stringify(id)}]: unknown model (known: ${MODEL_IDS.map((m) => JSON.stringify(m)).join(', ')}); ignored`);
      continue;
    }
    if (!isPlainObject(entry)) {
      problems.push(`tandem.models[${JSON.stringify(id)}]: ${show(entry)} is not an object of overrides; keeping the defaults for ${defaults[id].displayName}`);
      continue;
    }
    table[id] = overrideModel(defaults[id], entry, problems);
  }
  return { table, problems };
}

function overrideModel(spec: ModelSpec, entry: Record<string, unknown>, problems: string[]): ModelSpec {
  const name = (field: string): string => `tandem.models[${JSON.stringify(spec.id)}].${field}`;
  const accepted = new Map<string, number>();
  for (const [field, value] of Object.entries(entry)) {
    const rule = Object.hasOwn(MODEL_FIELDS, field) ? MODEL_FIELDS[field] : undefined;
    if (!rule) {
      problems.push(`${name(field)}: unknown setting (known: ${Object.keys(MODEL_FIELDS).join(', ')}); ignored`);
      continue;
    }
    const why = rule.invalid(value);
    if (why) problems.push(`${name(field)}: ${show(value)} ${why}; keeping ${rule.current(draftOf(spec))}`);
    else accepted.set(field, value as number);
  }

  // Each limit must fit the window. The limit's own override is blamed first; if the default limit still
  // does not fit, the window override is the impossible one. Dropping a window override only widens it
  // back to the (consistent) default, so a single pass settles every pair.
  let draft = build(spec, accepted);
  for (const { setting, key } of WITHIN_WINDOW) {
    for (const blamed of [setting, 'contextWindow']) {
      if (draft[key] <= draft.contextWindow || !accepted.has(blamed)) continue;
      const kept = MODEL_FIELDS[blamed].current(draftOf(spec));
      problems.push(blamed === setting
        ? `${name(setting)}: ${accepted.get(setting)} is more than the context window (${draft.contextWindow.toLocaleString('en-US')}); keeping ${kept}`
        : `${name('contextWindow')}: ${accepted.get('contextWindow')} is less than ${setting} (${draft[key].toLocaleString('en-US')}); keeping ${kept}`);
      accepted.delete(blamed);
      draft = build(spec, accepted);
    }
  }
  return { ...spec, contextWindow: draft.contextWindow, maxInput: draft.maxInput, maxOutput: draft.maxOutput, prices: { ...draft.prices } };
}

function draftOf(spec: ModelSpec): Draft {
  return { contextWindow: spec.contextWindow, maxInput: spec.maxInput, maxOutput: spec.maxOutput, prices: { ...spec.prices } };
}

function build(spec: ModelSpec, accepted: ReadonlyMap<string, number>): Draft {
  const draft = draftOf(spec);
  for (const [field, value] of accepted) MODEL_FIELDS[field].apply(draft, value);
  return draft;
}

export function applyRoutingOverrides(defaults: RoutingTable, raw: unknown): Overridden<RoutingTable> {
  const problems: string[] = [];
  if (raw == null) return { table: defaults, problems };
  if (!isPlainObject(raw)) {
    problems.push(`tandem.routing: ${show(raw)} is not an object of task → model; keeping the default routes`);
    return { table: defaults, problems };
  }
  const table: Record<TaskKind, TaskRoute> = { ...defaults };
  for (const [task, model] of Object.entries(raw)) {
    if (!isTaskKind(task)) {
      problems.push(`tandem.routing.${task}: unknown task (known: ${TASK_KINDS.join(', ')}); ignored`);
      continue;
    }
    if (!isModelId(model)) {
      problems.push(`tandem.routing.${task}: ${show(model)} is not a model (use ${MODEL_IDS.map((m) => JSON.stringify(m)).join(' or ')}); keeping ${defaults[task].model}`);
      continue;
    }
    // The reason is what the user sees for every routed call: it must say the choice was theirs.
    table[task] = { ...defaults[task], model, reason: `set in settings (tandem.routing.${task})` };
  }
  return { table, problems };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** $0.75, $0.075, $4.50: cents at least, and every digit a per-MTok price has. */
function usdPerMTok(microPerMTok: number): string {
  const usd = microPerMTok / 1e6;
  const cents = usd.toFixed(2);
  return `$${Number(cents) === usd ? cents : String(usd)}`;
}

/** A settings value as the user typed it, kept short (it may be anything). */
function show(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
