// Time to first interaction on localhost (issue 14's goal: under 1 s) and what the page
// transfers. Each load is a fresh browser context (empty cache), from navigation start to
// the moment the Play button exists and is enabled, recorded inside the page by a
// MutationObserver installed before any of the page's own scripts; then Play is clicked to
// prove the page really answers. Figures land in e2e/artifacts/first-interaction.json.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { artifacts, launch, url } from '../lib/browser.mjs';
import { stats } from '../lib/stats.mjs';

/** Fresh loads measured; the median is reported. */
const LOADS = 5;
/** The goal on an idle machine [ms]. */
const GOAL_MS = 1000;
/** What the test insists on: the machines that run it are shared with builds, so a load can
 * take a few times the goal without the app having regressed; a blocking regression (a
 * multi-megabyte bundle, a synchronous start-up computation) still fails it. */
const LIMIT_MS = 3000;

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/** Installed before the page's scripts: notes performance.now() when Play becomes usable. */
function watchForPlay() {
  const ready = () => {
    const play = document.querySelector('button.play');
    return play && !play.disabled && play.offsetParent !== null;
  };
  new MutationObserver((_, observer) => {
    if (window.__ninesPlayReadyMs === undefined && ready()) {
      window.__ninesPlayReadyMs = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true, attributes: true });
}

/** One cold load: first-interaction time [ms] and the wasm, JS and CSS as transferred. */
async function coldLoad() {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  try {
    await page.addInitScript(watchForPlay);
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__ninesPlayReadyMs !== undefined, null, { timeout: 30_000 });
    const play = page.locator('button.play');
    await play.click();
    assert.equal(await play.getAttribute('aria-pressed'), 'true', 'Play answered the first click');
    return await page.evaluate(() => ({
      readyMs: window.__ninesPlayReadyMs,
      files: performance
        .getEntriesByType('resource')
        .filter((r) => /\.(wasm|js|css)$/.test(new URL(r.name).pathname))
        .map((r) => ({
          file: new URL(r.name).pathname.split('/').pop(),
          transferred: r.encodedBodySize,
          decoded: r.decodedBodySize,
        })),
    }));
  } finally {
    await context.close();
  }
}

test('the Play button answers within the first-interaction budget on a cold load', async () => {
  const loads = [];
  for (let i = 0; i < LOADS; i += 1) loads.push(await coldLoad());
  const ready = stats(loads.map((l) => l.readyMs));
  const files = loads[0].files;
  const transferred = files.reduce((sum, f) => sum + f.transferred, 0);
  const report = { goal_ms: GOAL_MS, limit_ms: LIMIT_MS, loads: LOADS, ready_ms: ready, files, transferred };
  await writeFile(`${artifacts}first-interaction.json`, `${JSON.stringify(report, null, 2)}\n`);
  console.log(
    `first interaction: median ${ready.median.toFixed(0)} ms, max ${ready.max.toFixed(0)} ms ` +
      `(goal < ${GOAL_MS} ms); wasm + JS + CSS transferred ${transferred.toLocaleString('en-US')} B`,
  );

  assert.ok(files.some((f) => f.file.endsWith('.wasm')), `the wasm was fetched: ${JSON.stringify(files)}`);
  for (const f of files) {
    assert.ok(
      f.transferred < f.decoded,
      `${f.file} came uncompressed (${f.transferred} B); run scripts/precompress dist before scripts/e2e`,
    );
  }
  assert.ok(ready.median < LIMIT_MS, `median first interaction ${ready.median.toFixed(0)} ms ≥ ${LIMIT_MS} ms`);
});
