"""Revisions: who changed what, diffs between any two, restoring, and no lost edits."""

import threading

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from articles.models import Article, StaleVersion
from tests.editorial import article_form_data, change_url


def history_url(article):
    return reverse("admin:articles_article_history", args=[article.pk])


def correct(client, article, **changes):
    article.refresh_from_db()
    return client.post(change_url(article), article_form_data(article, **changes))


def test_every_save_is_a_revision_with_user_and_note(editor_client, make_article):
    article = make_article(body="Double carbon work.")

    correct(editor_client, article, body="Dual carbon work.", revision_note="Glossary term")

    record = article.history.first()
    assert record.history_user.username == "editor"
    assert record.history_change_reason == "Glossary term"
    response = editor_client.get(history_url(article))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Glossary term" in html
    assert "Compare selected revisions" in html


def test_compare_any_two_revisions_shows_a_word_diff(editor_client, make_article):
    article = make_article(body="One two three.")
    correct(editor_client, article, body="One 2 three.")
    correct(editor_client, article, body="One 2 three <four>.")
    first, *_, last = article.history.order_by("history_date")

    response = editor_client.get(
        reverse("admin:articles_article_revision_compare", args=[article.pk]),
        {"from": first.pk, "to": last.pk},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert '<del class="diff-del">two</del><ins class="diff-ins">2</ins>' in html
    assert '<ins class="diff-ins"> &lt;four&gt;</ins>' in html  # escaped


def test_restoring_an_old_revision_makes_a_new_one(editor_client, make_article):
    article = make_article(body="Original text.")
    correct(editor_client, article, body="A bad correction.")
    original = article.history.order_by("history_date").first()
    url = reverse("admin:articles_article_revision_restore", args=[article.pk, original.pk])

    preview = editor_client.get(url)
    assert (
        '<del class="diff-del">bad correction</del><ins class="diff-ins">text</ins>'
        in preview.content.decode()
    )

    response = editor_client.post(url)

    article.refresh_from_db()
    assert response.status_code == 302
    assert article.body == "Original text."
    assert article.history.count() == 3
    latest = article.history.first()
    assert latest.history_change_reason.startswith("Restored the revision of")
    assert latest.history_user.username == "editor"
    assert article.version == 3


def test_second_save_of_a_stale_form_is_refused_showing_the_other_change(
    client, make_editor, make_article
):
    article = make_article(body="Carbon GSP pilot.")
    alice, bob = make_editor("alice"), make_editor("bob")
    # Both open the form at version 1.
    client.force_login(alice)
    alice_form = article_form_data(article, body="Carbon inclusion (Puhui) pilot.")
    bob_form = article_form_data(article, body="Carbon GSP pilot programme.")

    assert client.post(change_url(article), alice_form).status_code == 302
    client.force_login(bob)
    response = client.post(change_url(article), bob_form)

    article.refresh_from_db()
    html = response.content.decode()
    assert response.status_code == 200
    assert article.body == "Carbon inclusion (Puhui) pilot."
    assert "Someone else saved this article (by alice" in html
    assert '<del class="diff-del">GSP</del><ins class="diff-ins">inclusion (Puhui)</ins>' in html
    assert "Carbon GSP pilot programme." in html  # Bob's text is still in his form

    # Having seen Alice's change, Bob can save deliberately over it.
    again = client.post(
        change_url(article),
        {**bob_form, "base_version": response.context["adminform"].form.data["base_version"]},
    )
    article.refresh_from_db()
    assert again.status_code == 302
    assert article.body == "Carbon GSP pilot programme."
    assert article.version == 3


def test_only_one_of_two_saves_from_the_same_version_wins(make_article):
    article = make_article()
    first, second = Article.objects.get(pk=article.pk), Article.objects.get(pk=article.pk)

    first.body = "First."
    first.save_revision(note="first")
    second.body = "Second."
    try:
        second.save_revision(note="second")
    except StaleVersion:
        refused = True
    else:
        refused = False

    article.refresh_from_db()
    assert refused
    assert (article.body, article.version) == ("First.", 2)


def test_region_and_organization_changes_are_revisions_too(
    editor_client, make_region, make_organization
):
    region = make_region(name="Qinghai", aliases="")
    organization = make_organization(name="Climate centre")

    editor_client.post(
        reverse("admin:articles_region_change", args=[region.pk]),
        {
            "name": "Qinghai Province",
            "name_zh": "青海",
            "slug": region.slug,
            "kind": region.kind,
            "parent": "",
            "code": "",
            "aliases": "Qinghai",
        },
    )
    organization.name = "National Climate Center"
    organization.save()
    first, last = region.history.order_by("history_date")

    compare = editor_client.get(
        reverse("admin:articles_region_revision_compare", args=[region.pk]),
        {"from": first.pk, "to": last.pk},
    )
    restore = editor_client.post(
        reverse("admin:articles_region_revision_restore", args=[region.pk, first.pk])
    )

    region.refresh_from_db()
    assert last.history_user.username == "editor"
    assert '<ins class="diff-ins"> Province</ins>' in compare.content.decode()
    assert restore.status_code == 302
    assert (region.name, region.name_zh) == ("Qinghai", "")
    assert region.history.count() == 3
    assert organization.history.count() == 2
    assert (
        editor_client.get(
            reverse("admin:articles_organization_history", args=[organization.pk])
        ).status_code
        == 200
    )


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_saves_from_the_same_version_cannot_both_win(make_article):
    article = make_article(body="Start.")
    barrier = threading.Barrier(2)
    outcomes = []

    def save(text):
        try:
            copy = Article.objects.get(pk=article.pk)
            copy.body = text
            barrier.wait(timeout=10)
            copy.save_revision(note=text, expected_version=1)
            outcomes.append("saved")
        except StaleVersion:
            outcomes.append("refused")
        except OperationalError:
            # SQLite's shared in-memory test database refuses a second writer
            # at once ("table is locked") where PostgreSQL makes it wait.
            outcomes.append("locked out")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(text,)) for text in ("One.", "Two.")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    article.refresh_from_db()
    assert outcomes.count("saved") == 1
    if connection.vendor == "postgresql":
        # The loser waited for the winner's row lock, then found the version gone.
        assert sorted(outcomes) == ["refused", "saved"]
    assert article.version == 2
    assert article.history.count() == 2


