import type { ChatMessage, ContentPart } from '../calls/modelClient';
import { SECRET_SHAPES } from './secretShapes';

/** The user's own keys shorter than this are not searched for verbatim (they would match ordinary text). */
const MIN_KNOWN_SECRET_LENGTH = 8;
const KNOWN_KIND = 'API key';

/** Replaces every occurrence of each secret, longest first (one key may contain another). */
export function replaceVerbatim(text: string, secrets: Iterable<string | undefined>, minLength: number, placeholder: (secret: string) => string): string {
  const sorted = [...new Set([...secrets].filter((s): s is string => typeof s === 'string' && s.length >= minLength))].sort((a, b) => b.length - a.length);
  let out = text;
  for (const secret of sorted) if (out.includes(secret)) out = out.split(secret).join(placeholder(secret));
  return out;
}

/**
 * One redaction pass over one outgoing request: each distinct secret gets one placeholder for the whole
 * request (`[REDACTED OpenAI key]`, then `[REDACTED OpenAI key 2]` for a second one), so the model can still
 * tell them apart, and the answer can be given back with the secrets in place (`restore`) — the answer goes
 * only into this machine's editor. Values are kept in memory for the request's lifetime and never logged.
 */
export class Redaction {
  private readonly placeholders = new Map<string, string>();
  private readonly values = new Map<string, string>();
  private readonly occurrences = new Map<string, number>();
  private readonly distinct = new Map<string, number>();

  /** `original`: all the request's text, so that no placeholder chosen is a string it already holds. */
  constructor(private readonly known: readonly string[], private readonly original: string) {}

  /**
   * The shapes go first and the user's keys after, so the placeholders of shapes never depend on which keys
   * this window knows: the same text always gets the same ones (a batch answer is restored from that).
   */
  text(input: string): string {
    let out = input;
    for (const shape of SECRET_SHAPES) {
      if (shape.hint && !out.includes(shape.hint)) continue;
      out = out.replace(shape.pattern, (match: string, ...rest: unknown[]) => {
        const last = rest[rest.length - 1];
        const groups = typeof last === 'object' && last !== null ? (last as Record<string, string | undefined>) : undefined;
        const pre = groups?.pre ?? '';
        if (shape.accept && !shape.accept(groups?.secret ?? match.slice(pre.length))) return match;
        return pre + this.placeholder(shape.kind, match.slice(pre.length));
      });
    }
    return replaceVerbatim(out, this.known, MIN_KNOWN_SECRET_LENGTH, (secret) => this.placeholder(KNOWN_KIND, secret));
  }

  /** The answer with each placeholder this request used put back to its secret. */
  restore(answer: string): string {
    let out = answer;
    for (const [placeholder, value] of this.values) if (out.includes(placeholder)) out = out.split(placeholder).join(value);
    return out;
  }

  /** `restore` through every string of a parsed JSON answer. */
  restoreJson(value: unknown): unknown {
    if (this.values.size === 0) return value;
    if (typeof value === 'string') return this.restore(value);
    if (Array.isArray(value)) return value.map((v) => this.restoreJson(v));
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.restoreJson(v)]));
    return value;
  }

  get count(): number {
    let n = 0;
    for (const c of this.occurrences.values()) n += c;
    return n;
  }

  /** What was redacted, by kind and count, never a value: `OpenAI key ×1, JWT ×2`. */
  summary(): string {
    return [...this.occurrences].map(([kind, n]) => `${kind} ×${n}`).join(', ');
  }

  private placeholder(kind: string, secret: string): string {
    this.occurrences.set(kind, (this.occurrences.get(kind) ?? 0) + 1);
    const known = this.placeholders.get(secret);
    if (known) return known;
    let n = (this.distinct.get(kind) ?? 0) + 1;
    const name = (i: number) => `[REDACTED ${kind}${i === 1 ? '' : ` ${i}`}]`;
    while (this.original.includes(name(n)) || this.values.has(name(n))) n++;
    this.distinct.set(kind, n);
    const placeholder = name(n);
    this.placeholders.set(secret, placeholder);
    this.values.set(placeholder, secret);
    return placeholder;
  }
}

/** What a request carries to a model, with every secret shape and known key replaced. */
export interface RedactedPrompt {
  readonly system: readonly string[];
  readonly messages: readonly ChatMessage[];
  readonly redaction: Redaction;
}

/** Redacts the system parts and the text of every message (images go as they are). */
export function redactPrompt(system: readonly string[], messages: readonly ChatMessage[], knownSecrets: Iterable<string>): RedactedPrompt {
  const texts = [...system, ...messages.flatMap((m) => (typeof m.content === 'string' ? [m.content] : m.content.flatMap((p) => (p.type === 'text' ? [p.text] : []))))];
  const redaction = new Redaction([...knownSecrets], texts.join('\n'));
  const part = (p: ContentPart): ContentPart => (p.type === 'text' ? { ...p, text: redaction.text(p.text) } : p);
  return {
    system: system.map((s) => redaction.text(s)),
    messages: messages.map((m) => ({ ...m, content: typeof m.content === 'string' ? redaction.text(m.content) : m.content.map(part) })),
    redaction,
  };
}

/** Secret shapes in text bound for a log or a message (no restoring needed): `[REDACTED JWT]`. */
export function redactShapes(text: string): string {
  return new Redaction([], text).text(text);
}
