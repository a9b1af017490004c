// Drives bench/wasm/index.html in Debian's headless Chromium with playwright-core (no browser
// download: executablePath /usr/bin/chromium) and prints one JSON line per workload.
//
//   node bench/wasm/run.mjs URL [--runs N]
//
// Run by scripts/bench-wasm, which builds the wasm, serves it and formats the table.
// playwright-core is resolved from e2e/node_modules (set up by scripts/setup).

import { launchChromium } from '../../e2e/lib/browser.mjs';

const [url, ...rest] = process.argv.slice(2);
let runs = 3;
for (let i = 0; i < rest.length; i += 1) {
  if (rest[i] === '--runs' && /^[1-9][0-9]*$/.test(rest[i + 1] ?? '')) {
    runs = Number(rest[i + 1]);
    i += 1;
  } else {
    console.error(`run.mjs: unknown argument ${rest[i]}`);
    process.exit(2);
  }
}
if (!url) {
  console.error('usage: node bench/wasm/run.mjs URL [--runs N]');
  process.exit(2);
}


const browser = await launchChromium();
let status = 0;
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready], body[data-error]', { state: 'attached' });
  const failed = await page.getAttribute('body', 'data-error');
  if (failed !== null) throw new Error(`the wasm did not load: ${failed}`);

  for (const workload of ['three-tier', 'mmc']) {
    console.error(`bench-wasm: ${workload} in Chromium (one warm-up run, best of ${runs})`);
    const result = await page.evaluate(([name, n]) => window.ninesBench(name, n), [workload, runs]);
    console.log(JSON.stringify(result));
  }
  if (errors.length > 0) throw new Error(errors.join('\n'));
} catch (error) {
  console.error(`bench-wasm: ${error.stack ?? error}`);
  status = 1;
} finally {
  await browser.close();
}
process.exit(status);
