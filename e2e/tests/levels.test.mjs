// End-to-end proof of levels in the app (issue 10), with a real mouse in Debian's Chromium:
//   1. open level 1 (#/level/one-server), read its goal, press Check on the start design:
//      it fails, with evidence naming web-1, and "Show me" replays that moment;
//   2. build the fix by dragging a load balancer and a second instance from the palette
//      and drawing the links; Check passes (the check runs in the grader's worker);
//   3. reload #/levels: level 1 is marked solved, with its best cost;
//   4. make a level with the builder and open its link in a fresh browser context (no
//      shared storage): the same title and goal.
// Screenshots at 1024×768: e2e/artifacts/levels-screen.png, levels-failed.png,
// levels-passed.png, levels-builder.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { artifacts, launch, url } from '../lib/browser.mjs';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

const viewport = { width: 1024, height: 768 };

/** A new page in a context of its own; `errors` collects console errors and exceptions. */
async function openPage(hash) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(`${url}${hash}`, { waitUntil: 'networkidle' });
  return { context, page, errors };
}

async function centre(locator) {
  await locator.scrollIntoViewIfNeeded();
  const b = await locator.boundingBox();
  assert.ok(b, 'element has a box');
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/** Presses on `from`, moves to `to` in steps with the real mouse, releases. */
async function drag(page, from, to, steps = 14) {
  const start = await centre(from);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps });
  await page.mouse.up();
  await page.waitForTimeout(50);
}

const palette = (page, kind) => page.locator(`.palette [data-kind="${kind}"]`);
const node = (page, id) => page.locator(`[data-id="${id}"][data-role="primary"]`);
const design = (page) => page.evaluate(() => JSON.parse(window.__nines_design()));

async function until(page, test, arg) {
  await page.waitForFunction(
    ([source, a]) => new Function('d', 'a', `return (${source})(d, a)`)(JSON.parse(window.__nines_design()), a),
    [test.toString(), arg],
    { timeout: 5000 },
  );
}

/** Drags a link from `from`'s handle onto `to` and waits for it in the design. */
async function link(page, from, to) {
  await node(page, from).scrollIntoViewIfNeeded();
  await node(page, from).hover();
  await drag(page, node(page, from).locator('.link-handle-dot'), await centre(node(page, to).locator('.node-body')));
  try {
    await until(page, (d, [f, t]) => d.connections.some((c) => c.from === f && c.to === t), [from, to]);
  } catch {
    await page.screenshot({ path: `${artifacts}levels-link-failed.png` });
    assert.fail(`link ${from} → ${to} was not drawn: ${await page.locator('.status-area').innerText()}`);
  }
}

/** Presses Check and waits for a fresh verdict; returns its element. */
async function check(page) {
  const before = await page.locator('.level-verdict').count();
  const headline = before ? await page.locator('.verdict-headline').innerText() : '';
  await page.locator('button.level-check').scrollIntoViewIfNeeded();
  await page.click('button.level-check');
  await page.waitForFunction(
    (h) => {
      const v = document.querySelector('.level-verdict .verdict-headline');
      return v && !document.querySelector('.level-check.is-running') && (v.textContent !== h || !h);
    },
    headline,
    { timeout: 120000 },
  );
  return page.locator('.level-verdict');
}