def test_compare_with_one_revision_picked_explains_itself_on_the_history_page(
    editor_client, make_article
):
    article = make_article()
    (record,) = article.history.all()
    compare = reverse("admin:articles_article_revision_compare", args=[article.pk])
    history = reverse("admin:articles_article_history", args=[article.pk])

    for query in (f"?to={record.pk}", f"?from={record.pk}&to={record.pk}", "?from=x&to=1"):
        response = editor_client.get(compare + query, follow=True)
        assert response.redirect_chain == [(history, 302)], query
        assert "Pick two different revisions to compare" in response.content.decode()
    assert "Only one revision so far" in editor_client.get(history).content.decode()


def test_stale_form_shows_only_what_the_other_editor_changed(client, make_editor, make_article):
    paragraphs = [f"Paragraph {n} about the provincial carbon market." for n in range(1, 9)]
    article = make_article(body="\n\n".join(paragraphs))
    alice, bob = make_editor("alice"), make_editor("bob")
    changed = paragraphs.copy()
    changed[5] = "Paragraph 6 about the provincial carbon emissions trading market."
    alice_form = article_form_data(article, body="\n\n".join(changed))
    bob_form = article_form_data(article, title="Bob's better title")

    client.force_login(alice)
    assert client.post(change_url(article), alice_form).status_code == 302
    client.force_login(bob)
    response = client.post(change_url(article), bob_form)

    assert response.status_code == 200
    stale = response.context["adminform"].form.stale
    assert stale.changed_fields == ["Body", "Translation status"]
    panel = response.content.decode().split('id="stale-heading"')[1].split("</section>")[0]
    assert "They changed: Body, Translation status." in panel
    assert "¶ 6" in panel and '<ins class="diff-ins">emissions trading </ins>' in panel
    assert "Paragraph 5 about" not in panel and "Paragraph 7 about" not in panel
    assert "in_review" not in panel and "review</ins>" in panel  # labels, not stored values
