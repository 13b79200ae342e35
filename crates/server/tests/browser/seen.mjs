// The visitor's side of the `seen` test in crates/server/tests/widget_attention.rs: an answer
// shown in the open window tells the operator it was read; one that comes while the tab is
// hidden, while the window is closed (the bubble shows it), or while the visitor reads further
// up, is told only when the visitor comes back to the tab, opens the window or scrolls down. After each "not yet" the page reports a page view
// (an address changed by the site's script), which the operator hears after any `seen` the
// widget had sent before it (commands go one at a time, in order).
import assert from 'node:assert/strict';
import { ask, launch, openPrechat, stopTurns, turn } from './harness.mjs';

const browser = await launch();
try {
  const [page, form] = await openPrechat(browser);
  await ask(page, form, 'Есть ли чайник на один литр?');
  await turn('asked', 'answered');

  await page.locator('.fd-msg.theirs', { hasText: 'Да, есть' }).waitFor();
  // Headless Chromium keeps every page visible: hidden the way a browser says it.
  const hide = (hidden) => page.evaluate((h) => {
    Object.defineProperty(document, 'hidden', { value: h, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
  const pageView = (n) => page.evaluate((k) => history.pushState({}, '', `?step=${k}`), n);
  await hide(true);
  await turn('hidden', 'second');

  await page.locator('.fd-msg.theirs', { hasText: 'Привезём завтра' }).waitFor();
  await pageView(1);
  await turn('unseen-hidden', 'back');
  await hide(false);
  await turn('back', 'closing');

  await page.locator('.fd-close').click();
  await turn('closed', 'third');
  await page.locator('.fd-bubble', { hasText: 'Оплата при получении' }).waitFor();
  // Back on the tab with the window still closed: the answer is still unread.
  await hide(true);
  await hide(false);
  await pageView(2);
  await turn('unseen-closed', 'open');
  await page.locator('.fd-bubble').click();
  await page.locator('.fd-msg.theirs', { hasText: 'Оплата при получении' }).waitFor();
  await turn('opened', 'scroll');

  // Reading further up (a short window, so the dialog scrolls): a new answer waits below,
  // behind the "new messages" pill, until the visitor goes down to it.
  await page.setViewportSize({ width: 1000, height: 320 });
  const body = page.locator('.fd-body');
  const above = await body.evaluate((b) => {
    b.scrollTop = 0;
    return b.scrollHeight - b.clientHeight - b.scrollTop;
  });
  assert.ok(above >= 40, `the dialog must scroll to read further up (${above} px below)`);
  await turn('scrolled-up', 'fourth');
  await page.locator('.fd-more').waitFor();
  await pageView(3);
  await turn('unseen-scrolled', 'down');
  await page.locator('.fd-more').click();
  console.log('STEP done');
} finally {
  stopTurns();
  await browser.close();
}
