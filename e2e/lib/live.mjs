// Shared by the end-to-end tests of the live view: open the three-tier reference design,
// read and move the simulated clock, select a component.
import { fileURLToPath } from 'node:url';
import { url } from './browser.mjs';

/** The file of the shipped design `name` (`multi-region`), to import through the file picker. */
export const designPath = (name) => fileURLToPath(new URL(`../../crates/sim/designs/${name}.nines.json`, import.meta.url));

/** The three-tier reference design's file, imported through the app's file picker. */
export const referencePath = designPath('three-tier');

/**
 * A new page (in its own context) with the design file at `path` imported, ready once the
 * canvas shows the node `readyId`; `errors` collects console errors and uncaught
 * exceptions for the test to assert empty.
 */
export async function openDesign(browser, path, readyId, contextOptions) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  await page.goto(url, { waitUntil: 'networkidle' });
  // The canvas, not the palette: the phone view has no palette.
  await page.locator('svg.canvas').waitFor();
  await page.setInputFiles('input.import-input', path);
  await page.locator(`.node[data-id="${readyId}"]`).waitFor();
  return { context, page, errors };
}

/** A new page (in its own context) with the three-tier design loaded (see [`openDesign`]). */
export function openThreeTier(browser, contextOptions = { viewport: { width: 1400, height: 1000 } }) {
  return openDesign(browser, referencePath, 'web', contextOptions);
}

/** Seconds in a `00:01:30` clock text. */
export const seconds = (clock) => clock.split(':').map(Number).reduce((a, b) => a * 60 + b);

/** Seconds shown by the header clock. */
export async function clock(page) {
  return seconds(await page.locator('.clock time').innerText());
}

/** Waits until the header clock shows `to` (HH:MM:SS). */
export async function waitForClock(page, to, timeout = 20000) {
  await page.waitForFunction((t) => document.querySelector('.clock time')?.textContent === t, to, { timeout });
}

/** Fast-forwards to `to` (HH:MM:SS) and waits until the clock shows it. */
export async function fastForward(page, to) {
  await page.fill('#fast-forward-to', to);
  await page.locator('.fast-forward button[type=submit]').click();
  await waitForClock(page, to);
}

/** Selects a component by clicking its card. */
export async function select(page, id) {
  await page.locator(`.node[data-id="${id}"][data-role="primary"] .node-body`).click();
}
