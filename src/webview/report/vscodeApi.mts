import type { FromWebview } from './protocol.js';

/** The API VS Code gives a webview script, typed for this page's messages and saved state. */
export interface VsCodeApi<State> {
  postMessage(message: FromWebview): void;
  getState(): State | undefined;
  setState(state: State): State;
}

declare function acquireVsCodeApi<State>(): VsCodeApi<State>;

/** May be called once per page load. */
export function vscodeApi<State>(): VsCodeApi<State> {
  return acquireVsCodeApi<State>();
}
