// End-to-end: embed mode in a slide deck. The example deck (dist/deck.html) hosts two
// scenes in 960×540 iframes. The embed takes no focus on load, says nines:ready, plays on
// nines:play, hands ArrowRight back to the deck as nines:key, and pauses on reveal.js's
// slide:stop; the same URL gives the same event log on every load; nothing scrolls at
// 960×540 or 480×270 (screenshots: e2e/artifacts/embed-*.png). Also: bad parameters show
// a message, the presenter keys, the Playground's "Copy embed code" dialog, and a level
// embedded by name (level=one-server) playing its incident.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { artifacts, launch, url } from '../lib/browser.mjs';
import { seconds } from '../lib/live.mjs';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/** A page in its own context; `errors` collects console errors and uncaught exceptions,
 * `warnings` console warnings (from every frame). */
async function open(viewport) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  const warnings = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    if (message.type() === 'warning') warnings.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return { context, page, errors, warnings };
}

/** The clock of the scene in iframe `id` of the deck, in seconds. */
const frameClock = (page, id) =>
  page.evaluate((id) => document.getElementById(id).contentDocument.querySelector('.embed-clock time').textContent, id)
    .then(seconds);

/** Whether the document scrolls in either direction. */
const scrolls = (doc) => {
  const root = doc.scrollingElement ?? doc.documentElement;
  return root.scrollWidth > root.clientWidth || root.scrollHeight > root.clientHeight;
};

