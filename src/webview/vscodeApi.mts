/** The API VS Code gives a webview script, typed for one page's messages and saved state. */
export interface VsCodeApi<State, Message> {
  postMessage(message: Message): void;
  getState(): State | undefined;
  setState(state: State): State;
}

declare function acquireVsCodeApi<State, Message>(): VsCodeApi<State, Message>;

/** May be called once per page load. */
export function vscodeApi<State, Message>(): VsCodeApi<State, Message> {
  return acquireVsCodeApi<State, Message>();
}
