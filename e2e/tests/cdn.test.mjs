// End-to-end: the CDN lesson. Open the static-cdn example from the Examples menu, play it,
// and see edge hits in the run summary and the hit ratio on the CDN's card; then break the
// object storage from the faults panel: misses fail, hits are still served. Screenshots at
// 1024×768 in e2e/artifacts/cdn-*.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { artifacts, launch, url } from '../lib/browser.mjs';
import { fastForward, select } from '../lib/live.mjs';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

const figure = (page, key) => page.locator(`.run-summary [data-figure="${key}"]`);
const number = (text) => Number(text.replace(/[^0-9]/g, ''));

test('the static-cdn example serves assets at the edge; an object-storage outage fails only the misses', async () => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  try {
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.locator('.node[data-id="web-1"]').waitFor();
    await page.getByRole('button', { name: 'Examples' }).click();
    await page.getByRole('menuitem', { name: /^Static assets through a CDN/ }).click();
    const cdn = page.locator('.node[data-id="cdn"][data-role="primary"]');
    const assets = page.locator('.node[data-id="assets"][data-role="primary"]');
    await cdn.waitFor();
    await assets.waitFor();
    assert.match(await page.locator('.status-line').innerText(), /Opened the example “Static assets through a CDN”/);

    // Play for real a moment, then jump ahead.
    await page.getByRole('button', { name: /^Play/ }).first().click();
    await page.waitForFunction(() => document.querySelector('.clock time')?.textContent !== '00:00:00');
    await page.getByRole('button', { name: /^Pause/ }).first().click();
    await fastForward(page, '00:02:00');
    const hits = number(await figure(page, 'cdn').locator('.figure-value').innerText());
    const note = await figure(page, 'cdn').innerText();
    // 500 requests/s for two minutes, 70 % static, 90 % of those hits: about 37,800.
    assert.ok(hits > 33000 && hits < 43000, `edge hits ${hits}`);
    assert.match(note, /hit ratio (89|90|91)\.\d %/);
    assert.match(note, /0 errors/);
    assert.match(await cdn.locator('.node-summary').textContent(), /hits 90 %/);
    await page.mouse.move(5, 5);
    await page.screenshot({ path: `${artifacts}cdn-edge-hits.png` });

    await select(page, 'assets');
    await page.getByRole('button', { name: /^Regional outage of assets/ }).click();
    await fastForward(page, '00:03:00');
    assert.match(await assets.locator('.node-summary').textContent(), /down/);
    assert.match(await cdn.locator('.node-summary').textContent(), /origin down/);
    const during = await figure(page, 'cdn').innerText();
    const originErrors = number(during.match(/\((\d[\d,]*) errors\)/)[1]);
    // A minute of misses: 500 × 60 × 0.7 × 0.1 ≈ 2,100, and only those fail.
    assert.ok(originErrors > 1500 && originErrors < 2800, `origin errors ${originErrors}`);
    assert.ok(number(await figure(page, 'cdn').locator('.figure-value').innerText()) > hits + 15000, 'hits still served');
    await page.mouse.move(5, 5);
    await page.screenshot({ path: `${artifacts}cdn-origin-outage.png` });
    await page.screenshot({ path: `${artifacts}cdn-origin-outage-full.png`, fullPage: true });
    await page.getByRole('button', { name: /^Restore assets/ }).click();
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
