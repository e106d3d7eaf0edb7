"""Loading the portal's fixtures without overwriting what editors changed.

Records are identified by what they are, not by their primary key: regions
by code or slug, releases by slug (or the page they were imported from),
organizations, sources and topics by slug or name, glossary terms by their
preferred term. A database that already holds imported releases has the
fixtures' keys taken by other rows; the seed releases still arrive, under
keys of their own, linked to the regions and organizations they name.
"""

import json
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.db import models

from articles.db.sequences import reset_sequences

# In dependency order: places before the organizations and sources based in
# them, everything before the releases that link to it.
PORTAL_FIXTURES = [
    "regions",
    "zones",
    "organizations",
    "sources",
    "topics",
    "facets",
    "glossary",
    "articles",
]

# The fields that identify a record, tried in order.
NATURAL_KEYS = {
    "articles.region": ("code", "slug"),
    "articles.organization": ("slug", "name"),
    "articles.source": ("slug", "name"),
    "articles.topic": ("slug", "name"),
    "articles.policyfacet": ("slug",),
    "articles.glossaryterm": ("preferred",),
    "articles.article": ("slug", "import_key"),
}
# Which fixtures hold each model's records: references between fixtures are
# resolved through them.
FIXTURES_OF = {
    "articles.region": ("regions", "zones"),
    "articles.organization": ("organizations",),
    "articles.source": ("sources",),
    "articles.topic": ("topics",),
    "articles.policyfacet": ("facets",),
    "articles.glossaryterm": ("glossary",),
    "articles.article": ("articles",),
}
STARTING_NOTE = "Machine translation, as loaded from the fixtures"
BATCH = 500  # values in one IN (…): well under SQLite's limit on parameters


def fixture_path(name):
    for directory in settings.FIXTURE_DIRS:
        path = directory / f"{name}.json"
        if path.exists():
            return path
    return None


def fixture_records(name):
    """The fixture's records as serialized dictionaries ([] if it does not exist)."""
    path = fixture_path(name)
    if path is None:
        return []
    with open(path, encoding="utf-8") as stream:
        return json.load(stream)


def present_keys(model, records):
    """{fixture primary key: primary key in the database} for the records
    the database already holds, matched by natural key."""
    label = model._meta.label_lower
    found = {}
    for name in NATURAL_KEYS[label]:
        wanted = {}
        for record in records:
            value = record["fields"].get(name)
            if record["pk"] not in found and value:
                wanted.setdefault(value, []).append(record["pk"])
        values = list(wanted)
        for start in range(0, len(values), BATCH):
            rows = model._default_manager.filter(
                **{f"{name}__in": values[start : start + BATCH]}
            ).values_list(name, "pk")
            for value, pk in rows:
                for fixture_pk in wanted[value]:
                    found.setdefault(fixture_pk, pk)
    return found


def reference_keys(label):
    """{fixture primary key: database primary key} for every record of the
    fixtures holding `label`'s model that is in the database."""
    records = [record for name in FIXTURES_OF[label] for record in fixture_records(name)]
    return present_keys(apps.get_model(label), records)


def assign_keys(model, missing, found):
    """Give each missing record a primary key: its own where it is free, else
    one past every key in use, so the references between records of one
    fixture (a region's parent) are known before anything is inserted."""
    pks = [record["pk"] for record in missing]
    taken = set()
    for start in range(0, len(pks), BATCH):
        taken.update(
            model._default_manager.filter(pk__in=pks[start : start + BATCH]).values_list(
                "pk", flat=True
            )
        )
    highest = model._default_manager.aggregate(highest=models.Max("pk"))["highest"] or 0
    next_pk = max(highest, *pks) + 1
    for record in missing:
        if record["pk"] in taken:
            found[record["pk"]] = next_pk
            next_pk += 1
        else:
            found[record["pk"]] = record["pk"]


