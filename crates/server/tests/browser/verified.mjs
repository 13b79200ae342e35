// The visitor's side of the verified-customer test in crates/server/tests/widget_contact.rs:
// a site vouches for its logged-in customer with a hash its server makes (here Node's own
// HMAC-SHA256, as a site in Node would). Verified at home and then in another browser at work,
// the widget at work shows what she wrote at home; another customer logging in at that browser
// gets a new visitor and an empty window; a forged hash links nothing.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { base, launch, stopTurns, visitorPage } from './harness.mjs';

// The same secret as the Rust test's server (test only).
const SECRET = 'a test secret, thirty-two characters or more';
const sign = (id) => createHmac('sha256', SECRET).update(id).digest('hex');
const olga = { id: 'shop-42', id_hash: sign('shop-42'), name: 'Ольга', email: 'olga@example.ru', phone: '+7 900 000-00-00' };

async function pageAs(browser, contact) {
  const page = await visitorPage(browser);
  await page.addInitScript((c) => { window.FrontdeskContact = c; }, contact);
  await page.goto(`${base}/demo`);
  await page.locator('.fd-button').click();
  return page;
}

const browser = await launch();
try {
  const home = await pageAs(browser, olga);
  await home.locator('.fd-input').fill('Где мой заказ A-1043?');
  await home.locator('.fd-input').press('Enter');
  await home.locator('.fd-msg.mine:not(.pending)', { hasText: 'A-1043' }).waitFor();
  console.log('STEP home');

  // Another browser (its own storage): her words from home come up once she is verified.
  const work = await pageAs(browser, olga);
  await work.locator('.fd-msg', { hasText: 'A-1043' }).waitFor();
  const token = () => work.evaluate(() => localStorage.getItem('frontdesk:demo:token'));
  const hers = await token();
  console.log('STEP work');

  // A colleague logs in at that browser without a page load: a new visitor, nothing of hers.
  await work.evaluate((c) => window.FrontdeskWidget.setContact(c), {
    id: 'shop-77', id_hash: sign('shop-77'), name: 'Pat Lee', email: 'pat@example.com', phone: '+1 555 0100',
  });
  await work.locator('.fd-msg', { hasText: 'A-1043' }).waitFor({ state: 'detached' });
  await work.waitForFunction((was) => {
    const now = localStorage.getItem('frontdesk:demo:token');
    return now && now !== was;
  }, hers);
  await work.locator('.fd-input').fill('Is the teapot in stock?');
  await work.locator('.fd-input').press('Enter');
  await work.locator('.fd-msg.mine:not(.pending)', { hasText: 'teapot' }).waitFor();
  assert.equal(await work.locator('.fd-msg', { hasText: 'A-1043' }).count(), 0);
  console.log('STEP switched');

  // A hash made without the secret: nothing of hers shows.
  const forged = await pageAs(browser, { ...olga, id_hash: createHmac('sha256', 'guess').update('shop-42').digest('hex') });
  await forged.locator('.fd-input').fill('Покажите мои заказы');
  await forged.locator('.fd-input').press('Enter');
  await forged.locator('.fd-msg.mine:not(.pending)', { hasText: 'Покажите' }).waitFor();
  assert.equal(await forged.locator('.fd-msg', { hasText: 'A-1043' }).count(), 0);
  console.log('STEP done');
} finally {
  stopTurns();
  await browser.close();
}
