"""Running the portal in a fresh interpreter, for tests of what only a whole
process shows: start-up checks, faults, moving data between databases."""

import os
import subprocess
import sys

from django.conf import settings


def environment(database_url=None, **extra):
    """This process's environment as a production process would see it."""
    env = {**os.environ, "DJANGO_LOG_LEVEL": "CRITICAL", **extra}
    # The browser tests set this for Playwright's event loop; production never does.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    if database_url is None:
        env.pop("DATABASE_URL", None)
    else:
        env["DATABASE_URL"] = database_url
    return env


def run_python(*args, database_url=None, timeout=300, **extra_env):
    """`python ARGS…` in the project directory; returns the CompletedProcess."""
    return subprocess.run(
        [sys.executable, *args],
        env=environment(database_url, **extra_env),
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def manage(*args, database_url=None, **extra_env):
    return run_python("manage.py", *args, database_url=database_url, **extra_env)


def start_manage(*args, database_url=None, **extra_env):
    """`manage.py ARGS…` in the background; returns the Popen."""
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        env=environment(database_url, **extra_env),
        cwd=settings.BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
