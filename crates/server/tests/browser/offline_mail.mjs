// The visitor's side of the offline e-mail test in crates/server/tests/widget_settings.rs:
// with `[mail]` set up and nobody online, the offline form says the answer goes by e-mail
// too, the thanks names the address given, and the operator's answer shows in the window.
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
  await offline.locator('textarea[name=text]').fill('Перезвоните, пожалуйста, после 18:00.');
  await offline.locator('button[type=submit]').click();
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
