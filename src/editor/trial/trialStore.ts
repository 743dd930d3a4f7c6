import * as vscode from 'vscode';
import type { Logger } from '../../core/log/logger';
import { isTrialActive, parseRoutingTrial, type RoutingTrial } from '../../core/trial/routingTrial';

const KEY = 'tandem.routingTrial';
/** setTimeout's longest delay (about 24.8 days); a longer trial re-arms the timer when it fires. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** Why a trial ended on its own, for the one message that says so. */
export interface TrialEnded {
  readonly trial?: RoutingTrial;
  readonly why: 'time' | 'damaged';
  /** What was wrong with the stored state, when it was damaged. */
  readonly problem?: string;
}

/**
 * The routing trial, kept in global state: it survives reloads and applies in every window. It ends itself at
 * its end time (a timer while the window is open, a check at activation for one that ended while VS Code was
 * closed); stored state that cannot be read ends it too, since a half-read trial could send calls nobody chose.
 */
export class TrialStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RoutingTrial | undefined>();
  /** A trial started, stopped or ended. */
  readonly onDidChange = this.changed.event;
  private readonly ended = new vscode.EventEmitter<TrialEnded>();
  /** A trial ended without the user stopping it. */
  readonly onDidEnd = this.ended.event;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly state: vscode.Memento, private readonly log: Logger, private readonly now: () => Date = () => new Date()) {}

  /** The running trial, read from global state at each call so a trial started in another window counts here too. */
  get current(): RoutingTrial | undefined {
    const raw = this.state.get<unknown>(KEY);
    if (raw === undefined) return undefined;
    const parsed = parseRoutingTrial(raw);
    return 'trial' in parsed && isTrialActive(parsed.trial, this.now()) ? parsed.trial : undefined;
  }

  async start(trial: RoutingTrial): Promise<void> {
    await this.state.update(KEY, trial);
    this.log.info(`trial: started ${trial.id} (${Math.round(trial.share * 100)}% of ${trial.tasks.join(', ')} until ${trial.endsAt})`);
    this.arm(trial);
    this.changed.fire(trial);
  }

  /** Ends the trial now; resolves with the one that was running. */
  async stop(): Promise<RoutingTrial | undefined> {
    const trial = this.current;
    await this.clear();
    if (trial) this.log.info(`trial: stopped ${trial.id}`);
    return trial;
  }

  /** Ends a stored trial that is over or damaged (at activation and when the timer fires), else keeps its timer set. */
  async checkEnd(): Promise<void> {
    const raw = this.state.get<unknown>(KEY);
    if (raw === undefined) return;
    const parsed = parseRoutingTrial(raw);
    if ('problem' in parsed) {
      this.log.warn(`trial: ${parsed.problem}; the stored trial is ended`);
      await this.clear();
      this.ended.fire({ why: 'damaged', problem: parsed.problem });
    } else if (Date.parse(parsed.trial.endsAt) <= this.now().getTime()) {
      this.log.info(`trial: ${parsed.trial.id} ended at ${parsed.trial.endsAt}`);
      await this.clear();
      this.ended.fire({ trial: parsed.trial, why: 'time' });
    } else {
      this.arm(parsed.trial);
    }
  }

  private async clear(): Promise<void> {
    this.disarm();
    await this.state.update(KEY, undefined);
    this.changed.fire(undefined);
  }

  private arm(trial: RoutingTrial): void {
    this.disarm();
    const wait = Math.min(Math.max(0, Date.parse(trial.endsAt) - this.now().getTime()), LONGEST_TIMER_MS);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.checkEnd().catch((error: unknown) => this.log.error(`trial: could not end the trial: ${String(error)}`));
    }, wait);
  }

  private disarm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.disarm();
    this.changed.dispose();
    this.ended.dispose();
  }
}
