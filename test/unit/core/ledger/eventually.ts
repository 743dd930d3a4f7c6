/**
 * Waits (real time) until the probe holds: for work that goes through the real file system. `step` runs
 * between looks (moving a virtual clock on, say).
 */
export async function eventually(probe: () => boolean, what = 'the condition', timeoutMs = 5_000, step?: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await step?.();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
