// End-to-end: "CloudFormation" in the toolbar downloads the open design as an AWS
// CloudFormation template in YAML that a YAML parser reads, naming the design's load
// balancer and auto-scaling groups, and the status line says which parameters to fill in.
// The exporter runs in its own Web Worker, fetched on the first press. A two-region design
// (the multi-region example) is one stack per region: a dialog offers each region's
// template, and each holds that region's load balancer, group and Route 53 record.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { designPath } from '../lib/live.mjs';
import { artifacts, launch, url } from '../lib/browser.mjs';

const threeTier = designPath('three-tier');

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

test('A two-region design offers one template per region in a dialog', async () => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  try {
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.locator('.node[data-id="web-1"]').waitFor();
    await page.getByRole('button', { name: 'Examples' }).click();
    await page.getByRole('menuitem', { name: /^Multi-region/ }).click();
    await page.locator('.node[data-id="lb-west"]').first().waitFor();

    await page.getByRole('button', { name: 'CloudFormation' }).click();
    const dialog = page.getByRole('dialog', { name: 'CloudFormation: one stack per region' });
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /fill in DnsHostedZoneId, DnsRecordName/);
    await page.screenshot({ path: `${artifacts}cloudformation-regions.png` });

    const expected = [
      ['us-east-1', 'LbEastRecord', 'PRIMARY', 'LbWestRecord'],
      ['us-west-2', 'LbWestRecord', 'SECONDARY', 'LbEastRecord'],
    ];
    for (const [region, record, role, other] of expected) {
      const name = `multi-region-${region}.template.yaml`;
      const button = dialog.getByRole('button', { name: `Download ${name}` });
      // Keyboard: the dialog holds focus; Tab reaches each download button.
      await button.focus();
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      assert.equal(download.suggestedFilename(), name);
      const text = await readFile(await download.path(), 'utf8');
      await writeFile(`${artifacts}${name}`, text);
      assert.ok(text.includes(`# The ${region} stack: create it in ${region}.`), `${name} says where to create it`);
      const template = parse(text);
      assert.equal(template.Metadata['Nines::Design'].Region, region);
      const properties = template.Resources[record].Properties;
      assert.equal(template.Resources[record].Type, 'AWS::Route53::RecordSet');
      assert.equal(properties.Failover, role, `${region}'s record is ${role}`);
      assert.equal(properties.TTL, '60');
      assert.equal(properties.Type, 'CNAME');
      assert.equal(template.Resources[record.replace('Record', 'HealthCheck')].Properties.HealthCheckConfig.RequestInterval, 30);
      assert.equal(template.Resources[other], undefined, `${name} holds only its region's record`);
      await page.getByText(`Exported ${name}`).waitFor();
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'CloudFormation',
      'focus returns to the button');

    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
