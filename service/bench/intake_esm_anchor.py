"""The ANCHORS.md catalog-search anchor: intake-esm's search() on the same catalog and queries.

    .venv/bin/python service/bench/intake_esm_anchor.py <descriptor.json> <queries.json>

queries.json (written by catalog-search.ts): [{"term": {"column", "regex"}, "filters": [{"column", "value"}],
"facets": [5 columns]}, ...]. Each query is `cat.search(<term column>=<regex>, <filter column>=<value>...)`
(intake-esm treats a value with ^ $ * ? as a regex on that one column) followed by value counts of
the 5 facet columns over the result. Prints one JSON object on stdout: version, open time, peak
RSS, per-query milliseconds and result sizes.
"""

import json
import resource
import sys
import time
import warnings


def main() -> None:
    descriptor, queries_path = sys.argv[1], sys.argv[2]
    warnings.filterwarnings('ignore')
    import intake_esm

    started = time.perf_counter()
    cat = intake_esm.esm_datastore(descriptor)
    df = cat.df  # force the CSV to load
    open_seconds = time.perf_counter() - started

    with open(queries_path) as f:
        queries = json.load(f)

    def run(query):
        kwargs = {query['term']['column']: query['term']['regex']}
        for flt in query['filters']:
            kwargs.setdefault(flt['column'], [])
            if isinstance(kwargs[flt['column']], list):
                kwargs[flt['column']].append(flt['value'])
        result = cat.search(**kwargs)
        rdf = result.df
        counts = {column: rdf[column].value_counts() for column in query['facets']}
        return len(rdf), counts

    # One warm-up query (imports, caches), not timed.
    run(queries[0])
    times, totals = [], []
    for query in queries:
        t0 = time.perf_counter()
        total, _ = run(query)
        times.append((time.perf_counter() - t0) * 1000)
        totals.append(total)

    print(json.dumps({
        'engine': 'intake-esm',
        'version': intake_esm.__version__,
        'rows': len(df),
        'openSeconds': round(open_seconds, 3),
        'peakRssMiB': round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        'ms': [round(t, 3) for t in times],
        'totals': totals,
    }))


if __name__ == '__main__':
    main()
