import { errorText } from '../../format/errorText';
import type { Logger } from '../../log/logger';
import type { CompletionParameters } from '../parameters';
import { importCandidates, importSpecifiers } from './imports';
import { signatureOutline } from './signatures';
import type { ContextDocument } from './types';

/** Outlines of files read from disk are re-read after this long (they may have changed outside the editor). */
export const DISK_OUTLINE_TTL_MS = 60_000;

/** A file an import may name, as the editor finds it in the importing file's workspace folder. */
export interface ImportTarget {
  /** Its uri: the key its outline is kept under. */
  readonly uri: string;
  /** Excluded from what Tandem sends: never read for context, and the import's later candidates are not tried. */
  readonly excluded: boolean;
  /** Its document, when open in an editor (unsaved changes included). */
  readonly open?: ContextDocument;
  /** Its text on disk; undefined when there is no such file. Rejects when it cannot be read. */
  read(): Promise<string | undefined>;
}

/** Where a workspace-relative candidate path (core/completion/context/imports) is, in the importing file's folder. */
export type LocateImport = (candidate: string) => ImportTarget;

export interface ImportedOutline {
  /** Workspace-relative. */
  readonly path: string;
  readonly outline: string;
}

/** `outline` undefined: there is no such file (looked for at `readAt`). */
type DiskOutline = { readonly outline: string | undefined; readonly readAt: number } | 'reading';

/**
 * The outlines of the files a document imports, for the context stage. Never waits: an imported file not
 * read yet is read in the background and joins the context from the next request on. What is costly is
 * kept: a document's imports and an open file's outline per version, a file on disk's outline for a minute.
 */
export class ImportedOutlines {
  private readonly disk = new Map<string, DiskOutline>();
  private readonly liveOutlines = new Map<string, { version: number; outline: string }>();
  private readonly imports = new Map<string, { version: number; specifiers: readonly string[] }>();

  constructor(private readonly log: Logger, private readonly now: () => number = Date.now) {}

  /**
   * At most `importedFiles` outlines, in the order the document imports them. For each import, its
   * candidate paths in order: the first that exists is used; all not read yet are looked for at once.
   */
  outlines(document: ContextDocument, locate: LocateImport, parameters: Pick<CompletionParameters, 'importedFiles' | 'signatureLines'>): ImportedOutline[] {
    const outlines: ImportedOutline[] = [];
    for (const specifier of this.specifiersOf(document)) {
      if (outlines.length >= parameters.importedFiles) break;
      for (const candidate of importCandidates(specifier, document.path, document.languageId)) {
        const target = locate(candidate);
        if (target.excluded) break;
        const outline = target.open ? this.liveOutline(target.open, parameters.signatureLines) : this.diskOutline(target, document.languageId, parameters.signatureLines);
        if (outline === 'missing' || outline === 'reading') continue;
        if (outline) outlines.push({ path: candidate, outline });
        break;
      }
    }
    return outlines;
  }

  /** The document was closed: its imports and outline are worked out again if it is opened again. */
  forget(uri: string): void {
    this.liveOutlines.delete(uri);
    this.imports.delete(uri);
  }

  private specifiersOf(document: ContextDocument): readonly string[] {
    let known = this.imports.get(document.uri);
    if (known?.version !== document.version) {
      known = { version: document.version, specifiers: importSpecifiers(document.getText(), document.languageId) };
      this.imports.set(document.uri, known);
    }
    return known.specifiers;
  }

  private liveOutline(document: ContextDocument, signatureLines: number): string {
    const known = this.liveOutlines.get(document.uri);
    if (known?.version === document.version) return known.outline;
    const outline = signatureOutline(document.getText(), document.languageId, signatureLines);
    this.liveOutlines.set(document.uri, { version: document.version, outline });
    return outline;
  }

  /** The outline last read, starting a read when there is none or it is old; 'reading' until the first read lands. */
  private diskOutline(target: ImportTarget, languageId: string, signatureLines: number): string | 'missing' | 'reading' {
    const key = target.uri;
    const known = this.disk.get(key);
    if (known === 'reading') return known;
    if (!known || this.now() - known.readAt >= DISK_OUTLINE_TTL_MS) {
      // Until the new read lands, the old outline (or its absence) stands.
      this.disk.set(key, known ? { ...known, readAt: this.now() } : 'reading');
      target.read().then(
        (text) => this.disk.set(key, { outline: text === undefined ? undefined : signatureOutline(text, languageId, signatureLines), readAt: this.now() }),
        (error: unknown) => {
          this.disk.set(key, { outline: undefined, readAt: this.now() });
          this.log.warn(`completions: could not read ${key} (${errorText(error)})`);
        },
      );
      if (!known) return 'reading';
    }
    return known.outline ?? 'missing';
  }
}
