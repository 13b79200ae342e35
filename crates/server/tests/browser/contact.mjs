// The visitor's side of crates/server/tests/widget_contact.rs: a site that says who its
// logged-in customer is. Told before the script loads, the form asks only what it was not
// told; told everything, there is no form and the visitor writes at once; told after the
// form is up (`FrontdeskWidget.setContact`), the form goes. `forget()` at logout: the next
// page is a new visitor.
import assert from 'node:assert/strict';
import { ask, base, launch, stopTurns, visitorPage } from './harness.mjs';

const browser = await launch();
try {
  // Told the name and e-mail before the script: the form asks only for the phone.
  const page = await visitorPage(browser);
  await page.addInitScript(() => {
    window.FrontdeskContact = {
      name: '  Ольга Петрова ', email: 'olga@example.ru', phone: '',
      extra: { customer: '1043', empty: ' ' },
    };
  });
  await page.goto(`${base}/demo`);
  await page.locator('.fd-button').click();
  const form = page.locator('.fd-prechat');
  await form.waitFor();
  const asked = await form.locator('input').evaluateAll((all) => all.map((e) => e.name));
  assert.deepEqual(asked, ['phone'], 'only what the site did not say');
  await form.locator('input[name=phone]').fill('+7 900 000-00-00');
  await ask(page, form, 'Где мой заказ?');
  console.log('STEP asked');

  // Told everything later, while the form is up: the form goes and the visitor writes.
  const later = await visitorPage(browser);
  await later.goto(`${base}/demo`);
  await later.locator('.fd-button').click();
  await later.locator('.fd-prechat').waitFor();
  await later.evaluate(() => window.FrontdeskWidget.setContact({
    name: 'Pat Lee', email: 'pat@example.com', phone: '+1 555 0100',
  }));
  await later.locator('.fd-prechat').waitFor({ state: 'detached' });
  await later.locator('.fd-input').fill('Is the teapot in stock?');
  await later.locator('.fd-input').press('Enter');
  await later.locator('.fd-msg.mine:not(.pending)', { hasText: 'teapot' }).waitFor();
  // The same contact on the next page is not sent again; forget() makes a new visitor.
  const token = () => later.evaluate(() => localStorage.getItem('frontdesk:demo:token'));
  const before = await token();
  assert.ok(before, 'the visitor has a token');
  await later.evaluate(() => window.FrontdeskWidget.forget());
  await later.reload();
  await later.locator('.fd-button').click();
  await later.locator('.fd-prechat').waitFor();
  const after = await token();
  assert.ok(after && after !== before, `a new visitor after forget(): ${before} → ${after}`);
  console.log('STEP done');
} finally {
  stopTurns();
  await browser.close();
}
