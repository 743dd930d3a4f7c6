import type { ModelId } from '../models/modelTable';
import type { ProviderId } from '../models/providers';

/** A failure the user should read as it is: its message says what happened and what to do. */
export class TandemError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TandemError';
  }
}

/** The chosen model's provider has no key. The editor offers to set one, or to use `alternative`. */
export class NeedsKeyError extends TandemError {
  constructor(
    readonly provider: ProviderId,
    readonly model: ModelId,
    readonly alternative: ModelId | undefined,
    message: string,
    /** The alternative's display name, for the button that offers it. */
    readonly alternativeName?: string,
  ) {
    super(message);
    this.name = 'NeedsKeyError';
  }
}

/** The input cannot be sent whole and the task cannot be split. */
export class InputTooLargeError extends TandemError {
  constructor(message: string) {
    super(message);
    this.name = 'InputTooLargeError';
  }
}

/** A budget set to block, and the user said no: nothing was sent. */
export class BudgetBlockedError extends TandemError {
  constructor(message: string) {
    super(message);
    this.name = 'BudgetBlockedError';
  }
}
