/** Realistic modules for the outline tests: comments, strings with braces, multi-line signatures. */

export const TS_MODULE = `
import { EventEmitter } from 'node:events';
import type { Logger } from './log';

/** How a cache entry expires. */
export enum Expiry {
  Never,
  AfterWrite = 'after-write', // seconds after the last write
}

export type CacheKey = string | number;

export type CacheEvent =
  | { type: 'hit'; key: CacheKey }
  | { type: 'miss'; key: CacheKey };

export interface CacheOptions {
  /** Entries kept before the oldest goes. */
  readonly maxEntries: number;
  readonly ttlMs?: number;
  onEvict?(key: CacheKey, value: unknown): void;
}

const DEFAULT_TTL = 60_000;

export const DEFAULT_OPTIONS: CacheOptions = {
  maxEntries: 100,
  ttlMs: DEFAULT_TTL,
};

export class LruCache<V> extends EventEmitter {
  private readonly entries = new Map<CacheKey, { value: V; at: number }>();
  static readonly kind = 'lru';

  constructor(
    private readonly options: CacheOptions,
    private readonly log?: Logger,
  ) {
    super();
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: CacheKey): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    return entry.value;
  }

  set(key: CacheKey, value: V): this {
    this.entries.set(key, { value, at: Date.now() });
    return this;
  }

  private evictOldest(): void {
    const first = this.entries.keys().next();
    if (!first.done) this.entries.delete(first.value);
  }

  async load(key: CacheKey, fetch: (key: CacheKey) => Promise<V>): Promise<V> {
    const cached = this.get(key);
    if (cached !== undefined) return cached;
    const value = await fetch(key);
    this.set(key, value);
    return value;
  }
}

export function createCache<V>(
  options: Partial<CacheOptions> = {},
  log?: Logger,
): LruCache<V> {
  return new LruCache<V>({ ...DEFAULT_OPTIONS, ...options }, log);
}

export const keyOf = (parts: readonly string[]): CacheKey => parts.join(':');

function internalHelper(x: number) {
  return x * 2;
}

export default createCache;
`;

export const PY_MODULE = `
"""Billing helpers.

def not_a_function(): this is inside the module docstring
"""
from __future__ import annotations

import dataclasses
from typing import Optional

TAX_RATE = 0.2


@dataclasses.dataclass(frozen=True)
class Invoice:
    """An invoice as the billing service stores it."""

    number: str
    amount_cents: int

    @property
    def total(self) -> int:
        return round(self.amount_cents * (1 + TAX_RATE))

    def with_amount(self, amount_cents: int) -> "Invoice":
        return dataclasses.replace(self, amount_cents=amount_cents)


class InvoiceStore(Base, metaclass=Registry):
    def __init__(self, path: str, *, create: bool = False) -> None:
        self.path = path

    async def fetch(
        self,
        number: str,
        default: Optional[Invoice] = None,
    ) -> Optional[Invoice]:
        # def commented_out(): ...
        return default

    def label(self, sep: str = ": ") -> str: return sep


def format_cents(cents: int, currency: str = "EUR") -> str:
    def pad(n):
        return str(n).zfill(2)
    return f"{cents // 100}.{pad(cents % 100)} {currency}"
`;

export const CJS_MODULE = `
'use strict';
const path = require('path');
const { promisify } = require('util');

const SEPARATOR = '/';

/**
 * Joins parts. function fake() {}
 */
function joinParts(parts, sep = SEPARATOR) {
  const s = "}{"; // braces in a string do not count
  return parts.join(sep);
}

const normalise = (p) => path.normalize(p);
const readAsync = async function (file) {
  return promisify(fs.readFile)(file);
};

class Walker {
  #seen = new Set();
  constructor(root) {
    this.root = root;
  }
  *walk(dir = this.root) {
    yield dir;
  }
  static create(root) { return new Walker(root); }
}

module.exports = { joinParts, normalise, Walker };
exports.VERSION = '1.0';
`;

/** The outline of TS_MODULE, bodies cut, interface and enum bodies kept, the private member and comments left out. */
export const TS_OUTLINE = [
  'export enum Expiry {',
  '  Never,',
  "  AfterWrite = 'after-write',",
  '}',
  'export type CacheKey = string | number;',
  'export type CacheEvent =',
  "  | { type: 'hit'; key: CacheKey }",
  "  | { type: 'miss'; key: CacheKey };",
  'export interface CacheOptions {',
  '  readonly maxEntries: number;',
  '  readonly ttlMs?: number;',
  '  onEvict?(key: CacheKey, value: unknown): void;',
  '}',
  'export const DEFAULT_OPTIONS: CacheOptions = { … }',
  'export class LruCache<V> extends EventEmitter {',
  "  static readonly kind = 'lru';",
  '  constructor(',
  '    private readonly options: CacheOptions,',
  '    private readonly log?: Logger,',
  '  ) { … }',
  '  get size(): number { … }',
  '  get(key: CacheKey): V | undefined { … }',
  '  set(key: CacheKey, value: V): this { … }',
  '  async load(key: CacheKey, fetch: (key: CacheKey) => Promise<V>): Promise<V> { … }',
  '}',
  'export function createCache<V>(',
  '  options: Partial<CacheOptions> = {},',
  '  log?: Logger,',
  '): LruCache<V> { … }',
  "export const keyOf = (parts: readonly string[]): CacheKey => parts.join(':');",
  'function internalHelper(x: number) { … }',
  'export default createCache;',
].join('\n');
