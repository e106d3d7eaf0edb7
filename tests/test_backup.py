"""Backups round-trip everything, within one database and between SQLite and PostgreSQL."""

import json
import re
from collections import Counter
from datetime import UTC, datetime

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import CommandError, call_command
from django.db.models import DateTimeField

from articles.models import Article, LinkDecision, ProblemReport, QualityFlag
from articles.ops.backup import backup_models, export_portal, import_portal
from tests.processes import manage

# Django's JSON keeps milliseconds: a time whose milliseconds are zero comes
# back written without them ("09.000Z" and "09Z" are the same instant).
WHOLE_SECOND = re.compile(r"\.000(?=Z|[+-]\d\d:\d\d)")


def snapshot(path):
    with open(path, encoding="utf-8") as stream:
        objects = json.load(stream)
    return sorted(WHOLE_SECOND.sub("", json.dumps(obj, sort_keys=True)) for obj in objects)


@pytest.fixture
def corrected_portal(make_article, make_region, make_organization, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="pw-1234567", is_staff=True)
    region = make_region(name="Qinghai")
    organization = make_organization(name="Qinghai Provincial Department of Ecology")
    article = make_article(title="Minning cooperation", body="carbon GSP pilot.", regions=[region])
    article.title = "Fujian–Ningxia cooperation"
    article.body = "Carbon inclusion (Puhui) pilot."
    article.translation_status = Article.Status.IN_REVIEW
    article.mark_edited(editor)
    article._history_user = editor
    article.save()
    LinkDecision.objects.create(
        article=article, organization=organization, action="add", decided_by=editor
    )
    return article


def test_backup_round_trips_corrections_history_and_links(corrected_portal, tmp_path):
    path = tmp_path / "portal.json.gz"
    exported = export_portal(path)
    first = tmp_path / "first.json"
    export_portal(first)

    import_portal(path, replace=True)

    again = tmp_path / "again.json"
    export_portal(again)
    assert snapshot(first) == snapshot(again)
    article = Article.objects.get(pk=corrected_portal.pk)
    assert article.title == "Fujian–Ningxia cooperation"
    assert article.machine_title == "Minning cooperation"
    assert article.history.count() == 2
    assert article.history.first().history_user.username == "editor"
    assert exported["articles.Article"] == 1


def test_export_and_import_count_every_object_per_model(corrected_portal, tmp_path):
    path = tmp_path / "portal.json"
    exported = export_portal(path)

    with open(path, encoding="utf-8") as stream:
        labels = [obj.object._meta.label for obj in serializers.deserialize("json", stream)]
    assert exported == dict(Counter(labels))
    assert exported["auth.User"] == 1
    assert import_portal(path, replace=True) == exported


def test_import_refuses_a_database_that_is_not_empty(corrected_portal, tmp_path):
    path = tmp_path / "portal.json"
    export_portal(path)

    with pytest.raises(CommandError, match="already holds"):
        call_command("import_portal", str(path))
    assert Article.objects.count() == 1


def test_import_of_a_missing_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="No backup at"):
        call_command("import_portal", str(tmp_path / "nope.json"))


def test_a_truncated_backup_changes_nothing(corrected_portal, tmp_path):
    path = tmp_path / "portal.json"
    export_portal(path)
    path.write_text(path.read_text()[:-200])

    with pytest.raises(CommandError, match="not a complete backup"):
        call_command("import_portal", str(path), replace=True)

    assert Article.objects.get().title == "Fujian–Ningxia cooperation"


def every_time(models):
    """Every date-and-time value of `models`, by model, primary key and field."""
    times = {}
    for model in models:
        fields = [f.attname for f in model._meta.concrete_fields if isinstance(f, DateTimeField)]
        for row in model._default_manager.order_by("pk").values("pk", *fields):
            for name in fields:
                times[model._meta.label, row["pk"], name] = row[name]
    return times


