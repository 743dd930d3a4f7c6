import { registerCompletions } from '../completions/registerCompletions';
import type { TandemContribution } from './contribution';

/** Inline completions: the provider, its status item, and the commands that turn them off and on. */
export const inlineCompletions: TandemContribution = {
  name: 'inline completions',
  create: ({ models, context, log, boundary }) => {
    const completions = registerCompletions(models.service, context.secrets, log, boundary, models.consent.onDidChange);
    return { dispose: () => completions.dispose(), testApi: { completions } };
  },
};
