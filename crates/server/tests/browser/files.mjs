// The visitor's side of the files test in crates/server/tests/widget_browser.rs: a file sent
// through the widget's file input reaches the operator (who checks the bytes), the operator's
// file downloads from the dialog with the same bytes, and a file over the cap or of a kind
// not allowed shows a clear error. The server runs with `[files] max_bytes = 65536`.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { launch, openWidget, stopTurns, turn } from './harness.mjs';

/** A PNG signature and header, then `size` bytes: the Rust side builds the same. */
function png(size) {
  const head = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  const body = Buffer.alloc(size);
  for (let i = 0; i < size; i++) body[i] = i % 251;
  return Buffer.concat([head, body]);
}

const sha = (bytes) => createHash('sha256').update(bytes).digest('hex');

const dialogs = [];
const browser = await launch();
try {
  const page = await openWidget(browser, dialogs);
  const form = page.locator('.fd-prechat');
  await form.locator('textarea[name=question]').fill('Пришлю фото чека');
  await form.locator('button[type=submit]').click();
  await page.locator('.fd-composer').waitFor();
  const input = page.locator('.fd-file-input');
  const notice = page.locator('.fd-notice');

  // 1. A photo through the file input (as the paper clip opens it).
  await input.setInputFiles({ name: 'чек <img src=x onerror=alert(1)>.png', mimeType: 'image/png', buffer: png(20000) });
  const sent = page.locator('.fd-msg.mine .fd-file', { hasText: 'чек <img src=x onerror=alert(1)>.png' });
  await sent.waitFor().catch(async (e) => {
    console.log(`notice: ${await notice.textContent()}`);
    console.log(`log: ${await page.locator('.fd-log').innerHTML().catch(() => '?')}`);
    throw e;
  });
  assert.equal(await page.locator('.fd-msg img').count(), 0, 'the name is text, not markup');
  // The paper clips are drawn, not an emoji that a system without an emoji font shows as a box.
  assert.equal(await page.locator('.fd-attach svg').count(), 1, 'the attach button draws its clip');
  assert.equal((await page.locator('.fd-attach').textContent()).trim(), '', 'no emoji on the button');
  assert.equal(await sent.locator('svg').count(), 1, 'a file line starts with a drawn clip');
  assert.equal(await sent.textContent(), 'чек <img src=x onerror=alert(1)>.png', 'then the name alone');
  await turn('uploaded', 'answered');

  // 2. The operator's file downloads from the dialog, byte for byte.
  const answer = page.locator('.fd-msg.theirs .fd-file', { hasText: 'invoice.pdf' });
  await answer.waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), answer.click()]);
  assert.equal(download.suggestedFilename(), 'invoice.pdf');
  const got = await readFile(await download.path());
  // The bytes the Rust side uploaded.
  assert.equal(sha(got), sha(Buffer.from('%PDF-1.4\n%%EOF\n'.repeat(100))), 'identical bytes');

  // 3. Too big for the server's cap: refused in the widget, with the limit.
  await input.setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: png(100000) });
  await page.locator('.fd-notice', { hasText: 'Файл слишком большой: не больше 0,1 МБ.' }).waitFor();
  assert.equal(await page.locator('.fd-file', { hasText: 'big.png' }).count(), 0);

  // 4. An HTML page named .png: the server reads its bytes and refuses it.
  await input.setInputFiles({
    name: 'photo.png', mimeType: 'image/png',
    buffer: Buffer.from('<!DOCTYPE html><script>alert(1)</script>'),
  });
  await page.locator('.fd-notice', { hasText: 'Такой файл отправить нельзя' }).waitFor();
  assert.equal(await page.locator('.fd-file', { hasText: 'photo.png' }).count(), 0);
  assert.deepEqual(dialogs, [], 'no script ran');
  console.log('STEP done');
} finally {
  stopTurns();
  await browser.close();
}