def test_every_time_comes_back_to_the_microsecond(corrected_portal, tmp_path):
    ProblemReport.objects.create(article=corrected_portal, sentence="carbon GSP")
    QualityFlag.objects.create(
        article=corrected_portal,
        kind="glossary",
        field="body",
        text="GSP",
        excerpt="GSP.",
        start=0,
        end=3,
    )
    exact = datetime(2024, 5, 15, 9, 30, 12, 345678, tzinfo=UTC)
    for model in backup_models():
        fields = [f.name for f in model._meta.concrete_fields if isinstance(f, DateTimeField)]
        model._default_manager.update(**dict.fromkeys(fields, exact))
    before = every_time(backup_models())
    path = tmp_path / "portal.json"
    export_portal(path)

    import_portal(path, replace=True)

    after = every_time(backup_models())
    assert after == before
    labels = {label for label, _, _ in before}
    # History dates, created, retrieved, edited and reviewed times, reports,
    # flags, link decisions and accounts are all among them.
    assert {
        "articles.Article",
        "articles.HistoricalArticle",
        "articles.ProblemReport",
        "articles.QualityFlag",
        "articles.LinkDecision",
        "auth.User",
    } <= labels
    assert all(value == exact for value in before.values() if value is not None)


def test_the_admin_log_is_backed_up_with_who_changed_what(corrected_portal, tmp_path):
    editor = User.objects.get(username="editor")
    entry = LogEntry.objects.create(
        user=editor,
        content_type=ContentType.objects.get_for_model(Article),
        object_id=str(corrected_portal.pk),
        object_repr=str(corrected_portal),
        action_flag=CHANGE,
        change_message='[{"changed": {"fields": ["Title"]}}]',
    )
    path = tmp_path / "portal.json"
    assert export_portal(path)["admin.LogEntry"] == 1

    import_portal(path, replace=True)

    restored = LogEntry.objects.get()
    assert restored.pk == entry.pk
    assert restored.user.username == "editor"
    assert restored.get_edited_object() == Article.objects.get(pk=corrected_portal.pk)
    assert restored.action_time == entry.action_time
    assert restored.get_change_message() == "Changed Title."


# Between databases: each side is a real database driven through manage.py.
def manage_ok(database_url, *args):
    result = manage(*args, database_url=database_url)
    assert result.returncode == 0, result.stderr
    return result.stdout


EDIT_AN_ARTICLE = """
from django.contrib.auth.models import User
from articles.models import Article, Region
editor = User.objects.create_user("editor", password="pw-1234567", is_staff=True)
article = Article.objects.create(title="Minning cooperation", body="carbon GSP pilot.")
article.regions.set(Region.objects.filter(code__in=["350000", "640000"]))
article.title = "Fujian–Ningxia cooperation"
article._history_user = editor
article.mark_edited(editor)
article.save()
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
LogEntry.objects.create(
    user=editor, content_type=ContentType.objects.get_for_model(Article),
    object_id=str(article.pk), object_repr=article.title, action_flag=CHANGE,
    change_message="Corrected the title",
)
"""


@pytest.mark.slow
@pytest.mark.parametrize("direction", ["sqlite-to-postgres", "postgres-to-sqlite"])
def test_backup_moves_between_sqlite_and_postgres(throwaway_postgres, tmp_path, direction):
    _, postgres_database = throwaway_postgres
    sqlite = f"sqlite:///{tmp_path / 'portal.sqlite3'}"
    source, target = (
        (sqlite, postgres_database)
        if direction == "sqlite-to-postgres"
        else (postgres_database, sqlite)
    )
    manage_ok(source, "migrate", "--noinput", "-v0")
    manage_ok(source, "load_portal_fixtures", "-v0")
    manage_ok(source, "shell", "-c", EDIT_AN_ARTICLE)
    manage_ok(source, "export_portal", str(tmp_path / "out.json"))
    manage_ok(target, "migrate", "--noinput", "-v0")

    manage_ok(target, "import_portal", str(tmp_path / "out.json"))

    manage_ok(target, "export_portal", str(tmp_path / "back.json"))
    assert snapshot(tmp_path / "out.json") == snapshot(tmp_path / "back.json")
    backup = (tmp_path / "back.json").read_text()
    assert re.search(r'"created_at": "[^"]+\.\d{6}', backup)  # microseconds, not milliseconds
    assert '"model": "admin.logentry"' in backup and "Corrected the title" in backup
    created = manage_ok(
        target,
        "shell",
        "-c",
        "from articles.models import Article;"
        "a = Article.objects.create(title='New', body='x'); print(a.pk)",
    )
    assert int(created.split()[-1]) > 1  # sequences moved past the imported keys
