// The visitor's side of the offline e-mail test in crates/server/tests/widget_settings.rs:
// with `[mail]` set up and nobody online, the offline form says the answer goes by e-mail
// too, the thanks names the address given, and the operator's answer shows in the window.
// Thanks come only once the server stored the message: spaces alone are not sent, and a text
// the server refuses keeps the form, its text and the reason in front of the visitor.
import assert from 'node:assert/strict';
import { launch, openWidget, stopTurns, turn } from './harness.mjs';

const dialogs = [];
const browser = await launch();
try {
  const page = await openWidget(browser, dialogs);
  const offline = page.locator('.fd-offline');
  await offline.waitFor();
  const intro = await offline.locator('p').textContent();
  assert.match(intro, /ответ появится здесь/);
  assert.match(intro, /Оставьте e-mail — ответ придёт и на почту\./);
  await offline.locator('input[name=name]').fill('Игорь');
  // `$&` is allowed in an address, and is no pattern for the thanks' text.
  await offline.locator('input[name=email]').fill('igor$&@example.ru');
  const text = offline.locator('textarea[name=text]');
  const send = offline.locator('button[type=submit]');
  // Spaces pass the browser's `required`, but are no message: asked for, nothing sent.
  await text.fill('   ');
  await send.click();
  assert.equal(await text.evaluate((e) => e.validationMessage), 'Заполните, пожалуйста, это поле.');
  // A page opened before the server's limit was lowered takes more than the server keeps.
  const limit = await text.evaluate((e) => e.maxLength);
  await text.evaluate((e, n) => { e.maxLength = n; }, limit * 2);
  const tooLong = 'ж'.repeat(limit + 1);
  await text.fill(tooLong);
  await send.click();
  const refused = offline.locator('.fd-error');
  await refused.filter({ hasText: /\S/ }).waitFor();
  assert.equal(await refused.textContent(), 'Не отправлено: сообщение слишком длинное');
  assert.equal(await page.locator('.fd-thanks').count(), 0, 'no thanks for a refused message');
  assert.equal(await text.inputValue(), tooLong, 'the text is kept');
  assert.equal(await send.isEnabled(), true);

  await text.fill('Перезвоните, пожалуйста, после 18:00.');
  await send.click();
  const thanks = page.locator('.fd-thanks');
  await thanks.waitFor();
  assert.match(await thanks.textContent(), /Ответ придёт и на igor\$&@example\.ru\./);
  await turn('offline-sent', 'answered');

  await page.locator('.fd-msg.theirs', { hasText: 'Перезвоним в 18:30' }).waitFor();
  assert.deepEqual(dialogs, [], 'no alert or confirm');
  console.log('STEP done');
} finally {
  stopTurns();
  await browser.close();
}
