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
