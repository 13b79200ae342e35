// What the visitor can actually see, for crates/server/tests/browser/widget.mjs: pixels of a
// screenshot, and whether an element lies inside the scrolled dialog.

/**
 * Counts pixels in the middle of `button`'s screenshot that differ clearly from the button's
 * own background colour: the ink of its icon. The PNG is decoded by the page itself (a canvas
 * fed a data: URL), so the count is what Chromium drew, fonts or no fonts.
 * The screenshot is also saved at `path`. Returns { ink, area }.
 */
export async function iconInk(page, button, path) {
  const png = await button.screenshot({ path });
  const background = await button.evaluate((b) => getComputedStyle(b).backgroundColor);
  return page.evaluate(async ({ data, background }) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    const [r, g, b] = background.match(/\d+/g).map(Number);
    // The middle half each way: inside the round button, where the icon sits.
    const x = Math.round(image.width / 4);
    const y = Math.round(image.height / 4);
    const w = Math.round(image.width / 2);
    const h = Math.round(image.height / 2);
    const px = ctx.getImageData(x, y, w, h).data;
    let ink = 0;
    for (let i = 0; i < px.length; i += 4) {
      const diff = Math.abs(px[i] - r) + Math.abs(px[i + 1] - g) + Math.abs(px[i + 2] - b);
      if (diff > 150) ink++;
    }
    return { ink, area: w * h };
  }, { data: png.toString('base64'), background });
}

/** Whether `locator`'s element lies wholly within the visible part of the scrolled dialog. */
export async function inDialogView(locator) {
  return locator.evaluate((e) => {
    const view = e.closest('.fd-body').getBoundingClientRect();
    const r = e.getBoundingClientRect();
    return r.height > 0 && r.top >= view.top - 1 && r.bottom <= view.bottom + 1;
  });
}

/** The dialog's scroll position: how far down it is, and how far down it can go. */
export async function dialogScroll(page) {
  return page.locator('.fd-body').evaluate((b) => ({
    top: b.scrollTop, bottom: b.scrollHeight - b.clientHeight,
  }));
}
