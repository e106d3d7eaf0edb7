"""The editors' pages run a bounded number of queries, however many rows."""

import datetime
import re

import pytest
from django.urls import reverse

from articles.editorial.quality import refresh_quality_flags
from articles.models import Article, GlossaryTerm, Organization, Region


@pytest.fixture
def many_articles(make_source, make_editor):
    """200 articles, each linked to three regions and three organizations,
    edited by someone, with open quality flags."""
    source = make_source()
    editor = make_editor()
    regions = Region.objects.bulk_create(
        Region(name=f"Region {n}", slug=f"bulk-region-{n}", kind="county") for n in range(30)
    )
    organizations = Organization.objects.bulk_create(
        Organization(name=f"Organization {n}", slug=f"bulk-org-{n}") for n in range(30)
    )
    GlossaryTerm.objects.create(preferred="dual carbon", wrong_renderings="double carbon")
    articles = Article.objects.bulk_create(
        Article(
            slug=f"bulk-{n}",
            title=f"Release {n} (National National)",
            body=f"Paragraph one of {n}, double carbon.\n\nParagraph two.",
            machine_title=f"Release {n} (National National)",
            machine_body=f"Paragraph one of {n}, double carbon.\n\nParagraph two.",
            source=source,
            published_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=n),
            last_edited_by=editor,
            has_conflict=n % 10 == 0,
        )
        for n in range(200)
    )
    RegionLinks = Article.regions.through
    OrgLinks = Article.organizations.through
    RegionLinks.objects.bulk_create(
        RegionLinks(article=a, region=regions[(i + k) % 30])
        for i, a in enumerate(articles)
        for k in range(3)
    )
    OrgLinks.objects.bulk_create(
        OrgLinks(article=a, organization=organizations[(i + k) % 30])
        for i, a in enumerate(articles)
        for k in range(3)
    )
    terms = list(GlossaryTerm.objects.all())
    for article in articles[:60]:
        refresh_quality_flags(article, terms=terms)
    return articles


def test_article_change_list_queries_do_not_grow_with_rows(
    editor_client, many_articles, django_assert_max_num_queries
):
    url = reverse("admin:articles_article_changelist")

    with django_assert_max_num_queries(10):
        response = editor_client.get(url, {"q": "Release"})
    assert len(response.context["cl"].result_list) == 50
    with django_assert_max_num_queries(10):
        filtered = editor_client.get(url, {"year": 2024, "has_conflict__exact": 1})
    assert filtered.status_code == 200


def test_article_change_form_queries_are_bounded(
    editor_client, many_articles, django_assert_max_num_queries
):
    article = many_articles[0]
    url = reverse("admin:articles_article_change", args=[article.pk])

    # Two of them place it in its list: the source filter's choices and the
    # numbering; four fill the policy fields (the document types, every
    # facet, the release's own facets, its issuing body).
    with django_assert_max_num_queries(24):
        response = editor_client.get(url)
    assert response.status_code == 200


def test_change_form_in_a_filtered_queue_with_an_original_is_bounded(
    editor_client, many_articles, django_assert_max_num_queries
):
    article = many_articles[5]
    article.original_body = "第一段。\n\n第二段。"
    article.alignment = [[[0], [0]], [[1], [1]]]
    article.save()
    url = reverse("admin:articles_article_change", args=[article.pk])

    # As the unfiltered form: the aligned rows and the queue's filter cost nothing more.
    with django_assert_max_num_queries(24):
        response = editor_client.get(url, {"_changelist_filters": "flags=open"})
    assert re.search(r"<strong>\d+ of 60</strong>", response.content.decode())


def test_work_queue_and_glossary_pages_are_bounded(
    editor_client, many_articles, django_assert_max_num_queries
):
    responses = []
    with django_assert_max_num_queries(7):
        responses.append(editor_client.get(reverse("admin:articles_qualityflag_changelist")))
    with django_assert_max_num_queries(8):
        response = editor_client.get(reverse("admin:articles_glossaryterm_occurrences"))
    assert len(response.context["rows"]) == 20
    with django_assert_max_num_queries(8):
        responses.append(editor_client.get(reverse("admin:articles_organization_changelist")))
    with django_assert_max_num_queries(8):
        responses.append(
            editor_client.get(reverse("admin:articles_article_history", args=[many_articles[0].pk]))
        )
    # Fewer queries would also come from a refusal or a redirect.
    assert [r.status_code for r in responses] == [200, 200, 200]
