// Shared by the end-to-end tests: where the app is served, where screenshots go, and how
// Debian's Chromium is launched on these machines (no browser is ever downloaded).
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

/** The served dist/ (scripts/e2e sets it). */
export const url = process.env.NINES_URL;

/** Folder for screenshots and measurements a person looks at. */
export const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));

// Without the background-networking flags Chromium tries hosts it cannot reach.
const args = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Launches Debian's Chromium headless with the flags these machines need. */
export function launchChromium() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args });
}

/** Launches Chromium for a test and makes sure the artifacts folder exists. */
export async function launch() {
  assert.ok(url, 'set NINES_URL to the served dist/ (scripts/e2e does)');
  await mkdir(artifacts, { recursive: true });
  return launchChromium();
}
