// Debian's chromium for the scripts that draw pictures (render-icon.mjs, screenshots.mjs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Runs `work(browser)` in headless chromium (`CHROMIUM` names another executable) and closes it.
 * Chromium writes caches and crash settings under HOME and the XDG dirs: they go to a temp folder
 * named after `prefix`, removed afterwards.
 */
export async function withChromium(prefix, work) {
  const { chromium } = await import('playwright-core');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const env = { ...process.env, HOME: tmp, XDG_CONFIG_HOME: path.join(tmp, 'config'), XDG_CACHE_HOME: path.join(tmp, 'cache') };
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    env,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-breakpad', '--disable-crash-reporter'],
  });
  try {
    return await work(browser);
  } finally {
    await browser.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
