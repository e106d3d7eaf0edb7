"""Text as it may be stored and served: the same cleaning for every field,
whether it comes from an import or an editor.

XML (the feeds) cannot carry most C0 control characters, PostgreSQL refuses
NUL, and no encoder can write a lone surrogate; a vertical tab is what word
processors paste for a line break. Titles and bodies were always cleaned by
the importer's parser; these functions do the same for every other field.
"""

import re
from urllib.parse import urlsplit

from django.core.validators import URLValidator

_INVISIBLE = re.compile(r"[\x00\u200b\u200c\u200d\u2060\ufeff\ud800-\udfff\ufffe\uffff]")
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# What XML 1.0 cannot hold at all (tab, newline and carriage return it can).
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

WEB_SCHEMES = ("http", "https")
validate_web_url = URLValidator(schemes=list(WEB_SCHEMES))


def clean_text_field(value):
    """One line of text: controls become spaces, invisible characters go,
    runs of whitespace become one space."""
    if not value:
        return value
    value = _CONTROL.sub(" ", _INVISIBLE.sub("", value))
    return " ".join(value.split())


def clean_multiline(value):
    """Text with lines: as `clean_text_field`, but newlines are kept."""
    if not value:
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    value = _CONTROL.sub(" ", _INVISIBLE.sub("", value))
    return value.strip()


def xml_safe(value):
    """`value` with whatever XML cannot carry replaced by a space; lists and
    tuples of text are cleaned item by item."""
    if isinstance(value, str):
        return _NOT_XML.sub(" ", value)
    if isinstance(value, list | tuple):
        return type(value)(xml_safe(item) for item in value)
    return value


def is_web_url(value):
    """True for an http or https address: the only kind shown as a link."""
    try:
        return urlsplit(value or "").scheme.lower() in WEB_SCHEMES and bool(urlsplit(value).netloc)
    except ValueError:
        return False


def paragraphs(text):
    """The paragraphs of a body: parts between blank lines, stripped."""
    return [part.strip() for part in _PARAGRAPH_BREAK.split(text or "") if part.strip()]


def paragraph_number(text, offset):
    """Which of paragraphs(text), from 1, holds the character at `offset`."""
    parts = _PARAGRAPH_BREAK.split((text or "")[:offset])
    return sum(1 for part in parts[:-1] if part.strip()) + 1


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def matching_case(wrong, preferred, rendering=""):
    """The preferred term in the case of the words it replaces: “Carbon GSP”
    at a sentence start becomes “Carbon inclusion (Puhui)”, and “CARBON GSP”
    in a capitalised headline “CARBON INCLUSION (PUHUI)”, unless the glossary
    writes the wrong rendering with those capitals itself (an acronym)."""
    if len(wrong) > 1 and wrong.isupper() and not rendering.isupper():
        return preferred.upper()
    capital_is_the_glossarys = rendering[:1].isupper()
    if wrong[:1].isupper() and preferred[:1].islower() and not capital_is_the_glossarys:
        return preferred[:1].upper() + preferred[1:]
    return preferred
