/** What a server of a hub profile (KubeSpawner slug) requests. */
export interface Profile {
  slug: string;
  cpu: number;
  memoryBytes: number;
  gpuType: string | null;
  gpuCount: number;
  /** A profile that takes a whole node is billed the node's hourly price instead of cpu + memory. */
  node: string | null;
}

/** The unit prices and profiles in force (validated, in the service's units). */
export interface Pricing {
  source: string;
  cloud: string;
  region: string;
  currency: string;
  vcpuHour: number;
  memoryGibHour: number;
  gpuHour: Record<string, number>;
  nodeHour: Record<string, number>;
  storageGbMonth: number;
  egressGib: number;
  profiles: Record<string, Profile>;
  defaultProfile: string | null;
  /** A server counts as idle after this long without hub activity and with CPU under the level. */
  idleAfterMinutes: number;
  idleCpuPercent: number;
}

export const GIB = 1024 ** 3;
export const GB = 1e9;
