/**
 * Anthropic's rule for a batch request's custom_id: 1 to 64 characters, letters, digits, `_` and `-`.
 * OpenAI's custom_id accepts more; one rule for both keeps a job portable.
 */
export const CUSTOM_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const MAX_CUSTOM_ID_LENGTH = 64;

/**
 * The custom id of the `index`th file of a job, e.g. `f0007-src-core-batch-job-ts`. The index prefix makes
 * it unique within the job whatever the paths; the slug only helps a human reading the provider's
 * console or a log. A long path keeps its end, where the file name is. Stable: the same index and path
 * always give the same id, so a resumed job can rebuild it.
 */
export function customIdFor(index: number, path: string): string {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`A file index must be a whole number ≥ 0, not ${index}.`);
  const prefix = `f${String(index).padStart(4, '0')}`;
  const room = MAX_CUSTOM_ID_LENGTH - prefix.length - 1;
  const slug = slugOf(path).slice(-room).replace(/^-+/, '');
  return slug ? `${prefix}-${slug}` : prefix;
}

/** Letters and digits of the path (accents dropped), every other run of characters as one `-`. */
function slugOf(path: string): string {
  return path
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
