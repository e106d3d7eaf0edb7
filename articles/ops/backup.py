"""Whole-portal backups that move between SQLite and PostgreSQL.

A backup is Django's JSON serialization of everything editors and imports
produce — releases with their machine text and corrections, revision
history, links, places, organizations, glossary, reports — plus the user
accounts that history points at and the admin log, the record of who changed
what. Primary keys are kept, so links and history survive the trip
unchanged, and times keep their microseconds: a restore gives back exactly
what was saved.
"""

import datetime
import gzip
from collections import Counter
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from articles.db.sequences import reset_sequences


def backup_models():
    # Accounts first: revisions, link decisions and the admin log point at
    # the editors; the admin log last, as it points at everything.
    models = [apps.get_model("auth", "Group"), apps.get_model("auth", "User")]
    models += list(apps.get_app_config("articles").get_models())
    models.append(apps.get_model("admin", "LogEntry"))
    # The content version belongs to the database it counts writes in.
    return [model for model in models if model._meta.model_name != "contentversion"]


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a backup keeps microseconds."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time) and o.microsecond:
            return o.isoformat().replace("+00:00", "Z")
        return super().default(o)


def _open(path, mode):
    path = Path(path)
    if path.suffix == ".gz":
        return gzip.open(path, mode + "t", encoding="utf-8")
    return open(path, mode, encoding="utf-8")


def export_portal(path):
    """Write the backup; returns the number of objects per model label.

    Foreign keys to accounts, permissions and content types are written as
    natural keys (a username, an app and model name), whose numbers may
    differ between databases; everything else keeps its primary key.
    """
    counts = {}
    with _open(path, "w") as stream:
        stream.write("[")
        first = True
        for model in backup_models():
            objects = model._default_manager.order_by("pk").iterator(chunk_size=2000)
            counts[model._meta.label] = 0
            for obj in objects:
                stream.write("" if first else ",\n")
                first = False
                # One object at a time keeps memory flat for a large portal.
                serialized = serializers.serialize(
                    "json", [obj], cls=ExactJSONEncoder, use_natural_foreign_keys=True
                )
                stream.write(serialized[1:-1])
                counts[model._meta.label] += 1
        stream.write("]\n")
    return {label: count for label, count in counts.items() if count}


class PortalNotEmpty(Exception):
    pass


def portal_is_empty():
    Article = apps.get_model("articles", "Article")
    User = apps.get_model("auth", "User")
    return not Article.objects.exists() and not User.objects.exists()


@transaction.atomic
def import_portal(path, *, replace=False):
    """Load a backup into this database, all or nothing."""
    # The deserializer parses the whole file when made: a truncated or corrupt
    # backup fails here, while everything is still in place.
    with _open(path, "r") as stream:
        objects = serializers.deserialize("json", stream, handle_forward_references=True)
    if not portal_is_empty():
        if not replace:
            raise PortalNotEmpty(
                "This database already holds releases or accounts; "
                "import into an empty database, or pass --replace to wipe it first."
            )
        for model in reversed(backup_models()):
            model._default_manager.all().delete()
    counts = Counter()
    deferred = []
    # Saved as read: a natural key (an editor's username) is looked up among
    # the objects saved before it.
    for obj in objects:
        obj.save()
        counts[obj.object._meta.label] += 1
        if obj.deferred_fields:
            deferred.append(obj)
    for obj in deferred:
        obj.save_deferred_fields()
    reset_sequences(backup_models())
    return dict(counts)
