/**
 * Small helpers for driving the VS Code workbench in the browser like a person does.
 *
 * The workbench renders before the extension host has registered the extensions' contributions:
 * a command palette opened too early does not list an extension's commands and does not refresh
 * while typing. runCommand therefore retries until the command shows up.
 */
import type { Page } from 'playwright-core';
import { sleep } from '../sleep';
import { workbenchUrl, type CodeServer } from './codeServer';

/** Runs one step of a walk or a bench sample; a failure names the step. */
export async function namedStep<T>(label: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw new Error(`${label}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, { cause: e });
  }
}

/** Opens the workbench on `folder` and waits until it has rendered. */
export async function openWorkbench(page: Page, server: Pick<CodeServer, 'url'>, folder: string, timeoutMs = 60_000): Promise<void> {
  await page.goto(workbenchUrl(server, { folder }));
  await page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
}

/**
 * Runs a command from the palette by its full label, e.g. "Vued: Set Access Token".
 * Retries (closing and reopening the palette) until the command is listed or timeoutMs passes.
 */
export async function runCommand(page: Page, label: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const widget = page.locator('.quick-input-widget');
  for (;;) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await widget.waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.press('Control+A');
    await page.keyboard.type(`>${label}`);
    // Enter runs the focused row: wait until that row is the command (the list filters as it is
    // typed, and a recently used command can be first until it has).
    const row = page.locator('.quick-input-list .monaco-list-row.focused', { hasText: label }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: Math.min(3_000, Math.max(500, deadline - Date.now())) });
      await page.keyboard.press('Enter');
      return;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`command "${label}" not in the palette after ${timeoutMs} ms`, { cause: e });
      await sleep(500);
    }
  }
}

/** Waits for a notification toast containing `text`; returns its text. */
export async function waitForNotification(page: Page, text: string | RegExp, timeoutMs = 30_000): Promise<string> {
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  await toast.waitFor({ state: 'visible', timeout: timeoutMs });
  return toast.innerText();
}

/** Waits for the quick input (input box or pick list) to be visible; optionally containing `hasText` (title or prompt; not the placeholder). */
export async function waitForQuickInput(page: Page, hasText?: string | RegExp, timeoutMs = 30_000): Promise<void> {
  const widget = hasText ? page.locator('.quick-input-widget', { hasText }) : page.locator('.quick-input-widget');
  await widget.first().waitFor({ state: 'visible', timeout: timeoutMs });
}
