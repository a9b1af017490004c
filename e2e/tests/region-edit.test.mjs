// End-to-end: build a two-region design in the editor, from an empty canvas, with the real
// mouse and keyboard. Add a second region from the region bar; drop a load balancer and
// two instances into each region (the second region's by its lanes and its band); a DNS
// name in front of both load balancers; press play, lose us-east-1 from the faults panel
// and see us-west-2 carry the traffic: the DNS card's share and lb-2's link rate.
// Screenshots in e2e/artifacts/region-edit-*.png (1280×720 and 1024×768).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { artifacts, launch, url } from '../lib/browser.mjs';
import { fastForward } from '../lib/live.mjs';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/** The design as the app holds it, after a quiet frame. */
async function design(page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 20))));
  return page.evaluate(() => JSON.parse(window.__nines_design()));
}

async function centre(locator) {
  const b = await locator.boundingBox();
  assert.ok(b, 'element has a box');
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/** Presses on `from`, moves to `to` in steps with the real mouse, releases. */
async function drag(page, from, to) {
  const start = await centre(from);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 14 });
  await page.mouse.up();
  await page.waitForTimeout(30);
}

/** A point near the floor of zone `zone`'s lane (its world name: `a`, `us-west-2a`). */
async function laneFloor(page, zone) {
  const b = await page.locator(`.lane[data-zone="${zone}"] .lane-body`).boundingBox();
  return { x: b.x + b.width / 2, y: b.y + b.height - 16 };
}

/** A point in the regional band of the region whose box starts rightmost (`last`) or leftmost. */
async function bandPoint(page, { last, fraction }) {
  const boxes = [];
  for (const band of await page.locator('.band .band-body').all()) boxes.push(await band.boundingBox());
  boxes.sort((a, b) => a.x - b.x);
  const b = last ? boxes[boxes.length - 1] : boxes[0];
  return { x: b.x + b.width * fraction, y: b.y + b.height - 14 };
}

const palette = (page, kind) => page.locator(`.palette [data-kind="${kind}"]`);
const node = (page, id) => page.locator(`.node[data-id="${id}"][data-role="primary"]`);

/** Drops a new `kind` at `to` and returns the id of what was placed. */
async function place(page, kind, to) {
  const before = (await design(page)).components.length;
  await drag(page, palette(page, kind), to);
  const after = await design(page);
  assert.equal(after.components.length, before + 1, `${kind} placed: ${await page.locator('.status-area').innerText()}`);
  return after.components[after.components.length - 1];
}

/** Places a new `kind` with the keyboard's path: choose it in the palette, then `choice`
 * in the placement bar; returns what was placed. */
async function placeByChoice(page, kind, choice) {
  const before = (await design(page)).components.length;
  await palette(page, kind).click();
  await page.locator('.placement-bar button.choice', { hasText: choice }).click();
  await page.evaluate(() => window.scrollTo(0, 0));
  const after = await design(page);
  assert.equal(after.components.length, before + 1, `${kind} placed: ${await page.locator('.status-area').innerText()}`);
  return after.components[after.components.length - 1];
}

/** Links `from` → `to` with the keyboard: L on the card, then the target in the bar. */
async function link(page, from, label) {
  await node(page, from).focus();
  await page.keyboard.press('l');
  await page.locator('.placement-bar button.choice', { hasText: label }).click();
}

