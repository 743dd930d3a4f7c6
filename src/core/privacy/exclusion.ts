import picomatch from 'picomatch/posix';
import { BUILT_IN_EXCLUDES } from './builtInExcludes';
import { parseIgnoreFile } from './ignoreFile';

/** Where a rule comes from: Tandem's list, the user's `tandem.exclude`, the workspace's, or a `.tandemignore`. */
export type RuleSource = 'built-in' | 'user' | 'workspace' | 'ignore-file';

export interface ExclusionRule {
  readonly source: RuleSource;
  /** The pattern as the user (or the built-in list) wrote it. */
  readonly pattern: string;
  /** A `.tandemignore` rule: the file, as messages name it, and its line. */
  readonly file?: string;
  readonly line?: number;
}

export type ExclusionDecision = { readonly excluded: false } | { readonly excluded: true; readonly rule: ExclusionRule };

/** A `.tandemignore` file: its folder (an absolute path with forward slashes), how to name it, its text. */
export interface IgnoreFileSource {
  readonly dir: string;
  readonly path: string;
  readonly text: string;
}

export interface ExclusionSources {
  /** `tandem.exclude` in the user's settings. */
  readonly user: readonly unknown[];
  /** `tandem.exclude` in the workspace's settings: these can only add to the others. */
  readonly workspace: readonly unknown[];
  readonly ignoreFiles: readonly IgnoreFileSource[];
}

/** A file: its absolute path (forward slashes) and, inside a workspace folder, its path relative to it. */
export interface FileLocation {
  readonly absolute: string;
  readonly relative?: string;
}

type Matcher = (path: string) => boolean;

interface CompiledRule {
  readonly rule: ExclusionRule;
  readonly matches: Matcher;
}

interface CompiledIgnoreLine extends CompiledRule {
  readonly negated: boolean;
  readonly dirOnly: boolean;
}

/** Case is ignored everywhere: `.ENV` or `Credentials.json` on a case-insensitive disk is the same file. */
const OPTIONS = { dot: true, nocase: true } as const;

/**
 * Which files are never sent to a model. Three layers, checked in order, and a match in one is final: the
 * built-in list, the user's and the workspace's `tandem.exclude` globs, then the workspace's `.tandemignore`
 * files. So a workspace can only add: its settings have no way to remove a pattern, and a `!` line in a
 * `.tandemignore` takes back only what an earlier `.tandemignore` line matched (gitignore's meaning, so
 * `secrets/` then `!secrets/README.md` works), never a built-in or `tandem.exclude` rule.
 */
export class ExclusionPolicy {
  /** Globs that could not be compiled, said once by whoever built the policy. */
  readonly problems: string[] = [];
  private readonly globs: CompiledRule[];
  private readonly ignoreFiles: { readonly dir: string; readonly lines: CompiledIgnoreLine[] }[];

  constructor(sources: ExclusionSources) {
    this.globs = [
      ...this.compileGlobs(sources.user, 'user'),
      ...this.compileGlobs(sources.workspace, 'workspace'),
    ];
    // Shallow folders first: a deeper file's lines come later and so win, as in git.
    this.ignoreFiles = [...sources.ignoreFiles]
      .sort((a, b) => trimSlashes(a.dir).length - trimSlashes(b.dir).length)
      .map((source) => ({
        dir: trimSlashes(source.dir),
        lines: parseIgnoreFile(source.text).flatMap((line) => {
          const matches = this.compile(line.glob, `${source.path} line ${line.line}`);
          return matches ? [{
            rule: { source: 'ignore-file' as const, pattern: line.pattern, file: source.path, line: line.line },
            matches, negated: line.negated, dirOnly: line.dirOnly,
          }] : [];
        }),
      }));
  }

