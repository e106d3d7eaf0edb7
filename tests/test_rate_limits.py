"""Readers who hammer the API or the export are slowed down, one reader at a time."""

from django.urls import reverse


def test_api_answers_429_with_retry_after_once_a_reader_goes_over_the_limit(
    client, make_article, settings
):
    settings.API_REQUESTS_PER_MINUTE = 3
    make_article()
    url = reverse("articles:api_articles")

    statuses = [client.get(url, REMOTE_ADDR="198.51.100.7").status_code for _ in range(4)]
    other_reader = client.get(url, REMOTE_ADDR="198.51.100.8")

    assert statuses == [200, 200, 200, 429]
    refused = client.get(url, REMOTE_ADDR="198.51.100.7")
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "slow down" in refused.json()["error"]
    assert other_reader.status_code == 200


def test_csv_export_shares_the_api_limit(client, make_article, settings):
    settings.API_REQUESTS_PER_MINUTE = 1
    make_article()

    first = client.get(reverse("articles:export"), REMOTE_ADDR="198.51.100.9")
    second = client.get(reverse("articles:api_regions"), REMOTE_ADDR="198.51.100.9")

    assert first.status_code == 200
    assert second.status_code == 429
