import type { TaskHandlers, TaskRequest, TaskOutcome } from '../../calls/modelService';
import type { CompletionAnswer } from '../answer';
import type { CompletionPrompt } from '../prompt/completionPrompt';

/** Text as it streams in; `restart` says the text so far is void (the task moved to the other model). */
export interface StreamSink {
  readonly onText: (delta: string) => void;
  readonly onRestart: () => void;
}

/**
 * The request stage: sends a prompt, streams the answer, resolves with the whole raw answer and the call's id.
 * `maxOutputTokens` is the keystroke's own (from the parameters the pipeline was given for it).
 */
export type CompletionRequester = (prompt: CompletionPrompt, signal: AbortSignal, sink: StreamSink, maxOutputTokens: number) => Promise<CompletionAnswer>;

/**
 * Completions through the model service, like every other task: routed (GPT-5.4 Mini by default, with
 * its reasoning effort 'none' from the routing table), recorded in the ledger and the session spend.
 * Background work: it never opens a dialog, and over a blocking budget it is not sent.
 */
export function modelServiceRequester(service: { run(request: TaskRequest, handlers?: TaskHandlers): Promise<TaskOutcome> }): CompletionRequester {
  return async (prompt, signal, sink, maxOutputTokens) => {
    const outcome = await service.run({
      task: 'completion',
      system: prompt.system,
      messages: prompt.messages,
      promptCacheKey: prompt.promptCacheKey,
      maxOutputTokens,
      signal,
      background: true,
    }, { onText: sink.onText, onRestart: sink.onRestart });
    return { text: outcome.result.text, callId: outcome.callId };
  };
}
