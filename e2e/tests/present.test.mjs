// End-to-end: the layouts. The projector layout ("Present") at 1280×720 and 1024×768 with
// the three-tier design running — canvas, requests chart, event log and Play all inside the
// screen, an instance killed from the canvas and its effect seen at once, Esc and "Leave
// presentation" back to the editor; the editor at 1024×768 and 1400×900 — a header of one
// row and the canvas the largest thing on screen; a phone at 390×844 — a read-only view no
// wider than the screen with the canvas at full width, Play and faults on tap; and the
// Examples menu, by keyboard, with Undo bringing the previous design back. Screenshots of
// each layout land in e2e/artifacts/layout-*.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { artifacts, launch, url } from '../lib/browser.mjs';
import { openThreeTier, clock, fastForward } from '../lib/live.mjs';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/** The bounding box of the first element matching `selector`, in viewport pixels. */
async function box(page, selector) {
  const b = await page.locator(selector).first().boundingBox();
  assert.ok(b, `${selector} is rendered`);
  return b;
}

/** Asserts that `selector` is wholly inside a viewport of `width` × `height`. */
async function assertInside(page, selector, { width, height }) {
  const b = await box(page, selector);
  const inside = b.x >= 0 && b.y >= 0 && b.x + b.width <= width + 0.5 && b.y + b.height <= height + 0.5;
  assert.ok(inside, `${selector} at ${JSON.stringify(b)} is inside ${width}×${height}`);
  assert.ok(b.width > 0 && b.height > 0, `${selector} has a size`);
  return b;
}

/** The document's scroll size: the page itself must not scroll sideways. */
const documentSize = (page) =>
  page.evaluate(() => ({ width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight }));

