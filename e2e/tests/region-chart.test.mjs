// End-to-end: the "Requests by region" chart of a two-region design. Open the
// multi-region reference design, run a minute, lose us-east-1 from the faults panel and
// read the chart (its legend values and its text alternative) before and after the DNS
// moved the traffic: us-east-1 carries everything first, us-west-2 nearly everything after
// detection plus the TTL. Screenshot in e2e/artifacts/region-chart-1024.png (1024×768).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { artifacts, launch } from '../lib/browser.mjs';
import { designPath, fastForward, openDesign } from '../lib/live.mjs';

const design = designPath('multi-region');

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/** The latest value of a line of the regions chart, from its legend [req/s]. */
async function rate(page, series) {
  const value = page.locator(`.chart[data-chart="regions"] li[data-series="${series}"] .legend-value`);
  return Number((await value.textContent()).replace(/,/g, ''));
}

test('the requests-by-region chart shows traffic moving to us-west-2 after us-east-1 is lost', async () => {
  const { context, page, errors } = await openDesign(browser, design, 'web-west', {
    viewport: { width: 1024, height: 768 },
  });
  try {
    const chart = page.locator('.chart[data-chart="regions"]');
    assert.equal(await chart.count(), 1, 'a two-region design has the chart');
    const charts = await page.locator('.chart[data-chart]').evaluateAll((all) => all.map((c) => c.dataset.chart));
    assert.deepEqual(charts.slice(0, 2), ['requests', 'regions'], 'right after the requests chart');
    const names = await chart.locator('.legend li').evaluateAll((all) => all.map((li) => li.dataset.series));
    assert.deepEqual(names, ['us-east-1 received', 'us-west-2 received', 'us-east-1 failed', 'us-west-2 failed']);

    await fastForward(page, '00:01:00');
    const eastBefore = await rate(page, 'us-east-1 received');
    assert.ok(eastBefore > 100, `us-east-1 carries the traffic: ${eastBefore} req/s`);
    assert.equal(await rate(page, 'us-west-2 received'), 0, 'nothing to the secondary while the primary is healthy');

    await page.getByRole('button', { name: /^Lose region us-east-1/ }).click();
    // Three failed checks 30 s apart (at most 90 s), one 60 s TTL, and a margin.
    await fastForward(page, '00:04:30');
    const east = await rate(page, 'us-east-1 received');
    const west = await rate(page, 'us-west-2 received');
    assert.ok(west > 0.85 * eastBefore, `us-west-2 took the traffic: ${west} req/s`);
    assert.ok(east < 0.15 * west, `only the late resolvers still reach us-east-1: ${east} req/s`);
    assert.equal(await rate(page, 'us-west-2 failed'), 0);

    // The text alternative says the same for a screen reader.
    const text = await page.locator('#chart-regions-desc').textContent();
    assert.match(text, /^Requests by region, 00:00:00 to 00:04:30\. us-east-1 received: now \d+, lowest \d+, highest \d+/);
    assert.match(text, /us-west-2 received: now \d+/);
    assert.match(text, /us-east-1 failed: now \d+/);

    await chart.scrollIntoViewIfNeeded();
    await page.mouse.move(5, 5);
    await page.screenshot({ path: `${artifacts}region-chart-1024.png` });
    await chart.screenshot({ path: `${artifacts}region-chart-only.png` });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
