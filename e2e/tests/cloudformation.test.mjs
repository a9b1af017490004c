// End-to-end: "CloudFormation" in the toolbar downloads the open design as an AWS
// CloudFormation template in YAML that a YAML parser reads, naming the design's load
// balancer and auto-scaling groups, and the status line says which parameters to fill in.
// The exporter runs in its own Web Worker, fetched on the first press.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { artifacts, launch, url } from '../lib/browser.mjs';

const threeTier = fileURLToPath(new URL('../../crates/sim/designs/three-tier.nines.json', import.meta.url));

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('Export CloudFormation downloads a YAML template of the open design', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  // The exporter lives in a Web Worker fetched on the first press, not on every visit.
  const workerRequests = [];
  page.on('request', (r) => { if (/cfn-worker/.test(r.url())) workerRequests.push(r.url()); });
  try {
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.setInputFiles('input.import-input', threeTier);
    await page.getByText('Imported “Three tier”').waitFor();

    assert.deepEqual(workerRequests, [], 'the exporter is not loaded before it is asked for');
    const button = page.getByRole('button', { name: 'CloudFormation' });
    await button.focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.equal(download.suggestedFilename(), 'three-tier.template.yaml');
    assert.ok(workerRequests.length > 0, 'the exporter ran in its worker');
    const path = await download.path();
    const text = await readFile(path, 'utf8');
    await writeFile(`${artifacts}three-tier.template.yaml`, text);

    const template = parse(text);
    assert.equal(template.AWSTemplateFormatVersion, '2010-09-09');
    const resources = template.Resources;
    assert.equal(resources.Lb1LoadBalancer.Type, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
    assert.deepEqual(resources.Lb1LoadBalancer.Properties.Tags, [{ Key: 'Name', Value: 'lb-1' }]);
    for (const [logical, name] of [['WebGroup', 'web'], ['WorkersGroup', 'workers']]) {
      assert.equal(resources[logical].Type, 'AWS::AutoScaling::AutoScalingGroup');
      assert.equal(resources[logical].Properties.Tags[0].Value, name);
    }
    assert.equal(resources.WebGroup.Properties.HealthCheckType, 'ELB');
    assert.deepEqual(resources.WebGroup.Properties.VPCZoneIdentifier, [{ Ref: 'PrivateSubnetA' }, { Ref: 'PrivateSubnetB' }]);
    assert.equal(resources.DbDatabase.Properties.MultiAZ, true);
    assert.ok(template.Parameters.VpcId && template.Parameters.PublicSubnetA, 'the network is a parameter');
    assert.ok(text.startsWith('# Three tier'), 'a header comment says what to fill in');

    const note = page.getByText('Exported three-tier.template.yaml. When you create the stack, fill in');
    await note.waitFor();
    assert.match(await note.textContent(), /VpcId/);
    await page.screenshot({ path: `${artifacts}cloudformation-export.png` });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
