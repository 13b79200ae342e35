// The visitor's side of the rating test in crates/server/tests/widget_contact.rs: once the
// operator closes the chat the widget asks how it went; a click rates it and says thanks, and
// after a bad one the visitor may say what went wrong.
import assert from 'node:assert/strict';
import { ask, base, openPrechat, stopTurns, turn, launch } from './harness.mjs';

const browser = await launch();
try {
  const [page, form] = await openPrechat(browser);
  await ask(page, form, 'Можно вернуть чайник без коробки?');
  await turn('asked', 'closed');

  const rate = page.locator('.fd-rate');
  await rate.waitFor();
  assert.equal(await rate.locator('button').count(), 2);
  assert.ok((await rate.textContent()).startsWith('Как прошёл разговор?'));
  await rate.locator('button', { hasText: 'Плохо' }).click();
  await page.locator('.fd-rate', { hasText: 'Спасибо за оценку!' }).waitFor();
  assert.equal(await rate.locator('button', { hasText: 'Хорошо' }).count(), 0, 'rated once');
  await turn('rated', 'why');

  // Bad: what went wrong may follow, and replaces the rating with its comment.
  await rate.locator('input').fill('  Долго ждала ответа  ');
  await rate.locator('button', { hasText: 'Отправить' }).click();
  await rate.locator('input').waitFor({ state: 'detached' });
  console.log('STEP done');
} finally {
  stopTurns();
  await browser.close();
}
