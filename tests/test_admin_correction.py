"""Correcting a machine translation in the admin, as an editor."""

import datetime

from django.urls import reverse

from articles.models import Article, LinkDecision
from tests.editorial import article_form_data, change_url

MACHINE_BODY = (
    "Guangdong has solidly promoted the carbon GSP pilot program.\n\n"
    "The province issued more than 2.47 million tons of certified reductions."
)


def test_change_form_shows_machine_text_beside_each_paragraph(editor_client, make_article):
    article = make_article(title="Guangdong holds low-carbon event", body=MACHINE_BODY)

    response = editor_client.get(change_url(article))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Machine translation (read-only)" in html
    assert 'name="body_0"' in html and 'name="body_1"' in html
    assert html.count('class="parallel-machine"') == 3  # the title and two paragraphs
    assert "No corrections yet" in html


def test_saving_a_correction_shows_the_word_diff_and_moves_to_in_review(
    editor_client, make_article
):
    article = make_article(title="Guangdong holds low-carbon event", body=MACHINE_BODY)
    corrected = MACHINE_BODY.replace("carbon GSP", "carbon inclusion (Puhui)")

    response = editor_client.post(
        change_url(article), article_form_data(article, body=corrected), follow=True
    )

    article.refresh_from_db()
    assert response.status_code == 200
    assert article.body == corrected
    assert article.machine_body == MACHINE_BODY
    assert article.translation_status == Article.Status.IN_REVIEW
    assert article.last_edited_by.username == "editor"
    assert article.version == 2
    html = response.content.decode()
    assert '<del class="diff-del">GSP</del>' in html
    assert '<ins class="diff-ins">inclusion (Puhui)</ins>' in html


def test_paragraph_fields_are_joined_into_the_body(editor_client, make_article):
    article = make_article(body=MACHINE_BODY)
    data = article_form_data(article, body_0="First, corrected.", body_1="Second.")
    del data["body"]

    editor_client.post(change_url(article), data)

    article.refresh_from_db()
    assert article.body == "First, corrected.\n\nSecond."


def test_mark_reviewed_button_records_who_and_when(editor_client, make_article):
    article = make_article(body=MACHINE_BODY)

    response = editor_client.post(
        change_url(article), article_form_data(article, _mark_reviewed="Save and mark reviewed")
    )

    article.refresh_from_db()
    assert response.status_code == 302
    assert article.translation_status == Article.Status.REVIEWED
    assert article.reviewed_at is not None
    changes = article.status_changes()
    assert [c.translation_status for c in changes] == ["machine", "reviewed"]
    assert changes[-1].history_user.username == "editor"
    assert changes[-1].history_change_reason == "Marked reviewed"


def test_status_walks_machine_in_review_reviewed_and_the_form_lists_it(editor_client, make_article):
    article = make_article(body=MACHINE_BODY)
    editor_client.post(change_url(article), article_form_data(article, body="Corrected."))
    article.refresh_from_db()
    editor_client.post(
        change_url(article), article_form_data(article, _mark_reviewed="Save and mark reviewed")
    )
    article.refresh_from_db()

    html = editor_client.get(change_url(article)).content.decode()

    assert [c.translation_status for c in article.status_changes()] == [
        "machine",
        "in_review",
        "reviewed",
    ]
    assert "In review: editor" in html.replace("in review: editor", "In review: editor")
    assert "Reviewed: editor" in html.replace("reviewed: editor", "Reviewed: editor")


def test_bulk_mark_reviewed_action(editor_client, make_article):
    first, second = make_article(), make_article()

    response = editor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "mark_reviewed", "_selected_action": [first.pk, second.pk]},
        follow=True,
    )

    assert "2 article(s): marked reviewed." in response.content.decode()
    assert set(Article.objects.values_list("translation_status", flat=True)) == {"reviewed"}
    assert set(Article.objects.values_list("version", flat=True)) == {2}


def test_link_changes_are_remembered_as_decisions(
    editor_client, make_article, make_region, make_organization
):
    kept, dropped, added = make_region(), make_region(), make_region()
    organization = make_organization()
    article = make_article(regions=[kept, dropped])

    editor_client.post(
        change_url(article),
        article_form_data(article, regions=[kept.pk, added.pk], organizations=[organization.pk]),
    )

    decisions = {
        (d.region_id or d.organization_id, d.action, d.decided_by.username)
        for d in LinkDecision.objects.filter(article=article)
    }
    assert decisions == {
        (added.pk, "add", "editor"),
        (dropped.pk, "remove", "editor"),
        (organization.pk, "add", "editor"),
    }
    # Re-linking from the text (as an import does) keeps the editor's choices.
    regions, organizations = article.apply_link_decisions({kept.pk, dropped.pk}, set())
    assert regions == {kept.pk, added.pk}
    assert organizations == {organization.pk}


