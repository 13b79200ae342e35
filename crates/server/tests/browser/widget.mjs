// The visitor's side of crates/server/tests/widget_browser.rs: drives the demo page in headless
// Chromium. Prints `STEP name` when the operator's turn comes and waits for `GO name` on stdin
// (harness.mjs). Env: as harness.mjs, and FRONTDESK_ARTIFACTS (folder for the screenshots).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { base, launch, stopTurns, turn, visitorPage as newPage } from './harness.mjs';
import { dialogScroll, iconInk, inDialogView } from './looks.mjs';

const artifacts = process.env.FRONTDESK_ARTIFACTS;
assert.ok(artifacts, 'FRONTDESK_ARTIFACTS must be set');

const browser = await launch();
// Any alert/confirm would mean injected script ran.
const dialogs = [];
const visitorPage = () => newPage(browser, dialogs);

try {
  // 1. Nobody is online: the widget offers the offline form.
  const first = await visitorPage();
  await first.goto(`${base}/demo`);
  // The launcher's icon is drawn whatever fonts the machine has (this one has no emoji font:
  // an emoji showed as an empty box, a thin outline of about 90 pixels).
  const launcher = first.locator('.fd-button');
  assert.equal(await launcher.getAttribute('aria-label'), 'Открыть чат');
  const { ink, area } = await iconInk(first, launcher, join(artifacts, 'launcher.png'));
  console.log(`launcher icon: ${ink} of ${area} middle pixels drawn`);
  assert.ok(ink >= 200, `the launcher icon is not drawn (${ink} of ${area} pixels)`);
  await launcher.click();
  const offline = first.locator('.fd-offline');
  await offline.waitFor();
  assert.match(await first.locator('.fd-status').textContent(), /не в сети/);
  // Nothing sends e-mail yet and nobody is there: no promise of either.
  const unkept = /начат|скоро|скорее|почт|письм|e-?mail/i;
  const intro = await offline.locator('p').textContent();
  assert.match(intro, /ответ появится здесь/);
  assert.doesNotMatch(intro, unkept);
  const email = offline.locator('input[name=email]');
  assert.doesNotMatch(await email.evaluate((e) => e.closest('label').textContent), /ответ/i);
  await offline.locator('input[name=name]').fill('Игорь');
  await email.fill('igor@example.ru');
  await offline.locator('textarea[name=text]').fill('Перезвоните, пожалуйста, после 18:00.');
  await offline.locator('button[type=submit]').click();
  await first.locator('.fd-thanks').waitFor();
  // The server's copy of the message comes after any line it sends about the chat.
  await first.locator('.fd-msg.mine', { hasText: 'после 18:00' }).waitFor();
  const shown = await first.locator('.fd-panel').innerText();
  assert.match(shown, /сообщение сохранено/);
  assert.match(shown, /в сети никого нет/);
  assert.match(shown, /ответ появится здесь, в окне чата на этом сайте/);
  assert.doesNotMatch(shown, unkept, 'the page promises what does not happen');
  await turn('offline-sent', 'operator-online');

  // The operator connected (a `presence` frame) and answered: the reply shows in this window,
  // and again when the visitor comes back.
  await first.locator('.fd-status.on').waitFor();
  const callback = first.locator('.fd-msg.theirs', { hasText: 'перезвоним в 18:30' });
  await callback.waitFor();
  await first.locator('.fd-system', { hasText: 'Оператор Анна в чате.' }).waitFor();
  await first.locator('.fd-end').waitFor();
  await first.reload();
  await callback.waitFor();
  await first.close();

  // 2. A second visitor (own storage) fills the pre-chat form and writes.
  const page = await visitorPage();
  await page.goto(`${base}/demo`);
  await page.locator('.fd-button').click();
  const form = page.locator('.fd-prechat');
  await form.waitFor();
  await form.locator('input[name=name]').fill('Ольга');
  await form.locator('input[name=email]').fill('olga@example.ru');
  await form.locator('input[name=phone]').fill('+7 900 000-00-00');
  await form.locator('textarea[name=question]').fill('Здравствуйте! Есть ли доставка в Казань?');
  await form.locator('button[type=submit]').click();
  await page.locator('.fd-msg.mine:not(.pending)', { hasText: 'доставка в Казань' }).waitFor();
  // A single-page navigation is reported as a page view.
  await page.locator('nav a[data-page=delivery]').click();
  const input = page.locator('.fd-input');
  await input.fill('<img src=x onerror=alert(1)>');
  await input.press('Enter');
  await page.locator('.fd-msg.mine:not(.pending)', { hasText: '<img src=x' }).waitFor();
  await turn('sent', 'typing');

  // 3. The operator accepted and is typing.
  await page.locator('.fd-typing', { hasText: 'Анна печатает…' }).waitFor();
  await page.locator('.fd-system', { hasText: 'Оператор Анна в чате.' }).waitFor();
  await input.pressSequentially('А оплата при получ', { delay: 20 });
  await turn('typing-seen', 'replied');

  // 4. The reply: shown as text, the typing line gone, only the http(s) URL a link.
  const reply = page.locator('.fd-msg.theirs', { hasText: 'да, доставляем' });
  await reply.waitFor();
  assert.equal(await reply.locator('.fd-author').textContent(), 'Анна');
  await page.locator('.fd-typing').waitFor({ state: 'hidden' });
  assert.equal(await reply.locator('.fd-text').textContent(),
    'Ольга, да, доставляем: https://shop.example/delivery. <img src=x onerror=alert(1)> javascript:alert(1)');
  const links = reply.locator('a');
  assert.equal(await links.count(), 1);
  assert.equal(await links.getAttribute('href'), 'https://shop.example/delivery');
  assert.equal(await links.getAttribute('rel'), 'noopener noreferrer');
  assert.equal(await links.getAttribute('target'), '_blank');
  const imgs = await page.evaluate(() => document.querySelectorAll('img').length +
    document.querySelector('frontdesk-widget').shadowRoot.querySelectorAll('img').length);
  assert.equal(imgs, 0, 'no <img> element was created from message text');
  await page.screenshot({ path: join(artifacts, 'widget-open.png') });

  // 5. Reload: same token, the earlier messages are back, each once.
  await input.fill('');
  await page.reload();
  await page.locator('.fd-msg.theirs', { hasText: 'да, доставляем' }).waitFor();
  for (const [who, text] of [['mine', 'доставка в Казань'], ['mine', '<img src=x'],
    ['theirs', 'да, доставляем']]) {
    assert.equal(await page.locator(`.fd-msg.${who}`, { hasText: text }).count(), 1, text);
  }

  // 6. A burst past the rate limit: a notice, then every message delivered once, in order.
  for (let i = 1; i <= 14; i++) {
    await input.fill(`Сообщение ${i}`);
    await input.press('Enter');
  }
  await page.locator('.fd-notice', { hasText: 'слишком часто' }).waitFor();
  await page.waitForFunction(() => {
    const root = document.querySelector('frontdesk-widget').shadowRoot;
    return root.querySelectorAll('.fd-msg.mine').length >= 16 && !root.querySelector('.fd-msg.pending');
  }, null, { timeout: 15_000 });
  console.log('STEP burst-sent');
  const mine = await page.evaluate(() => [...document.querySelector('frontdesk-widget').shadowRoot
    .querySelectorAll('.fd-msg.mine .fd-text')].map((e) => e.textContent));
  assert.deepEqual(mine.filter((t) => t.startsWith('Сообщение ')),
    Array.from({ length: 14 }, (_, i) => `Сообщение ${i + 1}`));

  // 7. The connection drops (the server restarts); a message written meanwhile is delivered
  //    once after the widget reconnects, and nothing shown before is doubled.
  await turn('before-drop', 'dropped');
  await input.fill('Написано во время обрыва');
  await input.press('Enter');
  await page.locator('.fd-msg.mine.pending', { hasText: 'во время обрыва' }).waitFor();
  await turn('written-offline', 'restarted');
  await page.locator('.fd-msg.mine:not(.pending)', { hasText: 'во время обрыва' })
    .waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('.fd-msg.mine', { hasText: 'во время обрыва' }).count(), 1);
  assert.equal(await page.locator('.fd-msg.theirs', { hasText: 'да, доставляем' }).count(), 1);
  await turn('reconnected', 'flooded');

  // 8. Many replies and the typing line, then the chat closes: the dialog follows them down.
  const lastReply = page.locator('.fd-msg.theirs', { hasText: 'Ответ 12:' });
  await lastReply.waitFor();
  await page.locator('.fd-typing').waitFor();
  assert.ok(await inDialogView(lastReply), 'the last reply is scrolled into view');
  assert.ok(await inDialogView(page.locator('.fd-typing')), 'the typing line is in view');
  await turn('flood-seen', 'closed');
  const closed = page.locator('.fd-system', { hasText: 'Чат завершён' });
  await closed.waitFor();
  assert.ok(await inDialogView(closed), 'the closed line is in view');

  // 9. Reading further up, the visitor is not pulled down by a new reply: a pill offers it.
  await input.fill('Ещё вопрос: а самовывоз есть?');
  await input.press('Enter');
  await page.locator('.fd-msg.mine:not(.pending)', { hasText: 'самовывоз есть' }).waitFor();
  await turn('asked-again', 'accepted');
  await page.locator('.fd-system', { hasText: 'Оператор Анна в чате.' }).last().waitFor();
  await page.locator('.fd-body').evaluate((b) => { b.scrollTop = 0; });
  await turn('scrolled-up', 'answered');
  const pickup = page.locator('.fd-msg.theirs', { hasText: 'Самовывоз есть' });
  await pickup.waitFor({ state: 'attached' });
  const more = page.locator('.fd-more');
  await more.waitFor();
  assert.equal(await more.textContent(), 'новые сообщения ↓');
  assert.equal((await dialogScroll(page)).top, 0, 'the view stayed where the visitor was reading');
  assert.ok(!(await inDialogView(pickup)));
  await page.screenshot({ path: join(artifacts, 'widget-new-messages.png') });
  await more.click();
  await more.waitFor({ state: 'hidden' });
  const at = await dialogScroll(page);
  assert.ok(at.bottom - at.top <= 1, `at the bottom after the pill: ${JSON.stringify(at)}`);
  assert.ok(await inDialogView(pickup), 'the new reply is in view');

  // 10. Banned: the widget says so, takes no more input and does not come back; after a
  // reload its hello is refused and it says so again, before any welcome.
  await turn('before-ban', 'banned');
  const banned = async () => {
    await page.locator('.fd-system', { hasText: 'Чат для Вас недоступен.' }).last().waitFor();
    await page.locator('.fd-composer').waitFor({ state: 'hidden' });
    await page.locator('.fd-status', { hasText: 'Чат для Вас недоступен.' }).waitFor();
  };
  await banned();
  await page.reload();
  await banned();

  assert.deepEqual(dialogs, [], 'no dialog was opened by message text');
  console.log('STEP done');
} finally {
  stopTurns();
  await browser.close();
}
