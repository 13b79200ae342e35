// The visitor's side of the invitation test in crates/server/tests/widget_browser.rs: an
// automatic rule's invitation (the demo page, one second on it) shows once and is dismissed;
// then an operator's own invitation shows once and the visitor's answer opens the chat with
// the invitation as the operator's first message, shown once.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { base, launch, stopTurns, turn, visitorPage } from './harness.mjs';

const browser = await launch();
try {
  const page = await visitorPage(browser);
  await page.goto(`${base}/demo`);

  // 1. The rule's invitation: the bubble beside the closed button and one row in the dialog.
  const auto = 'Подобрать размер?';
  await page.locator('.fd-bubble', { hasText: auto }).waitFor();
  await sleep(2500); // ticks go on: nothing comes twice
  assert.equal(await page.locator('.fd-invitation').count(), 1);
  await page.locator('.fd-bubble').click();
  const row = page.locator('.fd-invitation', { hasText: auto });
  await row.waitFor();
  assert.equal(await row.locator('.fd-author').textContent(), 'Анна');
  await row.locator('.fd-dismiss').click();
  assert.equal(await page.locator('.fd-invitation').count(), 0);
  await turn('auto-dismissed', 'invited');

  // 2. Anna's own invitation: shown once, answered by writing.
  const manual = 'Здравствуйте! Помочь с выбором обуви?';
  const invited = page.locator('.fd-invitation', { hasText: manual });
  await invited.waitFor();
  await sleep(1500);
  assert.equal(await page.locator('.fd-invitation').count(), 1);
  await page.locator('.fd-input').fill('Да, ищу кеды 38-го размера');
  await page.locator('.fd-input').press('Enter');
  await page.locator('.fd-msg.mine:not(.pending)', { hasText: 'кеды 38' }).waitFor();
  await page.locator('.fd-system', { hasText: 'Анна' }).waitFor();
  await turn('answered', 'checked');

  // The server's copy of the invitation took its row: the text shows once, without "not now".
  await page.locator('.fd-msg[data-id]', { hasText: manual }).waitFor();
  assert.equal(await page.locator('.fd-msg', { hasText: manual }).count(), 1);
  assert.equal(await page.locator('.fd-dismiss').count(), 0);
  console.log('STEP done');
} finally {
  stopTurns();
  await browser.close();
}
