import {
  currentValue,
  DEFAULT_BATCH_DISCOUNT_PERCENT,
  DEFAULT_MIN_CACHEABLE_PREFIX,
  MODEL_FIELDS,
  multiplyPrices,
  REQUIRED_FOR_NEW_MODEL,
  REQUIRED_FOR_TIER,
  TIER_FIELDS,
  tokenPrices,
  wrongCacheWriteField,
  type Check,
} from './catalogFields';
import type { LongContextPrices, ModelId, ModelSpec, ModelTable, TokenPrices } from './modelTable';
import type { ProviderId } from './providers';
import { isPlainObject, show, type Overridden } from './settingsText';

/**
 * The user's model catalog: the built-in table with `tandem.models` laid over it. An entry for a built-in
 * model overrides the fields it names; an entry for any other id adds a model (it needs a provider, input
 * and output prices, a context window and a maximum output). Settings arrive as untrusted JSON: every
 * impossible value is reported naming its field. A built-in keeps its own value for that field; a new
 * model with an impossible value is not added, since any price guessed for it could be wrong. One broken
 * entry never affects the others.
 */
export function applyModelOverrides(defaults: ModelTable, raw: unknown): Overridden<ModelTable> {
  const problems: string[] = [];
  if (raw == null) return { table: defaults, problems };
  if (!isPlainObject(raw)) {
    problems.push(`tandem.models: ${show(raw)} is not an object of models by id; keeping the built-in models`);
    return { table: defaults, problems };
  }
  const table: Record<ModelId, ModelSpec> = { ...defaults };
  for (const [id, entry] of Object.entries(raw)) {
    const base = Object.hasOwn(defaults, id) ? defaults[id] : undefined;
    if (!base && !isModelIdText(id)) {
      problems.push(`tandem.models[${JSON.stringify(id)}]: not a model id (the provider's name for the model, without spaces); ignored`);
      continue;
    }
    if (!isPlainObject(entry)) {
      problems.push(`tandem.models[${JSON.stringify(id)}]: ${show(entry)} is not an object of model fields; `
        + (base ? `keeping the built-in ${base.displayName}` : `${JSON.stringify(id)} is not added`));
      continue;
    }
    const spec = new EntryReader(id, base, problems).read(entry);
    if (spec) table[id] = spec;
  }
  return { table, problems };
}

function isModelIdText(id: string): boolean {
  return id.length > 0 && id.length <= 100 && !/\s/.test(id);
}

/** Reads one entry, collecting its problems. */
class EntryReader {
  /** A new model with any impossible value is refused whole. */
  private refused = false;
  /** Impossible values reported so far (unknown fields are not among them: they are only ignored). */
  private rejections = 0;

  constructor(
    private readonly id: ModelId,
    private readonly base: ModelSpec | undefined,
    private readonly problems: string[],
  ) {}

  read(entry: Record<string, unknown>): ModelSpec | undefined {
    const { id, base } = this;
    const accepted = this.fields(entry, MODEL_FIELDS, '');
    const provider = this.provider(accepted);
    if (!base) {
      for (const field of REQUIRED_FOR_NEW_MODEL) {
        if (!Object.hasOwn(entry, field)) this.reject(field, `missing: a new model needs ${REQUIRED_FOR_NEW_MODEL.join(', ')}`);
      }
    }
    if (!provider || this.refused) return undefined;
    this.dropOtherProvidersFields(accepted, provider, '');

    const limits = this.limits(accepted, provider);
    const discount = accepted.get('batchDiscountPercent') as number | undefined;
    const prices = {
      ...tokenPrices(accepted, provider, base?.prices),
      // Settings speak of the discount ("50% off"); the table holds the price paid (50% of list).
      batchPercent: discount !== undefined ? 100 - discount : (base?.prices.batchPercent ?? 100 - DEFAULT_BATCH_DISCOUNT_PERCENT),
    };
    const longContext = (accepted.has('longContext')
      ? this.tier(accepted.get('longContext') as Record<string, unknown>, provider, prices, limits?.maxInput)
      : undefined) ?? base?.prices.longContext;
    if (this.refused || !limits) return undefined;

    const priced = { ...prices, ...(longContext ? { longContext } : {}) };
    const factor = accepted.get('priceMultiplier') as number | undefined;
    return {
      id,
      provider,
      displayName: ((accepted.get('displayName') as string | undefined) ?? base?.displayName ?? id).trim(),
      prices: factor === undefined ? priced : multiplyPrices(priced, factor),
      ...limits,
      minCacheablePrefix: (accepted.get('minCacheablePrefixTokens') as number | undefined) ?? base?.minCacheablePrefix ?? DEFAULT_MIN_CACHEABLE_PREFIX,
      sources: base?.sources ?? ['tandem.models in the user settings'],
    };
  }

