// End-to-end accessibility: axe-core (the npm package, injected into the page) checks the
// rendered Playground — the starter design; the three-tier design running with a component
// selected, a fault applied and the Examples menu open; the projector layout; the phone
// view — and the embed route. Every violation is listed in e2e/artifacts/a11y-*.json;
// the test fails on any violation at all (serious, critical, moderate or minor).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { artifacts, launch, url } from '../lib/browser.mjs';
import { designPath, fastForward, openDesign, openThreeTier, select } from '../lib/live.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/** Runs axe over the page as it is now; writes what it found; returns the violations. */
async function audit(page, name) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: axePath });
  const results = await page.evaluate(() =>
    window.axe.run(document, { resultTypes: ['violations'], runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }),
  );
  const violations = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
  }));
  await writeFile(`${artifacts}a11y-${name}.json`, `${JSON.stringify(violations, null, 2)}\n`);
  return violations;
}

/** Fails with every violation spelled out (rule, impact, elements, why). */
function assertClean(violations, where) {
  const text = violations
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target}: ${n.summary}`).join('\n')}`)
    .join('\n');
  assert.equal(violations.length, 0, `${where}:\n${text}`);
}

test('axe finds nothing on the Playground: starter, running three-tier, a fault, the Examples menu', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.locator('.node[data-id="web-1"]').waitFor();
    assertClean(await audit(page, 'starter'), 'the starter design');
  } finally {
    await context.close();
  }

  const { context: live, page: running } = await openThreeTier(browser);
  try {
    await fastForward(running, '00:01:30');
    await select(running, 'web');
    await running.keyboard.press('k');
    await running.locator('.event-log').getByText(/crashed/).first().waitFor({ timeout: 15000 });
    assertClean(await audit(running, 'running'), 'three-tier running, web selected, an instance killed');
    await running.getByRole('button', { name: 'Examples' }).click();
    await running.getByRole('menu', { name: 'Examples' }).waitFor();
    assertClean(await audit(running, 'examples-menu'), 'the Examples menu open');
  } finally {
    await live.close();
  }
});

test('axe finds nothing in the projector layout or the phone view', async () => {
  const { context, page } = await openThreeTier(browser, { viewport: { width: 1280, height: 720 } });
  try {
    await fastForward(page, '00:01:00');
    await page.getByRole('button', { name: 'Present' }).click();
    await page.locator('.app.presenting').waitFor();
    await select(page, 'db');
    assertClean(await audit(page, 'present'), 'the projector layout');
  } finally {
    await context.close();
  }
  const phone = await openThreeTier(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  try {
    await phone.page.locator('.topbar .play').tap();
    await phone.page.waitForFunction(() => document.querySelector('.clock time')?.textContent !== '00:00:00');
    assertClean(await audit(phone.page, 'phone'), 'the phone view');
  } finally {
    await phone.context.close();
  }
});

test('axe finds nothing on the embed route', async () => {
  const context = await browser.newContext({ viewport: { width: 960, height: 540 } });
  const page = await context.newPage();
  try {
    // The app's own share link for the starter design (#/d=…), opened as an embed.
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.locator('svg.canvas').waitFor();
    const payload = await shareHash(page);
    await page.goto(`${url}#/embed?${payload.replace(/^#\//, '')}&seed=7`, { waitUntil: 'networkidle' });
    await page.reload({ waitUntil: 'networkidle' });
    await page.locator('svg.canvas').waitFor();
    assertClean(await audit(page, 'embed'), 'the embed route');
  } finally {
    await context.close();
  }
});

/** The fragment "Copy link" puts on the clipboard (`#/d=…`), read back from it. */
async function shareHash(page) {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  await page.locator('.copy-link').click();
  await page.locator('.status-line.done').waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  return new URL(link).hash;
}

test('axe finds nothing with the sessions and key-value charts, nor in a level\'s embed dialog', async () => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.locator('svg.canvas').waitFor();
    const design = designPath('session-store');
    await page.setInputFiles('input.import-input', design);
    await page.locator('.node[data-id="sessions"]').waitFor();
    await fastForward(page, '00:01:00');
    await page.locator('.chart[data-chart="key-value"] path').first().waitFor({ state: 'attached' });
    assertClean(await audit(page, 'session-charts'), 'session-store running with its sessions and store charts');

    await page.goto(`${url}/#/level/health-checks`, { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: 'Embed', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Copy embed code' });
    await dialog.getByRole('radio', { name: 'The level’s solution' }).check();
    assertClean(await audit(page, 'level-embed-dialog'), "a level's embed dialog, the solution chosen");
  } finally {
    await context.close();
  }
});

test('axe finds nothing over two regions: their region bar, a region lost with the region chart, the per-region CloudFormation dialog', async () => {
  const design = designPath('multi-region');
  const { context, page } = await openDesign(browser, design, 'web-west', { viewport: { width: 1024, height: 768 } });
  try {
    assert.equal(await page.locator('.region-row').count(), 2, 'a row per region in the region bar');
    await fastForward(page, '00:01:00');
    await page.getByRole('button', { name: /^Lose region us-east-1/ }).click();
    await fastForward(page, '00:03:00');
    await page.locator('.chart[data-chart="regions"] path').first().waitFor({ state: 'attached' });
    assertClean(await audit(page, 'two-regions-lost'), 'multi-region with us-east-1 lost and the region chart');

    await page.getByRole('button', { name: 'CloudFormation' }).click();
    await page.getByRole('dialog', { name: 'CloudFormation: one stack per region' }).waitFor();
    assertClean(await audit(page, 'cloudformation-regions-dialog'), 'the per-region CloudFormation dialog');
  } finally {
    await context.close();
  }
});
