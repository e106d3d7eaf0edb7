"""The public correction log of a release, read from its revision history.

Readers see when the text changed and which parts changed; who changed it
(editor accounts, emails) stays private.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from articles.models import Article

# The fields readers can see, with the words the log uses for them.
PUBLIC_FIELDS = {
    "title": _("title"),
    "body": _("text"),
    "translation_status": _("translation status"),
    "published_on": _("date"),
    "date_precision": _("date precision"),
    "source_id": _("source"),
    "source_url": _("link to the original"),
}
MAX_ENTRIES = 50


@dataclass
class CorrectionEntry:
    date: object
    created: bool = False
    changed: list = field(default_factory=list)
    status: str = ""


def correction_log(article):
    """Newest first: one entry per revision that changed something public.
    One query, whatever the number of revisions."""
    records = list(article.history.order_by("-history_date", "-history_id")[: MAX_ENTRIES + 1])
    entries = []
    # Bulk-loaded demo releases have no revisions at all.
    for newer, older in zip(records, [*records[1:], None][: len(records)], strict=True):
        if older is None:
            if len(records) <= MAX_ENTRIES:
                entries.append(CorrectionEntry(newer.history_date, created=True))
            continue
        changed = [
            str(label)
            for name, label in PUBLIC_FIELDS.items()
            if getattr(newer, name) != getattr(older, name)
        ]
        if changed:
            status = (
                Article.Status(newer.translation_status).label
                if newer.translation_status != older.translation_status
                else ""
            )
            entries.append(CorrectionEntry(newer.history_date, changed=changed, status=status))
    return entries
