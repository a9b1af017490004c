// End-to-end: a two-region design readable at 1280×720, 1024×768 and on a 390×844 phone.
// The canvas arranges the regions for its width (src/layout_fit.rs): side by side in
// compact sizes at 1024 (the canvas is 730 px wide), the second region under the first at
// 1280 (614 px beside the palette and side column) and on a phone. At each size nothing
// scrolls sideways and every card's name is drawn at least 10 px tall. Also: the live run
// after losing us-east-1, the projector layout and an embed fit too, and a single-region
// design keeps its drawing. Screenshots in e2e/artifacts/region-fit-*.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { artifacts, launch, url } from '../lib/browser.mjs';
import { designPath, fastForward, openDesign, referencePath } from '../lib/live.mjs';

const design = designPath('multi-region');

/** Smallest rendered height of a card's name [CSS px]. */
const MIN_NAME_PX = 10;

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/** What the page says about the canvas: arrangement, scroll sizes, the smallest card name. */
function measure(page) {
  return page.evaluate(() => {
    const scroll = document.querySelector('.canvas-scroll');
    const svg = document.querySelector('svg.canvas');
    const box = scroll.getBoundingClientRect();
    const names = [...svg.querySelectorAll('.node[data-role="primary"] .node-id')];
    const heights = names.map((t) => t.getBoundingClientRect().height);
    const outside = [...svg.querySelectorAll('.node[data-role="primary"] .node-body')]
      .map((n) => [n.closest('.node').dataset.id, n.getBoundingClientRect()])
      .filter(([, r]) => r.left < box.left - 0.5 || r.right > box.right + 0.5)
      .map(([id]) => id);
    return {
      arrangement: svg.dataset.arrangement,
      compact: svg.dataset.compact === 'true',
      scrollWidth: scroll.scrollWidth,
      clientWidth: scroll.clientWidth,
      scrollHeight: scroll.scrollHeight,
      clientHeight: scroll.clientHeight,
      pageWidth: document.documentElement.scrollWidth,
      names: names.length,
      smallestName: Math.min(...heights),
      outside,
    };
  });
}

/** Asserts the canvas does not scroll sideways and every card's name is readable. */
function assertReadable(m, viewport, what) {
  assert.ok(m.scrollWidth <= m.clientWidth, `${what}: the canvas scrolls sideways (${m.scrollWidth} > ${m.clientWidth})`);
  assert.ok(m.pageWidth <= viewport.width, `${what}: the page scrolls sideways (${m.pageWidth}px)`);
  assert.deepEqual(m.outside, [], `${what}: cards cut off at the canvas's edges`);
  assert.ok(m.names >= 6, `${what}: ${m.names} cards`);
  assert.ok(m.smallestName >= MIN_NAME_PX, `${what}: a card's name is ${m.smallestName.toFixed(1)} px tall`);
}

/** Lanes whose fault buttons cover the zone's name. */
function coveredLaneNames(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('svg.canvas .lane')].filter((lane) => {
      const name = lane.querySelector('.lane-label').getBoundingClientRect();
      return [...lane.querySelectorAll('.lane-fault rect')].some((b) => {
        const r = b.getBoundingClientRect();
        return r.left < name.right && name.left < r.right && r.top < name.bottom && name.top < r.bottom;
      });
    }).map((lane) => lane.dataset.zone),
  );
}

const sizes = [
  { viewport: { width: 1280, height: 720 }, arrangement: 'stacked', compact: false },
  { viewport: { width: 1024, height: 768 }, arrangement: 'side-by-side', compact: true },
  { viewport: { width: 390, height: 844 }, arrangement: 'stacked', compact: true },
];

