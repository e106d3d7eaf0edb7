"""Load test: gunicorn on 127.0.0.1 under wrk, optionally with an editor saving
corrections through the admin at the same time.

    python tests/load/run_load.py --database-url postgres://…/carbonportal_load \
        --articles 20000 --duration 30 --connections 64 --editor-saves 40

Sets up the database (migrate, gazetteer, demo releases), serves it with the
production settings (with --redis-url, the shared Redis cache production
uses), visits every URL of the mix once (the first readers, whom no cache
helps; timed on their own), then fires the mix of list, search, filter and
detail URLs and reports requests, errors and latency percentiles as JSON. With --editor-saves,
a second run does the same while an editor saves corrections, and every one
of them is checked in the database afterwards. Only ever targets 127.0.0.1;
every loop is bounded in count and time.
"""

import argparse
import json
import os
import random
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.load.admin_client import Editor  # noqa: E402

PYTHON = sys.executable


def django_env(database_url, **extra):
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Plain HTTP on the loopback: no redirect to HTTPS, no secure-only cookies.
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        **extra,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def manage(env, *args):
    result = subprocess.run(
        [PYTHON, "manage.py", *args], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


SETUP = """
from articles.models import Article
from django.contrib.auth.models import User
if not User.objects.filter(username="loadeditor").exists():
    User.objects.create_superuser("loadeditor", "load@example.org", "{password}")
else:
    user = User.objects.get(username="loadeditor"); user.set_password("{password}"); user.save()
import json, random
rng = random.Random(5)
ids = list(Article.objects.values_list("id", flat=True)[:5000])
slugs = list(Article.objects.filter(id__in=rng.sample(ids, min(200, len(ids))))
             .values_list("slug", flat=True))
from articles.models import Region, Organization
regions = list(Region.objects.filter(kind__in=["province", "prefecture_city"])
               .values_list("slug", flat=True)[:60])
orgs = list(Organization.objects.values_list("slug", flat=True)[:60])
print(json.dumps({{"slugs": slugs, "regions": regions, "orgs": orgs,
                  "edit_ids": rng.sample(ids, min(200, len(ids)))}}))
"""


def prepare(env, articles, password):
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_portal_fixtures", "--except", "articles", "-v0")
    count = int(
        manage(env, "shell", "-c", "from articles.models import Article; "
               "print(Article.objects.count())").split()[-1]
    )  # fmt: skip
    if count < articles:
        manage(env, "generate_demo_data", "--articles", str(articles - count),
               "--seed", str(1000 + count))  # fmt: skip
    manage(env, "collectstatic", "--noinput", "-v0")
    out = manage(env, "shell", "-c", SETUP.format(password=password))
    return json.loads(out.strip().splitlines()[-1])


def mixed_paths(data):
    rng = random.Random(11)
    paths = ["/", "/articles/", "/articles/?page=2", "/articles/?page=50"]
    paths += [f"/articles/{slug}/" for slug in data["slugs"]]
    paths += [f"/articles/?region={slug}" for slug in data["regions"][:30]]
    paths += [f"/articles/?organization={slug}" for slug in data["orgs"][:20]]
    paths += [f"/regions/{slug}/" for slug in data["regions"][:20]]
    for word in ["carbon", "carbon market", "photovoltaic", "quota", "CCER", "green finance"]:
        paths.append("/articles/?" + urllib.parse.urlencode({"q": word}))
    rng.shuffle(paths)
    return paths


def write_wrk_script(paths, directory):
    script = Path(directory) / "mixed.lua"
    lua_paths = ",\n".join(json.dumps(p) for p in paths)
    script.write_text(
        "local paths = {\n" + lua_paths + "\n}\n"
        "local n = 0\n"
        "request = function()\n"
        "  n = n + 1\n"
        "  return wrk.format('GET', paths[(n % #paths) + 1])\n"
        "end\n"
    )
    return script


def start_gunicorn(env, port, workers):
    process = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "-c", "carbonportal/gunicorn.conf.py",
         "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--access-logfile", "/dev/null",
         "carbonportal.wsgi"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                if r.status == 200:
                    return process
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.3)
    process.kill()
    sys.exit("gunicorn did not come up:\n" + (process.stderr.read() if process.stderr else ""))


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def to_ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def run_wrk(port, script, duration, connections, threads=2):
    result = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s",
         "--latency", "-s", str(script), f"http://127.0.0.1:{port}"],
        capture_output=True, text=True, timeout=duration + 60,
    )  # fmt: skip
    out = result.stdout
    summary = {"raw": out}
    summary["requests"] = int(re.search(r"(\d+) requests in", out).group(1))
    summary["requests_per_second"] = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    summary["non_2xx_3xx"] = int(errors.group(1)) if errors else 0
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    summary["socket_errors"] = sum(map(int, socket.groups())) if socket else 0
    for pct in ("50", "90", "99"):
        match = re.search(rf"^\s+{pct}%\s+(\S+)", out, re.MULTILINE)
        summary[f"p{pct}_ms"] = to_ms(match.group(1)) if match else None
    return summary


