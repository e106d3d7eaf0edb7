"""Attack run: the security review's attacks replayed against gunicorn with
the production settings, on PostgreSQL and Redis.

    python tests/attack/run_attack.py \
        --database-url postgres://…/carbonportal_attack --redis-url redis://127.0.0.1:6379/8

Sets up the database as the load test does (tests/load/run_load.py), adds the
hostile releases (through import_releases where the importer's cleaning is
the point), serves it, and replays each attack: a megabyte phrase search,
control characters and foreign URL schemes, megabyte releases in the admin,
a Redis outage, a hostile import batch, bracketed titles, cache flooding,
HEAD requests, report replays and rate limits, NUL in the admin, a backup
round trip, and a sweep of hostile query strings. Prints a table and exits
non-zero on any 5xx, executed or rendered payload, lost record, or cache
outage that turned into errors. Only ever targets 127.0.0.1; every loop is
bounded in count and time.
"""

import argparse
import datetime
import json
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import redis  # noqa: E402

from tests.attack import attacks, sweep  # noqa: E402
from tests.load.admin_client import Editor  # noqa: E402
from tests.load.run_load import django_env, manage, prepare, start_gunicorn  # noqa: E402

# Made directly (an import would take longer and is not what these test):
# a megabyte of one phrase, a megabyte paragraph for an editor to open, save
# and compare, 70,000 glossary slips, and a javascript: address stored as an
# import did before the importer refused such addresses.
SETUP = """
import json
from articles.models import Article, GlossaryTerm
Article.objects.filter(title__startswith="Attack ").delete()
Article.history.filter(title__startswith="Attack ").delete()
phrase = Article.objects.create(title="Attack Phraseflood notice on the carbon market",
                                body="carbon market " * 75_000)
words = " ".join(f"w{n % 997}" for n in range(230_000))[:1_000_000].rsplit(" ", 1)[0]
large = Article.objects.create(title="Attack megabyte notice", body=words)
Article.objects.create(title="Attack glossary slips", body="double carbon " * 71_427)
term, _ = GlossaryTerm.objects.get_or_create(preferred="dual carbon",
                                             defaults={"wrong_renderings": "double carbon"})
stored = Article.objects.create(title="Attack quarkaddress stored before the check",
                                body="Fujian acts.", source_url="javascript:alert(document.domain)")
plain = Article.objects.exclude(title__startswith="Attack ").order_by("id")
print(json.dumps({"slugs": list(plain.values_list("slug", flat=True)[:2]), "phrase": phrase.slug,
                  "large": {"id": large.pk, "term": term.pk}, "stored_js": stored.slug}))
"""

# Through the importer: its cleaning of each field is part of the attack.
IMPORTED = {
    "javascript": {"title": "Attack quarkaddress javascript", "body": "Fujian acts.",
                   "source_url": "javascript:alert(document.domain)"},
    "data": {"title": "Attack quarkaddress data", "body": "Fujian acts.",
             "source_url": "data:text/html,<script>alert(1)</script>"},
    "angle": {"title": "Attack Qinghai issues the <Implementation Plan for Zorblax Peaking>",
              "body": "Qinghai acts."},
    "guillemet": {"title": "Attack Gansu issues the ‹Action Plan for Quorvex Neutrality>",
                  "body": "Gansu acts."},
    # Last, so the newest of all: the first item of every feed.
    "control": {"title": "Attack Line\x0bbreak in a title", "source": "Ecology\x1bBureau",
                "body": "The newest release, with control characters."},
}  # fmt: skip


def import_hostile(env, tmp):
    """Import IMPORTED as JSON Lines; {key: {"title": as stored, "slug": …}}."""
    today = datetime.date.today().isoformat()  # no release is newer
    path, report = tmp / "hostile.jsonl", tmp / "hostile-report.jsonl"
    path.write_text("".join(json.dumps(r | {"published": today}) + "\n" for r in IMPORTED.values()))
    manage(env, "import_releases", str(path), "--report", str(report))
    results = [json.loads(line) for line in report.read_text().splitlines()]
    return {
        key: {"title": result["title"], "slug": result["url"].rstrip("/").rsplit("/", 1)[-1]}
        for key, result in zip(IMPORTED, results, strict=True)
    }


# What gunicorn or Django log when a worker dies or a request ends in a 500.
CRASH_SIGNS = ("WORKER TIMEOUT", "SIGKILL", "exited with code", "Internal Server Error")


class Server:
    """gunicorn with the production settings; its log drained (a full pipe
    would stall the workers) and kept for the report."""

    def __init__(self, env, port, workers=2):
        self.process = start_gunicorn(env, port, workers)
        self.log = []
        self.reader = threading.Thread(target=self.drain, daemon=True)
        self.reader.start()

    def drain(self):
        for line in self.process.stderr:
            self.log.append(line)

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.reader.join(timeout=5)
        return self.log


