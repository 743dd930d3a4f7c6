import { errorText } from '../format/errorText';
import type { Logger } from './logger';

/**
 * Starts work nobody waits for (a timer's poll, a refresh, a retry the user picked): a rejection is logged
 * with what was being done, never left as an unhandled rejection in the extension host.
 */
export function inBackground(work: Promise<unknown>, log: Pick<Logger, 'error'> | undefined, what: string): void {
  work.catch((error: unknown) => log?.error(`${what} failed: ${errorText(error)}`));
}