def visit_once(base, paths):
    """Request every path once, one at a time, as the first readers after a
    deployment or an import would: every page is built, none is cached.
    wrk then measures the portal as readers meet it while nothing changes."""
    timings = []
    for path in paths:
        started = time.perf_counter()
        with urllib.request.urlopen(base + path, timeout=60) as response:
            response.read()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "pages": len(timings),
        "median_ms": round(timings[len(timings) // 2], 1),
        "p99_ms": round(timings[min(len(timings) - 1, round(0.99 * (len(timings) - 1)))], 1),
        "max_ms": round(timings[-1], 1),
    }


def editor_session(base, password, ids, results, stop_at):
    editor = Editor(base, password)
    for article_id in ids:
        if time.monotonic() > stop_at:
            break
        marker = f"load-{article_id}-{secrets.token_hex(3)}"
        status = editor.correct(article_id, marker)
        results.append({"id": article_id, "marker": marker, "status": status})


CHECK = """
import json, sys
from articles.models import Article
wanted = json.loads(sys.stdin.read())
found = dict(Article.objects.filter(id__in=[w["id"] for w in wanted]).values_list("id", "title"))
print(json.dumps([w for w in wanted if w["marker"] not in found.get(w["id"], "")]))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8799)
    parser.add_argument("--editor-saves", type=int, default=0)
    parser.add_argument(
        "--redis-url",
        help="the cache the workers share, as in production (default: each worker's own memory)",
    )
    parser.add_argument("--json", help="write the results here")
    parser.add_argument("--max-p99-ms", type=float, help="fail when p99 latency is above this")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk)")

    password = secrets.token_urlsafe(16)
    env = django_env(args.database_url, **({"REDIS_URL": args.redis_url} if args.redis_url else {}))
    if args.redis_url:
        manage(env, "shell", "-c", "from django.core.cache import cache; cache.clear()")
    data = prepare(env, args.articles, password)
    base = f"http://127.0.0.1:{args.port}"
    results = {"articles": args.articles, "duration_s": args.duration,
               "connections": args.connections, "workers": args.workers}  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        paths = mixed_paths(data)
        script = write_wrk_script(paths, tmp)
        server = start_gunicorn(env, args.port, args.workers)
        try:
            results["first_visits"] = visit_once(base, paths)
            results["readers"] = run_wrk(args.port, script, args.duration, args.connections)
            if args.editor_saves:
                saves = []
                stop_at = time.monotonic() + args.duration + 30
                editor = threading.Thread(
                    target=editor_session,
                    args=(base, password, data["edit_ids"][: args.editor_saves], saves, stop_at),
                )
                editor.start()
                results["readers_with_editor"] = run_wrk(
                    args.port, script, args.duration, args.connections
                )
                editor.join(timeout=120)
                check = subprocess.run(
                    [PYTHON, "manage.py", "shell", "-c", CHECK], env=env, cwd=ROOT,
                    input=json.dumps(saves), capture_output=True, text=True,
                )  # fmt: skip
                lost = json.loads(check.stdout.strip().splitlines()[-1])
                results["editor"] = {
                    "requested": len(data["edit_ids"][: args.editor_saves]),
                    "saves": len(saves),
                    "redirected_after_save": sum(1 for s in saves if s["status"] == 302),
                    "lost": lost,
                }
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    for key in ("readers", "readers_with_editor"):
        if key in results:
            raw = results[key].pop("raw")
            print(f"== {key}\n{raw}")
    print(json.dumps(results, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))

    failures = []
    for key in ("readers", "readers_with_editor"):
        run = results.get(key)
        if run and (run["non_2xx_3xx"] or run["socket_errors"]):
            failures.append(f"{key}: {run['non_2xx_3xx']} error responses, "
                            f"{run['socket_errors']} socket errors")  # fmt: skip
        if run and args.max_p99_ms and run["p99_ms"] > args.max_p99_ms:
            failures.append(f"{key}: p99 {run['p99_ms']:.0f} ms > {args.max_p99_ms:.0f} ms")
    editor = results.get("editor")
    # Fewer saves than asked for (the editor's thread failed or ran out of
    # time) would make "none lost" say nothing.
    if editor and editor["saves"] != editor["requested"]:
        failures.append(f"editor: {editor['saves']} of {editor['requested']} saves made")
    if editor and (editor["lost"] or editor["redirected_after_save"] != editor["saves"]):
        refused = editor["saves"] - editor["redirected_after_save"]
        failures.append(f"editor: {len(editor['lost'])} corrections lost, {refused} refused")
    if failures:
        sys.exit("LOAD TEST FAILED: " + "; ".join(failures))
    print("Load test passed.")


if __name__ == "__main__":
    main()
