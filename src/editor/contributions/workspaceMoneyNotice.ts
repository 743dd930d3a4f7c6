import { watchWorkspaceMoneySettings } from '../models/workspaceMoneyNotice';
import type { TandemContribution } from './contribution';

/** Logs a price, model or budget that a workspace's settings file sets, which VS Code ignores. */
export const workspaceMoneyNotice: TandemContribution = {
  name: 'the workspace money-settings notice',
  create: ({ log }) => watchWorkspaceMoneySettings(log),
};
