// The visitor's side of a widget_attention.rs test: the server has no room for files (its
// disk reserve is never met), so an upload is refused and the widget says so in the
// visitor's language, keeping the chat going; nothing of it shows as sent.
import assert from 'node:assert/strict';
import { ask, launch, openPrechat, stopTurns } from './harness.mjs';

const browser = await launch();
try {
  const [page, form] = await openPrechat(browser);
  await ask(page, form, 'Пришлю фото чека');
  const head = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  await page.locator('.fd-file-input').setInputFiles({
    name: 'чек.png', mimeType: 'image/png', buffer: Buffer.concat([head, Buffer.alloc(500)]),
  });
  await page.locator('.fd-notice', { hasText: 'Сейчас файл не принять' }).waitFor();
  assert.equal(await page.locator('.fd-file', { hasText: 'чек.png' }).count(), 0);
  console.log('STEP done');
} finally {
  stopTurns();
  await browser.close();
}
