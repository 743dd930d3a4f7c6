import { registerCompletions } from '../completions/registerCompletions';
import { CompletionSignals } from '../quality/completionSignals';
import type { TandemContribution } from './contribution';

/** Inline completions: the provider, its status item, and the commands that turn them off and on. */
export const inlineCompletions: TandemContribution = {
  name: 'inline completions',
  create: ({ models, context, log, boundary, insertions }) => {
    const signals = new CompletionSignals(models.quality, insertions);
    const completions = registerCompletions(models.service, context.secrets, log, boundary, models.consent.onDidChange, signals);
    return {
      dispose: () => {
        completions.dispose();
        signals.dispose();
      },
      testApi: { completions },
    };
  },
};
