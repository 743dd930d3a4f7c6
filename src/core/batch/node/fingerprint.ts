import { createHash } from 'node:crypto';

/**
 * A short fingerprint of a file's text when its request was sent: results are never applied over a changed
 * file. Node's hashing, so it lives here; the pure request building (batchRequests.ts) takes it as an argument.
 */
export function fingerprint(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('hex').slice(0, 16);
}
