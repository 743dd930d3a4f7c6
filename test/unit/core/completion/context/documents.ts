import type { ContextDocument } from '../../../../../src/core/completion/context/types';

/** A test document that counts how often its text is read. */
export interface CountingDocument extends ContextDocument {
  readonly reads: () => number;
}

export function doc(uri: string, text: string, options: { languageId?: string; version?: number; path?: string } = {}): CountingDocument {
  let reads = 0;
  return {
    uri,
    path: options.path ?? uri.replace(/^\w+:\/*/, ''),
    languageId: options.languageId ?? 'typescript',
    version: options.version ?? 1,
    getText: () => {
      reads++;
      return text;
    },
    reads: () => reads,
  };
}