for (const viewport of [{ width: 1280, height: 720 }, { width: 1024, height: 768 }]) {
  test(`Present at ${viewport.width}×${viewport.height}: canvas, requests chart, event log and Play on one screen`, async () => {
    const { context, page, errors } = await openThreeTier(browser, { viewport });
    try {
      // A minute into the run, as a speaker would start, then playing.
      await fastForward(page, '00:01:00');
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      const present = page.getByRole('button', { name: 'Present' });
      await present.click();
      await page.locator('.app.presenting').waitFor();
      // The same button, relabelled: focus stays on it.
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Leave presentation');
      assert.equal(await page.locator('.palette').isVisible(), false, 'palette folded away');
      assert.equal(await page.locator('.inspector').isVisible(), false, 'inspector folded away');
      assert.equal(await page.locator('.chart[data-chart="latency"]').isVisible(), false, 'other charts folded away');

      // Break one web instance from its pill on the canvas, and see the effect while it happens.
      await page.waitForFunction(() => document.querySelectorAll('.instance-pills[data-group="web"] .instance-pill').length >= 4);
      await page.locator('.instance-pills[data-group="web"] .instance-pill').first().click();
      await page.locator('.event-log').getByText(/crashed/).first().waitFor({ timeout: 15000 });

      const canvas = await assertInside(page, 'svg.canvas', viewport);
      await assertInside(page, '.chart[data-chart="requests"] .plot', viewport);
      await assertInside(page, '.chart[data-chart="requests"] h3', viewport);
      await assertInside(page, '.event-log .log-list li:last-child', viewport);
      await assertInside(page, '.topbar .play', viewport);
      await assertInside(page, '.present-toggle', viewport);
      assert.deepEqual(await documentSize(page), viewport, 'nothing below the fold, nothing to the side');

      // The drawing fills its share of the screen, whole (width- or height-bound).
      const svg = await page.evaluate(() => {
        const el = document.querySelector('svg.canvas');
        const [, , w, h] = el.getAttribute('viewBox').split(' ').map(Number);
        const r = el.getBoundingClientRect();
        return { scale: Math.min(r.width / w, r.height / h) };
      });
      assert.ok(svg.scale >= 0.85, `the drawing is drawn at ${svg.scale.toFixed(2)}× (at least 0.85×)`);
      assert.ok(canvas.width * canvas.height >= 0.4 * viewport.width * viewport.height, 'the canvas is the main thing');

      // Larger type than the editor's 12.5 px log lines (the panels are zoomed 1.2×).
      const logLine = await page.evaluate(() => {
        const li = document.querySelector('.event-log .log-list li');
        const zoom = Number(getComputedStyle(li.closest('.event-log')).zoom || 1);
        return parseFloat(getComputedStyle(li).fontSize) * zoom;
      });
      assert.ok(logLine >= 14.5, `log text is ${logLine} px`);
      await page.screenshot({ path: `${artifacts}layout-present-${viewport.width}x${viewport.height}.png` });

      // The run went on through all this; Esc (focus on the page, not a field) leaves.
      await page.waitForFunction(() => document.querySelector('.clock time')?.textContent > '00:01:01');
      assert.ok((await clock(page)) > 61);
      await page.locator('svg.canvas .canvas-bg').click({ position: { x: 4, y: 4 } });
      await page.keyboard.press('Escape');
      await page.locator('.app.presenting').waitFor({ state: 'detached' });
      assert.ok(await page.locator('.palette').isVisible(), 'the editor is back');
      await present.click();
      await page.getByRole('button', { name: 'Leave presentation' }).click();
      await page.locator('.app.presenting').waitFor({ state: 'detached' });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}

for (const viewport of [{ width: 1024, height: 768 }, { width: 1400, height: 900 }]) {
  test(`the editor at ${viewport.width}×${viewport.height}: one-row header, the canvas the largest thing`, async () => {
    const { context, page, errors } = await openThreeTier(browser, { viewport });
    try {
      const header = await box(page, '.topbar');
      assert.ok(header.height <= 72, `header is ${header.height} px tall (one row)`);
      // Every item of the header sits on the same row.
      const rows = await page.locator('.topbar > *').evaluateAll((items) =>
        items.filter((i) => i.getBoundingClientRect().height > 0).map((i) => {
          const r = i.getBoundingClientRect();
          return { name: i.className, top: r.top, bottom: r.bottom };
        }),
      );
      const middle = header.y + header.height / 2;
      for (const item of rows) assert.ok(item.top < middle && item.bottom > middle, `${item.name} is on the one row`);
      assert.equal((await documentSize(page)).width, viewport.width, 'no sideways scrolling');

      // Largest on screen: the canvas's visible area beats every other panel's.
      const areas = await page.evaluate(({ width, height }) => {
        const visible = (el) => {
          const r = el.getBoundingClientRect();
          const w = Math.max(0, Math.min(r.right, width) - Math.max(r.left, 0));
          const h = Math.max(0, Math.min(r.bottom, height) - Math.max(r.top, 0));
          return w * h;
        };
        const panels = [...document.querySelectorAll('.panel:not(.canvas-panel), .topbar')];
        return { canvas: visible(document.querySelector('svg.canvas')), others: panels.map((p) => [p.className, visible(p)]) };
      }, viewport);
      for (const [name, area] of areas.others) {
        assert.ok(areas.canvas > area, `canvas ${Math.round(areas.canvas)} px² > ${name} ${Math.round(area)} px²`);
      }
      await page.screenshot({ path: `${artifacts}layout-editor-${viewport.width}x${viewport.height}.png` });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}

test('a phone at 390×844: read-only, no wider than the screen, canvas at full width, Play and faults on tap', async () => {
  const viewport = { width: 390, height: 844 };
  const { context, page, errors } = await openThreeTier(browser, { viewport, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  try {
    assert.equal((await documentSize(page)).width, viewport.width, 'no horizontal scroll');
    const canvas = await box(page, 'svg.canvas');
    assert.ok(canvas.width >= 0.9 * viewport.width, `canvas is ${canvas.width} px wide`);
    assert.ok(canvas.x >= 0 && canvas.x + canvas.width <= viewport.width, 'canvas inside the screen');
    assert.notEqual(await page.locator('#design-name').getAttribute('readonly'), null, 'the name is shown, not edited');
    for (const hidden of ['.palette', '.inspector', '.editor-bar .toolbar', '.region-bar']) {
      assert.equal(await page.locator(hidden).isVisible(), false, `${hidden} folded away`);
    }
    await page.locator('.topbar .play').tap();
    await page.waitForFunction(() => document.querySelector('.clock time')?.textContent !== '00:00:00');

    // Tap a component: its faults appear; tap Kill on its first instance.
    const before = await page.evaluate(() => window.__nines_design());
    await page.locator('.node[data-id="web"][data-role="primary"] .node-body').tap();
    await page.getByRole('heading', { name: 'Selected: web' }).waitFor();
    await page.locator('.faults .fault-row[data-instance] .btn-fault').first().tap();
    await page.locator('.event-log').getByText(/crashed/).first().waitFor({ timeout: 15000 });
    // Read-only: a finger dragged across a component moves nothing.
    const node = await box(page, '.node[data-id="jobs"][data-role="primary"] .node-body');
    await page.touchscreen.tap(node.x + 10, node.y + 10);
    await page.mouse.move(node.x + 10, node.y + 10);
    await page.mouse.down();
    await page.mouse.move(node.x + 120, node.y + 160, { steps: 8 });
    await page.mouse.up();
    assert.equal(await page.evaluate(() => window.__nines_design()), before, 'the design did not change');

    // Charts and log stacked below the canvas, each as wide as the screen allows.
    const charts = await box(page, '.charts');
    const log = await box(page, '.event-log');
    assert.ok(charts.y > canvas.y + canvas.height && log.y > canvas.y, 'stacked below the canvas');
    assert.ok(charts.width >= 0.9 * viewport.width && log.width >= 0.9 * viewport.width);
    assert.equal((await documentSize(page)).width, viewport.width, 'still no horizontal scroll while running');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${artifacts}layout-phone-390x844.png` });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the Examples menu opens three-tier by keyboard, and Undo brings the previous design back', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.locator('.node[data-id="web-1"]').waitFor();
    const button = page.getByRole('button', { name: 'Examples' });
    assert.equal(await button.getAttribute('aria-expanded'), 'false');

    // Enter opens it on the first item; Esc closes it and puts focus back on the button.
    await button.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: 'Examples' });
    await menu.waitFor();
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    const items = menu.getByRole('menuitem');
    assert.equal(await items.count(), 11, 'every reference design');
    assert.match(await page.evaluate(() => document.activeElement?.textContent), /^One server/);
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'btn btn-icon examples-button');

    // ↑ opens on the last item; End, Home and ↓ move; Enter opens the one chosen.
    await page.keyboard.press('ArrowUp');
    await menu.waitFor();
    assert.match(await page.evaluate(() => document.activeElement?.textContent), /^M\/M\/c/);
    await page.keyboard.press('Home');
    for (let k = 0; k < 5; k++) await page.keyboard.press('ArrowDown');
    assert.match(await page.evaluate(() => document.activeElement?.textContent), /^Three tier.*queue/);
    await page.keyboard.press('Enter');
    await page.locator('.node[data-id="workers"]').waitFor();
    await menu.waitFor({ state: 'hidden' });
    assert.equal(await page.inputValue('#design-name'), 'Three tier');
    assert.match(await page.locator('.status-line').innerText(), /Opened the example “Three tier”/);

    await page.getByRole('button', { name: 'Undo' }).click();
    await page.locator('.node[data-id="web-1"]').waitFor();
    assert.equal(await page.locator('.node[data-id="workers"]').count(), 0);
    assert.equal(await page.inputValue('#design-name'), 'One server');

    // A click elsewhere closes it too.
    await button.click();
    await menu.waitFor();
    await page.locator('.palette-hint').click();
    await menu.waitFor({ state: 'hidden' });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
