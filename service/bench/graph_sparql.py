"""The knowledge-graph benchmark's anchor: the same 2-hop query in pyoxigraph (SPARQL).

Loads the N-Triples file that bench/graph-neighbourhood.ts wrote (one triple per edge, one
status triple per node) into an in-memory store, then for each root asks for every published
node within two hops over edges in either direction (the root left out), like the SQL side.
Prints one JSON line: load time, per-query latency percentiles and each root's result size.

Usage: python graph_sparql.py --nt graph.nt --roots roots.json [--warmup 20]
"""
import argparse
import json
import time
from urllib.parse import quote

from pyoxigraph import RdfFormat, Store

NODE = "https://w3id.org/leap/node/"
STATUS = "https://w3id.org/leap/status"

# The status checks are FILTER EXISTS: as plain triple patterns pyoxigraph evaluates them on
# their own (every node) and hash-joins, 1000x slower on this graph.
QUERY = """
SELECT DISTINCT ?n WHERE {{
  {{
    {{ <{root}> ?p1 ?n }} UNION {{ ?n ?p1 <{root}> }}
    FILTER EXISTS {{ ?n <{status}> "published" }}
  }} UNION {{
    {{ <{root}> ?p1 ?m }} UNION {{ ?m ?p1 <{root}> }}
    FILTER EXISTS {{ ?m <{status}> "published" }}
    {{ ?m ?p2 ?n }} UNION {{ ?n ?p2 ?m }}
    FILTER EXISTS {{ ?n <{status}> "published" }}
  }}
  FILTER(?n != <{root}>)
}}
"""


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--nt", required=True)
    parser.add_argument("--roots", required=True)
    parser.add_argument("--warmup", type=int, default=20)
    args = parser.parse_args()
    with open(args.roots, encoding="utf-8") as f:
        roots = json.load(f)

    store = Store()
    started = time.perf_counter()
    store.bulk_load(path=args.nt, format=RdfFormat.N_TRIPLES)
    load_s = time.perf_counter() - started

    def run(root):
        iri = NODE + quote(root, safe="")
        return sum(1 for _ in store.query(QUERY.format(root=iri, status=STATUS)))

    for root in roots[: args.warmup]:
        run(root)
    times, counts = [], []
    for root in roots:
        t0 = time.perf_counter()
        counts.append(run(root))
        times.append((time.perf_counter() - t0) * 1000)
    print(json.dumps({
        "engine": "pyoxigraph",
        "load_s": round(load_s, 2),
        "p50_ms": round(percentile(times, 50), 2),
        "p95_ms": round(percentile(times, 95), 2),
        "p99_ms": round(percentile(times, 99), 2),
        "mean_ms": round(sum(times) / len(times), 2),
        "counts": counts,
    }))


if __name__ == "__main__":
    main()
