"""The attacks of the security review, each replayed over HTTP (or through
the commands) and returning (name, ok, detail)."""

import json
import random
import re
import secrets
import subprocess
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tests.attack.web import FEED_PARSER, Reader, feed_problem, fetch, query
from tests.load.admin_client import Editor
from tests.load.run_load import PYTHON, ROOT


@dataclass
class Context:
    port: int
    env: dict
    seeds: dict  # what the setup made: slugs, ids, the imported releases
    data: dict  # prepare()'s sample of the portal: slugs, regions, organizations
    editor: Editor
    redis: object
    tmp: Path
    token: str = field(default_factory=lambda: secrets.token_hex(4))


def outcome(name, problems, detail):
    return name, not problems, "; ".join(problems) or detail


def command(env, *args):
    return subprocess.run(
        [PYTHON, "manage.py", *args], env=env, cwd=ROOT, capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip


def shell(env, code):
    """manage.py shell -c CODE; the last line it prints, as JSON."""
    result = command(env, "shell", "-c", code)
    if result.returncode:
        raise RuntimeError(f"manage.py shell failed:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def bad_status(reply):
    return reply.status == 0 or reply.status >= 500


def phrase_search(ctx):
    slow = fetch(ctx.port, "/articles/" + query(q='"carbon market"'))
    found = fetch(ctx.port, "/articles/" + query(q='"carbon market" phraseflood'))
    problems = []
    if slow.status not in (200, 503) or slow.seconds >= 5:
        problems.append(f'q="carbon market": {slow.status} in {slow.seconds:.2f} s {slow.error}')
    if found.status != 200 or ctx.seeds["phrase"] not in found.text:
        problems.append(f"the megabyte release not found ({found.status})")
    return outcome("1 phrase search, 1 MB phrase", problems,
                   f"{slow.status} in {slow.seconds:.2f} s; the release is found")  # fmt: skip


def control_characters(ctx):
    problems, title = [], ctx.seeds["imported"]["control"]["title"]
    for path in ("/feeds/releases.atom?q=%1b", "/feeds/releases.rss?q=a%0bb",
                 "/feeds/releases.atom", "/feeds/releases.rss"):  # fmt: skip
        reply = fetch(ctx.port, path)
        problem, entries = feed_problem(reply.body) if reply.status == 200 else (reply.status, [])
        if problem:
            problems.append(f"{path}: {problem}")
        elif "?" not in path and (not entries or entries[0][0] != title):
            problems.append(f"{path}: the newest release {title!r} is not the first item")
        elif "?" not in path and "Ecology Bureau" not in reply.text:
            problems.append(f"{path}: cleaned source name missing")
    return outcome(
        "2 control characters in feeds",
        problems,
        f"4 feeds 200, parse clean ({FEED_PARSER}); title stored as {title!r}",
    )


JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def other_schemes(ctx):
    problems, imported = [], ctx.seeds["imported"]
    slugs = [imported["javascript"]["slug"], imported["data"]["slug"], ctx.seeds["stored_js"]]
    csv = fetch(ctx.port, "/articles/export.csv" + query(q="quarkaddress"))
    for slug in slugs:
        page = fetch(ctx.port, f"/articles/{slug}/")
        api = fetch(ctx.port, f"/api/articles/{slug}/")
        for where, reply in (("page", page), ("API", api), ("CSV", csv)):
            low = reply.text.lower()
            if reply.status != 200 or "javascript:" in low or "data:text" in low:
                problems.append(f"{slug} {where}: {reply.status}, or a foreign scheme in it")
        ld = JSON_LD.search(page.text)
        based_on = json.loads(ld.group(1)).get("isBasedOn", "") if ld else "no JSON-LD"
        if based_on and not based_on.startswith(("http://", "https://")):
            problems.append(f"{slug} JSON-LD isBasedOn {based_on!r}")
        if api.status == 200 and api.json()["source_url"] is not None:
            problems.append(f"{slug} API source_url {api.json()['source_url']!r}")
    if csv.text.count("Attack quarkaddress") != 3:
        problems.append("the CSV export lacks the releases")
    return outcome(
        "3 javascript:/data: source URLs",
        problems,
        "none on the page, in JSON-LD, API or CSV (2 imported, 1 stored raw)",
    )


def large_release(ctx):
    article, editor, times, problems = ctx.seeds["large"], ctx.editor, {}, []
    base = f"/admin/articles/article/{article['id']}"

    def timed(label, path, limit=5.0):
        started = time.perf_counter()
        status, html = editor.request(path)
        times[label] = time.perf_counter() - started
        if status != 200 or times[label] > limit:
            problems.append(f"{label}: {status} in {times[label]:.1f} s")
        return html

    timed("form", f"{base}/change/")
    marker, started = f"attack-{ctx.token}", time.perf_counter()
    saved = editor.correct(article["id"], marker)
    times["save"] = time.perf_counter() - started
    if saved != 302 or times["save"] > 10:
        problems.append(f"save: {saved} in {times['save']:.1f} s")
    html = timed("history", f"{base}/history/")
    older = re.search(r'name="from" value="(\d+)"[^>]*checked', html)
    newer = re.search(r'name="to" value="(\d+)"[^>]*checked', html)
    if older and newer:
        timed("compare", f"{base}/revisions/compare/?from={older[1]}&to={newer[1]}")
        timed("restore", f"{base}/revisions/{older[1]}/restore/")
    else:
        problems.append("history lists fewer than two revisions")
    timed("glossary", "/admin/articles/glossaryterm/occurrences/" + query(term=article["term"]))
    title = f"Article.objects.get(pk={article['id']}).title"
    if not shell(
        ctx.env, f"from articles.models import Article; print(int({marker!r} in {title}))"
    ):
        problems.append("the editor's correction was lost")
    return outcome("4 large release in the admin", problems,
                   ", ".join(f"{k} {v:.2f}s" for k, v in times.items()))  # fmt: skip


def redis_outage(ctx):
    paths = ["/", "/articles/", "/articles/?q=carbon", f"/articles/{ctx.seeds['slugs'][0]}/",
             "/feeds/releases.atom", "/feeds/releases.rss", "/api/articles/"]  # fmt: skip
    replies = {path: fetch(ctx.port, path) for path in paths}
    problems = [f"{p} {r.status} {r.seconds:.1f}s" for p, r in replies.items()
                if r.status != 200 or r.seconds > 5]  # fmt: skip
    health = fetch(ctx.port, "/healthz")
    state = health.json() if health.status == 200 else health.status
    if state != {"status": "ok", "database": "ok", "cache": "unavailable"}:
        problems.append(f"/healthz: {state}")
    slowest = max(r.seconds for r in replies.values())
    return outcome(
        "5 Redis outage",
        problems,
        f"{len(paths)} pages 200 (slowest {slowest:.2f} s); /healthz 200 {state}",
    )


FOUND = """
import json
from articles.models import Article
good = Article.objects.filter(title__startswith="Attack good", title__endswith=" {token}")
leaked = Article.objects.filter(body__contains="root:x:0") | Article.objects.filter(
    body__contains="{secret}")
print(json.dumps({{"good": good.count(), "leaked": leaked.count()}}))
"""


def import_robustness(ctx):
    batch, outside = ctx.tmp / "batch", ctx.tmp / "outside"
    batch.mkdir()
    outside.mkdir()
    secret = f"outsidesecret{ctx.token}"
    (outside / "secret.txt").write_text(f"China Carbon Credit Platform\n\nFujian\n\n{secret}.\n")
    lines = [json.dumps({"title": f"Attack good {n} {ctx.token}", "body": "Fujian acts."})
             for n in range(3)]  # fmt: skip
    lines.insert(1, '{"title": "Attack bad \\ud800 title", "body": "Fujian acts."}')
    (batch / "records.jsonl").write_text("\n".join(lines) + "\n")
    (batch / "passwd.txt").symlink_to("/etc/passwd")
    (batch / "secret.txt").symlink_to(outside / "secret.txt")
    report = ctx.tmp / "report.jsonl"
    run = command(ctx.env, "import_releases", str(batch), "--retrieved-at", "2024-09-15",
                  "--report", str(report))  # fmt: skip
    lines = report.read_text().splitlines() if report.exists() else []
    statuses = Counter(json.loads(line)["status"] for line in lines)
    found = shell(ctx.env, FOUND.format(token=ctx.token, secret=secret))
    problems = [] if run.returncode == 1 else [f"exit status {run.returncode}, not 1"]
    if len(lines) != 6 or statuses != {"created": 3, "error": 3}:
        problems.append(f"report: {len(lines)} lines, {dict(statuses)}")
    if found != {"good": 3, "leaked": 0}:
        problems.append(f"in the database: {found}")
    return outcome(
        "6 import: surrogate, symlinks",
        problems,
        f"exit 1; report 6 lines {dict(statuses)}; 3 good imported, nothing leaked",
    )


def bracket_search(ctx):
    problems = []
    for word, key in (("Zorblax", "angle"), ("Quorvex", "guillemet")):
        reply = fetch(ctx.port, "/articles/" + query(q=word))
        if f"/articles/{ctx.seeds['imported'][key]['slug']}/" not in reply.text:
            problems.append(f"q={word}: {reply.status}, the release not found")
    return outcome("7 search inside <…> and ‹…›", problems, "q=Zorblax and q=Quorvex find them")


def cache_flood(ctx):
    fetch(ctx.port, "/articles/")
    before, statuses, rng = ctx.redis.dbsize(), Counter(), random.Random(8)
    for n in range(200):
        name = ("utm_source", "fbclid", "gclid")[n % 3]
        statuses[fetch(ctx.port, "/articles/" + query(**{name: rng.getrandbits(64)})).status] += 1
    after = ctx.redis.dbsize()
    problems = [f"statuses {dict(statuses)}"] if statuses != {200: 200} else []
    if after - before > 5:
        problems.append(f"Redis keys {before} -> {after}")
    return outcome("8 cache flooding (utm/fbclid/gclid)", problems,
                   f"200 requests, all 200; Redis keys {before} -> {after}")  # fmt: skip


def head_requests(ctx):
    paths = ["/", "/articles/", "/articles/export.csv", "/api/articles/", "/regions/",
             "/healthz", "/robots.txt", f"/articles/{ctx.seeds['slugs'][0]}/",
             "/feeds/releases.atom"]  # fmt: skip
    got = {path: fetch(ctx.port, path, "HEAD").status for path in paths}
    bad = [f"{p} {s}" for p, s in got.items() if s != 200]
    return outcome("9 HEAD requests", bad, f"{len(paths)} paths: {dict(Counter(got.values()))}")


def abuse_limits(ctx):
    slug, problems, sentence = ctx.seeds["slugs"][1], [], f"Attack report {ctx.token}"
    first, again = Reader(ctx.port, "203.0.113.10"), Reader(ctx.port, "203.0.113.11")
    flood, apart = Reader(ctx.port, "203.0.113.20"), Reader(ctx.port, "203.0.113.21")
    forms = {reader: reader.open_report_form(slug) for reader in (first, again, flood, apart)}
    time.sleep(3.2)  # a form may be sent 3 s after it was shown
    replies = [first.send_report(slug, forms[first], sentence) for _ in range(2)]
    # The same form token from another reader, with that reader's own CSRF token.
    csrf = forms[again]["csrfmiddlewaretoken"]
    replies.append(again.send_report(slug, forms[first] | {"csrfmiddlewaretoken": csrf}, sentence))
    replay = [r.status for r in replies]
    if replay != [302, 400, 400] or "already sent" not in replies[1].text:
        problems.append(f"replayed token: {replay}")
    flooded = [flood.send_report(slug, forms[flood], sentence) for _ in range(7)]
    limited = [r for r in flooded if r.status == 429]
    retry = limited[0].headers.get("Retry-After", "") if limited else ""
    if not limited or not retry.isdigit() or not 0 < int(retry) <= 3600:
        problems.append(f"flood: {[r.status for r in flooded]}, Retry-After {retry!r}")
    # What a reader writes into X-Forwarded-For themselves changes nothing.
    spoofed = Reader(ctx.port, "198.51.100.9, 203.0.113.20")
    spoofed.cookies = flood.cookies
    spoof = spoofed.send_report(slug, forms[flood], sentence).status
    separate = apart.send_report(slug, forms[apart], sentence).status
    if spoof != 429 or separate != 302:
        problems.append(f"per address: spoofed {spoof} (want 429), another reader {separate}")
    if any(bad_status(r) for r in replies + flooded):
        problems.append("a 5xx")
    count = f"ProblemReport.objects.filter(sentence={sentence!r}).count()"
    saved = shell(ctx.env, f"from articles.models import ProblemReport; print({count})")
    if saved != 3:  # the first reader's, the flooding reader's first, the other reader's
        problems.append(f"{saved} reports saved, not 3")
    return outcome("10 report replay, rate limits", problems,
                   f"replay {replay}; flood {[r.status for r in flooded]}, Retry-After {retry}; "
                   f"spoofed XFF {spoof}, other XFF {separate}; 3 reports kept")  # fmt: skip


def admin_nul(ctx):
    paths = ("/admin/articles/article/?organization=a%00b", "/admin/articles/article/?q=a%00b")
    got = {path: ctx.editor.request(path)[0] for path in paths}
    bad = [f"{p} {s}" for p, s in got.items() if s != 400]
    return outcome("11 NUL in admin filter, search", bad, "?organization=a%00b and ?q=a%00b: 400")


def backup_round_trip(ctx):
    first, again = ctx.tmp / "first.json", ctx.tmp / "again.json"
    sqlite = dict(ctx.env, DATABASE_URL=f"sqlite:///{ctx.tmp / 'restored.sqlite3'}")
    sqlite.pop("REDIS_URL", None)
    for env, *args in [
        (ctx.env, "export_portal", first),
        (sqlite, "migrate", "--noinput", "-v0"),
        (sqlite, "import_portal", first),
        (sqlite, "export_portal", again),
    ]:
        run = command(env, *map(str, args))
        if run.returncode:
            return "12 backup round trip", False, f"{args[0]} failed: {run.stderr[-300:]}"

    def objects(path):
        return sorted(json.dumps(o, sort_keys=True) for o in json.loads(path.read_text()))

    exported, restored = objects(first), objects(again)
    problems = []
    if exported != restored:
        problems.append(f"{len(set(exported) ^ set(restored))} objects differ")
    if not re.search(r'"\d{4}-\d\d-\d\dT[\d:]+\.\d{6}', first.read_text()):
        problems.append("no time with microseconds")
    log = sum('"model": "admin.logentry"' in o for o in exported)
    if not log:
        problems.append("no admin log entry in the backup")
    return outcome(
        "12 backup round trip",
        problems,
        f"{len(exported)} objects identical, microseconds kept, {log} admin log entries",
    )
