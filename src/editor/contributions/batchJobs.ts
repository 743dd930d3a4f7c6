import { registerBatch } from '../batch/registerBatch';
import type { TandemContribution } from './contribution';

/** Review a folder and bulk edits through the providers' Batch APIs: the commands, the runner, the jobs list. */
export const batchJobs: TandemContribution = {
  name: 'batch jobs',
  create: ({ context, models, review, log, boundary }) => {
    const batch = registerBatch({ context, service: models.service, clients: models.clients, settings: models.settings, diagnostics: review.diagnostics, log, boundary });
    return { dispose: () => batch.dispose(), testApi: { batch } };
  },
};
