"""Helpers for driving the article change form over HTTP."""

from django.urls import reverse


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def article_form_data(article, **changes):
    """What the change form posts for `article` as it is now, with `changes`."""
    data = {
        "title": article.title,
        "body": article.body,
        "base_version": article.version,
        "revision_note": "",
        "conflict_resolution": "",
        "slug": article.slug,
        "source": article.source_id or "",
        "source_url": article.source_url,
        "original_title": article.original_title,
        "original_body": article.original_body,
        "original_url": article.original_url,
        "published_on": article.published_on.isoformat() if article.published_on else "",
        "date_precision": article.date_precision,
        "date_text": article.date_text,
        "retrieved_at_0": "",
        "retrieved_at_1": "",
        "regions": [region.pk for region in article.regions.all()],
        "organizations": [org.pk for org in article.organizations.all()],
        "topics": [topic.pk for topic in article.topics.all()],
        "document_type": article.document_type_id or "",
        "issuing_body": article.issuing_body_id or "",
        "facets": [facet.pk for facet in article.facets.all()],
        "_continue": "Save and continue editing",
    }
    data.update(changes)
    return data
