"""A megabyte-long release stays workable for editors: the change form,
diffs, history, glossary pages and quality flags take time in proportion to
the text, not to its square."""

import time

import pytest
from django.urls import reverse

from articles.editorial.diffs import text_diff
from articles.editorial.glossary import apply_plans, plan_replacements
from articles.editorial.quality import refresh_quality_flags
from articles.models import Article
from tests.editorial import article_form_data, change_url

pytestmark = pytest.mark.slow

MEGABYTE = 1_000_000


def one_paragraph(size=MEGABYTE):
    """About `size` characters of one paragraph whose words repeat often,
    the worst case for difflib."""
    words = [f"w{n % 997}" for n in range(size // 5)]
    return " ".join(words)[:size].rsplit(" ", 1)[0]


def changed_throughout(text):
    """`text` with a word changed near its start, middle and end."""
    middle = len(text) // 2
    return "Changed " + text[8:middle] + " EDITED " + text[middle:-10] + " the end."


class Timer:
    def __enter__(self):
        self.started = time.monotonic()
        return self

    def __exit__(self, *exc):
        self.seconds = time.monotonic() - self.started


@pytest.fixture
def megabyte_release(make_article):
    return make_article(title="Notice", body=one_paragraph())


def test_text_diff_of_a_megabyte_paragraph_takes_under_a_second():
    old = one_paragraph()
    new = changed_throughout(old)

    with Timer() as timer:
        html = str(text_diff(old, new))

    assert timer.seconds < 1
    assert '<ins class="diff-ins">' in html
    assert "EDITED" in html


def test_a_small_correction_is_still_shown_word_by_word():
    old = one_paragraph(200_000)
    new = old.replace("w5 w6 w7", "w5 SIX w7", 1)

    html = str(text_diff(old, new))

    assert '<del class="diff-del">w6</del><ins class="diff-ins">SIX</ins>' in html


def test_the_change_form_of_a_megabyte_release_opens_and_saves(editor_client, megabyte_release):
    article = megabyte_release

    with Timer() as opening:
        response = editor_client.get(change_url(article))
    assert response.status_code == 200
    with Timer() as saving:
        response = editor_client.post(
            change_url(article), article_form_data(article, body=changed_throughout(article.body))
        )

    assert response.status_code == 302
    assert opening.seconds < 5 and saving.seconds < 5, (opening.seconds, saving.seconds)
    article.refresh_from_db()
    assert "EDITED" in article.body


def test_a_release_as_long_as_an_import_allows_can_be_corrected(editor_client, make_article):
    article = make_article(title="Notice", body=one_paragraph(4 * MEGABYTE))

    response = editor_client.post(
        change_url(article), article_form_data(article, body=changed_throughout(article.body))
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert "EDITED" in article.body


def test_history_compare_and_restore_of_a_megabyte_release(editor_client, megabyte_release):
    article = megabyte_release
    editor_client.post(
        change_url(article), article_form_data(article, body=changed_throughout(article.body))
    )
    first, last = article.history.order_by("history_date")
    restore = reverse("admin:articles_article_revision_restore", args=[article.pk, first.pk])

    with Timer() as timer:
        compare = editor_client.get(
            reverse("admin:articles_article_revision_compare", args=[article.pk]),
            {"from": first.pk, "to": last.pk},
        )
        preview = editor_client.get(restore)
        restored = editor_client.post(restore)

    assert (compare.status_code, preview.status_code, restored.status_code) == (200, 200, 302)
    assert timer.seconds < 8
    article.refresh_from_db()
    assert article.body == first.body


@pytest.fixture
def seventy_thousand_slips(make_glossary_term, make_article):
    term = make_glossary_term(preferred="dual carbon", wrong_renderings="double carbon")
    article = make_article(title="Notice", body="double carbon " * 71_427)
    return term, article


def test_quality_flags_of_seventy_thousand_glossary_slips_are_quick(seventy_thousand_slips):
    term, article = seventy_thousand_slips

    with Timer() as timer:
        flags = refresh_quality_flags(article, terms=[term])

    assert timer.seconds < 3
    assert 0 < flags.count() <= 200


def test_glossary_occurrences_page_of_seventy_thousand_slips(editor_client, seventy_thousand_slips):
    term, article = seventy_thousand_slips

    with Timer() as timer:
        response = editor_client.get(
            reverse("admin:articles_glossaryterm_occurrences"), {"term": term.pk}
        )

    assert response.status_code == 200
    assert timer.seconds < 5
    assert "And 71227 more in this article" in response.content.decode()


def test_replacing_thousands_of_slips_in_one_release_is_quick(make_editor, seventy_thousand_slips):
    term, article = seventy_thousand_slips
    keys = [
        f"{article.pk}:{article.version}:body:{start}:{start + 13}:{term.pk}"
        for start in range(0, 14 * 5_000, 14)
    ]

    with Timer() as timer:
        plans = plan_replacements(keys)
        applied, skipped = apply_plans(plans, make_editor())

    assert timer.seconds < 5
    assert (len(applied), skipped) == (1, [])
    body = Article.objects.get(pk=article.pk).body
    assert body.count("dual carbon") == 5_000
    assert body.startswith("dual carbon dual carbon")
