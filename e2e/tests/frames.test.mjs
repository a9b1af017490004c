// Frame time while the three-tier reference design plays at 100× (issue 5's proof): a
// Chromium trace of a few seconds of playing, each animation frame's whole main-thread task
// (the simulation slice, Yew's render, style, layout and paint) measured, median and 95th
// percentile reported in e2e/artifacts/frame-times-100x.json.
//
// The goal (median < 8 ms, p95 < 16 ms: half a 60 Hz frame typically, a whole one at worst)
// is written into the report with whether it was met; the README's benchmark table carries
// it. The assertions are what a loaded CI machine holds without flaking: the median half
// again over its goal, the p95 twice its goal (one dropped 60 Hz frame). Quiet, this 2-core
// machine measures median 6.9 ms and p95 8.0 ms, and 8.1 / 9.3 ms inside the full test run.
// Far beyond that — other builds running, load average 8–11 on two cores — it measured
// median 10–11 ms and p95 33–48 ms, and the p95 check fails: the report records the load
// average so such a run is recognised.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { artifacts, launch } from '../lib/browser.mjs';
import { openThreeTier, seconds } from '../lib/live.mjs';
import { stats } from '../lib/stats.mjs';

/** Wall time measured while playing [ms]. */
const MEASURE_MS = 6000;

/** The frame-time goal [ms]. */
const GOAL = { median: 8, p95: 16 };

/** What the test asserts [ms], with headroom for a loaded CI machine. */
const LIMIT = { median: GOAL.median * 1.5, p95: GOAL.p95 * 2 };

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/** The main-thread tasks that ran an animation frame, from a Chromium trace. */
function frameTasks(trace) {
  const events = trace.traceEvents ?? trace;
  const fired = events.filter((e) => e.name === 'FireAnimationFrame');
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X');
  const taskOf = (f) => tasks.find((t) => t.tid === f.tid && t.ts <= f.ts && t.ts + t.dur >= f.ts + (f.dur ?? 0));
  return [...new Set(fired.map(taskOf).filter(Boolean))];
}

test('a frame at 100× stays within budget', async () => {
  const { context, page, errors } = await openThreeTier(browser, { viewport: { width: 1400, height: 1000 } });
  try {
    await page.locator('.speed select').selectOption('100');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    // Past the first render of every panel before measuring.
    await page.waitForFunction(() => document.querySelector('.clock time')?.textContent >= '00:01:00');

    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    const before = await page.locator('.clock time').innerText();
    await page.waitForTimeout(MEASURE_MS);
    const after = await page.locator('.clock time').innerText();
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
    await page.getByRole('button', { name: 'Pause' }).click();

    const frames = frameTasks(trace).map((t) => t.dur / 1000);
    const report = {
      design: 'three-tier reference',
      speed: '100×',
      wallMs: MEASURE_MS,
      simulatedSeconds: seconds(after) - seconds(before),
      note: 'frameTaskMs: Chromium trace, the whole main-thread task of each animation frame (simulation slice, Yew render, style, layout, paint)',
      frameTaskMs: stats(frames),
      goalMs: GOAL,
      assertedMs: LIMIT,
      machine: { cores: cpus().length, loadAverage1m: loadavg()[0] },
    };
    report.meetsGoal = {
      median: report.frameTaskMs.median < GOAL.median,
      p95: report.frameTaskMs.p95 < GOAL.p95,
    };
    console.log(`frame times at 100×: ${JSON.stringify(report, null, 2)}`);
    await writeFile(`${artifacts}frame-times-100x.json`, `${JSON.stringify(report, null, 2)}\n`);
    assert.ok(report.frameTaskMs.n >= MEASURE_MS / 100, `frames measured: ${report.frameTaskMs.n}`);
    // The simulation keeps up: at least half of 100× wall time (a loaded CI machine is slower).
    assert.ok(report.simulatedSeconds >= (MEASURE_MS / 1000) * 50, `simulated ${report.simulatedSeconds} s`);
    const { median, p95 } = report.frameTaskMs;
    assert.ok(median < LIMIT.median, `median frame task ${median} ms (goal ${GOAL.median}, asserted < ${LIMIT.median})`);
    assert.ok(p95 < LIMIT.p95, `p95 frame task ${p95} ms (goal ${GOAL.p95}, asserted < ${LIMIT.p95})`);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
