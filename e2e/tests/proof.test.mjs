// End-to-end proof of the live view (issue 5) on the three-tier reference design, with a
// screenshot of each moment for a person to look at (e2e/artifacts/proof-*.png):
//   1. play at 20×, kill a web instance: it fails its checks and leaves service within the
//      window its health check promises (interval 30 s, timeout 5 s, threshold 2 → 30–65 s),
//      its link dashed, the log saying so, the failed requests counted, and the group
//      launching a replacement that comes into service;
//   2. stop the workers: the queue's depth rises; start them: it drains, no message lost;
//   3. lose zone a: the database fails over to its standby in b.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { artifacts, launch } from '../lib/browser.mjs';
import { openThreeTier, seconds, clock, fastForward, select } from '../lib/live.mjs';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/** Waits (polling every frame) until `predicate(arg)` holds in the page; returns the clock then [s]. */
async function clockWhen(page, predicate, arg, timeout = 30000) {
  const expression = `(${predicate})(${JSON.stringify(arg)}) && document.querySelector('.clock time')?.textContent`;
  const handle = await page.waitForFunction(expression, null, { timeout, polling: 'raf' });
  return seconds(await handle.jsonValue());
}

/** Whether instance `name`'s badge state matches `source` (a regular expression's text). */
const badgeMatches = ({ name, source }) => new RegExp(source).test(
  document.querySelector(`.instance-pill[data-instance="${name}"]`)?.getAttribute('data-state') ?? '');

async function shot(page, name) {
  await page.mouse.move(5, 5);
  await page.screenshot({ path: `${artifacts}proof-${name}.png`, fullPage: true });
}

/** The visible count in the queue card's summary line. */
async function visible(page) {
  const text = await page.locator('.node[data-id="jobs"][data-role="primary"] .node-summary').textContent();
  const match = /^(\d+) visible/.exec(text);
  assert.ok(match, `queue summary: ${text}`);
  return Number(match[1]);
}

/** A figure's value in the run summary panel. */
async function figure(page, key) {
  return page.locator(`.run-summary [data-figure="${key}"] .figure-value`).textContent();
}

test('kill, stop workers and lose a zone on the three-tier design, and see it recover', async () => {
  const { context, page, errors } = await openThreeTier(browser, { viewport: { width: 1500, height: 1100 } });
  try {
    // Past the group's 300 s grace period, so the health checks decide replacement.
    await fastForward(page, '00:06:00');
    const before = await page.locator('.instance-pills[data-group="web"] .instance-pill')
      .evaluateAll((pills) => pills.map((p) => p.getAttribute('data-instance')));
    assert.equal(before.length, 4);

    // 1. Play at 20× and kill a web instance.
    await page.locator('.speed select').selectOption('20');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    const pill = page.locator('.instance-pills[data-group="web"] .instance-pill').first();
    const victim = await pill.getAttribute('data-instance');
    await pill.click();
    const killLine = page.locator('.log-list li', { hasText: `killed ${victim}` });
    await killLine.waitFor();
    const killedAt = seconds(await killLine.locator('time').textContent());

    const failingAt = await clockWhen(page, badgeMatches, { name: victim, source: 'failing 1/2' });
    assert.ok(failingAt - killedAt <= 36, `first failed check ${failingAt - killedAt} s after the kill`);
    await shot(page, '1-failing');
    const outAt = await clockWhen(page, badgeMatches, { name: victim, source: 'out of service' });
    const removal = outAt - killedAt;
    assert.ok(removal >= 29 && removal <= 66, `out of service ${removal} s after the kill (promised 30–65 s)`);
    assert.match(await page.locator('.edge[data-from="lb-1"][data-to="web"]').getAttribute('class'), /unhealthy/);
    await page.locator('.log-list li', { hasText: `${victim} failed 2 consecutive health checks` }).waitFor();
    await shot(page, '2-out-of-service');
    const failed = Number((await figure(page, 'failed')).replace(/\D/g, ''));
    assert.ok(failed > 0, `requests failed while the dead instance was still a target: ${failed}`);

    // The group replaces it: a new instance comes into service.
    await page.locator('.speed select').selectOption('100');
    await clockWhen(page, (old) => [...document.querySelectorAll('.instance-pills[data-group="web"] .instance-pill')]
      .some((p) => !old.includes(p.dataset.instance) && p.dataset.state === 'in service'), before, 60000);
    await page.getByRole('button', { name: 'Pause' }).click();
    await shot(page, '3-replaced');

    // 2. Stop the workers: the queue grows. Start them: it drains, nothing lost.
    await select(page, 'jobs');
    await page.keyboard.press('q');
    await page.locator('.node[data-id="jobs"] .node-summary', { hasText: 'consumers stopped' }).waitFor();
    const depthAtStop = await visible(page);
    await fastForward(page, '00:' + String(Math.floor((await clock(page)) / 60) + 2).padStart(2, '0') + ':00');
    const depthLater = await visible(page);
    assert.ok(depthLater > depthAtStop + 100, `queue depth rose from ${depthAtStop} to ${depthLater}`);
    await shot(page, '4-queue-rising');
    await page.keyboard.press('q');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForFunction(() => /^\d{1,2} visible/.test(
      document.querySelector('.node[data-id="jobs"][data-role="primary"] .node-summary')?.textContent ?? ''), null,
    { timeout: 60000 });
    await page.getByRole('button', { name: 'Pause' }).click();
    assert.match(await figure(page, 'messages'), /^0$/);
    await shot(page, '5-queue-drained');

    // 3. Lose zone a: the database fails over to its standby in b.
    await page.locator('[data-zone-fault="a"][data-fault="lose"]').first().click();
    await page.locator('.lane.lost[data-zone="a"]').waitFor();
    await page.locator('.log-list li', { hasText: 'failing over to zone b' }).waitFor();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.locator('.failover-arc').waitFor();
    await shot(page, '6-failing-over');
    await page.locator('.log-list li', { hasText: 'failover complete' }).waitFor({ timeout: 60000 });
    await page.getByRole('button', { name: 'Pause' }).click();
    // The copy drawn in zone b (the design's standby) is now the primary; a's copy is lost.
    assert.equal(await page.locator('.node[data-id="db"][data-role="standby"] .corner-tag').textContent(), 'PRIMARY');
    assert.equal(await page.locator('.node[data-id="db"][data-role="primary"] .corner-tag').textContent(), 'LOST');
    await shot(page, '7-failed-over');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
