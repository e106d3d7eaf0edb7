"""Loading the portal's fixtures without overwriting what editors changed."""

from django.conf import settings
from django.core import serializers

from articles.db.sequences import reset_sequences

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

    Returns (added, already present). A fixture that does not exist (an
    optional one) counts as empty. Like loaddata, saves are raw: no signals,
    no history rows, and the primary-key sequences are reset afterwards so that
    new rows do not collide with the fixture's keys on PostgreSQL.
    """
    path = fixture_path(name)
    if path is None:
        return 0, 0
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
    missing = [obj for obj in objects if obj.object.pk not in existing]
    # Objects without many-to-many links go in with a few bulk inserts: the
    # gazetteer alone has thousands of rows.
    plain = [obj.object for obj in missing if not obj.m2m_data]
    model._default_manager.bulk_create(plain, batch_size=500)
    for obj in missing:
        if obj.m2m_data:
            obj.save()
    reset_sequences([model])
    if model._meta.label == "articles.Article" and missing:
        # Raw saves skip what an import does after saving: put the seed
        # releases' translation artefacts in the editors' work queue.
        from articles.editorial.quality import refresh_quality_flags
        from articles.models import GlossaryTerm

        terms = list(GlossaryTerm.objects.all())
        for obj in missing:
            refresh_quality_flags(obj.object, terms=terms, new_article=True)
    return len(missing), len(existing)
