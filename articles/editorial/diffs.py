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

from articles.editorial.cleaning import paragraphs

TOKEN = re.compile(r"\s+|\w+|[^\w\s]")

# difflib's matching grows with the product of the two lengths. Past this
# many token (or paragraph) pairs in the part that differs, that part is
# shown as removed and added whole: a megabyte-long paragraph must not keep
# an editor's form from opening.
MAX_COMPARISONS = 4_000_000


def tokens(text):
    return TOKEN.findall(text or "")


def opcodes(a, b):
    """difflib's opcodes for sequences `a` and `b`, in time that stays near
    linear: the common start and end are matched directly, and a middle too
    large to compare element by element counts as replaced."""
    start = 0
    limit = min(len(a), len(b))
    while start < limit and a[start] == b[start]:
        start += 1
    end = 0
    while end < limit - start and a[len(a) - 1 - end] == b[len(b) - 1 - end]:
        end += 1
    a_mid, b_mid = a[start : len(a) - end], b[start : len(b) - end]
    ops = [("equal", 0, start, 0, start)] if start else []
    if len(a_mid) * len(b_mid) > MAX_COMPARISONS:
        op = "replace" if a_mid and b_mid else "delete" if a_mid else "insert"
        ops.append((op, start, start + len(a_mid), start, start + len(b_mid)))
    elif a_mid or b_mid:
        matcher = difflib.SequenceMatcher(None, a_mid, b_mid, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            ops.append((op, i1 + start, i2 + start, j1 + start, j2 + start))
    if end:
        ops.append(("equal", len(a) - end, len(a), len(b) - end, len(b)))
    return ops


def word_diff(old, new):
    """One paragraph's diff: unchanged words plain, removed in <del>, added in <ins>."""
    a, b = tokens(old), tokens(new)
    parts = []
    for op, i1, i2, j1, j2 in opcodes(a, b):
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
    for op, i1, i2, j1, j2 in opcodes(a, b):
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


def changed_paragraphs_diff(old, new):
    """Only the paragraphs that differ, each headed by its number in the new
    text (or in the old one, for a paragraph removed): one changed word in a
    long release shows as one paragraph, not as the whole text."""
    rows, position = [], 0
    for o, n in paragraph_pairs(old, new):
        if n:
            position += 1
        if o != n:
            rows.append((f"¶ {max(position, 1)}", word_diff(o, n)))
    return format_html_join("\n", '<p class="diff"><span class="diff-where">{}</span> {}</p>', rows)


def changed(old, new):
    return (old or "").strip() != (new or "").strip()


# A sentence ends at . ! ? (with closing quotes or brackets) before a space,
# or at a Chinese full stop, which needs none.
SENTENCE = re.compile(r"\S.*?(?:[.!?]+[\"'”’)\]]*(?=\s|$)|[。！？]+[”’」）]*|$)\s*", re.S)


def sentences(text):
    return SENTENCE.findall(text or "")


def changed_sentences_diff(old, new):
    """The word-level diff of only the sentences that differ, runs of them
    joined by “…”: an editor sees what changed in a paragraph, not the
    paragraph again."""
    a, b = sentences(old), sentences(new)
    runs = [
        word_diff("".join(a[i1:i2]).strip(), "".join(b[j1:j2]).strip())
        for op, i1, i2, j1, j2 in opcodes(a, b)
        if op != "equal"
    ]
    return format_html_join(" … ", "{}", ((run,) for run in runs))
