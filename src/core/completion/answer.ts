/**
 * A completion and the call that produced it: the text to show, and the ledger record id of the model call
 * whose answer it is (TaskOutcome.callId). A cached or shared answer still names that call, so whatever
 * happens to it (shown, accepted, dismissed) is recorded against the request that paid for it.
 */
export interface CompletionAnswer {
  readonly text: string;
  readonly callId: string;
}
