import { batchJobs } from './batchJobs';
import { complianceReview } from './complianceReview';
import type { TandemContribution } from './contribution';
import { apiKeyCommands, gatewayHeaderCommands } from './credentialCommands';
import { editorCommands } from './editorCommands';
import { inlineCompletions } from './inlineCompletions';
import { routingTrial } from './routingTrial';
import { spendStatusItem } from './spendStatusItem';
import { spendView } from './spendView';
import { telemetryExport } from './telemetryExport';
import { usageReport } from './usageReport';
import { workspaceMoneyNotice } from './workspaceMoneyNotice';

/**
 * Every feature of Tandem, started in this order, each on its own (one that fails is logged and skipped).
 * A new feature is a TandemContribution in a file of its own, added here.
 */
export const CONTRIBUTIONS: readonly TandemContribution[] = [
  spendStatusItem,
  apiKeyCommands,
  gatewayHeaderCommands,
  editorCommands,
  inlineCompletions,
  complianceReview,
  batchJobs,
  spendView,
  routingTrial,
  usageReport,
  workspaceMoneyNotice,
  telemetryExport,
];