test('the deck hosts a scene without a focus trap; messages drive it; its keys reach the deck', async () => {
  const { context, page, errors, warnings } = await open({ width: 1280, height: 760 });
  try {
    await page.goto(`${url}/deck.html`);
    await page.waitForFunction(() => window.deckMessages.some((m) => m.type === 'nines:ready' && m.from === 0));
    const ready = await page.evaluate(() => window.deckMessages.find((m) => m.type === 'nines:ready'));
    assert.deepEqual(ready.script, [60], 'the scripted kill at 60 s');

    // No focus taken on load: the deck keeps the keyboard.
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'BODY');
    const box = await page.locator('#scene-single').boundingBox();
    assert.deepEqual([box.width, box.height], [960, 540]);
    const inner = await page.evaluate(() => {
      const doc = document.getElementById('scene-single').contentDocument;
      return { scrolls: (doc.scrollingElement.scrollHeight > doc.scrollingElement.clientHeight)
        || (doc.scrollingElement.scrollWidth > doc.scrollingElement.clientWidth), focused: doc.hasFocus() };
    });
    assert.equal(inner.scrolls, false, 'no scrollbars at 960×540');
    assert.equal(inner.focused, false);

    // Paused until asked; nines:play starts it and simulated time advances.
    await page.waitForTimeout(400);
    assert.equal(await frameClock(page, 'scene-single'), 0);
    await page.evaluate(() =>
      document.getElementById('scene-single').contentWindow.postMessage({ type: 'nines:play' }, '*'));
    await page.waitForFunction(() => {
      const doc = document.getElementById('scene-single').contentDocument;
      return doc.querySelector('.embed-clock time').textContent >= '00:00:05';
    });

    // A malformed message is ignored with a warning; the scene keeps playing.
    await page.evaluate(() =>
      document.getElementById('scene-single').contentWindow.postMessage({ type: 'nines:seek', t: 'soon' }, '*'));
    await page.waitForFunction(() => window.deckMessages.length > 0);
    await page.waitForTimeout(200);
    assert.ok(warnings.some((w) => w.includes('nines:seek') && w.includes('"t"')), warnings.join('\n'));

    // The presenter clicks into the scene, then presses → : the deck moves on.
    await page.frameLocator('#scene-single').locator('.embed-stage').click({ position: { x: 6, y: 6 } });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'scene-single', 'focus is inside now');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => window.deckMessages.some((m) => m.type === 'nines:key' && m.key === 'ArrowRight'));
    await page.locator('#deck-position', { hasText: 'Slide 2 of 3' }).waitFor();

    // Leaving the slide sent slide:stop (as reveal.js does): the first scene is paused.
    const pressed = await page.frameLocator('#scene-single').locator('.embed-play').getAttribute('aria-pressed');
    assert.equal(pressed, 'false');
    const stopped = await frameClock(page, 'scene-single');
    await page.waitForTimeout(400);
    assert.equal(await frameClock(page, 'scene-single'), stopped, 'paused by slide:stop');
    // …and slide:start played the second.
    await page.waitForFunction(() =>
      document.getElementById('scene-three-tier').contentDocument.querySelector('.embed-clock time').textContent > '00:00:02');
    // The deck hears about the incident, its recovery and the end of the run (a seek past
    // the end stops at it).
    await page.evaluate(() =>
      document.getElementById('scene-three-tier').contentWindow.postMessage({ type: 'nines:seek', t: 1000 }, '*'));
    await page.waitForFunction(() => window.deckMessages.some((m) => m.type === 'nines:finished' && m.from === 1),
      null, { timeout: 30000 });
    const told = await page.evaluate(() => window.deckMessages.filter((m) => m.from === 1 && m.type !== 'nines:key'));
    assert.deepEqual(told.map((m) => m.type), ['nines:ready', 'nines:incident', 'nines:recovered', 'nines:finished']);
    assert.equal(told[1].t, 60);
    assert.match(told[1].what, /zone a/i);
    assert.ok(told[2].t > 60 && told[2].t < 360, `recovered at ${told[2].t} s`);
    assert.equal(told[3].t, 360, 'the run ends 5 minutes after the last scripted fault');
    await page.screenshot({ path: `${artifacts}embed-deck.png` });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the same URL shows the same run on every load, with no scrollbars at 960×540 and 480×270', async () => {
  const { context, page, errors } = await open({ width: 960, height: 540 });
  try {
    await page.goto(`${url}/deck.html`);
    const link = await page.evaluate(() => document.getElementById('scene-three-tier').src);
    const runTo150 = async () => {
      await page.goto('about:blank');
      await page.goto(link);
      await page.locator('.embed-clock time').waitFor();
      // Play a little, pause, then seek to 2:30 (simulated forward or rewound: the same run).
      await page.evaluate(() => window.postMessage({ type: 'nines:play' }, '*'));
      await page.waitForFunction(() => document.querySelector('.embed-clock time').textContent >= '00:00:10');
      await page.evaluate(() => window.postMessage({ type: 'nines:pause' }, '*'));
      await page.evaluate(() => window.postMessage({ type: 'nines:seek', t: 150 }, '*'));
      await page.waitForFunction(() => document.querySelector('.embed-clock time').textContent === '00:02:30',
        null, { timeout: 30000 });
      return page.evaluate(() => window.__nines_embed_log());
    };
    const first = await runTo150();
    assert.match(first, /00:01:00 .*zone a/i, 'the scripted zone loss is in the log');
    assert.ok(first.split('\n').length > 5, first);
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'BODY', 'no autofocus');
    assert.equal(await page.evaluate(scrolls.toString().replace(/^/, '(') + ')(document)'), false, 'no scrollbars at 960×540');
    await page.screenshot({ path: `${artifacts}embed-960x540.png` });

    const second = await runTo150();
    assert.equal(second, first, 'the same event log on a second load');

    await page.setViewportSize({ width: 480, height: 270 });
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(scrolls.toString().replace(/^/, '(') + ')(document)'), false, 'no scrollbars at 480×270');
    await page.screenshot({ path: `${artifacts}embed-480x270.png` });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('presenter keys: ? shows the help, N jumps to the next scripted event, K kills, R resets', async () => {
  const { context, page, errors } = await open({ width: 960, height: 540 });
  try {
    await page.goto(`${url}/deck.html`);
    const link = await page.evaluate(() => document.getElementById('scene-single').src);
    await page.goto(link);
    await page.locator('.embed-clock time').waitFor();
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Presenter keys' }).waitFor();
    await page.screenshot({ path: `${artifacts}embed-keys.png` });
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Presenter keys' }).waitFor({ state: 'detached' });

    await page.keyboard.press('n');
    await page.waitForFunction(() => document.querySelector('.embed-clock time').textContent === '00:01:00');
    assert.match(await page.evaluate(() => window.__nines_embed_log()), /00:01:00 .*killed web-1/);

    // K with nothing selected says why; with the database selected it kills its primary.
    await page.keyboard.press('k');
    await page.locator('.embed-status.refused').waitFor();
    await page.locator('.node[data-id="db-1"] .node-body').first().click();
    await page.keyboard.press('k');
    await page.waitForFunction(() => /primary/i.test(window.__nines_embed_log().split('\n').slice(-5).join(' ')));

    await page.keyboard.press('r');
    await page.waitForFunction(() => document.querySelector('.embed-clock time').textContent === '00:00:00');
    assert.doesNotMatch(await page.evaluate(() => window.__nines_embed_log()), /killed/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a bad embed link shows what is wrong instead of a crash', async () => {
  const { context, page, errors } = await open({ width: 960, height: 540 });
  try {
    await page.goto(`${url}/deck.html`);
    const link = await page.evaluate(() => document.getElementById('scene-single').src);
    // Through about:blank each time: a link differing only after the # would not load anew.
    await page.goto('about:blank');
    await page.goto(link.replace('kill%20web-1', 'kill%20web-9'));
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /script, fault 1: `60s:kill web-9`/);
    await page.goto('about:blank');
    await page.goto(`${url}/#/embed?speed=3`);
    await page.getByRole('alert').filter({ hasText: 'no design' }).waitFor();
    await page.goto('about:blank');
    await page.goto(`${url}/#/embed?d=eJx$$`);
    await page.getByRole('alert').filter({ hasText: 'damaged' }).waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('level=one-server embeds the level: its start design plays its scripted incident', async () => {
  const { context, page, errors } = await open({ width: 1000, height: 600 });
  try {
    // A host page of its own on the app's origin (an about:blank page may not frame a
    // local address), collecting what the embed tells it.
    await page.goto(`${url}/deck.html`);
    // Only the scene's own messages: the deck's scenes, still loading when the page was
    // replaced, may post theirs to this same window.
    await page.setContent(`<script>window.got = []; addEventListener('message', (e) => {
        if (e.source === document.getElementById('scene')?.contentWindow) got.push(e.data);
      });</script>
      <iframe id="scene" width="960" height="540" src="${url}/#/embed?level=one-server&play=1&speed=100"></iframe>`);
    await page.waitForFunction(() => window.got.some((m) => m.type === 'nines:ready'));
    const ready = await page.evaluate(() => window.got.find((m) => m.type === 'nines:ready'));
    assert.deepEqual(ready.script, [300], "the level's incident: web-1 killed at 5 minutes");
    // play=1: it plays on its own up to the incident, which the host hears about.
    await page.waitForFunction(() => window.got.some((m) => m.type === 'nines:incident'), null, { timeout: 30000 });
    const incident = await page.evaluate(() => window.got.find((m) => m.type === 'nines:incident'));
    assert.equal(incident.t, 300);
    assert.match(incident.what, /web-1/);
    const frame = page.frameLocator('#scene');
    assert.equal(await frame.locator('.embed-open').getAttribute('href'), './#/level/one-server');
    assert.match(await frame.locator('.embed-open').getAttribute('title'), /One server/);
    await page.screenshot({ path: `${artifacts}embed-level.png` });

    // An unknown level lists the shipped ones.
    await page.goto('about:blank');
    await page.goto(`${url}/#/embed?level=two-servers`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /level=two-servers: .*one-server, database/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('"Embed" in the Playground shows the iframe code in an accessible dialog', async () => {
  const { context, page, errors } = await open({ width: 1400, height: 1000 });
  try {
    await page.goto(url, { waitUntil: 'networkidle' });
    // A recorded fault becomes the embed's script.
    await page.getByRole('button', { name: /^Lose zone a/ }).first().click();
    await page.locator('.log-list li', { hasText: /zone a/i }).first().waitFor();
    const button = page.getByRole('button', { name: 'Embed', exact: true });
    await button.click();
    const dialog = page.getByRole('dialog', { name: 'Copy embed code' });
    await dialog.waitFor();
    const code = await dialog.locator('textarea').inputValue();
    assert.match(code, /^<iframe src="http[^"]+#\/embed\?d=[A-Za-z0-9_-]+&amp;[^"]*seed=\d+/);
    assert.match(code, /title="Nines simulation: [^"]+" width="960" height="540" allow="fullscreen; clipboard-write"/);
    assert.match(code, /&amp;script=0s%3Alose-zone%20a&amp;/);
    assert.match(code, /&amp;speed=10"/, 'a Playground at 1× embeds at 10×');
    // Focus stays in the dialog (the page behind is inert).
    for (let i = 0; i < 8; i += 1) {
      await page.keyboard.press('Tab');
      const inside = await page.evaluate(() => !!document.activeElement?.closest('dialog') || document.activeElement === document.body);
      assert.ok(inside, `tab ${i} left the dialog`);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Embed', 'focus returns');
    // The code opens the same design in embed mode.
    const src = code.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&');
    await page.goto('about:blank');
    await page.goto(src);
    await page.locator('.embed-stage .canvas').waitFor();
    await page.evaluate(() => window.postMessage({ type: 'nines:play' }, '*'));
    await page.waitForFunction(() => /00:00:00 .*zone a/i.test(window.__nines_embed_log()));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('on a level\'s screen the dialog also offers the level\'s start and solution, which the embed opens', async () => {
  const { context, page, errors } = await open({ width: 1024, height: 768 });
  try {
    await page.goto(`${url}/#/level/health-checks`, { waitUntil: 'networkidle' });
    await page.locator('svg.canvas').waitFor();
    await page.getByRole('button', { name: 'Embed', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Copy embed code' });
    await dialog.waitFor();
    const choices = dialog.getByRole('group', { name: 'Embed' });
    assert.ok(await choices.getByRole('radio', { name: 'This design' }).isChecked(), 'the canvas by default');
    assert.match(await dialog.locator('textarea').inputValue(), /#\/embed\?d=/);
    // Keyboard: arrow keys move between the radios, as in any radio group.
    await choices.getByRole('radio', { name: 'This design' }).focus();
    await page.keyboard.press('ArrowDown');
    assert.ok(await choices.getByRole('radio', { name: 'The level’s start' }).isChecked());
    let code = await dialog.locator('textarea').inputValue();
    assert.match(code, /#\/embed\?charts=1&amp;level=health-checks&amp;play=0&amp;show=start&amp;speed=10"/);
    assert.match(code, /title="Nines simulation: [^"]+ \(start\)"/);
    await choices.getByRole('radio', { name: 'The level’s solution' }).check();
    code = await dialog.locator('textarea').inputValue();
    assert.match(code, /show=solution/);
    assert.match(await dialog.locator('#embed-code-about').innerText(), /solution, surviving the same incident/);
    await page.screenshot({ path: `${artifacts}embed-level-dialog.png` });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // The code opens the level's solution, with the level's incident as its script.
    const src = code.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&');
    await page.goto('about:blank');
    await page.goto(src);
    await page.locator('.embed-stage .canvas').waitFor();
    assert.equal(await page.locator('.embed-open').getAttribute('href'), './#/level/health-checks');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
