// The visitor's side of the message length test in crates/server/tests/widget_settings.rs:
// the server allows 40 characters a message (its `welcome` says so), so the widget's boxes
// take no more, and a longer text that gets there anyway (a box from before the limit was
// lowered) is refused in the visitor's language.
import assert from 'node:assert/strict';
import { launch, openPrechat, stopTurns } from './harness.mjs';

const dialogs = [];
const browser = await launch();
try {
  const [page, form] = await openPrechat(browser, dialogs);
  // No `[mail]` on this server: the form promises no e-mail.
  assert.equal(await form.locator('.fd-hint').count(), 0);
  const question = form.locator('textarea[name=question]');
  assert.equal(await question.evaluate((e) => e.maxLength), 40);
  await question.fill('Есть ли доставка?');
  await form.locator('button[type=submit]').click();
  await page.locator('.fd-msg.mine:not(.pending)', { hasText: 'Есть ли доставка?' }).waitFor();

  const input = page.locator('.fd-input');
  assert.equal(await input.evaluate((e) => e.maxLength), 40);
  // Typed keys stop at the limit…
  await input.pressSequentially('а'.repeat(45));
  assert.equal((await input.inputValue()).length, 40);
  // A page opened before the limit was lowered takes more: the server refuses the text, and
  // the visitor reads why in Russian.
  await input.evaluate((e) => { e.maxLength = 4000; });
  await input.fill('б'.repeat(41));
  await input.press('Enter');
  const failed = page.locator('.fd-msg.failed .fd-error');
  await failed.waitFor();
  assert.equal(await failed.textContent(), 'Не отправлено: сообщение слишком длинное');
  assert.deepEqual(dialogs, []);
  console.log('STEP done');
} finally {
  stopTurns();
  await browser.close();
}
