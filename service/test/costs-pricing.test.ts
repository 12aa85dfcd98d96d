import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseCostsConfig } from '../src/costs/config.js';
import { DEFAULT_PRICING } from '../src/costs/pricing/defaults.js';
import { PricingHolder } from '../src/costs/pricing/holder.js';
import { parsePricing, PricingError } from '../src/costs/pricing/load.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/pricing/gcp-us-central1.yaml', import.meta.url));
const BASE = `cloud: gcp
region: us-central1
currency: USD
prices:
  vcpu_hour: 0.03
  memory_gib_hour: 0.004
  gpu_hour:
    t4: 0.35
  storage_gb_month: 0.02
  egress_gib: 0.12
`;

function refused(text: string): string {
  try {
    parsePricing(text, 'pricing.yaml');
  } catch (error) {
    assert.ok(error instanceof PricingError);
    return error.message;
  }
  assert.fail('the pricing was accepted');
}

describe('pricing file', () => {
  it('the documented example is exactly the built-in defaults', async () => {
    assert.deepEqual(parsePricing(await readFile(EXAMPLE, 'utf8'), 'gcp-us-central1.yaml'), DEFAULT_PRICING);
  });

  it('names the line and key path of a wrong value', () => {
    assert.equal(
      refused(BASE.replace('t4: 0.35', 't4: 0.35\n    a100: lots')),
      'pricing.yaml line 9: prices.gpu_hour.a100 must be a number'
    );
    assert.equal(refused(BASE.replace('vcpu_hour: 0.03', 'vcpu_hour: -1')), 'pricing.yaml line 5: prices.vcpu_hour must be >= 0');
    assert.equal(refused(BASE.replace('USD', 'dollars')), 'pricing.yaml line 3: currency must be a 3-letter currency code like USD');
  });

  it('names unknown and missing keys', () => {
    assert.equal(refused(BASE + 'discount: 0.1\n'), 'pricing.yaml line 11: discount is not a known key');
    assert.equal(refused(BASE.replace('  egress_gib: 0.12\n', '')), 'pricing.yaml line 5: prices needs egress_gib');
  });

  it('checks that profiles name priced GPUs and an existing default', () => {
    const text = `${BASE}profiles:\n  big:\n    cpu: 4\n    memory_gib: 16\n    gpu:\n      type: h100\n      count: 1\ndefault_profile: tiny\n`;
    assert.equal(
      refused(text),
      'pricing.yaml line 16: profiles.big.gpu.type "h100" has no price in prices.gpu_hour; ' +
        'pricing.yaml line 18: default_profile "tiny" is not one of the profiles'
    );
  });

  it('reports YAML syntax errors with their line', () => {
    assert.match(refused('cloud: gcp\nprices: [unclosed\n'), /^pricing\.yaml line \d+: /);
    assert.match(refused('cloud: gcp\ncloud: aws\n'), /^pricing\.yaml line 2: .*unique/i);
  });

  it('a failed reload keeps the last good pricing and records why', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'leap-pricing-'));
    try {
      const file = path.join(dir, 'pricing.yaml');
      await writeFile(file, BASE);
      const errors: string[] = [];
      const holder = await PricingHolder.create(file, { onError: (m) => errors.push(m) });
      await writeFile(file, BASE.replace('vcpu_hour: 0.03', 'vcpu_hour: cheap'));
      await assert.rejects(holder.reload(), /pricing\.yaml line 5: prices\.vcpu_hour must be a number/);
      assert.equal(holder.current.vcpuHour, 0.03);
      assert.match(holder.lastError?.message ?? '', /line 5/);
      assert.equal(errors.length, 1);
      await writeFile(file, BASE.replace('vcpu_hour: 0.03', 'vcpu_hour: 0.04'));
      assert.equal((await holder.reload()).vcpuHour, 0.04);
      assert.equal(holder.lastError, null);
      await rm(file);
      await assert.rejects(holder.reload(), /pricing\.yaml: cannot read/);
      assert.equal(holder.current.vcpuHour, 0.04);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads the cost settings from the environment, naming bad variables', () => {
    assert.equal(parseCostsConfig({}, []), undefined);
    const problems: string[] = [];
    assert.deepEqual(parseCostsConfig({ LEAP_COSTS_STORAGE: 'gcs:leap-scratch/home', LEAP_COSTS_HUB_POLL_SECONDS: '5' }, problems), {
      pricingFile: null,
      hubPollSeconds: 5,
      storage: { kind: 'gcs', bucket: 'leap-scratch', prefix: 'home/', baseUrl: 'https://storage.googleapis.com', tokenFile: null },
      storageSeconds: 3600
    });
    assert.deepEqual(problems, []);
    parseCostsConfig({ LEAP_COSTS_STORAGE: 's3:x', LEAP_COSTS_STORAGE_SECONDS: '0' }, problems);
    assert.deepEqual(problems, [
      'LEAP_COSTS_STORAGE must be none, local:<directory> or gcs:<bucket>[/<prefix>], got "s3:x"',
      'LEAP_COSTS_STORAGE_SECONDS must be a whole number of seconds from 1 to 86400, got "0"'
    ]);
  });
});
