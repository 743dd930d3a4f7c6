/** Driving the VS Code workbench in Chromium as a person would: palette, quick picks, notifications. */
import type { Locator, Page } from 'playwright-core';

const PALETTE_TIMEOUT_MS = 30_000;

/** F1, the command's title, Enter. Right after load the palette may not know the command yet: retry. */
export async function runCommand(page: Page, title: string): Promise<void> {
  const deadline = Date.now() + PALETTE_TIMEOUT_MS;
  for (;;) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = quickPickRow(page, title);
    try {
      await row.waitFor({ state: 'visible', timeout: 2000 });
      // The row that says the title, not whatever the fuzzy match put first.
      await row.click();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`The command palette never offered "${title}".`, { cause: error });
    }
  }
}

export function quickPickRow(page: Page, label: string): Locator {
  return page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();
}

/** Waits for a quick pick with this title: the command palette closes before the picker a command opens shows. */
export async function waitForPicker(page: Page, title: string): Promise<void> {
  await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ state: 'visible' });
}

/**
 * Waits until the notification center holds a message with `text`. The center, not the toasts: this
 * workbench (smoke-test driver on) does not pop toasts up.
 */
export async function waitForNotification(page: Page, text: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await runCommand(page, 'Notifications: Show Notifications');
    const center = page.locator('.notifications-center');
    // A click on the palette row can be lost while the workbench is busy (after a reload): then ask again.
    const shown = await center.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false);
    if (shown && (await center.innerText()).includes(text)) {
      await runCommand(page, 'Notifications: Clear All Notifications');
      return;
    }
    await page.keyboard.press('Escape');
    if (Date.now() > deadline) throw new Error(`No notification saying "${text}" within ${timeoutMs} ms.`);
    await page.waitForTimeout(250);
  }
}

export function statusBarItem(page: Page, text: string): Locator {
  return page.locator('#workbench\\.parts\\.statusbar .statusbar-item', { hasText: text }).first();
}

/**
 * Review Folder for Compliance (Batch) on src/ from the Explorer's context menu, the offered glob accepted: the
 * cost dialog, once it shows. Right after load the menu may not have Tandem's entry yet, so it is retried.
 */
export async function openFolderReviewDialog(page: Page): Promise<Locator> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Escape');
    await page.getByRole('treeitem', { name: 'src' }).click({ button: 'right' });
    // Hovered, then Enter: a click while the menu is still settling can be lost.
    await page.locator('.monaco-menu .action-label', { hasText: 'Review Folder for Compliance (Batch)' }).hover({ timeout: 5_000 }).catch(() => undefined);
    await page.keyboard.press('Enter');
    if (await input.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false)) break;
    if (attempt === 4) throw new Error('The Explorer never offered "Review Folder for Compliance (Batch)".');
  }
  await page.keyboard.press('Enter');
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ state: 'visible' });
  return dialog;
}
