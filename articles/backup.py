"""Whole-portal backups that move between SQLite and PostgreSQL.

A backup is Django's JSON serialization of everything editors and imports
produce — releases with their machine text and corrections, revision
history, links, places, organizations, glossary, reports — plus the user
accounts that history points at. Primary keys are kept, so links and
history survive the trip unchanged.
"""

import gzip
import io
import json
from collections import Counter
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction


def backup_models():
    # Accounts first: revisions and link decisions point at the editors.
    models = [apps.get_model("auth", "Group"), apps.get_model("auth", "User")]
    models += list(apps.get_app_config("articles").get_models())
    # The content version belongs to the database it counts writes in.
    return [model for model in models if model._meta.model_name != "contentversion"]


def _open(path, mode):
    path = Path(path)
    if path.suffix == ".gz":
        return gzip.open(path, mode + "t", encoding="utf-8")
    return open(path, mode, encoding="utf-8")


def export_portal(path):
    """Write the backup; returns the number of objects per model label."""
    buffer = io.StringIO()
    call_command(
        "dumpdata",
        *[model._meta.label for model in backup_models()],
        format="json",
        indent=None,
        stdout=buffer,
        verbosity=0,
    )
    dump = buffer.getvalue()
    with _open(path, "w") as stream:
        stream.write(dump)
    # Each serialized object names its model in lower case ("auth.user").
    counts = Counter(record["model"] for record in json.loads(dump))
    return {apps.get_model(model)._meta.label: count for model, count in counts.items()}


class PortalNotEmpty(Exception):
    pass


def portal_is_empty():
    Article = apps.get_model("articles", "Article")
    User = apps.get_model("auth", "User")
    return not Article.objects.exists() and not User.objects.exists()


@transaction.atomic
def import_portal(path, *, replace=False):
    """Load a backup into this database, all or nothing."""
    # Read the whole file before touching the database: a truncated or
    # corrupt backup must fail while everything is still in place.
    with _open(path, "r") as stream:
        objects = list(serializers.deserialize("json", stream, handle_forward_references=True))
    if not portal_is_empty():
        if not replace:
            raise PortalNotEmpty(
                "This database already holds releases or accounts; "
                "import into an empty database, or pass --replace to wipe it first."
            )
        for model in reversed(backup_models()):
            model._default_manager.all().delete()
    for obj in objects:
        obj.save()
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), backup_models()):
            cursor.execute(sql)
    return dict(Counter(obj.object._meta.label for obj in objects))
