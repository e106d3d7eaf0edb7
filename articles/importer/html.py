"""Saved web pages to the text our page reader reads.

trafilatura finds a page's main text and its metadata (title, date) far
better than tag rules of our own would; what it keeps is then read by the
same furniture, headline and date steps as a scraped text page, so both
kinds of input are judged alike.
"""

import re

_SITE_IN_TITLE = re.compile(r"\s*(?:[|_]|\s-\s|\s–\s|\s—\s)\s*[^|_–—]{2,60}$")


def page_text(html, *, url=None):
    """The page as text: its headline, a date line when the page has one, then
    the main text, paragraphs separated by blank lines. Empty when the page
    holds no text at all."""
    import trafilatura

    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None:
        return _all_text(html)
    title = " ".join((document.title or "").split())
    text = document.text or ""
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    if title and lines and _same(lines[0], title):
        lines = lines[1:]
    elif title and lines and _same(lines[0], _SITE_IN_TITLE.sub("", title)):
        title = lines.pop(0)
    elif title and not any(_same(title, line) for line in lines[:3]):
        # <title> often ends with the site's name: "Headline - Some City Government".
        title = _SITE_IN_TITLE.sub("", title) or title
    parts = [title] if title else []
    if document.date:
        parts.append(f"Date: {document.date}")
    parts.extend(lines)
    return "\n\n".join(parts)


def _same(a, b):
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _all_text(html):
    from lxml import html as lxml_html
    from lxml.etree import ParserError

    try:
        tree = lxml_html.fromstring(html)
    except (ParserError, ValueError):
        return ""
    for element in tree.xpath("//script|//style|//noscript"):
        element.drop_tree()
    return "\n\n".join(" ".join(text.split()) for text in tree.itertext() if text and text.strip())
