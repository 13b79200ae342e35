// The visitor's side of the presence test in crates/server/tests/widget_browser.rs: the widget
// follows who is there to answer, live. The server runs with `[widget] away_reply_mins = 7`
// and `[presence] offline_grace_secs = 0`; its only operator is online when this starts.
import assert from 'node:assert/strict';
import { base, launch, stopTurns, turn, visitorPage } from './harness.mjs';

const browser = await launch();
try {
  const page = await visitorPage(browser);
  await page.goto(`${base}/demo`);
  await page.locator('.fd-button').click();
  const status = page.locator('.fd-status');
  const prechat = page.locator('.fd-prechat');
  const offline = page.locator('.fd-offline');
  const awayNotice = 'Операторы отошли, ответим в течение 7 мин.';

  // 1. Online: live chat, no promise of a later reply.
  await page.locator('.fd-status.on', { hasText: 'Оператор в сети' }).waitFor();
  await prechat.waitFor();
  await turn('online-seen', 'away');

  // 2. The only operator is away: the header says when the team replies, the chat still opens.
  await page.locator('.fd-status.away', { hasText: awayNotice }).waitFor();
  await prechat.waitFor();
  assert.equal(await offline.count(), 0, 'away is not offline');
  // Another visitor starts a chat meanwhile: it opens, and the notice stays.
  const other = await visitorPage(browser);
  await other.goto(`${base}/demo`);
  await other.locator('.fd-button').click();
  await other.locator('.fd-status.away', { hasText: awayNotice }).waitFor();
  const form = other.locator('.fd-prechat');
  await form.locator('textarea[name=question]').fill('Есть ли самовывоз в субботу?');
  await form.locator('button[type=submit]').click();
  await other.locator('.fd-msg.mine:not(.pending)', { hasText: 'самовывоз' }).waitFor();
  await other.locator('.fd-composer').waitFor();
  assert.equal(await other.locator('.fd-status').textContent(), awayNotice);
  await turn('away-seen', 'back');

  // 3. Back online: the notice is gone. She takes the other visitor's chat: its header names her.
  await page.locator('.fd-status.on', { hasText: 'Оператор в сети' }).waitFor();
  assert.doesNotMatch(await status.textContent(), /мин/);
  await prechat.waitFor();
  await other.locator('.fd-system', { hasText: 'Оператор Анна в чате.' }).waitFor();
  await other.locator('.fd-status.on', { hasText: 'Анна' }).waitFor();
  await turn('back-seen', 'gone');

  // 4. The operator's console closed (no grace): nobody is there, the offline form shows. The
  // chat she had goes back to the queue, and its visitor is told someone else will answer.
  await offline.waitFor();
  assert.equal(await status.textContent(), 'Операторы не в сети');
  assert.equal(await prechat.count(), 0);
  await other.locator('.fd-system', { hasText: 'Оператор вышел из чата.' }).waitFor();
  await other.locator('.fd-composer').waitFor();
  await turn('offline-seen', 'returned');

  // 5. The operator is back: the pre-chat form replaces the offline one; the released chat's
  // header no longer names the one who left.
  await prechat.waitFor();
  await page.locator('.fd-status.on').waitFor();
  assert.equal(await offline.count(), 0);
  await other.locator('.fd-status.on', { hasText: 'Оператор в сети' }).waitFor();
  await other.close();
  console.log('STEP done');
} finally {
  stopTurns();
  await browser.close();
}
