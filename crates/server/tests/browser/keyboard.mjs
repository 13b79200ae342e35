// The visitor's side of crates/server/tests/widget_attention.rs for someone on the keyboard:
// the launcher opened with Enter puts the keys in the window's first field, the window is a
// named dialog, Escape closes it and gives the keys back to the launcher; reopened on a chat,
// the keys are in the reply field. A page load that reopens the window moves no keys. Opened
// before the server's welcome, the window hands the keys to the form when it comes.
import assert from 'node:assert/strict';
import { ask, launch, stopTurns, visitorPage } from './harness.mjs';
import { base } from './harness.mjs';

/** What has the keys inside the widget: its class and name, or null. */
const focused = (page) => page.evaluate(() => {
  const e = document.querySelector('frontdesk-widget').shadowRoot.activeElement;
  return e && `${e.className}${e.name ? `[${e.name}]` : ''}`;
});

const browser = await launch();
try {
  const page = await visitorPage(browser);
  await page.goto(`${base}/demo`);
  // Shown first: the widget stays invisible (and so cannot take the keys) until its styles load.
  await page.locator('.fd-button').waitFor();
  await page.locator('.fd-button').focus();
  await page.keyboard.press('Enter');
  const form = page.locator('.fd-prechat');
  await form.waitFor();
  assert.ok(await page.locator('.fd-panel[role=dialog][aria-label]').count(), 'a named dialog');
  const first = await form.locator('input, select, textarea').first().getAttribute('name');
  assert.equal(await focused(page), `[${first}]`, 'the first field has the keys');

  await page.keyboard.press('Escape');
  assert.equal(await page.locator('.fd-panel').isHidden(), true);
  assert.equal(await focused(page), 'fd-button', 'the launcher has the keys back');

  await page.keyboard.press('Enter');
  await form.waitFor();
  await ask(page, form, 'Можно оплатить при получении?');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter');
  await page.locator('.fd-input').waitFor();
  assert.equal(await focused(page), 'fd-input', 'the reply field has the keys');

  // Loaded again with the window left open: it opens, and the page keeps its keys.
  await page.reload();
  await page.locator('.fd-input').waitFor();
  assert.equal(await focused(page), null);

  // Opened before the server's welcome came (a slow link): the window waits, and the form
  // that then comes gets the keys, not the window around it.
  const slow = await visitorPage(browser);
  let welcome;
  const held = new Promise((go) => { welcome = go; });
  await slow.routeWebSocket(/\/ws\/visitor/, (ws) => {
    const server = ws.connectToServer();
    server.onMessage(async (frame) => { await held; ws.send(frame); });
  });
  await slow.goto(`${base}/demo`);
  await slow.locator('.fd-button').waitFor();
  await slow.locator('.fd-button').focus();
  await slow.keyboard.press('Enter');
  await slow.locator('.fd-panel').waitFor();
  assert.equal(await focused(slow), 'fd-panel', 'nothing to type in yet');
  welcome();
  const late = slow.locator('.fd-prechat');
  await late.waitFor();
  const lateFirst = await late.locator('input, select, textarea').first().getAttribute('name');
  assert.equal(await focused(slow), `[${lateFirst}]`, 'the late form has the keys');
  console.log('STEP done');
} finally {
  stopTurns();
  await browser.close();
}
