"""Atom and RSS feeds of the latest releases, narrowed by the list's filters
(?region=guangdong&topic=carbon-market, ?q=CCER)."""

import datetime

from django.contrib.syndication.views import Feed
from django.core.exceptions import BadRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from articles.editorial.cleaning import xml_safe
from articles.portal.filters import ArticleFilter

FEED_ITEMS = 50


class XmlSafeFeedMixin:
    """Whatever is in the database or the query string, the feed is valid
    XML: characters XML cannot carry become spaces instead of a 500."""

    def __init__(self, *args, **kwargs):
        super().__init__(*xml_safe(args), **{k: xml_safe(v) for k, v in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*xml_safe(args), **{k: xml_safe(v) for k, v in kwargs.items()})


class SafeRssFeed(XmlSafeFeedMixin, Rss201rev2Feed):
    pass


class SafeAtomFeed(XmlSafeFeedMixin, Atom1Feed):
    pass


def approximate_date(item):
    """ "July 2024" or "2024" for a release dated only to a month or a year;
    "" for one dated to the day or not at all."""
    if not item.published_on:
        return ""
    if item.date_precision == item.Precision.MONTH:
        return date_format(item.published_on, "YEAR_MONTH_FORMAT")
    if item.date_precision == item.Precision.YEAR:
        return str(item.published_on.year)
    return ""


class LatestReleasesFeed(Feed):
    feed_type = SafeRssFeed
    description_template = None

    def get_object(self, request):
        filterset = ArticleFilter.from_request(request)
        if filterset.refused:
            raise BadRequest("Unknown or malformed filter values.")
        self.request = request
        return filterset

    def title(self, filterset):
        chosen = ", ".join(str(value) for _name, _label, value in filterset.active_filters())
        if chosen:
            return _("Carbon Portal: releases for %(filters)s") % {"filters": chosen}
        return _("Carbon Portal: latest releases")

    def link(self, filterset):
        query = self.request.GET.urlencode()
        return reverse("articles:list") + (f"?{query}" if query else "")

    def description(self, filterset):
        return _("China's low-carbon and carbon-market policy releases, in English.")

    def items(self, filterset):
        # A feed is a stream of what is new: newest first, whatever the sort.
        return filterset.qs.with_links().newest_first()[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        paragraphs = item.paragraphs()
        summary = Truncator(paragraphs[0] if paragraphs else "").words(80)
        approximate = approximate_date(item)
        if approximate:
            return _("Dated about %(period)s.") % {"period": approximate} + " " + summary
        return summary

    def item_pubdate(self, item):
        # An undated release has no publication date: the time it was
        # scraped would make it look like the newest to feed readers.
        if item.published_on:
            return timezone.make_aware(
                datetime.datetime.combine(item.published_on, datetime.time())
            )
        return None

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.source.name if item.source else None

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]

    def item_guid(self, item):
        return self.request.build_absolute_uri(item.get_absolute_url())

    item_guid_is_permalink = True


class LatestReleasesAtomFeed(LatestReleasesFeed):
    feed_type = SafeAtomFeed
    subtitle = LatestReleasesFeed.description
