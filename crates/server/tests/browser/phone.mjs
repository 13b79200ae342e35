// The visitor's side of crates/server/tests/widget_attention.rs on a phone (360×640, touch):
// the open chat window is the whole screen, its fields are at least 16px (smaller ones make
// iOS zoom the page in on focus), and closing it brings the launcher back. On a desktop-wide
// page the same window stays a floating box.
import assert from 'node:assert/strict';
import { ask, base, launch, openPrechat, stopTurns } from './harness.mjs';

const browser = await launch();
try {
  const phone = await browser.newContext({
    viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true,
  });
  phone.setDefaultTimeout(20_000);
  const page = await phone.newPage();
  await page.goto(`${base}/demo`);
  await page.locator('.fd-button').click();
  const form = page.locator('.fd-prechat');
  await form.waitFor();
  const box = await page.locator('.fd-panel').boundingBox();
  assert.deepEqual(
    [box.x, box.y, box.width, box.height].map(Math.round), [0, 0, 360, 640], 'the whole screen');
  const fontSizes = (selector) => page.locator(selector).evaluateAll(
    (all) => all.map((e) => parseFloat(getComputedStyle(e).fontSize)));
  const formSizes = await fontSizes('.fd-prechat input, .fd-prechat textarea');
  assert.ok(formSizes.length > 0 && formSizes.every((s) => s >= 16), `form: ${formSizes}`);

  await ask(page, form, 'Доставляете ли Вы в Тверь?');
  const inputSizes = await fontSizes('.fd-input');
  assert.ok(inputSizes.length === 1 && inputSizes[0] >= 16, `reply field: ${inputSizes}`);
  const close = await page.locator('.fd-close').boundingBox();
  assert.ok(close.y >= 0 && close.x + close.width <= 360, `close button: ${JSON.stringify(close)}`);
  await page.locator('.fd-close').click();
  await page.locator('.fd-button').waitFor();
  assert.equal(await page.locator('.fd-panel').isHidden(), true);

  // A desktop page: a floating window, the page still seen around it.
  const [desk] = await openPrechat(browser);
  const floating = await desk.locator('.fd-panel').boundingBox();
  assert.ok(floating.width < 1000 && floating.height < 720, JSON.stringify(floating));
  console.log('STEP done');
} finally {
  stopTurns();
  await browser.close();
}
