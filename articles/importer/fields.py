"""Checks on a JSON Lines record's fields beyond the title and body, which
the parser cleans: the same cleaning, an address a reader can follow, and a
warning whenever a value is cut to fit."""

from articles.editorial.cleaning import clean_text_field, is_web_url

TITLE_MAX = 500
SOURCE_MAX = 200


def clean_text_fields(fields, names):
    """Clean the single-line text fields `names` of `fields`, in place."""
    for name in names:
        fields[name] = clean_text_field(fields[name]) or None


def check_fields(fields, title_before_cut, warnings):
    """Cut what is too long (saying so) and leave out an address of another
    scheme than http or https, which would otherwise be served as a link."""
    if len(title_before_cut) > TITLE_MAX:
        warnings.append(f"title cut to {TITLE_MAX} of its {len(title_before_cut)} characters")
    fields["title"] = title_before_cut[:TITLE_MAX]
    source = fields.get("source")
    if source and len(source) > SOURCE_MAX:
        warnings.append(f"source name cut to {SOURCE_MAX} of its {len(source)} characters")
        fields["source"] = source[:SOURCE_MAX]
    for name in ("source_url", "original_url"):
        url = fields.get(name)
        if url and (not is_web_url(url) or len(url) > 1000):
            warnings.append(f"{name} {url[:80]!r} is not an http or https address: left out")
            fields[name] = None
