"""The whole published corpus as gzipped JSON Lines, for researchers who
want everything: one file per content version, served as a file.

`manage.py build_export` builds it when the content has changed (operators
run it from cron and after imports: at 100,000 releases it takes longer
than a web request may). A small corpus is built by the first request that
finds no file for the current version; a large one is answered with the
newest file built, which names its own version.

Each app server keeps its own copy under CARBONPORTAL_EXPORT_DIR: the file
is derived from the shared database and named by the content version, so
servers never disagree about what a version holds, and nothing needs to be
shared but the database."""

import gzip
import json
import os
import tempfile
from pathlib import Path

from django.conf import settings

from articles.models import Article

BATCH = 1000


def export_path(version):
    return Path(settings.EXPORT_DIR) / f"releases-{version.number}.jsonl.gz"


def newest_export():
    """(path, version number) of the newest export built, or (None, None)."""
    built = []
    for path in Path(settings.EXPORT_DIR).glob("releases-*.jsonl.gz"):
        number = path.name.removeprefix("releases-").removesuffix(".jsonl.gz")
        if number.isdigit():
            built.append((int(number), path))
    if not built:
        return None, None
    number, path = max(built)
    return path, number


class SiteAddress:
    """What article descriptions need of a request, for a command that has
    none: absolute addresses on the site at `base` ("https://host")."""

    def __init__(self, base):
        self.base = base.rstrip("/")

    def build_absolute_uri(self, path):
        return self.base + path


def ensure_export(version, article_data):
    """The export of `version` (a content Version), built if missing;
    `article_data(article)` is the API's description of one release."""
    path = export_path(version)
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written beside its final name and renamed in one step: a reader never
    # gets half a file, and two servers building at once both end whole.
    handle, partial = tempfile.mkstemp(dir=path.parent, suffix=".partial")
    try:
        with os.fdopen(handle, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb") as out:
            releases = Article.objects.published().with_links().order_by("pk")
            for article in releases.iterator(chunk_size=BATCH):
                line = json.dumps(article_data(article), ensure_ascii=False)
                out.write(line.encode() + b"\n")
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    for older in path.parent.glob("releases-*.jsonl.gz"):
        if older != path:
            older.unlink(missing_ok=True)
    return path
