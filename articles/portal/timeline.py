"""The timeline: releases per month for any filtered list, each bar split by
a facet if asked, each piece a link to that month's list of that kind."""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Max, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from articles.db.timeline import month_counts, month_totals
from articles.models import PolicyFacet, Topic
from articles.templatetags.portal import local_name

# What a timeline can be split by (each is also the list's filter parameter).
STACK_CHOICES = [
    ("", gettext_lazy("Nothing")),
    ("document_type", gettext_lazy("Document type")),
    ("instrument", gettext_lazy("Policy instrument")),
    ("sector", gettext_lazy("Sector")),
    ("level", gettext_lazy("Level of government")),
    ("topic", gettext_lazy("Topic")),
]
STACKS = [value for value, label in STACK_CHOICES]

MOST_MONTHS = 120  # ten years of bars; older months are left to the list's dates
MOST_SERIES = 7  # the others are summed as "other"
HEIGHT, BAR, GAP = 160, 14, 3


@dataclass
class Piece:
    label: str
    count: int
    href: str
    series: int  # colour class; MOST_SERIES is "other"
    y: float = 0
    height: float = 0


@dataclass
class Month:
    start: datetime.date
    count: int = 0
    x: int = 0
    pieces: list = field(default_factory=list)

    @property
    def labelled(self):
        return self.start.month == 1


@dataclass
class Timeline:
    months: list
    series: list  # [(label, colour class)]
    stack: str

    @property
    def width(self):
        return max(len(self.months) * (BAR + GAP), BAR)

    @property
    def total(self):
        return sum(month.count for month in self.months)


def month_after(day):
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def build_timeline(results, params, *, stack="", today=None):
    """The timeline of `results` (a filtered QuerySet); `params` are the
    list's filter parameters, kept in every link. Dates after today are left
    out: one mis-dated release must not stretch or empty the chart."""
    today = today or timezone.localdate()
    span = results.filter(published_on__lte=today).aggregate(
        first=Min("published_on"), last=Max("published_on")
    )
    if span["last"] is None:
        return Timeline([], [], stack)
    last = span["last"].replace(day=1)
    first = max(span["first"].replace(day=1), _months_before(last, MOST_MONTHS - 1))
    rows = month_counts(results, first=first, last=today, stack=stack)
    # A release with two sectors is in two pieces, but once in its month's count.
    month_total = (
        month_totals(results, first=first, last=today) if stack not in ("", "document_type") else {}
    )
    return assemble(rows, first, last, params, stack=stack, month_total=month_total)


def recent_months(month_counts, end, months=24):
    """The unsplit timeline of the `months` months up to `end`, from
    [(first day of month, releases)] already counted (the home page's)."""
    last = end.replace(day=1)
    first = _months_before(last, months - 1)
    rows = [(month.strftime("%Y-%m"), None, n) for month, n in month_counts if month is not None]
    return assemble(rows, first, last, {})


def assemble(rows, first, last, params, *, stack="", month_total=None):
    """A Timeline from [(month "YYYY-MM", key or None, releases)], one bar
    for every month from `first` to `last` (first days of months)."""
    month_total = month_total or {}
    labels, slugs = _names(stack, {key for _, key, _ in rows if key is not None})
    totals = {}
    for _, key, count in rows:
        totals[key] = totals.get(key, 0) + count
    named = [key for key in sorted(totals, key=lambda k: -totals[k]) if key in labels]
    shown = named[:MOST_SERIES]
    series_of = {key: n for n, key in enumerate(shown)}
    months, day = {}, first
    while day <= last:
        months[day.strftime("%Y-%m")] = Month(day, x=len(months) * (BAR + GAP))
        day = month_after(day)
    for month_key, key, count in rows:
        month = months.get(month_key)
        if month is None:
            continue
        month.count = month_total.get(month_key, month.count + count)
        series = series_of.get(key, MOST_SERIES) if stack else 0
        piece = next((p for p in month.pieces if p.series == series), None)
        if piece is None:
            label = labels.get(key, "") if series < MOST_SERIES else ""
            piece = Piece(label, 0, _month_href(params, month.start, stack, slugs.get(key)), series)
            month.pieces.append(piece)
        piece.count += count
    most = max((sum(p.count for p in month.pieces) for month in months.values()), default=0)
    for month in months.values():
        month.pieces.sort(key=lambda piece: piece.series)
        top = HEIGHT
        for piece in month.pieces:
            piece.height = round(HEIGHT * piece.count / most, 1) if most else 0
            top -= piece.height
            piece.y = round(top, 1)
    series = [(labels[key], n) for key, n in series_of.items()]
    if stack and len(named) > MOST_SERIES or (stack and None in totals):
        series.append(("", MOST_SERIES))
    return Timeline(list(months.values()), series, stack)


def _months_before(day, months):
    for _ in range(months):
        day = (day - datetime.timedelta(days=1)).replace(day=1)
    return day


def _names(stack, keys):
    """({key: name}, {key: slug}) of the facets or topics a timeline is split by."""
    if not stack or not keys:
        return {}, {}
    model = Topic if stack == "topic" else PolicyFacet
    entries = model.objects.filter(pk__in=keys).only("pk", "name", "name_zh", "slug")
    return (
        {entry.pk: local_name(entry) for entry in entries},
        {entry.pk: entry.slug for entry in entries},
    )


def _month_href(params, start, stack, slug):
    """The list of that month's releases (of that kind, where the piece has one)."""
    query = {key: value for key, value in params.items() if key not in ("date_after", "year")}
    end = month_after(start) - datetime.timedelta(days=1)
    query.update(date_after=start.isoformat(), date_before=end.isoformat())
    if stack and slug:
        query[stack] = slug
    return reverse("articles:list") + "?" + urlencode(query)