  check(file: FileLocation): ExclusionDecision {
    const absolute = trimSlashes(file.absolute);
    const builtIns = compiledBuiltIns();
    if (builtIns.any.test(absolute)) {
      const hit = builtIns.rules.find((b) => b.matches(absolute));
      if (hit) return { excluded: true, rule: hit.rule };
    }
    const candidates = [...ancestorsAndSelf(absolute), ...(file.relative ? ancestorsAndSelf(trimSlashes(file.relative)) : [])];
    for (const glob of this.globs) {
      if (candidates.some((c) => glob.matches(c))) return { excluded: true, rule: glob.rule };
    }
    return this.checkIgnoreFiles(absolute);
  }

  /** gitignore's walk: each folder on the way is decided first, and an excluded folder keeps everything in it excluded. */
  private checkIgnoreFiles(absolute: string): ExclusionDecision {
    const prefixes = ancestorsAndSelf(absolute);
    for (const [index, prefix] of prefixes.entries()) {
      const isDir = index < prefixes.length - 1;
      let last: CompiledIgnoreLine | undefined;
      for (const { dir, lines } of this.ignoreFiles) {
        if (!prefix.toLowerCase().startsWith(`${dir.toLowerCase()}/`)) continue;
        const relative = prefix.slice(dir.length + 1);
        for (const line of lines) if ((!line.dirOnly || isDir) && line.matches(relative)) last = line;
      }
      if (last && !last.negated) return { excluded: true, rule: last.rule };
    }
    return { excluded: false };
  }

  private compileGlobs(values: readonly unknown[], source: 'user' | 'workspace'): CompiledRule[] {
    return values.flatMap((value) => {
      if (typeof value !== 'string' || value.trim() === '') {
        this.problems.push(`tandem.exclude: ${JSON.stringify(value)} is not a glob; it is ignored.`);
        return [];
      }
      const pattern = value.trim();
      // A glob without a slash matches a file or folder name at any depth; a leading slash means an absolute path.
      const glob = trimSlashes(pattern);
      const matches = this.compile(glob.includes('/') ? glob : `**/${glob}`, `tandem.exclude "${pattern}"`);
      return matches ? [{ rule: { source, pattern }, matches }] : [];
    });
  }

  private compile(glob: string, where: string): Matcher | undefined {
    try {
      const re = picomatch.makeRe(glob, OPTIONS);
      return (path) => re.test(path);
    } catch (error) {
      this.problems.push(`${where} is not a valid glob (${error instanceof Error ? error.message : String(error)}); it is ignored.`);
      return undefined;
    }
  }
}

let builtIns: { readonly any: RegExp; readonly rules: readonly CompiledRule[] } | undefined;

/**
 * The built-in list, compiled once per process on first use (a few milliseconds: never at activation). One
 * regular expression answers the usual question (not excluded) in one pass; the rule is looked for on a hit.
 */
function compiledBuiltIns(): NonNullable<typeof builtIns> {
  if (!builtIns) {
    const compiled = BUILT_IN_EXCLUDES.map((b) => ({ rule: { source: 'built-in' as const, pattern: b.pattern }, re: picomatch.makeRe(b.glob, OPTIONS) }));
    builtIns = {
      any: new RegExp(compiled.map(({ re }) => `(?:${re.source})`).join('|'), 'i'),
      rules: compiled.map(({ rule, re }) => ({ rule, matches: (path: string) => re.test(path) })),
    };
  }
  return builtIns;
}

/** How a message names the rule: `the built-in rule ".env"`, `".tandemignore" line 3: "drafts/"`. */
export function describeRule(rule: ExclusionRule): string {
  switch (rule.source) {
    case 'built-in':
      return `the built-in rule "${rule.pattern}"`;
    case 'user':
      return `"${rule.pattern}" in tandem.exclude (user settings)`;
    case 'workspace':
      return `"${rule.pattern}" in tandem.exclude (workspace settings)`;
    case 'ignore-file':
      return `"${rule.pattern}" in ${rule.file} line ${rule.line}`;
  }
}

/** `a/b/c` → `a`, `a/b`, `a/b/c`. */
function ancestorsAndSelf(path: string): string[] {
  const parts = path.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

function trimSlashes(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}
