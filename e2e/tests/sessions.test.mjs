// End-to-end: sticky sessions and the key-value store. Open the sticky-sessions reference
// design, kill an instance and see the sessions lost in the run summary and its chart;
// open the session-store design, kill an instance (no session lost), then break the store
// with the O key and read the refused calls on the store's chart. Screenshots in
// e2e/artifacts/sessions-*.png (the charts at 1024×768).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { artifacts, launch } from '../lib/browser.mjs';
import { designPath, fastForward, openDesign, select } from '../lib/live.mjs';


let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

function open(name, viewport = { width: 1400, height: 1000 }) {
  return openDesign(browser, designPath(name), 'web-1', { viewport });
}

const figure = (page, key) => page.locator(`.run-summary [data-figure="${key}"] .figure-value`);

/** The legend's latest value of one series of one chart, as a number. */
const legend = async (page, chart, series) =>
  Number((await page.locator(`.chart[data-chart="${chart}"] li[data-series="${series}"] .legend-value`).textContent())
    .replace(/,/g, ''));

/** Scrolls the charts into view and saves a screenshot of the viewport. */
async function shootCharts(page, name) {
  await page.locator('.charts').scrollIntoViewIfNeeded();
  await page.locator('.chart[data-chart="sessions"]').scrollIntoViewIfNeeded();
  await page.mouse.move(5, 5);
  await page.screenshot({ path: `${artifacts}${name}.png` });
}

test('killing a sticky instance that keeps sessions in memory loses its users’ sessions', async () => {
  const { context, page, errors } = await open('sticky-sessions', { width: 1024, height: 768 });
  try {
    await fastForward(page, '00:02:00');
    const lb = page.locator('.node[data-id="lb-1"][data-role="primary"]');
    assert.match(await lb.locator('.corner-tag').textContent(), /^sticky \d+ %$/);
    assert.equal(await figure(page, 'sessions').count(), 0, 'nothing lost before the kill');
    await select(page, 'web-1');
    await page.keyboard.press('k');
    await fastForward(page, '00:03:00');
    const lost = Number((await figure(page, 'sessions').textContent()).replace(/,/g, ''));
    assert.ok(lost > 200 && lost < 500, `about a third of 1,000 users: ${lost}`);
    await page.locator('.log-list li', { hasText: 'user session(s) held in its memory lost' }).waitFor();
    // The chart steps up by the same count (a running total); a design without a store
    // has no store chart.
    assert.equal(await legend(page, 'sessions', 'Sessions lost'), lost);
    assert.equal(await page.locator('.chart[data-chart="key-value"]').count(), 0);
    assert.match(await page.locator('#chart-sessions-desc').textContent(), /^Sessions lost so far, 00:00:00 to 00:0\d:\d\d\. Sessions lost: now \d+, lowest 0, highest \d+ users\./);
    await page.mouse.move(5, 5);
    await page.screenshot({ path: `${artifacts}sessions-lost.png`, fullPage: true });
    await shootCharts(page, 'sessions-chart-1024');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('sessions in a key-value store survive the kill; the store shows its calls and breaks only by outage', async () => {
  const { context, page, errors } = await open('session-store');
  try {
    const store = page.locator('.node[data-id="sessions"][data-role="primary"]');
    await store.waitFor();
    await fastForward(page, '00:02:00');
    assert.match(await store.locator('.node-summary').textContent(), /r\/s/);
    await select(page, 'web-1');
    await page.keyboard.press('k');
    await fastForward(page, '00:03:00');
    assert.equal(await figure(page, 'sessions').count(), 0, 'no session lost');
    assert.match(await figure(page, 'key-value').textContent(), /^0 throttled$/);

    assert.equal(await legend(page, 'sessions', 'Sessions lost'), 0);

    // O breaks the selected store (a regional outage) and, pressed again, restores it.
    await select(page, 'sessions');
    assert.equal(
      await page.getByRole('button', { name: /^Regional outage of sessions/ }).getAttribute('aria-keyshortcuts'), 'O');
    await page.keyboard.press('o');
    await fastForward(page, '00:03:30');
    assert.match(await store.locator('.node-summary').textContent(), /down/);
    const refused = await legend(page, 'key-value', 'Refused (down)');
    assert.ok(refused > 200, `every call refused while down: ${refused}/s`);
    await page.mouse.move(5, 5);
    await page.screenshot({ path: `${artifacts}sessions-store-outage.png`, fullPage: true });
    await shootCharts(page, 'sessions-store-chart');
    await page.keyboard.press('o');
    await page.getByRole('button', { name: /^Regional outage of sessions/ }).waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
