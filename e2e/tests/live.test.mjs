// End-to-end: the three-tier reference design running live in Chromium. Play at 20×,
// kill a web instance from its badge, see it fail and leave service (link dashed, log
// entry), and save a screenshot for a person to look at (e2e/artifacts/live.png).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { artifacts, launch } from '../lib/browser.mjs';
import { openThreeTier, clock } from '../lib/live.mjs';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('play the three-tier design at 20×, kill a web instance and watch it leave service', async () => {
  const { context, page, errors } = await openThreeTier(browser, { viewport: { width: 1400, height: 1000 } });
  try {

    // Warm up to two minutes with a fast-forward, then play at 20×.
    await page.fill('#fast-forward-to', '00:02:00');
    await page.locator('.fast-forward button[type=submit]').click();
    await page.waitForFunction(() => document.querySelector('.clock time')?.textContent === '00:02:00');
    await page.locator('.speed select').selectOption('20');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    const start = await clock(page);
    await page.waitForTimeout(1000);
    assert.ok((await clock(page)) >= start + 10, 'about 20 simulated seconds per real second');

    const pill = page.locator('.instance-pills[data-group="web"] .instance-pill').first();
    const victim = await pill.getAttribute('data-instance');
    await pill.click();
    await page.locator('.log-list li', { hasText: `killed ${victim}` }).waitFor();
    const badge = page.locator(`.instance-pill[data-instance="${victim}"]`);
    await page.waitForFunction(
      (name) => /out of service|terminated/.test(
        document.querySelector(`.instance-pill[data-instance="${name}"]`)?.getAttribute('data-state') ?? 'terminated'),
      victim,
      { timeout: 20000 },
    );
    await page.getByRole('button', { name: 'Pause' }).click();
    if (await badge.count()) {
      assert.match(await badge.getAttribute('class'), /live-bad/);
    }
    await page.mouse.move(5, 5);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${artifacts}live.png`, fullPage: true });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
