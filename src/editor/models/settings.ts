import * as vscode from 'vscode';
import { parseBudgetSettings } from '../../core/cost/budget';
import type { ModelServiceSettings } from '../../core/calls/modelService';
import { DEFAULT_MODELS, DEFAULT_ROUTES } from '../../core/models/modelTable';
import { applyModelOverrides } from '../../core/models/catalog';
import { applyRoutingOverrides } from '../../core/models/overrides';
import type { ProviderId } from '../../core/models/providers';
import type { ClientConfig } from '../../providers/types';

export interface EndpointSettings {
  readonly baseURL?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Tandem's settings. The model settings are read once and kept until a `tandem.*` setting changes: reading
 * them takes several `inspect()` calls (user values only), too slow to repeat for every status bar render
 * and every request. Impossible values are reported once per distinct problem and the defaults are kept.
 */
export class TandemSettings implements vscode.Disposable {
  private readonly reported = new Set<string>();
  private snapshot: ModelServiceSettings | undefined;
  // Registered when the model layer is built, before any feature's listener: those read fresh values.
  private readonly subscription = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('tandem')) this.snapshot = undefined;
  });

  constructor(private readonly report: (problems: string[]) => void) {}

  models(): ModelServiceSettings {
    this.snapshot ??= this.readModels();
    return this.snapshot;
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private readModels(): ModelServiceSettings {
    const config = vscode.workspace.getConfiguration('tandem');
    // Prices, the catalog and budgets come from the user's settings only, so a cloned repository cannot make
    // calls free or lift a cap. Their application scope already makes VS Code drop a workspace value (it is
    // not even reported by inspect()); reading the user's value keeps that true whatever the declared scope.
    const models = applyModelOverrides(DEFAULT_MODELS, userValue(config, 'models'));
    const routing = config.inspect<Record<string, unknown>>('routing');
    const workspaceRoutes = { ...routing?.workspaceValue, ...routing?.workspaceFolderValue };
    const routes = applyRoutingOverrides(DEFAULT_ROUTES, config.get('routing'), models.table, (task) => Object.hasOwn(workspaceRoutes, task));
    const budget = parseBudgetSettings({
      session: userValue(config, 'budget.session'),
      daily: userValue(config, 'budget.daily'),
      monthly: userValue(config, 'budget.monthly'),
      mode: userValue(config, 'budget.mode'),
    });
    this.reportOnce([...models.problems, ...routes.problems, ...budget.problems]);
    return {
      models: models.table,
      routes: routes.table,
      fallbackEnabled: config.get<boolean>('fallback.enabled', true),
      budget: { caps: budget.caps, mode: budget.mode },
    };
  }

  /**
   * Endpoints come from user (machine) settings only: a workspace's own value is ignored even if VS Code
   * would offer it, so a cloned repository can never send the user's key to another server.
   */
  endpoint(provider: ProviderId): EndpointSettings {
    const config = vscode.workspace.getConfiguration('tandem');
    const baseURL = userValue<string>(config, `${provider}.baseUrl`)?.trim();
    const headers = userValue<Record<string, unknown>>(config, `${provider}.headers`);
    const problems: string[] = [];
    const cleanHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers ?? {})) {
      if (typeof value === 'string') cleanHeaders[name] = value;
      else problems.push(`tandem.${provider}.headers["${name}"] must be a string; it is ignored.`);
    }
    if (baseURL && !/^https?:\/\//i.test(baseURL)) {
      problems.push(`tandem.${provider}.baseUrl "${baseURL}" is not an http(s) URL; the provider's default endpoint is used.`);
      this.reportOnce(problems);
      return { headers: cleanHeaders };
    }
    this.reportOnce(problems);
    return { baseURL: baseURL || undefined, headers: cleanHeaders };
  }

  clientConfig(provider: ProviderId, apiKey: string): ClientConfig {
    const config = vscode.workspace.getConfiguration('tandem');
    const endpoint = this.endpoint(provider);
    return {
      apiKey,
      baseURL: endpoint.baseURL,
      headers: endpoint.headers,
      timeoutMs: Math.max(1, config.get<number>('requestTimeoutSeconds', 120)) * 1000,
      maxRetries: Math.max(0, Math.floor(config.get<number>('maxRetries', 2))),
    };
  }

  private reportOnce(problems: string[]): void {
    const fresh = problems.filter((p) => !this.reported.has(p));
    fresh.forEach((p) => this.reported.add(p));
    if (fresh.length > 0) this.report(fresh);
  }
}

function userValue<T>(config: vscode.WorkspaceConfiguration, key: string): T | undefined {
  const inspected = config.inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}
