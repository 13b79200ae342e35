// The visitor's side of the left-chat e-mail test in crates/server/tests/widget_settings.rs:
// with `[mail]` set up the pre-chat form says an answer also goes to the e-mail given if the
// visitor leaves; the visitor asks and closes the page; opened again later (same browser),
// the widget shows the answer that was also mailed.
import assert from 'node:assert/strict';
import { base, launch, openWidget, stopTurns, turn } from './harness.mjs';

const dialogs = [];
const browser = await launch();
try {
  const page = await openWidget(browser, dialogs);
  const form = page.locator('.fd-prechat');
  await form.waitFor();
  const email = form.locator('input[name=email]');
  const hint = form.locator('label:has(input[name=email]) .fd-hint');
  assert.equal(await hint.textContent(), 'Если Вы закроете сайт до ответа, он придёт и на почту.');
  await form.locator('input[name=name]').fill('Ольга');
  await email.fill('olga@example.ru');
  await form.locator('textarea[name=question]').fill('Сколько идёт доставка в Казань?');
  await form.locator('button[type=submit]').click();
  await page.locator('.fd-msg.mine:not(.pending)', { hasText: 'Казань' }).waitFor();
  const context = page.context();
  await page.close();
  await turn('left', 'answered');

  // The widget remembers its window was open and opens it again by itself.
  const again = await context.newPage();
  await again.goto(`${base}/demo`);
  await again.locator('.fd-msg.theirs', { hasText: 'Два дня, курьером до двери.' }).waitFor();
  assert.deepEqual(dialogs, [], 'no alert or confirm');
  console.log('STEP done');
} finally {
  stopTurns();
  await browser.close();
}
