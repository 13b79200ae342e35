// The visitor's side of the hour's bound on new chats in crates/server/tests/widget_contact.rs
// (a server that allows one chat a visitor an hour): a second chat is refused with the wait
// in the visitor's words, and what the visitor does next is not held behind it.
import assert from 'node:assert/strict';
import { ask, openPrechat, stopTurns, launch } from './harness.mjs';

const browser = await launch();
try {
  const [page, form] = await openPrechat(browser);
  await ask(page, form, 'Есть ли самовары на дровах?');
  await page.locator('.fd-end').click();
  const rate = page.locator('.fd-rate');
  await rate.waitFor();

  const input = page.locator('.fd-input');
  await input.fill('И ещё один вопрос');
  await input.press('Enter');
  const failed = page.locator('.fd-msg.failed .fd-error');
  await failed.waitFor();
  assert.equal(await failed.textContent(),
    'Не отправлено: слишком много новых чатов за час, попробуйте через 60 мин');
  // Held, the rating would wait the hour behind the refused message.
  await rate.locator('button', { hasText: 'Хорошо' }).click();
  console.log('STEP done');
} finally {
  stopTurns();
  await browser.close();
}
