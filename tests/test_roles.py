"""The Editors group: what editors can and cannot reach."""

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from articles.editorial.roles import EDITORS


def test_create_editor_group_is_idempotent(db, capsys):
    call_command("create_editor_group")
    call_command("create_editor_group")

    assert "Updated the Editors group" in capsys.readouterr().out
    group = Group.objects.get(name=EDITORS)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"change_article", "change_glossaryterm", "delete_organization"} <= codenames
    assert not codenames & {"add_user", "change_user", "change_group", "change_permission"}
    assert "delete_article" not in codenames
    assert set(group.permissions.values_list("content_type__app_label", flat=True)) == {"articles"}


def test_editor_reaches_the_editorial_admin_but_not_user_management(editor_client):
    for name in (
        "admin:articles_article_changelist",
        "admin:articles_organization_changelist",
        "admin:articles_region_changelist",
        "admin:articles_source_changelist",
        "admin:articles_glossaryterm_changelist",
        "admin:articles_glossaryterm_occurrences",
        "admin:articles_qualityflag_changelist",
        "admin:articles_linkdecision_changelist",
    ):
        assert editor_client.get(reverse(name)).status_code == 200, name

    for name in ("admin:auth_user_changelist", "admin:auth_group_changelist"):
        assert editor_client.get(reverse(name)).status_code == 403, name
    assert "auth/user" not in editor_client.get(reverse("admin:index")).content.decode()


def test_staff_without_the_group_cannot_edit_articles(client, django_user_model, make_article):
    article = make_article()
    client.force_login(django_user_model.objects.create_user("visitor", is_staff=True))

    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))

    assert response.status_code == 403


def test_create_editor_with_a_generated_password_makes_a_working_editor(db, capsys):
    from django.contrib.auth.models import User

    call_command("create_editor", "lin", "--email", "lin@example.com", "--generate-password")

    out = capsys.readouterr().out
    assert "Created lin in the Editors group." in out
    password = out.split("One-time password: ")[1].split()[0]
    lin = User.objects.get(username="lin")
    assert lin.is_staff and not lin.is_superuser
    assert lin.email == "lin@example.com"
    assert list(lin.groups.values_list("name", flat=True)) == [EDITORS]
    assert lin.check_password(password)
    assert lin.has_perm("articles.change_article")
    assert not lin.has_perm("auth.change_user")


def test_create_editor_prompts_for_a_password_at_a_terminal(db, monkeypatch, capsys):
    from django.contrib.auth.models import User

    typed = iter(["short", "short", "sea-level rise 2060", "sea-level rise 2060"])
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(typed))

    call_command("create_editor", "wang")

    assert "too short" in capsys.readouterr().err
    assert User.objects.get(username="wang").check_password("sea-level rise 2060")


def test_create_editor_refuses_without_a_terminal_or_an_existing_name(db, monkeypatch):
    import pytest
    from django.core.management.base import CommandError

    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    with pytest.raises(CommandError, match="--generate-password"):
        call_command("create_editor", "zhao")
    call_command("create_editor", "zhao", "--generate-password")
    with pytest.raises(CommandError, match="already exists"):
        call_command("create_editor", "zhao", "--generate-password")