def remap(model, record, own_keys, other_keys):
    """The record with its own key and its references translated to the
    database's keys. A reference the database cannot resolve (its fixture
    was not loaded) is left out rather than pointed at whatever row holds
    that key now."""
    fields = dict(record["fields"])
    for field in model._meta.get_fields():
        if field.name not in fields or not (field.many_to_one or field.many_to_many):
            continue
        label = field.related_model._meta.label_lower
        if label not in FIXTURES_OF:
            continue
        if label not in other_keys:
            other_keys[label] = reference_keys(label)
        keys = other_keys[label]
        if label == model._meta.label_lower:
            # A zone's parent is in the regions fixture, a city's in its own.
            keys = other_keys.setdefault(("self", label), {**keys, **own_keys})
        value = fields[field.name]
        if field.many_to_many:
            fields[field.name] = [keys[pk] for pk in value if pk in keys]
        elif value is not None:
            fields[field.name] = keys.get(value)
    return {"model": record["model"], "pk": own_keys[record["pk"]], "fields": fields}


def load_missing(name):
    """Save the fixture's records that the database does not hold yet.

    Returns (added, already present). A fixture that does not exist (an
    optional one) counts as empty. Like loaddata, saves are raw (no signals),
    and the primary-key sequences are reset afterwards so that new rows do
    not collide with the fixture's keys on PostgreSQL. Seed releases get the
    starting revision an import would give them.
    """
    records = fixture_records(name)
    if not records:
        return 0, 0
    model = apps.get_model(records[0]["model"])
    found = present_keys(model, records)
    present = {record["pk"]: found[record["pk"]] for record in records if record["pk"] in found}
    missing = [record for record in records if record["pk"] not in found]
    if missing:
        assign_keys(model, missing, found)
    other_keys = {}
    objects = list(
        serializers.deserialize(
            "python",
            [remap(model, record, found, other_keys) for record in missing],
            handle_forward_references=True,
        )
    )
    # Objects without many-to-many links go in with a few bulk inserts: the
    # gazetteer alone has thousands of rows.
    plain = [obj.object for obj in objects if not obj.m2m_data]
    model._default_manager.bulk_create(plain, batch_size=BATCH)
    for obj in objects:
        if obj.m2m_data:
            obj.save()
    reset_sequences([model])
    if model._meta.label == "articles.Article":
        added = [obj.object for obj in objects]
        add_starting_revisions(added, records, present, other_keys)
        if added:
            # Raw saves skip what an import does after saving: put the seed
            # releases' translation artefacts in the editors' work queue.
            from articles.editorial.quality import refresh_quality_flags
            from articles.models import GlossaryTerm

            terms = list(GlossaryTerm.objects.all())
            for article in added:
                refresh_quality_flags(article, terms=terms, new_article=True)
    return len(missing), len(present)


def add_starting_revisions(added, records, present, other_keys):
    """Every seed release starts its history with the machine translation, as
    an imported one does: its first correction is then a change against it,
    which editors can compare and restore and readers see in the log.

    Releases loaded before loaders wrote that revision get it too, dated just
    before their first recorded revision, built from the fixture (the state
    they were loaded in)."""
    from articles.models import Article

    history = Article.history
    history.bulk_history_create(added, default_change_reason=STARTING_NOTE)
    if not present:
        return
    started = set(
        history.filter(id__in=present.values(), history_type="+").values_list("id", flat=True)
    )
    first_dates = dict(
        history.filter(id__in=present.values())
        .order_by()
        .values_list("id")
        .annotate(first=models.Min("history_date"))
    )
    created = dict(Article.objects.filter(pk__in=present.values()).values_list("pk", "created_at"))
    by_pk = {record["pk"]: record for record in records}
    keys = {record["pk"]: pk for record in records if (pk := present.get(record["pk"]))}
    unstarted = []
    for fixture_pk, pk in present.items():
        if pk in started:
            continue
        record = remap(Article, by_pk[fixture_pk], keys, other_keys)
        (article,) = serializers.deserialize("python", [record])
        article = article.object
        first = first_dates.get(pk)
        when = first - timedelta(microseconds=1) if first is not None else created.get(pk)
        if when is not None:
            article._history_date = when
        unstarted.append(article)
    history.bulk_history_create(unstarted, default_change_reason=STARTING_NOTE)
