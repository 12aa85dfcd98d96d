import type { PricingFile } from './schema.js';

/**
 * GCP us-central1 on-demand prices (../shared/DESIGN.md, Costs) and example profiles; the same
 * values as examples/pricing/gcp-us-central1.yaml, which a test keeps equal to this.
 */
export const DEFAULT_PRICING: PricingFile = {
  cloud: 'gcp',
  region: 'us-central1',
  currency: 'USD',
  prices: {
    vcpu_hour: 0.031611,
    memory_gib_hour: 0.004237,
    gpu_hour: { a100: 2.934, t4: 0.35 },
    node_hour: { 'n2-highmem-16': 1.048112 },
    storage_gb_month: 0.02,
    egress_gib: 0.12
  },
  profiles: {
    small: { cpu: 1, memory_gib: 8 },
    medium: { cpu: 4, memory_gib: 32 },
    large: { cpu: 8, memory_gib: 64 },
    huge: { cpu: 16, memory_gib: 128, node: 'n2-highmem-16' },
    'gpu-t4': { cpu: 4, memory_gib: 16, gpu: { type: 't4', count: 1 } },
    'gpu-a100': { cpu: 12, memory_gib: 85, gpu: { type: 'a100', count: 1 } }
  },
  default_profile: 'small',
  idle: { after_minutes: 30, cpu_percent_below: 2 }
};
