"""The glossary: wrong renderings found across articles and replaced in bulk."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.editorial.glossary import apply_plans, candidate_articles, plan_replacements
from articles.editorial.quality import refresh_quality_flags
from articles.models import Article

URL = "admin:articles_glossaryterm_occurrences"


def test_occurrences_are_listed_in_context(editor_client, make_glossary_term, make_article):
    term = make_glossary_term(preferred="dual carbon", wrong_renderings="double carbon")
    article = make_article(body="Promote the “double carbon” work. Double carbon goals.")
    make_article(body="Nothing to see.")

    response = editor_client.get(reverse(URL), {"term": term.pk})

    html = response.content.decode()
    assert response.status_code == 200
    assert [a.pk for a, found in response.context["rows"]] == [article.pk]
    assert len(response.context["rows"][0][1]) == 2
    assert 'Promote the “<del class="diff-del">double carbon</del>' in html
    assert '<ins class="diff-ins">Dual carbon</ins> goals' in html  # case kept


def test_candidates_are_filtered_in_the_database(make_glossary_term, make_article):
    term = make_glossary_term(wrong_renderings="carbon GSP")
    wanted = make_article(body="The CARBON GSP pilot.")
    for _ in range(5):
        make_article()

    assert list(candidate_articles([term])) == [wanted]
    assert "LIKE" in str(candidate_articles([term]).query).upper()


def test_preview_then_apply_makes_one_revision_per_article(
    editor_client, make_glossary_term, make_article
):
    term = make_glossary_term(preferred="carbon inclusion (Puhui)", wrong_renderings="carbon GSP")
    first = make_article(
        title="The carbon GSP pilot", body="Guangdong promoted the carbon GSP pilot."
    )
    second = make_article(body="A carbon GSP scheme. Another carbon GSP scheme.")
    listing = editor_client.get(reverse(URL), {"term": term.pk})
    keys = [o.key for _, found in listing.context["rows"] for o in found]
    chosen = [key for key in keys if not key.startswith(f"{second.pk}:")] + [
        next(key for key in keys if key.startswith(f"{second.pk}:"))
    ]

    preview = editor_client.post(reverse(URL), {"occurrence": chosen, "preview": "1"})
    html = preview.content.decode()
    assert '<del class="diff-del">GSP</del><ins class="diff-ins">inclusion (Puhui)</ins>' in html
    assert Article.objects.get(pk=first.pk).body == first.body  # nothing applied yet

    response = editor_client.post(reverse(URL), {"occurrence": chosen, "apply": "1"}, follow=True)

    first.refresh_from_db()
    second.refresh_from_db()
    assert "Replaced 3 occurrence(s) in 2 article(s)" in response.content.decode()
    assert first.title == "The carbon inclusion (Puhui) pilot"
    assert first.body == "Guangdong promoted the carbon inclusion (Puhui) pilot."
    assert second.body == "A carbon inclusion (Puhui) scheme. Another carbon GSP scheme."
    revision = first.history.first()
    assert revision.history_change_reason == "Glossary: “carbon GSP” → “carbon inclusion (Puhui)”"
    assert revision.history_user.username == "editor"
    assert first.history.count() == 2
    assert first.translation_status == Article.Status.IN_REVIEW


def test_an_article_changed_since_the_listing_is_left_alone(
    editor_client, make_glossary_term, make_article
):
    make_glossary_term(preferred="dual carbon", wrong_renderings="double carbon")
    article = make_article(body="The double carbon goal.")
    keys = [o.key for _, found in editor_client.get(reverse(URL)).context["rows"] for o in found]
    article.body = "Someone rewrote it: the double carbon goal."
    article.save_revision(note="meanwhile")

    response = editor_client.post(reverse(URL), {"occurrence": keys, "apply": "1"}, follow=True)

    article.refresh_from_db()
    assert article.body == "Someone rewrote it: the double carbon goal."
    assert "changed since you looked" in response.content.decode()


def test_applying_loads_the_glossary_once_for_all_articles(
    editor_client, make_glossary_term, make_article, django_user_model
):
    make_glossary_term(preferred="dual carbon", wrong_renderings="double carbon")
    articles = [make_article(body=f"Goal {n}: double carbon.") for n in range(3)]
    for article in articles:
        refresh_quality_flags(article)
        assert article.quality_flags.filter(kind="glossary").exists()
    keys = [o.key for _, found in editor_client.get(reverse(URL)).context["rows"] for o in found]
    plans = plan_replacements(keys)

    with CaptureQueriesContext(connection) as queries:
        applied, skipped = apply_plans(plans, django_user_model.objects.get(username="editor"))

    assert len(applied) == 3 and not skipped
    glossary_reads = [q for q in queries if 'FROM "articles_glossaryterm"' in q["sql"]]
    assert len(glossary_reads) == 1
    for article in articles:
        article.refresh_from_db()
        assert article.body.endswith("dual carbon.")
        assert not article.quality_flags.filter(kind="glossary").exists()  # flags refreshed


def test_glossary_terms_keep_revisions(editor_client, make_glossary_term):
    term = make_glossary_term(preferred="dual carbon", wrong_renderings="double carbon")

    editor_client.post(
        reverse("admin:articles_glossaryterm_change", args=[term.pk]),
        {
            "preferred": "dual carbon",
            "chinese": "双碳",
            "wrong_renderings": "double carbon\ntwo carbon",
            "note": "",
        },
    )

    assert term.history.count() == 2
    assert term.history.first().history_user.username == "editor"


def test_matches_in_another_case_or_inside_a_name_are_not_ticked(
    editor_client, make_glossary_term, make_article
):
    term = make_glossary_term(preferred="Three Rivers (Sanjiang)", wrong_renderings="Sanjiang")
    make_article(
        title="Notes",
        body="Sanjiang is green. The Sanjiang County office met. In Sanjiang, rivers rise. "
        "Officials of Qinghai Sanjiang spoke. Protect SANJIANG now.",
    )

    response = editor_client.get(reverse(URL), {"term": term.pk})

    ((_, found),) = response.context["rows"]
    reasons = {o.text[o.start - 12 : o.end + 8]: o.why_not_ticked for o in found}
    assert list(reasons.values()) == [
        "",
        "looks like part of a name",
        "",
        "looks like part of a name",
        "written in another case",
    ], reasons
    html = response.content.decode()
    boxes = html.count('name="occurrence"')
    assert boxes == 5 and html.count('" checked>') == 2
    assert html.count("Not ticked: looks like part of a name.") == 2
    assert 'data-tick="all"' in html and 'data-tick="none"' in html
    assert "editorial/glossary.js" in html


def test_replacements_keep_the_case_of_the_words_they_replace():
    from articles.editorial.glossary import matching_case

    preferred = "carbon inclusion (Puhui)"
    assert matching_case("carbon GSP", preferred, "carbon GSP") == preferred
    assert matching_case("Carbon GSP", preferred, "carbon GSP") == "Carbon inclusion (Puhui)"
    assert matching_case("CARBON GSP", preferred, "carbon GSP") == "CARBON INCLUSION (PUHUI)"
    assert matching_case("GSP", "generalized system", "GSP") == "generalized system"


def test_preview_shows_the_sentence_around_each_match_not_the_whole_article(
    editor_client, make_glossary_term, make_article
):
    make_glossary_term(preferred="dual carbon", wrong_renderings="double carbon")
    article = make_article(
        body="An opening paragraph about the province.\n\n"
        "Officials met in May. The double carbon goal was discussed. Tea followed.\n\n"
        "A closing paragraph about the weather."
    )
    keys = [o.key for _, found in editor_client.get(reverse(URL)).context["rows"] for o in found]

    html = editor_client.post(reverse(URL), {"occurrence": keys, "preview": "1"}).content.decode()

    assert (
        'The <del class="diff-del">double</del><ins class="diff-ins">dual</ins> carbon goal '
        "was discussed." in html
    )
    assert "opening paragraph" not in html and "closing paragraph" not in html
    assert "Tea followed" not in html
    assert Article.objects.get(pk=article.pk).body == article.body
