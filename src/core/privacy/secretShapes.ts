/**
 * High-confidence shapes of secrets, the table the outbound redaction (and log redaction) runs. Each entry is
 * a shape a secret scanner would flag on sight: a provider's documented prefix and length, a PEM private key
 * block, a password written into a URL. Where a shape alone is too loose (a 40-character AWS secret, a bearer
 * token), the candidate must also look random, so ordinary code — identifiers, UUIDs, hashes, base64 images —
 * goes through untouched.
 */
export interface SecretShape {
  /** What the placeholder and the log call it: `[REDACTED private key]`. */
  readonly kind: string;
  /**
   * Global. The match is replaced, except a named group `pre` at its start (the text around a secret that the
   * model may see: `postgres://app:` before a password). A named group `secret` is what `accept` judges.
   */
  readonly pattern: RegExp;
  /** A further check on the secret itself, for shapes that alone would catch ordinary text. */
  readonly accept?: (secret: string) => boolean;
  /** Text the pattern cannot match without: when it is absent the pattern is not run at all. */
  readonly hint?: string;
}

/** Shannon entropy in bits per character: random keys score above 4, words and kebab-case names lower. */
export function entropyBitsPerChar(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Mixed case and digits: what a random base62/base64 key of 20+ characters has, and a word or hex hash has not. */
function looksRandom(secret: string, minBits = 3.5): boolean {
  return /[a-z]/.test(secret) && /[A-Z]/.test(secret) && /\d/.test(secret) && entropyBitsPerChar(secret) >= minBits;
}

/** `${PASSWORD}`, `<password>`, `%s`, `****`, `$DB_PASS`: a template, not a password. */
function notPlaceholder(secret: string): boolean {
  return !/^(?:[$%{<[]|\*+$)/.test(secret);
}

const PEM_LABEL = '[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?';
/** Base64 lines of a key block: real line breaks, or `\n` escapes when the key sits in a string literal. */
const B64_LINE_BREAK = '(?:\\r?\\n|\\\\n)';

/** Order matters: a shape that keeps part of its match (the text around an AWS secret) runs before the shape that would replace that part. */
export const SECRET_SHAPES: readonly SecretShape[] = [
  {
    kind: 'private key',
    hint: 'PRIVATE KEY',
    // A whole block, or a block whose end is cut off (a completion's window can end inside it).
    pattern: new RegExp(`-----BEGIN ?${PEM_LABEL}-----(?:[\\s\\S]*?-----END ?${PEM_LABEL}-----|[A-Za-z0-9+/=:,. \\t\\r\\n\\\\-]*)`, 'g'),
  },
  {
    kind: 'private key',
    // The end of a block whose start is cut off (a window can start inside it): up to 120 base64 lines (an
    // 8192-bit RSA key has 100), each taken whole — `(?=(…))\1` cannot give characters back.
    hint: '-----END',
    pattern: new RegExp(`(?:(?<![^\\n])|(?<=\\\\n))(?:(?=([A-Za-z0-9+/=]{16,100}))\\1${B64_LINE_BREAK}){1,120}(?:(?=([A-Za-z0-9+/=]{1,100}))\\2${B64_LINE_BREAK}?)?-----END ?${PEM_LABEL}-----`, 'g'),
  },
  {
    kind: 'AWS secret access key',
    // A 40-character secret on the same line as, and after, an access key id (the pair as code passes it).
    pattern: /(?<pre>\b(?:AKIA|ASIA)[A-Z0-9]{16}\b[^\n]{0,120}?)(?<![A-Za-z0-9/+])(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/g,
    accept: (s) => looksRandom(s, 4),
  },
  {
    kind: 'AWS secret access key',
    // aws_secret_access_key = …, secretAccessKey: "…", AWS_SECRET_ACCESS_KEY=…
    pattern: /(?<pre>\b(?:aws_?)?secret_?access_?key["']?\s*[:=]\s*["']?)(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
    accept: (s) => looksRandom(s, 4),
  },
  { kind: 'AWS access key id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g },
  { kind: 'Anthropic key', pattern: /\bsk-ant-[A-Za-z0-9_-]{20,}/g },
  {
    kind: 'OpenAI key',
    // sk-…, sk-proj-…, sk-svcacct-…, sk-admin-…; the body must look random (SpinKit's `sk-` CSS classes do not).
    pattern: /\bsk-(?:proj-|svcacct-|admin-)?(?<secret>[A-Za-z0-9_-]{20,})/g,
    accept: (s) => looksRandom(s, 3.5),
  },
  { kind: 'GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/g },
  { kind: 'Slack token', pattern: /\bxox[abposre]-[A-Za-z0-9-]{10,}/g },
  { kind: 'Slack webhook', pattern: /\bhttps:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9_/]{20,}/g },
  { kind: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g },
  { kind: 'Stripe key', pattern: /\b[rs]k_(?:live|test)_[0-9A-Za-z]{24,}\b/g },
  { kind: 'npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  // Header and payload are base64url JSON objects, so both start with `eyJ` (`{"`).
  { kind: 'JWT', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  {
    kind: 'password',
    // scheme://user:password@host — only the password goes; the user, host and database stay for the model.
    pattern: /(?<pre>\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}:\/\/[^\s:/?#@'"`]*:)(?<secret>[^\s@/?#'"`]+)(?=@)/g,
    accept: notPlaceholder,
  },
  {
    kind: 'bearer token',
    pattern: /(?<pre>\bBearer\s+)(?<secret>[A-Za-z0-9._~+/-]{20,}=*)/g,
    accept: (s) => looksRandom(s, 3.5),
  },
];
