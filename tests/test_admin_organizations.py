"""Reviewing automatically created organizations: confirm, rename, merge."""

import pytest
from django.urls import reverse

from articles.models import LinkDecision, Organization

CHANGELIST = "admin:articles_organization_changelist"


def test_confirm_clears_needs_review(editor_client, make_organization):
    organization = make_organization(needs_review=True)

    editor_client.post(
        reverse(CHANGELIST), {"action": "confirm", "_selected_action": [organization.pk]}
    )

    organization.refresh_from_db()
    assert not organization.needs_review
    assert organization.history.first().history_change_reason == "Confirmed"


def test_rename_keeps_the_slug(editor_client, make_organization):
    organization = make_organization(name="Qinghai Lihao Semiconductor", needs_review=True)
    slug = organization.slug

    response = editor_client.post(
        reverse("admin:articles_organization_change", args=[organization.pk]),
        {
            "name": "Qinghai Lihao Semiconductor Materials Co., Ltd.",
            "name_zh": "",
            "slug": organization.slug,
            "kind": "company",
            "region": "",
            "aliases": "Qinghai Lihao Semiconductor",
            "website": "",
        },
    )

    organization.refresh_from_db()
    assert response.status_code == 302
    assert organization.name == "Qinghai Lihao Semiconductor Materials Co., Ltd."
    assert organization.slug == slug  # addresses readers may have kept still work
    assert not organization.needs_review  # an unticked box: confirmed by the rename


def test_merge_moves_articles_aliases_and_decisions(editor_client, make_organization, make_article):
    keep = make_organization(name="National Climate Center", aliases="NCC")
    duplicate = make_organization(
        name="National Climate Centre",
        name_zh="国家气候中心",
        aliases="Climate Center",
        needs_review=True,
    )
    only_duplicate = make_article(organizations=[duplicate])
    both = make_article(organizations=[keep, duplicate])
    decided = make_article()
    LinkDecision.objects.create(article=decided, organization=duplicate, action="remove")

    intermediate = editor_client.post(
        reverse(CHANGELIST), {"action": "merge", "_selected_action": [keep.pk, duplicate.pk]}
    )
    assert "Keep which organization?" in intermediate.content.decode()

    response = editor_client.post(
        reverse(CHANGELIST),
        {
            "action": "merge",
            "_selected_action": [keep.pk, duplicate.pk],
            "target": keep.pk,
            "confirm": "yes",
        },
        follow=True,
    )

    keep.refresh_from_db()
    assert "Merged National Climate Centre into “National Climate Center”" in (
        response.content.decode()
    )
    assert not Organization.objects.filter(pk=duplicate.pk).exists()
    assert list(only_duplicate.organizations.all()) == [keep]
    assert list(both.organizations.all()) == [keep]
    assert keep.alias_list() == ["NCC", "National Climate Centre", "Climate Center"]
    assert keep.name_zh == "国家气候中心"
    assert LinkDecision.objects.get(article=decided).organization == keep
    assert keep.history.first().history_change_reason == "Merged “National Climate Centre” into it"


def test_an_organization_cannot_be_merged_into_itself(make_organization, make_article):
    keep, other = make_organization(), make_organization()
    article = make_article(organizations=[other])

    with pytest.raises(ValueError):
        other.merge_into(other)

    assert list(article.organizations.all()) == [other]
    assert Organization.objects.filter(pk__in=[keep.pk, other.pk]).count() == 2
