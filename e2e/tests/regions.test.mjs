// End-to-end: two regions behind DNS failover. Open the multi-region reference design, see
// both regions, lose us-east-1 from the faults panel and watch the DNS card
// and the links move the traffic to us-west-2 within health-check time plus the TTL.
// axe-core checks the two-region canvas during the loss. Screenshots in
// e2e/artifacts/regions-*.png (1280×720, 1024×768 and a 390×844 phone).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { artifacts, launch } from '../lib/browser.mjs';
import { designPath, fastForward, openDesign } from '../lib/live.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const design = designPath('multi-region');

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

function open(viewport) {
  return openDesign(browser, design, 'web-west', { viewport });
}

/** The left edge and right edge of a node's card on the canvas [px]. */
async function box(page, id) {
  return page.locator(`.node[data-id="${id}"][data-role="primary"]`).boundingBox();
}

test('losing the primary region moves traffic to the secondary within detection plus TTL', async () => {
  const { context, page, errors } = await open({ width: 1280, height: 720 });
  try {
    // Both regions drawn, each with its zones: at 1280 the canvas (614 px) is too narrow
    // for a readable row, so the second sits under the first (region-fit.test.mjs).
    const east = await box(page, 'web-east');
    const west = await box(page, 'web-west');
    assert.ok(west.y > east.y + east.height, 'us-west-2 is drawn under us-east-1');
    assert.equal(await page.locator('.lane[data-zone="us-west-2a"]').count(), 1);
    const dns = page.locator('.node[data-id="dns"][data-role="primary"] .node-summary');

    await fastForward(page, '00:01:00');
    assert.match(await dns.textContent(), /us-east-1 100 % · us-west-2 0 %/);
    await page.getByRole('button', { name: /^Lose region us-east-1/ }).click();
    // Three failed checks 30 s apart (at most 90 s), then clients move within one TTL.
    await fastForward(page, '00:02:45');
    assert.match(await dns.textContent(), /us-east-1 ✗/);
    await fastForward(page, '00:04:00');
    const shares = (await dns.textContent()).match(/us-west-2 (\d+) %/);
    assert.ok(shares && Number(shares[1]) >= 90, `most traffic in us-west-2 after detection + TTL: ${await dns.textContent()}`);
    await page.locator('.log-list li', { hasText: 'lb-east failed its health checks' }).waitFor();
    await page.addScriptTag({ path: axePath });
    const results = await page.evaluate(() =>
      window.axe.run(document, { resultTypes: ['violations'], runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }),
    );
    const found = results.violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    assert.deepEqual(found, [], 'axe finds nothing on the two-region canvas');
    await page.mouse.move(5, 5);
    await page.screenshot({ path: `${artifacts}regions-failover-1280.png` });
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.screenshot({ path: `${artifacts}regions-failover-1024.png` });
    await page.getByRole('button', { name: /^Restore region us-east-1/ }).click();
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the phone view shows both regions without scrolling the page sideways', async () => {
  const { context, page, errors } = await open({ width: 390, height: 844 });
  try {
    await page.locator('.node[data-id="web-west"]').waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no horizontal scroll: ${width}px`);
    await page.screenshot({ path: `${artifacts}regions-phone.png`, fullPage: false });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
