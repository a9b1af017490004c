// scripts/precompress and scripts/static-server, without a browser: the copies are written
// and decode to the original, and the server picks brotli, then gzip, then the plain file
// as Accept-Encoding allows, and never serves outside its folder.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

const scripts = fileURLToPath(new URL('../../scripts/', import.meta.url));
const site = mkdtempSync(join(tmpdir(), 'nines-site-'));
const wasm = Buffer.from('\0asm'.repeat(4096));
const css = 'body { margin: 0; }\n'.repeat(200);
let server;
let base;

before(async () => {
  writeFileSync(join(site, 'app_bg.wasm'), wasm);
  writeFileSync(join(site, 'style.css'), css);
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(site, 'notes.txt'), 'not compressed');
  execFileSync(join(scripts, 'precompress'), [site], { stdio: 'pipe' });
  server = spawn(process.execPath, [join(scripts, 'static-server'), site, '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  base = await new Promise((resolve, reject) => {
    server.stdout.once('data', (line) => resolve(String(line).match(/http:\S+/)[0]));
    server.once('exit', (code) => reject(new Error(`static-server exited with ${code}`)));
  });
});

after(() => {
  server?.kill();
  rmSync(site, { recursive: true, force: true });
});

/** Status, headers and body of a GET with this Accept-Encoding (raw bytes, not decoded). */
function get(path, acceptEncoding) {
  const headers = acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding };
  return new Promise((resolve, reject) => {
    request(new URL(path, base), { headers }, (response) => {
      const chunks = [];
      response.on('data', (c) => chunks.push(c));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

test('precompress writes brotli and gzip copies that decode to the original', () => {
  assert.deepEqual(brotliDecompressSync(readFileSync(join(site, 'app_bg.wasm.br'))), wasm);
  assert.deepEqual(gunzipSync(readFileSync(join(site, 'style.css.gz'))).toString(), css);
  assert.throws(() => readFileSync(join(site, 'notes.txt.br')), /ENOENT/, 'only wasm, JS, CSS and HTML');
});

test('the server sends brotli, then gzip, then the plain file, as the browser accepts', async () => {
  const br = await get('/app_bg.wasm', 'gzip, deflate, br');
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(br.headers['content-type'], 'application/wasm');
  assert.equal(br.headers.vary, 'Accept-Encoding');
  assert.deepEqual(brotliDecompressSync(br.body), wasm);
  assert.ok(br.body.length < wasm.length);

  const gzip = await get('/style.css', 'gzip;q=1, br;q=0');
  assert.equal(gzip.headers['content-encoding'], 'gzip');
  assert.equal(gunzipSync(gzip.body).toString(), css);

  const plain = await get('/app_bg.wasm', 'identity');
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.deepEqual(plain.body, wasm);
  assert.equal(Number(plain.headers['content-length']), wasm.length);

  const none = await get('/notes.txt', 'br, gzip');
  assert.equal(none.headers['content-encoding'], undefined, 'no copy: the file as is');
  assert.equal(none.body.toString(), 'not compressed');
});

test('the server answers / with index.html and refuses what is not in its folder', async () => {
  const index = await get('/', 'br');
  assert.equal(index.status, 200);
  assert.match(brotliDecompressSync(index.body).toString(), /<title>t<\/title>/);
  assert.equal((await get('/missing.js')).status, 404);
  assert.equal((await get('/..%2f..%2fetc%2fpasswd')).status, 404);
  assert.equal((await get('/%E0%A4%A')).status, 404, 'a malformed escape is not found, not a crash');
});