def test_import_conflict_shows_old_to_new_machine_diff_and_keep_clears_it(
    editor_client, make_article
):
    article = make_article(body="Old machine text about double carbon.")
    Article.objects.filter(pk=article.pk).update(
        body="My correction about dual carbon.",
        machine_body="New machine text about double carbon goals.",
        superseded_machine_body="Old machine text about double carbon.",
        has_conflict=True,
    )
    article.refresh_from_db()

    html = editor_client.get(change_url(article)).content.decode()
    assert "Import conflict" in html
    assert '<del class="diff-del">Old</del><ins class="diff-ins">New</ins>' in html
    assert '<ins class="diff-ins"> goals</ins>' in html

    editor_client.post(change_url(article), article_form_data(article, conflict_resolution="keep"))

    article.refresh_from_db()
    assert not article.has_conflict
    assert article.superseded_machine_body == ""
    assert article.body == "My correction about dual carbon."


def test_taking_the_new_machine_text_replaces_the_correction(editor_client, make_article):
    article = make_article(body="Old.")
    Article.objects.filter(pk=article.pk).update(
        body="Corrected.", machine_body="New.", superseded_machine_body="Old.", has_conflict=True
    )
    article.refresh_from_db()

    editor_client.post(change_url(article), article_form_data(article, conflict_resolution="take"))

    article.refresh_from_db()
    assert (article.body, article.has_conflict) == ("New.", False)
    assert article.history.first().history_change_reason == "Took the new machine text"


def test_change_list_shows_work_columns_and_puts_conflicts_first(editor_client, make_article):
    reviewed = make_article(
        title="Reviewed one",
        translation_status=Article.Status.REVIEWED,
        published_on=datetime.date(2024, 5, 1),
    )
    make_article(title="Machine one", published_on=datetime.date(2024, 4, 1))
    conflicted = make_article(title="Conflicted one", published_on=datetime.date(2020, 1, 1))
    Article.objects.filter(pk=conflicted.pk).update(has_conflict=True)

    response = editor_client.get(reverse("admin:articles_article_changelist"))

    rows = [a.title for a in response.context["cl"].result_list]
    assert rows == ["Conflicted one", "Machine one", "Reviewed one"]
    html = response.content.decode()
    for column in ("title", "status", "open_flags", "source", "published_on", "last_edited"):
        assert f"column-{column}" in html
    assert '<span class="status status-conflict">conflict</span>' in html
    assert reviewed.title in html


def test_change_list_dates_drill_down_from_years_to_months(editor_client, make_article):
    for date in (datetime.date(2019, 3, 1), datetime.date(2021, 5, 24), datetime.date(2021, 6, 1)):
        make_article(published_on=date)
    url = reverse("admin:articles_article_changelist")

    years = editor_client.get(url).content.decode()
    months = editor_client.get(url, {"published_on__year": 2021}).content.decode()

    # Every year from the first release to the last, quiet ones included.
    for year in (2019, 2020, 2021):
        assert f"?published_on__year={year}" in years
    assert "published_on__month=5" in months and "published_on__month=6" in months
    assert "published_on__month=3" not in months


def test_change_list_search_and_filters(
    editor_client, make_article, make_region, make_organization, make_source
):
    province = make_region(name="Qinghai")
    county = make_region(name="Haiyan", kind="county", parent=province)
    organization = make_organization(name="National Climate Center")
    source = make_source(name="China Carbon Credit Platform")
    wanted = make_article(
        title="Assessment results",
        body="The assessment team visited the photovoltaic park.",
        regions=[county],
        organizations=[organization],
        source=source,
        published_on=datetime.date(2016, 7, 14),
    )
    make_article(title="Other", published_on=datetime.date(2024, 1, 1))
    url = reverse("admin:articles_article_changelist")

    for query in (
        {"q": "photovoltaic"},
        {"region": province.pk},
        {"organization": "climate center"},
        {"source__id__exact": source.pk},
        {"year": 2016},
        {"translation_status__exact": "machine", "q": "assessment"},
    ):
        response = editor_client.get(url, query)
        assert [a.pk for a in response.context["cl"].result_list] == [wanted.pk], query


def test_the_change_form_shows_the_original_or_says_there_is_none(editor_client, make_article):
    from tests.editorial import change_url

    with_original = make_article(original_title="福建碳普惠", original_body="正文第一段。")
    without = make_article()

    shown = editor_client.get(change_url(with_original)).content.decode()
    missing = editor_client.get(change_url(without)).content.decode()

    assert "福建碳普惠" in shown and "正文第一段。" in shown
    assert "This release has no original text" in missing
    assert "This release has no original text" not in shown
