"""Word-level diffs between two texts, rendered as escaped HTML.

Paragraphs (blank-line separated) are aligned first, then the words inside
paired paragraphs, so a one-word correction shows as one word, not as a
rewritten paragraph. Everything from the texts is escaped; the markup is only
<p>, <del> and <ins> with class names styled from a static CSS file.
"""

import difflib
import re

from django.utils.html import escape, format_html_join
from django.utils.safestring import mark_safe

TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def paragraphs(text):
    return [part.strip() for part in re.split(r"\n\s*\n", text or "") if part.strip()]


def tokens(text):
    return TOKEN.findall(text or "")


def word_diff(old, new):
    """One paragraph's diff: unchanged words plain, removed in <del>, added in <ins>."""
    a, b = tokens(old), tokens(new)
    parts = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f'<del class="diff-del">{escape("".join(a[i1:i2]))}</del>')
        if j2 > j1:
            parts.append(f'<ins class="diff-ins">{escape("".join(b[j1:j2]))}</ins>')
    return mark_safe("".join(parts))


def paragraph_pairs(old, new):
    """(old paragraph, new paragraph) pairs, aligned; a missing side is ""."""
    a, b = paragraphs(old), paragraphs(new)
    pairs = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pairs.extend(zip(a[i1:i2], b[j1:j2], strict=True))
        elif op == "replace":
            olds, news = a[i1:i2], b[j1:j2]
            for n in range(max(len(olds), len(news))):
                pairs.append((olds[n] if n < len(olds) else "", news[n] if n < len(news) else ""))
        else:
            pairs.extend((para, "") for para in a[i1:i2])
            pairs.extend(("", para) for para in b[j1:j2])
    return pairs


def text_diff(old, new):
    """A whole text's diff as a run of <p> elements."""
    return format_html_join(
        "\n", '<p class="diff">{}</p>', ((word_diff(o, n),) for o, n in paragraph_pairs(old, new))
    )


def changed(old, new):
    return (old or "").strip() != (new or "").strip()