test('a two-region design built in the editor fails over when the first region is lost', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  try {
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.getByRole('navigation', { name: 'Components' }).waitFor();
    await page.click('button.new-design');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Start new design' }).click();
    assert.equal((await design(page)).components.length, 0);

    // A second region from the region bar: us-west-2 with zones a and b, one row each.
    await page.getByRole('button', { name: '+ Add region' }).click();
    await page.locator('.status-polite', { hasText: 'Added region us-west-2' }).waitFor();
    assert.equal(await page.locator('.region-row').count(), 2);
    assert.equal(await page.locator('.lane[data-zone="us-west-2b"]').count(), 1);
    assert.deepEqual((await design(page)).regions.map((r) => r.name), ['us-east-1', 'us-west-2']);

    // us-east-1 by the palette and the placement bar (the keyboard's path): clients and the
    // DNS name are global, a load balancer, an instance per zone.
    const clients = await placeByChoice(page, 'clients', 'Every region (global)');
    const dns = await placeByChoice(page, 'dns', 'Every region (global)');
    const east = await placeByChoice(page, 'load-balancer', 'Region us-east-1');
    const eastA = await placeByChoice(page, 'instance', 'Zone us-east-1a');
    const eastB = await placeByChoice(page, 'instance', 'Zone us-east-1b');
    assert.equal(east.region, undefined, 'the first region is left unnamed');
    assert.equal(dns.region, undefined, 'DNS stays global');

    // us-west-2 by dragging: the drop preview names the region; the load balancer onto its
    // band, the instances into its lanes.
    const lbStart = await centre(palette(page, 'load-balancer'));
    const westBand = await bandPoint(page, { last: true, fraction: 0.5 });
    await page.mouse.move(lbStart.x, lbStart.y);
    await page.mouse.down();
    await page.mouse.move(westBand.x, westBand.y, { steps: 14 });
    await page.locator('.drag-verdict', { hasText: 'Place load balancer in region us-west-2' }).waitFor();
    await page.mouse.up();
    let d = await design(page);
    const west = d.components[d.components.length - 1];
    assert.equal(west.kind, 'load_balancer');
    assert.equal(west.region, 'us-west-2');
    const westA = await place(page, 'instance', await laneFloor(page, 'us-west-2a'));
    const westB = await place(page, 'instance', await laneFloor(page, 'us-west-2b'));
    for (const [c, zone] of [[westA, 'a'], [westB, 'b']]) {
      assert.deepEqual([c.region, c.zone], ['us-west-2', zone], `${c.id} runs in us-west-2${zone}`);
    }

    // Links: clients → DNS → both load balancers (the first record is the primary) → instances.
    await link(page, clients.id, `DNS name ${dns.id}`);
    await link(page, dns.id, `load balancer ${east.id}`);
    await link(page, dns.id, `load balancer ${west.id}`);
    for (const [lb, web] of [[east, eastA], [east, eastB], [west, westA], [west, westB]]) {
      await link(page, lb.id, `instance ${web.id}`);
    }
    d = await design(page);
    assert.equal(d.connections.length, 7, JSON.stringify(d.connections));
    await page.mouse.move(5, 5);
    await page.screenshot({ path: `${artifacts}region-edit-built-1280.png` });

    // Run: all traffic to us-east-1, then lose it and watch us-west-2 take over.
    const card = node(page, dns.id).locator('.node-summary');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForFunction(() => document.querySelector('.clock time')?.textContent !== '00:00:00');
    await fastForward(page, '00:01:00');
    assert.match(await card.textContent(), /us-east-1 100 % · us-west-2 0 %/);
    await page.getByRole('button', { name: /^Lose region us-east-1/ }).click();
    await fastForward(page, '00:04:00');
    const share = (await card.textContent()).match(/us-west-2 (\d+) %/);
    assert.ok(share && Number(share[1]) >= 90, `most traffic in us-west-2: ${await card.textContent()}`);
    const rate = page.locator(`.edge-rate[data-from="${dns.id}"][data-to="${west.id}"]`);
    const perSecond = Number((await rate.textContent()).replace(/[^\d.]/g, ''));
    assert.ok(perSecond > 0, `DNS sends to ${west.id}: ${await rate.textContent()}`);
    await page.mouse.move(5, 5);
    await page.screenshot({ path: `${artifacts}region-edit-failover-1280.png` });
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.screenshot({ path: `${artifacts}region-edit-failover-1024.png` });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
