// End-to-end: faults from the keyboard and the zone lanes on the three-tier design, and
// screenshots of the live states for a person to look at (e2e/artifacts/faults-*.png):
// an instance failing its checks and a slow one, a zone lost with the database failing
// over, an impaired zone with chaos monkey on and a queue's consumers stopped.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { artifacts, launch } from '../lib/browser.mjs';
import { openThreeTier, fastForward, select } from '../lib/live.mjs';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/** Steps one simulated second at a time until some web badge's state matches `pattern`. */
async function stepUntil(page, pattern) {
  for (let k = 0; k < 120; k++) {
    const states = await page.locator('.instance-pills[data-group="web"] .instance-pill')
      .evaluateAll((pills) => pills.map((p) => p.getAttribute('data-state')));
    if (states.some((s) => pattern.test(s))) return;
    await page.locator('button.step').click();
  }
  assert.fail(`no web instance reached ${pattern}`);
}

async function canvasShot(page, name) {
  await page.mouse.move(5, 5);
  await page.locator('svg.canvas').screenshot({ path: `${artifacts}faults-${name}.png` });
}

test('break the three-tier design from the keyboard and the lanes, and see every state', async () => {
  const { context, page, errors } = await openThreeTier(browser, { viewport: { width: 1500, height: 1100 }, deviceScaleFactor: 1.5 });
  try {
    await fastForward(page, '00:02:00');

    // K kills the group's first instance; S slows the next; its checks start failing.
    await select(page, 'web');
    await page.keyboard.press('k');
    await page.keyboard.press('s');
    await stepUntil(page, /failing 1\/2/);
    assert.equal(await page.locator('.instance-pill.state-slow').count(), 1);
    assert.equal(await page.locator('.edge[data-from="clients"][data-to="lb-1"]').getAttribute('data-rate'), '1000');
    await canvasShot(page, 'failing-slow');

    // Z with the database selected loses its zone: the standby is promoted, animated.
    await select(page, 'db');
    await page.keyboard.press('z');
    await page.locator('.lane.lost[data-zone="a"]').waitFor();
    await page.locator('.failover-arc').waitFor();
    assert.equal(await page.locator('.node[data-id="db"][data-role="standby"] .corner-tag').textContent(), 'PROMOTING');
    await page.locator('.node[data-id="lb-1"] .zone-chip.lb-node.live-bad[data-zone="a"]').waitFor();
    await fastForward(page, '00:02:20');
    await canvasShot(page, 'zone-lost-failover');

    // Restore a; impair b from its lane; chaos monkey on; the queue's consumers stopped.
    await page.locator('[data-zone-fault="a"][data-fault="restore"]').click();
    await page.locator('[data-zone-fault="b"][data-fault="impair"]').click();
    await page.locator('.lane.impaired[data-zone="b"]').waitFor();
    await select(page, 'jobs');
    await page.keyboard.press('q');
    await page.keyboard.press('c');
    await page.locator('.chaos-state', { hasText: 'On:' }).waitFor();
    await fastForward(page, '00:05:00');
    await canvasShot(page, 'impaired-chaos-queue');
    await page.locator('.faults').screenshot({ path: `${artifacts}faults-panel.png` });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
