// End-to-end: rewind the three-tier reference design in Chromium. Fast-forward, kill a web
// instance, go on, drag the timeline back and forward again, and see the same run; filter
// the log and jump to an entry. Saves e2e/artifacts/timeline.png for a person to look at.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { artifacts, launch } from '../lib/browser.mjs';
import { openThreeTier, fastForward, waitForClock } from '../lib/live.mjs';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('rewind and re-simulate the three-tier design, with its fault', async () => {
  const { context, page, errors } = await openThreeTier(browser, { viewport: { width: 1400, height: 1000 } });
  try {

    await fastForward(page, '00:02:00');
    const pill = page.locator('.instance-pills[data-group="web"] .instance-pill').first();
    const victim = await pill.getAttribute('data-instance');
    await pill.click();
    await page.locator('.fault-record-entry', { hasText: `Killed ${victim}` }).waitFor();
    await fastForward(page, '00:05:00');
    const log = await page.locator('.log-list').innerText();

    // Back to one minute: the fault is still recorded, to come.
    const scrubber = page.locator('#timeline-scrubber');
    await scrubber.fill('60');
    await waitForClock(page, '00:01:00');
    assert.equal(await scrubber.getAttribute('aria-valuetext'), '00:01:00 of 00:05:00');
    await page.locator('.fault-record-entry.to-come').waitFor();
    await page.mouse.move(5, 5);
    await page.locator('.timeline').screenshot({ path: `${artifacts}timeline-rewound.png` });

    // Forward again by keyboard (End): the same log.
    await scrubber.focus();
    await page.keyboard.press('End');
    await waitForClock(page, '00:05:00');
    assert.equal(await page.locator('.log-list').innerText(), log);

    // Filter the log to critical entries and go to the first one.
    await page.locator('.log-filter-severity').selectOption('critical');
    const first = page.locator('.log-list .log-go').first();
    const at = await first.locator('time').innerText();
    await first.click();
    await waitForClock(page, at);
    assert.equal(await page.locator('.node.selected').getAttribute('data-id'), 'web');

    await page.locator('#timeline-scrubber').focus();
    await page.mouse.move(5, 5);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${artifacts}timeline.png`, fullPage: true });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
