// End-to-end: the built app (dist/, served by scripts/e2e) in Debian's Chromium.
// playwright-core never downloads a browser; we point it at /usr/bin/chromium.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { artifacts, launch, url } from '../lib/browser.mjs';

const screenshot = `${artifacts}playground.png`;

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/** Opens the Playground and records every console error and uncaught exception. */
async function open() {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()}`));
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.getByRole('navigation', { name: 'Components' }).waitFor();
  return { page, errors };
}

test('the Playground loads without errors and shows the palette and three zones', async () => {
  const { page, errors } = await open();
  try {
    assert.equal(await page.title(), 'Nines · High-availability playground');

    const palette = page.getByRole('navigation', { name: 'Components' });
    const names = ['Clients', 'Load balancer', 'Instance', 'Auto-scaling group', 'Queue', 'Database', 'Alarm'];
    for (const name of names) {
      // Named by the name and its line (label in name, WCAG 2.5.3): "Queue Buffers work …".
      const button = palette.getByRole('button', { name: new RegExp(`^${name} [A-Z]`) });
      assert.ok(await button.isVisible(), `palette: ${name}`);
    }

    for (const zone of ['us-east-1a', 'us-east-1b', 'us-east-1c']) {
      const lane = page.getByRole('group', { name: `Availability zone ${zone}` });
      assert.ok(await lane.isVisible(), `lane ${zone}`);
    }
    // A card's name is its drawn text, then what it is in brackets (label in name).
    for (const label of ['clients', 'instance web-1 in zone a', 'database db-1 in zone a']) {
      assert.ok(await page.getByRole('button', { name: `(${label})` }).isVisible(), label);
    }

    await page.screenshot({ path: screenshot });
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test('a keyboard user can select a component and start the run', async () => {
  const { page, errors } = await open();
  try {
    const web = page.getByRole('button', { name: '(instance web-1 in zone a)' });
    await web.focus();
    await page.keyboard.press('Enter');
    const inspector = page.getByRole('region', { name: 'Inspector' });
    await inspector.locator('.inspector-body[data-selected="web-1"]').waitFor();
    assert.equal(await inspector.getByLabel('Id', { exact: true }).inputValue(), 'web-1');
    const mean = inspector.getByLabel('Mean service time');
    assert.equal(await mean.inputValue(), '50');
    assert.match(await inspector.locator('.field-row[data-path="service.mean_ms"]').innerText(), /ms/);
    assert.equal(await web.getAttribute('aria-pressed'), 'true');

    const play = page.locator('button.play');
    await play.click();
    assert.equal(await play.getAttribute('aria-pressed'), 'true');
    assert.equal((await play.innerText()).trim(), 'Pause');
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});
