import * as vscode from 'vscode';
import { registerBatch } from '../batch/registerBatch';
import { registerBatchView } from '../views/batchView';
import type { TandemContribution } from './contribution';

/** Review a folder and bulk edits through the providers' Batch APIs: the commands, the runner, the jobs list and view. */
export const batchJobs: TandemContribution = {
  name: 'batch jobs',
  create: ({ context, models, review, log, boundary }) => {
    const batch = registerBatch({ context, service: models.service, clients: models.clients, settings: models.settings, diagnostics: review.diagnostics, log, boundary, quality: models.quality });
    const view = registerBatchView(batch, () => models.settings.models().models);
    const registrations = vscode.Disposable.from(view, batch);
    return { dispose: () => registrations.dispose(), testApi: { batch, batchView: view.provider } };
  },
};
