import { createHash } from 'node:crypto';

/** A short fingerprint of a file's text when its request was sent: results are never applied over a changed file. */
export function fingerprint(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('hex').slice(0, 16);
}
