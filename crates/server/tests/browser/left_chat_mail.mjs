// The visitor's side of the left-chat e-mail test in crates/server/tests/widget_settings.rs:
// with `[mail]` set up the pre-chat form says an answer also goes to the e-mail given if the
// visitor leaves; the visitor asks, folds the window and closes the page; opened again later
// (same browser), the widget puts the answer that was also mailed in its bubble, and the window
// shows it; an answer already read is not put up again.
import assert from 'node:assert/strict';
import { ask, base, launch, openPrechat, stopTurns, turn } from './harness.mjs';

const dialogs = [];
const browser = await launch();
try {
  const [page, form] = await openPrechat(browser, dialogs);
  const email = form.locator('input[name=email]');
  const hint = form.locator('label:has(input[name=email]) .fd-hint');
  assert.equal(await hint.textContent(), 'Если Вы закроете сайт до ответа, он придёт и на почту.');
  await form.locator('input[name=name]').fill('Ольга');
  await email.fill('olga@example.ru');
  await ask(page, form, 'Сколько идёт доставка в Казань?');
  await page.locator('.fd-close').click();
  const context = page.context();
  await page.close();
  await turn('left', 'answered');

  // The window stays folded as it was left; the answer comes up in the bubble.
  const again = await context.newPage();
  await again.goto(`${base}/demo`);
  const bubble = again.locator('.fd-bubble');
  await bubble.waitFor();
  assert.equal(await bubble.textContent(), 'Два дня, курьером до двери.');
  await bubble.click();
  await again.locator('.fd-msg.theirs', { hasText: 'Два дня, курьером до двери.' }).waitFor();
  // Read now: folded and opened on another page, nothing is put up again.
  await again.locator('.fd-close').click();
  await again.goto(`${base}/demo`);
  await again.locator('.fd-button').waitFor();
  await again.waitForTimeout(1000);
  assert.equal(await again.locator('.fd-bubble').isVisible(), false);
  assert.deepEqual(dialogs, [], 'no alert or confirm');
  console.log('STEP done');
} finally {
  stopTurns();
  await browser.close();
}
