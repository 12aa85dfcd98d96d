// Prints, as JSON, what the cost meter charges per hour for one server of a profile and one Dask
// cluster, with the service's own pricing loader and arithmetic (service/dist/costs): the numbers
// of the guide's worked example ("Why is my server costing $0.42/h") come from here.
//   node docs/tools/rate.mjs <pricing.yaml> <profile> [<workers> <worker cores> <worker GiB> <scheduler cores> <scheduler GiB>]
import { readFile } from 'node:fs/promises';
import { billedServer, daskRate, daskSize, serverRate, total } from '../../service/dist/costs/arithmetic.js';
import { loadPricingFile } from '../../service/dist/costs/pricing/load.js';
import { GIB } from '../../service/dist/costs/pricing/types.js';

const [file, profile, ...cluster] = process.argv.slice(2);
const pricing = await loadPricingFile(file, (f) => readFile(f, 'utf8'));
// the server as the hub poller sees it: its profile, no heartbeat guarantees, no usage above them
const facts = { profile, cpuGuarantee: null, memGuaranteeBytes: null, gpuType: null, gpuCount: null, cpuUsed: null, rssBytes: null };
const server = serverRate(pricing, billedServer(pricing, facts));
let dask = 0;
if (cluster.length > 0) {
  const [workers, workerCores, workerGib, schedulerCores, schedulerGib] = cluster.map(Number);
  const size = daskSize({
    workers,
    workerCores,
    workerMemoryBytes: workerGib * GIB,
    schedulerCores,
    schedulerMemoryBytes: schedulerGib * GIB
  });
  dask = total(daskRate(pricing, size.cores, size.memoryBytes));
}
process.stdout.write(`${JSON.stringify({ currency: pricing.currency, server, dask, total: total(server) + dask })}\n`);
