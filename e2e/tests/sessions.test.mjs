// End-to-end: sticky sessions and the key-value store. Open the sticky-sessions reference
// design, kill an instance and see the sessions lost in the run summary; open the
// session-store design, kill an instance (no session lost), then break the store from the
// faults panel. Screenshots in e2e/artifacts/sessions-*.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { artifacts, launch, url } from '../lib/browser.mjs';
import { fastForward, select } from '../lib/live.mjs';

const design = (name) => fileURLToPath(new URL(`../../crates/sim/designs/${name}.nines.json`, import.meta.url));

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

async function open(name) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.getByRole('navigation', { name: 'Components' }).waitFor();
  await page.setInputFiles('input.import-input', design(name));
  await page.locator('.node[data-id="web-1"]').waitFor();
  return { context, page, errors };
}

const figure = (page, key) => page.locator(`.run-summary [data-figure="${key}"] .figure-value`);

test('killing a sticky instance that keeps sessions in memory loses its users’ sessions', async () => {
  const { context, page, errors } = await open('sticky-sessions');
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
    await page.mouse.move(5, 5);
    await page.screenshot({ path: `${artifacts}sessions-lost.png`, fullPage: true });
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

    await select(page, 'sessions');
    await page.getByRole('button', { name: /^Stop sessions answering/ }).click();
    await fastForward(page, '00:03:30');
    assert.match(await store.locator('.node-summary').textContent(), /down/);
    await page.mouse.move(5, 5);
    await page.screenshot({ path: `${artifacts}sessions-store-outage.png`, fullPage: true });
    await page.getByRole('button', { name: 'sessions answers again' }).click();
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