  /** The fields of `object` that pass their check; the others are reported. */
  private fields(object: Record<string, unknown>, rules: Readonly<Record<string, Check>>, prefix: string): Map<string, unknown> {
    const accepted = new Map<string, unknown>();
    for (const [field, value] of Object.entries(object)) {
      const check = Object.hasOwn(rules, field) ? rules[field] : undefined;
      if (!check) {
        this.problems.push(`${this.name(prefix + field)}: unknown field (known: ${Object.keys(rules).join(', ')}); ignored`);
        continue;
      }
      const why = check(value);
      if (why) this.reject(prefix + field, `${show(value)} ${why}`);
      else accepted.set(field, value);
    }
    return accepted;
  }

  private provider(accepted: Map<string, unknown>): ProviderId | undefined {
    const given = accepted.get('provider') as ProviderId | undefined;
    if (this.base && given !== undefined && given !== this.base.provider) {
      this.reject('provider', `"${given}" is not ${this.base.displayName}'s provider (a built-in model's provider cannot change)`);
      return this.base.provider;
    }
    return given ?? this.base?.provider;
  }

  /** Cache-write prices of the other provider's kind are refused, naming the right field. */
  private dropOtherProvidersFields(accepted: Map<string, unknown>, provider: ProviderId, prefix: string): void {
    for (const field of [...accepted.keys()]) {
      const why = wrongCacheWriteField(field, provider);
      if (!why) continue;
      this.reject(prefix + field, why);
      accepted.delete(field);
    }
  }

  /**
   * Window, input and output limits that fit together. A built-in blames a limit's own override first; if
   * its default limit still does not fit, the window override is the impossible one. Dropping a window
   * override only widens it back to the (consistent) default, so a single pass settles every pair.
   */
  private limits(accepted: Map<string, unknown>, provider: ProviderId): Pick<ModelSpec, 'contextWindow' | 'maxInput' | 'maxOutput'> | undefined {
    const given = (field: string): number | undefined => accepted.get(field) as number | undefined;
    const build = () => {
      const contextWindow = given('contextWindow') ?? this.base?.contextWindow ?? 0;
      const maxOutput = given('maxOutputTokens') ?? this.base?.maxOutput ?? 0;
      // OpenAI states the input limit as the window less the output (GPT-5.4 Mini: 400K − 128K = 272K);
      // Anthropic lets input fill the window.
      const maxInput = given('maxInputTokens') ?? this.base?.maxInput ?? (provider === 'openai' ? contextWindow - maxOutput : contextWindow);
      return { contextWindow, maxInput, maxOutput };
    };
    let limits = build();
    for (const [field, key] of [['maxInputTokens', 'maxInput'], ['maxOutputTokens', 'maxOutput']] as const) {
      for (const blamed of [field, 'contextWindow']) {
        if (limits[key] <= limits.contextWindow || !accepted.has(blamed)) continue;
        this.reject(blamed, blamed === field
          ? `${String(given(field))} is more than the context window (${limits.contextWindow.toLocaleString('en-US')})`
          : `${String(given('contextWindow'))} is less than ${field} (${limits[key].toLocaleString('en-US')})`);
        accepted.delete(blamed);
        limits = build();
      }
    }
    if (limits.maxInput <= 0 && !this.refused) {
      this.reject('maxOutputTokens', `${String(given('maxOutputTokens'))} leaves no room for input in the context window (set maxInputTokens)`);
    }
    return this.refused ? undefined : limits;
  }

  private tier(entry: Record<string, unknown>, provider: ProviderId, base: TokenPrices, maxInput: number | undefined): LongContextPrices | undefined {
    const before = this.rejections;
    const accepted = this.fields(entry, TIER_FIELDS, 'longContext.');
    for (const field of REQUIRED_FOR_TIER) {
      if (!Object.hasOwn(entry, field)) this.reject(`longContext.${field}`, `missing: a long-context tier needs ${REQUIRED_FOR_TIER.join(', ')}`);
    }
    this.dropOtherProvidersFields(accepted, provider, 'longContext.');
    const above = accepted.get('aboveInputTokens') as number | undefined;
    if (above !== undefined && maxInput !== undefined && above >= maxInput) {
      this.reject('longContext.aboveInputTokens', `${above} is not below the input limit (${maxInput.toLocaleString('en-US')}), so the tier could never apply`);
    }
    if (this.rejections > before || above === undefined) return undefined;
    return { aboveInputTokens: above, ...tokenPrices(accepted, provider, undefined, base) };
  }

  private name(field: string): string {
    return `tandem.models[${JSON.stringify(this.id)}].${field}`;
  }

  /** Reports an impossible value: a built-in keeps its own, a new model is not added. */
  private reject(field: string, message: string): void {
    this.rejections++;
    if (this.base) {
      this.problems.push(`${this.name(field)}: ${message}; keeping ${currentValue(this.base, field)}`);
      return;
    }
    this.problems.push(`${this.name(field)}: ${message}; ${JSON.stringify(this.id)} is not added`);
    this.refused = true;
  }
}