for (const { viewport, arrangement, compact } of sizes) {
  test(`multi-region at ${viewport.width}×${viewport.height}: ${arrangement}, no sideways scroll, names ≥ ${MIN_NAME_PX} px`, async () => {
    const { context, page, errors } = await openDesign(browser, design, 'web-west', { viewport });
    try {
      await page.waitForFunction((a) => document.querySelector('svg.canvas')?.dataset.arrangement === a, arrangement);
      const m = await measure(page);
      assert.equal(m.compact, compact, 'compact sizes');
      assertReadable(m, viewport, `${viewport.width}×${viewport.height}`);
      const east = await page.locator('.node[data-id="web-east"][data-role="primary"]').boundingBox();
      const west = await page.locator('.node[data-id="web-west"][data-role="primary"]').boundingBox();
      if (arrangement === 'stacked') {
        assert.ok(west.y > east.y + east.height, 'us-west-2 under us-east-1');
      } else {
        assert.ok(west.x > east.x + east.width, 'us-west-2 beside us-east-1');
      }
      await page.mouse.move(2, 2);
      await page.screenshot({ path: `${artifacts}region-fit-${viewport.width}x${viewport.height}.png` });
      // Back to a wide window: the regions go back side by side, in regular sizes.
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.waitForFunction(() => {
        const svg = document.querySelector('svg.canvas');
        return svg.dataset.arrangement === 'side-by-side' && svg.dataset.compact === undefined;
      });
      assertReadable(await measure(page), { width: 1920 }, '1920×1080');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}

test('the live run after losing us-east-1 stays readable at 1280 and 1024, lane buttons clear of names', async () => {
  const viewport = { width: 1280, height: 720 };
  const { context, page, errors } = await openDesign(browser, design, 'web-west', { viewport });
  try {
    await page.waitForFunction(() => document.querySelector('svg.canvas')?.dataset.arrangement === 'stacked');
    await fastForward(page, '00:01:00');
    await page.getByRole('button', { name: /^Lose region us-east-1/ }).click();
    await fastForward(page, '00:04:00');
    const dns = page.locator('.node[data-id="dns"][data-role="primary"] .node-summary');
    assert.match(await dns.textContent(), /us-west-2 \d+ %/);
    assertReadable(await measure(page), viewport, 'live at 1280');
    assert.deepEqual(await coveredLaneNames(page), [], 'fault buttons beside the names');
    assert.ok((await page.locator('.instance-pills[data-group="web-west"] .instance-pill').count()) >= 2);
    await page.mouse.move(2, 2);
    await page.screenshot({ path: `${artifacts}region-fit-live-1280x720.png` });

    const narrower = { width: 1024, height: 768 };
    await page.setViewportSize(narrower);
    await page.waitForFunction(() => document.querySelector('svg.canvas')?.dataset.compact === 'true');
    assertReadable(await measure(page), narrower, 'live at 1024');
    assert.deepEqual(await coveredLaneNames(page), [], 'fault buttons under the names in compact lanes');
    await page.screenshot({ path: `${artifacts}region-fit-live-1024x768.png` });
    // The compact lane's buttons still work: restore a zone of us-west-2 after losing it.
    await page.locator('.lane-fault[data-zone-fault="us-west-2b"][data-fault="lose"]').click();
    await page.locator('.lane-fault[data-zone-fault="us-west-2b"][data-fault="restore"]').waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

for (const viewport of [{ width: 1280, height: 720 }, { width: 1024, height: 768 }]) {
  test(`Present at ${viewport.width}×${viewport.height} fits both regions whole, names readable`, async () => {
    const { context, page, errors } = await openDesign(browser, design, 'web-west', { viewport });
    try {
      await page.getByRole('button', { name: 'Present' }).click();
      await page.locator('.app.presenting').waitFor();
      await page.waitForFunction(() => document.querySelector('svg.canvas')?.dataset.arrangement === 'side-by-side');
      const m = await measure(page);
      assertReadable(m, viewport, `present ${viewport.width}`);
      assert.ok(m.scrollHeight <= m.clientHeight, 'the drawing fits the canvas whole');
      const size = await page.evaluate(() => ({
        width: document.documentElement.scrollWidth,
        height: document.documentElement.scrollHeight,
      }));
      assert.deepEqual(size, viewport, 'nothing below the fold, nothing to the side');
      await page.screenshot({ path: `${artifacts}region-fit-present-${viewport.width}x${viewport.height}.png` });
      await page.getByRole('button', { name: 'Leave presentation' }).click();
      await page.locator('.app.presenting').waitFor({ state: 'detached' });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}

test('an embed of multi-region at 960×540 fits both regions side by side with no scrollbars', async () => {
  const context = await browser.newContext({ viewport: { width: 960, height: 540 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    const payload = deflateSync(JSON.stringify(JSON.parse(readFileSync(design, 'utf8'))), { level: 9 }).toString('base64url');
    await page.goto(`${url}/#/embed?d=${payload}`);
    await page.locator('.embed .node[data-id="web-west"]').waitFor();
    await page.waitForFunction(() => document.querySelector('svg.canvas')?.dataset.arrangement === 'side-by-side');
    const m = await measure(page);
    assertReadable(m, { width: 960 }, 'embed 960×540');
    assert.ok(m.scrollHeight <= m.clientHeight, 'the drawing fits the stage whole');
    await page.screenshot({ path: `${artifacts}region-fit-embed-960x540.png` });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a single-region design is drawn as before at 1024×768 (one region, regular sizes)', async () => {
  const viewport = { width: 1024, height: 768 };
  const { context, page, errors } = await openDesign(browser, referencePath, 'web', { viewport });
  try {
    const m = await measure(page);
    assert.equal(m.arrangement, 'one-region');
    assert.equal(m.compact, false);
    assert.equal(await page.locator('svg.canvas').getAttribute('viewBox'), '0 0 856 446', 'three zones of 256 px, as before');
    assertReadable(m, viewport, 'three-tier at 1024');
    await page.screenshot({ path: `${artifacts}region-fit-three-tier-1024x768.png` });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

for (const viewport of [{ width: 1280, height: 720 }, { width: 1024, height: 768 }]) {
  test(`at ${viewport.width}×${viewport.height} a dragged instance lands in the lane it was dropped on`, async () => {
    const { context, page, errors } = await openDesign(browser, design, 'web-west', { viewport });
    try {
      const arrangement = viewport.width === 1280 ? 'stacked' : 'side-by-side';
      await page.waitForFunction((a) => document.querySelector('svg.canvas')?.dataset.arrangement === a, arrangement);
      const before = await page.locator('.node[data-role="primary"]').evaluateAll((ns) => ns.map((n) => n.dataset.id));
      const lane = page.locator('.lane[data-zone="b"] .lane-body');
      const item = page.locator('.palette [data-kind="instance"]');
      await item.scrollIntoViewIfNeeded();
      const start = await item.boundingBox();
      await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
      await page.mouse.down();
      const target = await lane.boundingBox();
      await page.mouse.move(target.x + target.width / 2, target.y + target.height - 24, { steps: 14 });
      await page.mouse.up();
      await page.waitForFunction((n) => document.querySelectorAll('.node[data-role="primary"]').length > n, before.length);
      const added = await page.locator('.node[data-role="primary"]').evaluateAll(
        (ns, old) => ns.map((n) => n.dataset.id).filter((id) => !old.includes(id)),
        before,
      );
      assert.equal(added.length, 1, `one new card: ${added}`);
      const card = await page.locator(`.node[data-id="${added[0]}"] .node-body`).boundingBox();
      const laneNow = await lane.boundingBox();
      const inside = card.x >= laneNow.x && card.x + card.width <= laneNow.x + laneNow.width
        && card.y >= laneNow.y && card.y + card.height <= laneNow.y + laneNow.height;
      assert.ok(inside, `${added[0]} is drawn in zone us-east-1b`);
      assert.match(await page.locator(`.node[data-id="${added[0]}"]`).getAttribute('aria-label'), /zone b\b/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}
