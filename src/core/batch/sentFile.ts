import type { JobItem, JobKind } from './job';

/** What is at a job item's uri when its answer lands. */
export type FileNow =
  /** Nothing: the file was deleted, or renamed or moved (the answer is about the old place). */
  | { readonly kind: 'missing' }
  /** Something that cannot be read as text (permissions, now binary or a folder). */
  | { readonly kind: 'unreadable'; readonly error: string }
  /** The file's text, as the editor has it (unsaved changes included), by its fingerprint. */
  | { readonly kind: 'read'; readonly fingerprint: string };

const AGAIN: Readonly<Record<JobKind, string>> = {
  bulkEdit: 'run the edit again for it',
  review: 'review it again',
};

/** What the user can do about a file whose answer did not land. */
export function retryAdvice(kind: JobKind): string {
  return AGAIN[kind];
}

/**
 * Why an answer cannot land on the file it was about, or undefined when it can. An answer about a file
 * that is gone or changed would land on the wrong text (a bulk edit would bring a deleted file back, a
 * review's line numbers would point at other code), so it is refused with what to do instead.
 */
export function sentFileProblem(kind: JobKind, item: JobItem, now: Exclude<FileNow, { readonly kind: 'read' }>): string;
export function sentFileProblem(kind: JobKind, item: JobItem, now: FileNow): string | undefined;
export function sentFileProblem(kind: JobKind, item: JobItem, now: FileNow): string | undefined {
  switch (now.kind) {
    case 'missing':
      return `the file was deleted or moved after it was sent; ${AGAIN[kind]}`;
    case 'unreadable':
      return `the file could not be opened (${now.error}); ${AGAIN[kind]}`;
    case 'read':
      return item.sentHash !== undefined && now.fingerprint !== item.sentHash ? `the file changed after it was sent; ${AGAIN[kind]}` : undefined;
  }
}
