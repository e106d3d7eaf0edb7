"""Quality flags in the change form: a link to their paragraph, the glossary's
rendering as a one-click fix, and a one-click dismissal that records who and why."""

from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from articles.editorial.quality import refresh_quality_flags
from articles.models import Article, QualityFlag
from tests.editorial import change_url


@pytest.fixture
def flagged(make_article, make_glossary_term):
    make_glossary_term(preferred="carbon inclusion (Puhui)", wrong_renderings="carbon GSP")
    article = make_article(
        title="Guangdong pilots",
        body="Guangdong held an event.\n\nCarbon GSP pilots grew.\n\n"
        "The carbon GSP platform opened.",
    )
    refresh_quality_flags(article)
    return article


def glossary_flags(article):
    return list(article.quality_flags.open().filter(kind="glossary").order_by("start"))


def fix_url(flag):
    return reverse("admin:articles_qualityflag_fix", args=[flag.pk])


def test_each_flag_links_to_its_paragraphs_box(editor_client, flagged):
    first, second = glossary_flags(flagged)

    html = editor_client.get(change_url(flagged)).content.decode()

    assert (first.paragraph_number(), second.paragraph_number()) == (2, 3)
    assert '<a href="#body-paragraph-2">paragraph 2</a>' in html
    assert '<a href="#body-paragraph-3">paragraph 3</a>' in html
    assert 'class="parallel-row" id="body-paragraph-3"' in html
    assert "Write “Carbon inclusion (Puhui)”" in html  # its case kept
    assert "Write “carbon inclusion (Puhui)”" in html


def test_the_glossary_fix_is_a_revision_with_a_note(editor_client, flagged):
    flag = glossary_flags(flagged)[1]
    filters = urlencode({"flags": "open"})

    response = editor_client.post(
        fix_url(flag), {"base_version": flagged.version, "_changelist_filters": filters}
    )

    assert response.status_code == 302
    assert response["Location"] == (
        change_url(flagged)
        + "?"
        + urlencode({"_changelist_filters": filters})
        + "#body-paragraph-3"
    )
    flagged.refresh_from_db()
    assert flagged.body.endswith("The carbon inclusion (Puhui) platform opened.")
    assert "Carbon GSP pilots grew." in flagged.body  # the other one is left
    revision = flagged.history.first()
    assert (
        revision.history_change_reason == "Glossary fix: “carbon GSP” → “carbon inclusion (Puhui)”"
    )
    assert revision.history_user.username == "editor"
    assert flagged.translation_status == Article.Status.IN_REVIEW
    assert len(glossary_flags(flagged)) == 1
    page = editor_client.get(response["Location"]).content.decode()
    assert "Replaced “carbon GSP” with “carbon inclusion (Puhui)”: a new revision." in page


def test_the_fix_is_refused_if_the_article_changed_meanwhile(editor_client, flagged, make_editor):
    flag = glossary_flags(flagged)[1]
    seen = flagged.version
    flagged.body = flagged.body.replace("held an event", "held a large event")
    flagged.save_revision(make_editor(), "Someone else")

    response = editor_client.post(fix_url(flag), {"base_version": seen}, follow=True)

    flagged.refresh_from_db()
    assert "carbon GSP platform" in flagged.body
    assert flagged.history.count() == 2
    assert "Nothing was changed: someone saved this article since you opened it." in (
        response.content.decode()
    )


def test_a_flag_without_a_glossary_fix_is_refused(editor_client, make_article):
    article = make_article(body="The the market opened.")
    refresh_quality_flags(article)
    (flag,) = article.quality_flags.all()

    response = editor_client.post(fix_url(flag), {"base_version": article.version}, follow=True)

    assert "Nothing was changed: This flag has no glossary fix." in response.content.decode()
    assert Article.objects.get(pk=article.pk).body == "The the market opened."


def test_dismissing_is_one_click_and_records_who_and_why(editor_client, flagged):
    flag = glossary_flags(flagged)[0]
    url = reverse("admin:articles_qualityflag_dismiss", args=[flag.pk])

    response = editor_client.post(url, {"reason": "A proper name or a quotation"})

    assert response["Location"] == change_url(flagged)
    flag.refresh_from_db()
    assert flag.dismissed and flag.dismissed_by.username == "editor"
    assert flag.dismissal_reason == "A proper name or a quotation"
    html = editor_client.get(change_url(flagged)).content.decode()
    assert f'id="flag-{flag.pk}"' not in html
    queue = editor_client.get(
        reverse("admin:articles_qualityflag_changelist"), {"state": "dismissed"}
    )
    assert "A proper name or a quotation" in queue.content.decode()


def test_fixing_and_dismissing_need_a_post_and_permission(client, flagged, make_editor):
    flag = glossary_flags(flagged)[0]
    viewer = make_editor("viewer")
    viewer.groups.clear()
    viewer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_article", "view_qualityflag"])
    )
    client.force_login(viewer)

    assert client.get(fix_url(flag)).status_code == 405
    assert client.post(fix_url(flag), {"base_version": flagged.version}).status_code == 403
    dismiss = reverse("admin:articles_qualityflag_dismiss", args=[flag.pk])
    assert client.post(dismiss).status_code == 403
    assert not QualityFlag.objects.get(pk=flag.pk).dismissed
