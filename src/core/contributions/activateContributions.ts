import { errorText } from '../format/errorText';
import type { Logger } from '../log/logger';

/** What a started feature holds until the extension stops (a `vscode.Disposable` has this shape). */
export interface Disposable {
  dispose(): void;
}

/** A started feature: what to dispose when the extension stops, and what it hands the integration tests, if anything. */
export interface Started<Part> extends Disposable {
  readonly testApi?: Part;
}

/** One feature of the extension: the name the log gives it, and how it starts from the shared services. */
export interface Contribution<Services, Part> {
  /** The feature as a user knows it, lower case: "inline completions". */
  readonly name: string;
  readonly create: (services: Services) => Started<Part>;
}

/** The features that started, as one Disposable, with their test API parts merged. */
export interface ActiveContributions<Part> extends Disposable {
  readonly testApi: Part;
  /** The names of the features that threw while starting. */
  readonly failed: readonly string[];
}

/**
 * Starts each feature in order, each on its own: one that throws is logged with its name and skipped, and
 * the others start all the same (one broken feature must not leave the user with none). Disposing stops
 * them in the same order, each on its own too.
 */
export function activateContributions<Services, Part extends object>(
  list: readonly Contribution<Services, Part>[],
  services: Services,
  log: Pick<Logger, 'error'>,
): ActiveContributions<Partial<Part>> {
  const started: { readonly name: string; readonly feature: Started<Part> }[] = [];
  const failed: string[] = [];
  let testApi: Partial<Part> = {};
  for (const { name, create } of list) {
    try {
      const feature = create(services);
      started.push({ name, feature });
      if (feature.testApi) testApi = { ...testApi, ...feature.testApi };
    } catch (error) {
      failed.push(name);
      log.error(`${capitalised(name)} did not start: ${errorText(error)}. The rest of Tandem works; reload the window to try again.${stackOf(error)}`);
    }
  }
  return {
    testApi,
    failed,
    dispose: () => {
      for (const { name, feature } of started.splice(0)) {
        try {
          feature.dispose();
        } catch (error) {
          log.error(`Stopping ${name} failed: ${errorText(error)}`);
        }
      }
    },
  };
}

function capitalised(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** The stack, on lines of its own, for whoever reads the log to fix it. */
function stackOf(error: unknown): string {
  return error instanceof Error && error.stack ? `\n${error.stack}` : '';
}
