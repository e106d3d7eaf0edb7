"""The hostile query-string sweep: SQL injection, markup, overlong, NUL and
control characters, odd Unicode, undecodable bytes and paths, across every
parameter of the list, search, filters, API, feeds and CSV export."""

import random
import urllib.parse
from collections import Counter

from tests.attack.attacks import bad_status, outcome
from tests.attack.web import feed_problem, fetch
from tests.hostile import EXECUTABLE_MARKERS, HOSTILE_STRINGS

# fmt: off
SQL = ["' OR '1'='1", "1; SELECT pg_sleep(20)--", "1) UNION SELECT password FROM auth_user--",
       "carbon') OR 1=1--", "$$; DROP TABLE articles_article; $$"]
ODD = ["x" * 10_001, "x" * 3000, "碳" * 300, "\x00", "a\x00b", "\x1b[31m", "\x0b\x0c\x7f",
       "\r\nSet-Cookie: x=1", "../../etc/passwd", "%2e%2e%2f", '"carbon', "-1", "1e309", "NaN",
       "99999999999999999999",
       "\u202e\ufeff", "🌏" * 100, "0000-00-00", "2024-02-30", "*", "carbon & !market | <->"]
RAW = ["%ff%fe", "%c0%ae%c0%ae%2fetc", "%ed%a0%80", "%", "%%00", "a%zzb"]  # sent as they are
PARAMS = ["q", "region", "organization", "source", "topic", "year", "date_after", "date_before",
          "status", "sort", "page", "page_size", "format", "kind"]
PATHS = ["/articles/", "/api/articles/", "/feeds/releases.atom", "/feeds/releases.rss",
         "/articles/export.csv", "/zh-hans/articles/", "/api/regions/"]
ODD_PATHS = ["/articles/%3Cscript%3Ealert(1)%3C%2Fscript%3E/", "/articles/..%2F..%2Fetc%2Fpasswd/",
             "/regions/%00/", "/articles/" + "a" * 5000 + "/", "/api/articles/%27%20OR%201=1--/",
             "/%2e%2e/%2e%2e/etc/passwd", "/static/../../etc/passwd", "/articles/%ff/",
             "/topics/%E2%80%AE/", "/sources/%3Csvg%20onload=alert(1)%3E/"]
# fmt: on


def sweep_paths(count, regions):
    rng = random.Random(13)
    values = [urllib.parse.quote(v, safe="") for v in HOSTILE_STRINGS + SQL + ODD] + RAW
    paths = list(ODD_PATHS)
    while len(paths) < count:
        parts = [f"{name}={rng.choice(values)}" for name in rng.sample(PARAMS, rng.randint(1, 3))]
        path = rng.choice(PATHS + [f"/regions/{rng.choice(regions)}/"])
        paths.append(path + "?" + "&".join(parts))
    return paths


def hostile_sweep(ctx, count=300):
    statuses, problems, escaped = Counter(), [], 0
    for n, path in enumerate(sweep_paths(count, ctx.data["regions"])):
        # Each from an address of its own: the API's limit would answer 429 otherwise.
        reply = fetch(ctx.port, path, headers={"X-Forwarded-For": f"10.77.{n // 250}.{n % 250}"})
        statuses[reply.status] += 1
        escaped += reply.is_html and "&lt;script&gt;" in reply.text
        if bad_status(reply):
            problems.append(f"{reply.status} {reply.error} at {path[:150]}")
        elif reply.is_html and any(marker in reply.text for marker in EXECUTABLE_MARKERS):
            problems.append(f"payload unescaped at {path[:150]}")
        elif "root:x:0:0" in reply.text or "x=1" in (reply.headers.get("Set-Cookie") or ""):
            problems.append(f"file leaked or header injected at {path[:150]}")
        elif "/feeds/" in path and reply.status == 200 and feed_problem(reply.body)[0]:
            problems.append(f"broken feed at {path[:150]}: {feed_problem(reply.body)[0]}")
    counts = ", ".join(f"{status}: {n}" for status, n in sorted(statuses.items()))
    return outcome(
        "13 hostile query-string sweep",
        problems[:5],
        f"{count} requests ({counts}); {escaped} pages echo a payload, escaped",
    )
