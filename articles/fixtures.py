"""Loading the portal's fixtures without overwriting what editors changed."""

from django.conf import settings
from django.core import serializers

# In dependency order: places before the organizations and sources based in
# them, everything before the releases that link to it.
PORTAL_FIXTURES = ["regions", "zones", "organizations", "sources", "topics", "glossary", "articles"]


def fixture_path(name):
    for directory in settings.FIXTURE_DIRS:
        path = directory / f"{name}.json"
        if path.exists():
            return path
    return None


def load_missing(name):
    """Save the fixture's objects whose primary key is not in the database yet.

    Returns (added, already present). A fixture file that does not exist
    (an optional one) counts as empty.
    """
    path = fixture_path(name)
    if path is None:
        return 0, 0
    added = present = 0
    with open(path, encoding="utf-8") as stream:
        objects = list(serializers.deserialize("json", stream, handle_forward_references=True))
    if not objects:
        return 0, 0
    model = type(objects[0].object)
    existing = set(
        model._default_manager.filter(pk__in=[obj.object.pk for obj in objects]).values_list(
            "pk", flat=True
        )
    )
    for obj in objects:
        if obj.object.pk in existing:
            present += 1
            continue
        obj.save()
        added += 1
    return added, present