test('level 1: fail with evidence, fix by dragging, pass, solved on the path; a built level opens elsewhere', async () => {
  const { context, page, errors } = await openPage('#/level/one-server');
  try {
    // 1. The level and its goal.
    await page.locator('#level-title').waitFor();
    assert.equal(await page.locator('#level-title').innerText(), 'One server');
    const goal = await page.locator('.goal-list li').allInnerTexts();
    assert.deepEqual(goal, [
      'At least 97 % of requests succeed over the run',
      'Every incident recovers (requests stop failing) within 180 s',
    ]);
    assert.equal(await page.locator('.palette [data-kind="queue"]').count(), 0, 'the level allows no queue');

    // Check the start: it fails, with the evidence.
    let verdict = await check(page);
    assert.match(await verdict.getAttribute('class'), /is-failed/);
    assert.match(await page.locator('.verdict-headline').innerText(), /Not yet/);
    const evidence = await page.locator('.verdict-evidence').innerText();
    assert.match(evidence, /web-1/);
    const measured = await page.locator('.criterion-results li').first().innerText();
    assert.match(measured, /measured 25\.2 %/, 'the pinned availability of the start design');
    await page.screenshot({ path: `${artifacts}levels-failed.png` });

    // "Show me": the level's run, paused at the moment, web-1 selected.
    await page.click('button.show-me');
    await page.waitForFunction(() => document.querySelector('.clock time')?.textContent === '00:05:00', null, {
      timeout: 20000,
    });
    assert.match(await page.locator('.status-area').innerText(), /Showing the level's run/);

    // 2. The fix, by dragging: a load balancer on the band, a second instance in zone b.
    const band = await page.locator('.band .band-body').boundingBox();
    await drag(page, palette(page, 'load-balancer'), { x: band.x + band.width * 0.45, y: band.y + band.height - 18 });
    await until(page, (d) => d.components.some((c) => c.id === 'lb-1'));
    const laneB = page.locator('.lane[data-zone="b"] .lane-body');
    await laneB.scrollIntoViewIfNeeded();
    const lane = await laneB.boundingBox();
    await drag(page, palette(page, 'instance'), { x: lane.x + lane.width / 2, y: lane.y + lane.height - 20 });
    await until(page, (d) => d.components.some((c) => c.id === 'web-2' && c.zone === 'b'));
    // The second instance as small as the first (the cheaper design earns the star).
    await page.selectOption('#field-web-2-size', 't3.small');
    // The clients no longer go straight to web-1 (they have one entry point): remove that
    // link in the inspector, then link through the load balancer.
    await node(page, 'clients').locator('.node-body').click();
    await page.getByRole('button', { name: 'Remove the link clients → web-1' }).click();
    await until(page, (d) => !d.connections.some((c) => c.from === 'clients' && c.to === 'web-1'));
    await link(page, 'clients', 'lb-1');
    await link(page, 'lb-1', 'web-1');
    await link(page, 'lb-1', 'web-2');
    await link(page, 'web-2', 'db-1');

    verdict = await check(page);
    assert.match(await verdict.getAttribute('class'), /is-passed/, await verdict.innerText());
    assert.match(await page.locator('.level-par').innerText(), /at or under par .*a star/);
    assert.equal(await page.locator('a.next-level').getAttribute('href'), '#/level/database');
    await page.locator('.level-verdict').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${artifacts}levels-passed.png` });
    const solved = await design(page);

    // 3. Reload on the path: level 1 is solved; the level resumes the learner's design.
    await page.goto(`${url}#/levels`);
    await page.reload({ waitUntil: 'networkidle' });
    const card = page.locator('.level-card[data-level="one-server"]');
    await card.waitFor();
    assert.match(await card.getAttribute('class'), /is-solved/);
    assert.match(await card.innerText(), /Solved/);
    assert.match(await card.innerText(), /Best: \$\d\.\d\d\/h/);
    assert.equal(await page.locator('.level-card').count(), 8);
    assert.equal(await page.locator('.level-card.is-solved').count(), 1);
    await page.screenshot({ path: `${artifacts}levels-screen.png` });

    // Progress: exported as a file; a broken file is refused, naming the problem, and
    // changes nothing.
    const [exported] = await Promise.all([page.waitForEvent('download'), page.click('button.export-progress')]);
    assert.equal(exported.suggestedFilename(), 'nines-progress.json');
    const progress = JSON.parse(await readFile(await exported.path(), 'utf8'));
    assert.equal(progress.nines_progress, 1);
    assert.equal(progress.levels['one-server'].solved, true);
    await page.setInputFiles('.progress-files input[type=file]', {
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"nines_progress": 2, "levels": {}}'),
    });
    await page.waitForFunction(() => /not imported/.test(document.querySelector('.progress-message')?.textContent));
    const refusal = await page.locator('.progress-message').innerText();
    assert.match(refusal, /broken\.json was not imported; your progress is unchanged\. .*version 2/);
    assert.equal(await page.locator('.level-card.is-solved').count(), 1, 'still solved');
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('nines.progress.v1')));
    assert.deepEqual(stored, progress, 'the stored progress is the exported one, untouched');
    await card.getByRole('link').click();
    await page.locator('#level-title').waitFor();
    // Focus follows the change of screen to the level's title.
    await page.waitForFunction(() => document.activeElement?.id === 'level-title');
    assert.deepEqual((await design(page)).components, solved.components, 'returning resumes the design');

    // 4. The builder: a level from this design; its link opens in a fresh context.
    await page.click('button.make-level');
    const dialog = page.getByRole('dialog', { name: 'Make a level' });
    await dialog.waitFor();
    await page.keyboard.type('Two servers hold');
    await dialog.locator('textarea.builder-story').fill('A server dies. Does the shop stay open?');
    await dialog.locator('textarea.builder-explanation').fill('The load balancer sends everything to the survivor.');
    await dialog.locator('textarea.builder-hints').fill('Two is one.\nOne is none.');
    await dialog.locator('textarea.builder-incident').fill('2m:kill web-1\n');
    await dialog.locator('#builder-goal-availability').fill('95');
    await page.screenshot({ path: `${artifacts}levels-builder.png` });
    await dialog.locator('button.builder-make').click();
    const linkText = await dialog.locator('input.builder-link').inputValue();
    assert.match(linkText, /#\/level=[A-Za-z0-9_-]+$/);
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.locator('button.download-level').click()]);
    assert.equal(download.suggestedFilename(), 'two-servers-hold.nines-level.json');

    const other = await browser.newContext({ viewport });
    try {
      const student = await other.newPage();
      await student.goto(linkText, { waitUntil: 'networkidle' });
      await student.locator('#level-title').waitFor();
      assert.equal(await student.locator('#level-title').innerText(), 'Two servers hold');
      assert.deepEqual(await student.locator('.goal-list li').allInnerTexts(), [
        'At least 95 % of requests succeed over the run',
        'No committed database write is lost',
      ]);
      assert.match(await student.locator('.level-head .eyebrow').innerText(), /level builder/i);
    } finally {
      await other.close();
    }
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a damaged level link says what is wrong and keeps the Playground design', async () => {
  const { context, page, errors } = await openPage('#/level=eJxLTEpOSU1LBwAIxQKw');
  try {
    const alert = page.getByRole('alert');
    await alert.first().waitFor();
    assert.match(await alert.first().innerText(), /This level link cannot be opened/);
    await page.click('a.top-nav-link[href="#/"]');
    await page.getByRole('navigation', { name: 'Components' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'page-title');
    assert.ok((await design(page)).components.length > 0, 'the Playground opens its design');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
