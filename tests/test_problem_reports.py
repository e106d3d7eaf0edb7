"""Readers report translation problems; editors see them in a queue."""

import time

from django.test import Client
from django.urls import reverse

from articles.models import ProblemReport
from articles.portal.forms import started_token


def report(client, article, **data):
    data.setdefault("sentence", "The carbon quota was bad translated.")
    data.setdefault("suggestion", "The carbon quota was poorly translated.")
    data.setdefault("started", started_token(time.time() - 30))
    return client.post(reverse("articles:report", kwargs={"slug": article.slug}), data)


def test_report_lands_in_the_queue_and_nothing_is_published(client, make_article):
    article = make_article(body="The carbon quota was bad translated.")

    response = report(client, article, email="reader@example.com")

    assert response.status_code == 302
    saved = ProblemReport.objects.get()
    assert saved.article == article and saved.status == "new"
    assert saved.email == "reader@example.com"
    assert len(saved.client_hash) == 64 and "127.0.0.1" not in saved.client_hash
    article.refresh_from_db()
    assert article.body == "The carbon quota was bad translated."
    assert "Thank you" in client.get(response["Location"]).content.decode()


def test_honeypot_and_too_fast_submissions_are_refused(client, make_article):
    article = make_article()

    assert report(client, article, website="http://spam.example").status_code == 400
    assert report(client, article, started=started_token()).status_code == 400
    assert report(client, article, started="forged").status_code == 400
    assert not ProblemReport.objects.exists()


def test_empty_sentence_is_refused_with_a_message(client, make_article):
    response = report(client, make_article(), sentence="")

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_reports_are_rate_limited_per_reader(client, make_article, settings):
    settings.PROBLEM_REPORTS_PER_HOUR = 2
    article = make_article()

    statuses = [report(client, article).status_code for _ in range(3)]

    assert statuses == [302, 302, 429]
    assert ProblemReport.objects.count() == 2


def test_report_form_requires_csrf(make_article):
    article = make_article()
    response = report(Client(enforce_csrf_checks=True), article)

    assert response.status_code == 403


def test_the_release_page_links_to_a_report_form_of_its_own(client, make_article):
    article = make_article()
    report_url = reverse("articles:report", kwargs={"slug": article.slug})

    release = client.get(article.get_absolute_url()).content.decode()
    form = client.get(report_url)

    assert f'href="{report_url}"' in release
    # The release page holds nothing per reader, so it can be cached whole.
    assert "csrfmiddlewaretoken" not in release
    assert form.status_code == 200
    text = form.content.decode()
    assert "Report a translation problem" in text and article.title in text
    assert 'name="csrfmiddlewaretoken"' in text
    assert 'name="website"' in text and 'name="started"' in text


def test_the_thank_you_is_shown_on_a_release_page_already_cached(client, make_article):
    article = make_article()
    client.get(article.get_absolute_url())  # now cached for every reader

    response = report(client, article)
    page = client.get(response["Location"]).content.decode()

    assert "Thank you" in page
    assert "Thank you" not in Client().get(article.get_absolute_url()).content.decode()


def test_editors_see_and_resolve_reports_in_the_admin(editor_client, make_article):
    article = make_article()
    item = ProblemReport.objects.create(article=article, sentence="Odd sentence")

    listing = editor_client.get(reverse("admin:articles_problemreport_changelist"))
    assert "Odd sentence" in listing.content.decode()
    editor_client.post(
        reverse("admin:articles_problemreport_changelist"),
        {"action": "mark_accepted", "_selected_action": [item.pk]},
    )
    item.refresh_from_db()
    assert item.status == "accepted"


def test_the_start_time_is_never_later_than_the_form_was_shown():
    import time

    from articles.portal.forms import started_at, started_token

    before = time.time()
    started = started_at(started_token())
    assert int(before) <= started <= time.time()
    assert started_at(started_token(at=99.9)) == 99


def test_a_form_token_is_spent_once_and_a_replay_is_refused(make_article, settings):
    settings.PROBLEM_REPORTS_PER_HOUR = 100
    article = make_article()
    token = started_token(time.time() - 30)

    first = report(Client(REMOTE_ADDR="10.0.0.1"), article, started=token)
    replays = [
        report(Client(REMOTE_ADDR=f"10.0.0.{n}"), article, started=token) for n in range(2, 12)
    ]

    assert first.status_code == 302
    assert {response.status_code for response in replays} == {400}
    assert "already sent" in replays[0].content.decode()
    assert ProblemReport.objects.count() == 1


def test_a_flood_of_reports_gets_429_with_retry_after(client, make_article, settings):
    settings.PROBLEM_REPORTS_PER_HOUR = 2
    article = make_article()

    statuses = [report(client, article).status_code for _ in range(3)]
    response = report(client, article)

    assert statuses == [302, 302, 429]
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600


def test_readers_behind_the_trusted_proxy_are_counted_apart(make_article, settings):
    settings.PROBLEM_REPORTS_PER_HOUR = 1
    settings.TRUSTED_PROXIES = 1
    article = make_article()

    def from_reader(address, claimed=""):
        # The proxy connects from 10.0.0.1 and appends the reader's address.
        forwarded = f"{claimed}, {address}" if claimed else address
        return report(Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded), article)

    assert from_reader("203.0.113.1").status_code == 302
    assert from_reader("203.0.113.2").status_code == 302
    assert from_reader("203.0.113.1").status_code == 429
    # What a reader writes into the header themselves changes nothing.
    assert from_reader("203.0.113.1", claimed="198.51.100.9").status_code == 429
