import type * as vscode from 'vscode';
import { redactSecrets, type Logger } from '../core/log/logger';

/** The "Tandem" output channel, with every line passed through key redaction first. */
export class TandemLog implements Logger {
  constructor(
    readonly channel: vscode.LogOutputChannel,
    private readonly secrets: () => Iterable<string>,
  ) {}

  info(message: string): void {
    this.channel.info(this.clean(message));
  }

  warn(message: string): void {
    this.channel.warn(this.clean(message));
  }

  error(message: string): void {
    this.channel.error(this.clean(message));
  }

  clean(message: string): string {
    return redactSecrets(message, this.secrets());
  }
}