def run(attack, ctx):
    started = time.monotonic()
    try:
        name, ok, detail = attack(ctx)
    except Exception as error:  # one broken attack must not hide the others
        name, ok, detail = attack.__name__, False, f"crashed: {error!r}"[:400]
    return name, ok, detail, time.monotonic() - started


def table(rows):
    width = max(len(row[0]) for row in rows)
    lines = [f"{'attack':<{width}}  result  time   detail", "-" * (width + 60)]
    for name, ok, detail, seconds in rows:
        lines.append(f"{name:<{width}}  {'ok' if ok else 'FAIL':<6}  {seconds:4.1f}s  {detail}")
    return "\n".join(lines)


class Overtime(BaseException):
    """The run went past --time-limit (not an Exception: no attack may catch it)."""


def overtime(signum, frame):
    raise Overtime


def attack_all(args, env, password, rows, logs):
    """Set up, serve and attack; rows and server logs are appended as they come."""
    cache = redis.Redis.from_url(args.redis_url)
    cache.flushdb()
    data = prepare(env, args.articles, password)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        seeds = json.loads(manage(env, "shell", "-c", SETUP).strip().splitlines()[-1])
        seeds["imported"] = import_hostile(env, tmp)
        print(f"Set up; attacking 127.0.0.1:{args.port}", flush=True)
        server = Server(env, args.port, args.workers)
        try:
            base = f"http://127.0.0.1:{args.port}"
            ctx = attacks.Context(args.port, env, seeds, data, Editor(base, password), cache, tmp)
            for attack in (attacks.phrase_search, attacks.control_characters,
                           attacks.other_schemes, attacks.large_release, attacks.bracket_search,
                           attacks.cache_flood, attacks.head_requests, attacks.abuse_limits,
                           attacks.admin_nul, sweep.hostile_sweep):  # fmt: skip
                rows.append(run(attack, ctx))
        finally:
            logs.append(server.stop())
        # The same portal with its Redis gone (nothing listens on that port).
        outage = Server(dict(env, REDIS_URL=args.closed_redis_url), args.port, args.workers)
        try:
            rows.append(run(attacks.redis_outage, ctx))
        finally:
            logs.append(outage.stop())
        rows.append(run(attacks.import_robustness, ctx))
        rows.append(run(attacks.backup_round_trip, ctx))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--redis-url", required=True, help="a Redis database of the run's own")
    parser.add_argument("--closed-redis-url", default="redis://127.0.0.1:6390/0",
                        help="where no Redis listens, for the outage")  # fmt: skip
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--port", type=int, default=8796)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--time-limit", type=int, default=240, help="seconds for the whole run")
    parser.add_argument("--log", help="write gunicorn's log here")
    args = parser.parse_args()
    for url in (args.database_url, args.redis_url, args.closed_redis_url):
        if "127.0.0.1" not in url and not url.startswith("sqlite"):
            sys.exit(f"only 127.0.0.1 is ever attacked, not {url}")

    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", args.port)) == 0:
            sys.exit(f"something already listens on 127.0.0.1:{args.port}: pass --port")
    began, rows, logs = time.monotonic(), [], []
    # A proxy in front, as in production: X-Forwarded-For names the reader.
    env = django_env(args.database_url, REDIS_URL=args.redis_url, CARBONPORTAL_TRUSTED_PROXIES="1")
    signal.signal(signal.SIGALRM, overtime)
    signal.alarm(args.time_limit)
    try:
        attack_all(args, env, secrets.token_urlsafe(16), rows, logs)
    except Overtime:
        rows.append(("over time", False, f"stopped after {args.time_limit} s", 0.0))
    finally:
        signal.alarm(0)
    lines = [line for log in logs for line in log]
    if args.log:
        Path(args.log).write_text("".join(lines))
    rows.sort(key=lambda row: int(n) if (n := row[0].split()[0]).isdigit() else 99)
    crashes = [line.strip()[:200] for line in lines if any(s in line for s in CRASH_SIGNS)]
    rows.append(("server log", not crashes, "; ".join(crashes[:3]) or "no worker died, no 500", 0))
    print(table(rows))
    print(f"Attack run took {time.monotonic() - began:.0f} s.")
    failures = [f"{name}: {detail}" for name, ok, detail, _ in rows if not ok]
    if failures:
        sys.exit("ATTACK RUN FAILED:\n  " + "\n  ".join(failures))
    print("Attack run passed.")


if __name__ == "__main__":
    main()
