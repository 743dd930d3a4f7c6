import * as vscode from 'vscode';
import { ENV, urlForDisplay } from '../../core/telemetry/otlpSettings';

/** globalState key: the user's answers about endpoints that came from OTEL_EXPORTER_OTLP_ENDPOINT, per URL. */
const ANSWERS_KEY = 'tandem.telemetry.environmentEndpointAnswers';

type Answer = 'export' | 'decline';

const EXPORT: vscode.MessageItem = { title: 'Export' };
const DONT_EXPORT: vscode.MessageItem = { title: "Don't Export" };

/**
 * An endpoint set only by the environment (a dev container, a shell profile, a company image) is one the user
 * did not choose in Tandem: ask once before sending anything there, and remember the answer for that URL.
 * Resolves true to export. A question closed without an answer asks again in the next window.
 */
export async function approveEnvironmentEndpoint(state: vscode.Memento, endpoint: string): Promise<boolean> {
  // Keyed without the query string: a token is sometimes put there, and globalState is plain text.
  const where = urlForDisplay(endpoint);
  const known = state.get<Record<string, Answer>>(ANSWERS_KEY, {})[where];
  if (known) return known === 'export';
  const choice = await vscode.window.showInformationMessage(
    `Tandem: export usage and cost metrics to ${where}? The address comes from ${ENV.endpoint} in VS Code's environment, not from your settings. ` +
      'Only token counts, cost, durations and model and task names are sent, never code, prompts or keys.',
    EXPORT,
    DONT_EXPORT,
  );
  if (!choice) return false;
  const answer: Answer = choice === EXPORT ? 'export' : 'decline';
  await state.update(ANSWERS_KEY, { ...state.get<Record<string, Answer>>(ANSWERS_KEY, {}), [where]: answer });
  return answer === 'export';
}
