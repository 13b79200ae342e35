// What the browser scripts share: taking turns with their Rust test over stdin/stdout, and
// headless Chromium with a fresh context per visitor.
// Env: FRONTDESK_URL (server), FRONTDESK_CHROMIUM (browser binary).
import assert from 'node:assert/strict';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

export const base = process.env.FRONTDESK_URL;
assert.ok(base, 'FRONTDESK_URL must be set');

const stdin = createInterface({ input: process.stdin });
const lines = stdin[Symbol.asyncIterator]();
/** Hands over to the operator after `step`; returns when the test says `GO next`. */
export async function turn(step, next) {
  console.log(`STEP ${step}`);
  const { value, done } = await lines.next();
  assert.ok(!done, `stdin closed while waiting for GO ${next}`);
  assert.equal(value, `GO ${next}`);
}

/** Stops reading stdin, so the script can end. */
export function stopTurns() {
  stdin.close();
}

// Playwright gives the browser a fresh temporary profile, and each context its own storage.
export function launch() {
  return chromium.launch({
    executablePath: process.env.FRONTDESK_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** A page of a new visitor (own storage); any alert/confirm it opens goes into `dialogs`. */
export async function visitorPage(browser, dialogs = []) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 720 } });
  context.setDefaultTimeout(20_000); // generous: CI machines may be busy
  const page = await context.newPage();
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  return page;
}

/** A new visitor's page on the demo shop with the chat window opened. */
export async function openWidget(browser, dialogs = []) {
  const page = await visitorPage(browser, dialogs);
  await page.goto(`${base}/demo`);
  await page.locator('.fd-button').click();
  return page;
}

/** A new visitor's widget open at the pre-chat form (someone is online): `[page, form]`. */
export async function openPrechat(browser, dialogs = []) {
  const page = await openWidget(browser, dialogs);
  const form = page.locator('.fd-prechat');
  await form.waitFor();
  return [page, form];
}

/** Asks `question` through the pre-chat form and waits until the server stored it. */
export async function ask(page, form, question) {
  await form.locator('textarea[name=question]').fill(question);
  await form.locator('button[type=submit]').click();
  await page.locator('.fd-msg.mine:not(.pending)', { hasText: question }).waitFor();
}
