"""What runs onto a release's paragraphs without being the release: a date
glued before the first words, credits, captions and "Full Article" links
glued after the last, and the reporter's dateline, which names no place the
release is about."""

import re

# The place a reporter filed from is no place the release is about:
# "BEIJING, Dec. 6 (Xinhua) --", "SHANGHAI --", "Xinhua News Agency, Beijing, Oct. 24 --".
_DATELINE_PREFIX = re.compile(
    r"^(?:[A-Z][A-Z .'-]{2,30}(?=\s*(?:,|--|–|—|\())[^\n]{0,60}?(?:--|–|—)"
    r"|(?:[A-Z][A-Za-z .'-]{2,40},\s*){1,2}[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?"
    r"(?:,\s*\d{4})?\s*(?:\([^)\n]{2,40}\))?\s*(?:--|–|—|-(?=\s)|,|$))\s*",
    re.M,
)


def without_datelines(body):
    """The body with each paragraph's dateline cut off, for linking."""
    return _DATELINE_PREFIX.sub("", body)


# Credits run onto the end of a paragraph: "… (Photo/Xinhua)", "… (People's Daily
# Online/Zhu Haipeng)", "… (By Xu Ming, translated by Li Na, edited by Ann Lee)".
_TRAILING_CAPTION = re.compile(
    r"\s*[\[(（【]\s*(?:(?:photo|photos|image|picture|file\s+photo)\s*(?:/|:|by|provided|courtesy)"
    r"|by\s+[^\])）】]{2,80}(?:translat|edit)|(?:translated|edited)\s+by\b"
    r"|[A-Z][\w.' ]{1,40}/[A-Z][\w.' -]{1,40}[\])）】])[^\])）】]{0,160}[\])）】]?\s*$",
    re.I,
)


# "… rural areas. Photo/ VCG": a picture credit after the last sentence.
_TRAILING_PHOTO_CREDIT = re.compile(
    r"(?<=[.!?。”\"])\s+(?:photo|photos|image)\s*/\s*[\w .'-]{1,40}$", re.I
)


# Credits run onto the last sentence without a break: "… nearby. (Photo/Zhong Lei)This
# article is from … Government. Translator: Yu JiangChinese source:".
_CREDIT_TAIL = re.compile(
    r"(?<=[.!?。”\")])\s*(?:\((?:photo|photos|by)\b[^)]{0,120}\)\s*)?"
    r"(?:this\s+article\s+is\s+from\b|translator\s*:|translated\s+by\b|chinese\s+source\s*:"
    r"|editor\s*:|originally\s+published\s+(?:on|in|by)\b)[^\n]{0,300}$",
    re.I,
)
# "…will receive the proceeds.........Full Article: Source": a link to the
# whole story, glued to the end of a line of an excerpt.
READ_MORE_TAIL = re.compile(
    r"(?<=[.!?。”\")])\.*\s*(?:full\s+(?:article|story|text)\s*:?|read\s+more\b)[^.!?]{0,40}$",
    re.I,
)
# "(2017-06-03)An energy conservation activity …": a date glued to the first words.
_LEADING_DATE = re.compile(r"^[\[(（]\s*\d{4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}\s*[\])）]\s*")


def strip_glued_credits(paragraph):
    """The paragraph without a date glued before it or credits glued after it."""
    paragraph = _LEADING_DATE.sub("", paragraph)
    paragraph = _CREDIT_TAIL.sub("", paragraph)
    paragraph = _TRAILING_CAPTION.sub("", paragraph)
    return _TRAILING_PHOTO_CREDIT.sub("", paragraph).strip()
