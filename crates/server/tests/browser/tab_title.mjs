// The visitor's side of crates/server/tests/widget_attention.rs: a visitor who asked and went
// to another tab sees the operator's answers counted in this tab's title; back on the tab,
// the title is the page's own again. (Headless Chromium keeps every page visible, so the
// test says the page is hidden the way a browser does: `document.hidden` and the event.)
import assert from 'node:assert/strict';
import { ask, launch, openPrechat, stopTurns, turn } from './harness.mjs';

const dialogs = [];
const browser = await launch();
try {
  const [page, form] = await openPrechat(browser, dialogs);
  await ask(page, form, 'Есть ли доставка в Казань?');
  const own = await page.title();
  const hide = (hidden) => page.evaluate((h) => {
    Object.defineProperty(document, 'hidden', { value: h, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
  await hide(true);
  await turn('hidden', 'answered');

  await page.locator('.fd-msg.theirs', { hasText: 'курьером' }).waitFor();
  await page.waitForFunction((t) => document.title === `(2) ${t}`, own);
  await hide(false);
  assert.equal(await page.title(), own);
  assert.deepEqual(dialogs, []);
  console.log('STEP done');
} finally {
  stopTurns();
  await browser.close();
}
