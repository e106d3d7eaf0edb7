"""Server-side timings of the portal's pages, through the whole middleware stack.

Each page is requested in-process with Django's test client (no network, no
browser): what is measured is the server's work — URL resolution, middleware,
queries and template rendering — which is what our code controls.

Public pages are cached whole until the content changes (pagecache.py), so
each is timed twice: as readers get it while nothing changes (the median
over repeated requests), and uncached, as the first reader after any write
gets it (the cache emptied before each request).
"""

import statistics
import time
from dataclasses import asdict, dataclass

from django.core.cache import cache
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings


@dataclass
class PageTiming:
    name: str
    url: str
    status: int
    median_ms: float
    p95_ms: float
    queries: int
    uncached_median_ms: float
    uncached_queries: int
    ratio: float = 0.0
    uncached_ratio: float = 0.0

    def as_dict(self):
        return asdict(self)


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))
    return ordered[index]


def count_queries(client, url):
    # Every request that starts empties the connection's query log, which
    # would throw off a count that began before it.
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        client.get(url, secure=True)
    return len(queries)


def time_page(client: Client, name, url, *, repeat=30, warmup=3, uncached_repeat=5):
    uncached_samples = []
    for _ in range(uncached_repeat):
        cache.clear()
        started = time.perf_counter()
        client.get(url, secure=True)
        uncached_samples.append((time.perf_counter() - started) * 1000)
    cache.clear()
    uncached_query_count = count_queries(client, url)
    for _ in range(warmup):
        client.get(url, secure=True)
    query_count = count_queries(client, url)
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url, secure=True)
        samples.append((time.perf_counter() - started) * 1000)
    return PageTiming(
        name=name,
        url=url,
        status=client.get(url, secure=True).status_code,
        median_ms=statistics.median(samples),
        p95_ms=percentile(samples, 0.95),
        queries=query_count,
        uncached_median_ms=statistics.median(uncached_samples),
        uncached_queries=uncached_query_count,
    )


def time_pages(pages, *, client=None, repeat=30, floor_url="/_floor/"):
    """Time the floor first, then every (name, url) page as a multiple of it."""
    client = client or Client()
    with override_settings(ROOT_URLCONF="articles.tooling.bench_urls"):
        floor = time_page(client, "floor", floor_url, repeat=repeat * 2)
        results = [floor]
        for name, url in pages:
            results.append(time_page(client, name, url, repeat=repeat))
    for result in results:
        result.ratio = result.median_ms / floor.median_ms
        result.uncached_ratio = result.uncached_median_ms / floor.median_ms
    return results


def format_table(results, title):
    lines = [
        title,
        f"{'':<28} {'':>6} {'cached (content unchanged)':^35}  {'uncached (after a write)':^26}",
        f"{'page':<28} {'status':>6} {'median ms':>10} {'p95 ms':>8} {'× floor':>8} "
        f"{'queries':>7}  {'median ms':>10} {'× floor':>8} {'queries':>7}",
    ]
    for r in results:
        lines.append(
            f"{r.name:<28} {r.status:>6} {r.median_ms:>10.2f} {r.p95_ms:>8.2f} "
            f"{r.ratio:>8.2f} {r.queries:>7}  {r.uncached_median_ms:>10.2f} "
            f"{r.uncached_ratio:>8.2f} {r.uncached_queries:>7}"
        )
    return "\n".join(lines)
