"""What each line of a scraped page is, judged as a reader would judge it.

A line is furniture (a breadcrumb, a site name, a metadata or date line, a
footer, a credit, a caption, a share or print row, a "related news" heading,
a language switcher, contact details, spam) or text. Text lines are then
body-like (long, sentence-shaped, full of English function words: what
jusText calls "good") or short (a headline, a subheading, a menu item).

The shapes are what people recognise furniture by (separators such as `>`,
`|` and `©`, labels such as `Source:` and `Editor:`, licence numbers, e-mail
addresses and telephone numbers), not strings copied from particular sites.
"""

import re
from dataclasses import dataclass

from . import footers
from .dates import find_date, match_date_line

TEXT = "text"
BREADCRUMB = "breadcrumb"
SITE = "site"
META = "metadata"
FOOTER = "footer"
CREDIT = "credit"
CAPTION = "caption"
SHARE = "share"
RELATED = "related"
LANGUAGES = "languages"
CONTACT = "contact"
SPAM = "spam"
NAVIGATION = "navigation"
SEPARATOR = "separator"  # rules and stray marks: "|", "||||||", "* * *"

# Furniture that ends the release: nothing after it is the release's text.
ENDS_BODY = {FOOTER, RELATED}

_FUNCTION_WORDS_TEXT = (
    "a an the of to in on at by for from with and or but as is are was were be been has have "
    "had will would can could should that this these those which who its it their his her our "
    "we they he she not also than into over after before about more most such all other"
)
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LETTER = re.compile(r"[^\W\d_]")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
# A page or picture counter left alone on its line: "1", "2/5".
_COUNTER = re.compile(r"^\d{1,3}(?:\s*/\s*\d{1,3})?$")
# A headline with its date printed first: "03.07.2013 - China has a lot to do…".
_DATED_HEADLINE = re.compile(r"^(?:\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{1,2}-\d{1,2})\s*[-–—|]\s+[A-Z]")
# A metadata label whose value the scraper lost: "- Published", "Source:".
_BARE_LABEL = re.compile(
    r"^[-–—|/·•]?\s*(?:published|updated|posted|release\s+(?:date|time)|source|editor|author)"
    r"\s*[:：]?$",
    re.I,
)
# Lines without any of these hold no date, and skip the date patterns.
# Characters some furniture carries and no plain sentence needs: brackets,
# separators, the copyright sign, digits (dates), licence prefixes.
_FURNITURE_MARK = re.compile(r"[(\[【（©|>\d]|ICP")
_DATE_HINT = re.compile(r"\d|ago\b|yesterday|today|今天|昨天|前天")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SENTENCE_END = re.compile(r"[.!?。！？;；:：…][\"'”’»)）\]]*$|[\"”’)）]$")

_CRUMB_SEPARATOR = re.compile(r"\s*(?:>>|->|=>|>|»|›|＞|→|/)\s*")
_CRUMB_START = re.compile(
    r"^(?:current\s+(?:location|position|page)|location|position|you\s+are\s+here|"
    r"your\s+(?:location|position)|当前位置|您的位置|您现在的位置|所在位置)\s*[:：]?",
    re.I,
)
_HOME = re.compile(r"^(?:home(?:\s*page)?|homepage|index|首页|主页)$", re.I)

_DOMAIN = re.compile(
    r"^(?:https?://)?(?:www\.)?(?:[a-z0-9-]+\.)+(?:cn|com|org|net|gov|info|int|edu)(?:/\S*)?$",
    re.I,
)

_META_LABEL = re.compile(
    r"^[/|]?\s*\(?\s*(?:source|from|editor|editors|author|reporter|writer|updated|update\s+time|"
    r"categor(?:y|ies)|tags?|filed\s+under|posted\s+in|"
    r"pub(?:lish(?:ed)?)?\s*(?:date|time)|publication\s+date|release\s+(?:date|time)|posted|"
    r"date|time|views?|hits|clicks|browsing|font(?:\s+size)?|text\s+size|"
    r"来源|作者|编辑|发布时间|发布日期|日期|时间|字体|字号|浏览(?:次数)?|点击)"
    r"\s*[:：丨|]",
    re.I,
)
_META_ANYWHERE = re.compile(
    r"(?:\b(?:updated|source|editor|author|pub\s*date|release\s+(?:date|time))\s*[:：|]"
    r"|\bfont\s*size\b|\btext\s+size\b|字体\s*[:：]|【\s*字体|\[\s*(?:A|L)\s+(?:A|M)\b"
    r"|\b(?:large|big)\s+(?:medium|middle)\s+small\b|大\s*中\s*小)",
    re.I,
)
_FONT_ROW = re.compile(r"^[\[(【]?\s*(?:[AＡ][+\-]?\s*[|/]?\s*){2,}[\])】]?$")
_PRINT_ROW = re.compile(
    r"^(?:[\[【]?\s*(?:print|download|close|favorite|favourite|collect|save|e-?mail|"
    r"copy\s+link|comment|comments|like|打印|关闭|收藏|下载)\s*[\]】]?\s*[|/·]?\s*){1,4}$",
    re.I,
)
_SHARE = re.compile(
    r"^(?:share(?:\s+(?:to|on|this|with))?|分享(?:到)?)\b\s*[:：\-–—|]?\s*(?:\S+\s*){0,8}$", re.I
)
_SHARE_NETWORKS = re.compile(
    r"\b(?:wechat|weibo|qzone|facebook|twitter|linkedin|whatsapp|telegram|douban|renren)\b", re.I
)

_CREDIT = re.compile(
    r"^[\[(（【]?\s*(?:editor(?:s)?(?:\s+in\s+charge)?|chief\s+editor|translator|translated\s+by|"
    r"edited\s+by|reporter|reported\s+by|authors?|writer|originally\s+published\s+(?:on|in|by)|written\s+by|proofread(?:er|ing)?(?:\s+by)?|"
    r"reviewed\s+by|reviewer|compiled\s+by|chinese\s+source|english\s+source|source|contributor|"
    r"责任编辑|编辑|审核|校对|来源|作者|记者|通讯员|翻译)\s*[:：丨|]",
    re.I,
)
_CREDIT_SENTENCE = re.compile(
    r"^[\[(（]\s*by\s+[^)）\]]{2,80}(?:translat|edit)|"
    r"^this\s+(?:article|story|report|news)\s+(?:is|was)\s+(?:from|reprinted|republished|"
    r"translated|provided)|"
    r"^[\[(（]?\s*(?:translated|edited|compiled)\s+by\b",
    re.I,
)
_CAPTION = re.compile(
    r"[\[(（【]\s*(?:photo|photos|picture|pictures|image|images|file\s+photo|video|图|图片)"
    r"\s*(?:/|:|：|by\b|provided\b|courtesy\b|source\b|from\b|credit\b|\])"
    # "… press conference on October 27 photo: Shan Jie/GT", "Photograph courtesy of …"
    r"|\bphotos?\s*:\s*[A-Z][\w .'-]{1,40}/[A-Z]{1,8}$|^photograph(?:s|ed)?\s+(?:courtesy|by)\b"
    # An image's file name left by the scraper: "Summit.jpg"
    r"|\.(?:jpe?g|png|gif|webp|bmp)\s*$",
    re.I,
)
_CAPTION_LINE = re.compile(
    r"^(?:photo|photos|picture|image|file\s+photo|video)\s*(?:/|:|：|by\b|shows?\b|provided\b)"
    r"|^fig(?:ure)?\.?\s*\d*\s*[.:]?\s+\S",
    re.I,
)
# A line that is all one parenthesis: "( Xinhua)", "(People's Daily Online/Zhu Haipeng)".
_PARENTHESISED = re.compile(r"^[\[(（]\s*[^()\[\]（）]{1,80}\s*[\])）]$")
# "By LI WENFANG in Guangzhou ( China Daily)": a byline, not a sentence.
_BYLINE = re.compile(r"^[Bb]y\s+[A-Z][A-Za-z'.-]+(?:\s+[A-Z][A-Za-z'.-]+){0,3}\b(?![^.]*\.$)")
_PLAYER = re.compile(
    r"^(?:video\s*player|play\s*video|loading(?:\.\.\.)?|advertisement|scan\s+(?:the\s+)?"
    r"(?:qr\s+)?code|扫一扫|分享缩略图|follow\s+\S+\s+on\b|\d*\s*comments?(?:\(s\))?\b"
    r"|(?:thumb|image|img|pic)\s*[-_]?\s*[a-z]*\d+$)",
    re.I,
)
# "A Xin / Ti Gong": photographers' names, as picture sites credit them.
_NAME_CREDIT = re.compile(r"^[A-Z][a-z]*(?: [A-Z][a-z]+)? / [A-Z][a-z]*(?: [A-Z][a-z]+)?$")
_RELATED_HEADING = re.compile(
    r"^(?:related(?:\s+\w+)?|recommended(?:\s+\w+)?|more\s+\w+|(?:latest|hot|top|popular)\s+\w+|"
    r"most\s+\w+|editor'?s\s+picks?|you\s+may\s+(?:also\s+)?like|see\s+also|"
    r"相关(?:新闻|阅读|文章|链接)|推荐阅读|热点新闻)\s*[:：>»]*$",
    re.I,
)
_LANGUAGE_NAMES = re.compile(
    r"中文|简体|繁體|繁体|english|français|francais|日本語|한국어|русский|deutsch|español|"
    r"العربية|português|italiano",
    re.I,
)


@dataclass(frozen=True)
class Line:
    text: str
    kind: str
    words: int  # English words
    function_share: float  # share of English function words among them
    cjk_share: float  # share of CJK characters among letters
    sentence: bool  # ends as a sentence does

    @property
    def furniture(self):
        return self.kind != TEXT

    @property
    def body_like(self):
        """Text a reader takes for the release itself, not a heading or a menu."""
        if self.kind != TEXT:
            return False
        if self.cjk_share > 0.5:
            return len(self.text) >= 40 and self.sentence
        if self.words >= 25 and self.function_share >= 0.12:
            return True
        return self.words >= 9 and self.sentence and self.function_share >= 0.15

    @property
    def headline_like(self):
        """Shaped like a headline: a few words to a long sentence, not a paragraph."""
        if self.kind != TEXT or len(self.text) < 2 or len(self.text) > 300:
            return False
        if self.cjk_share > 0.5:
            return len(self.text) <= 80
        return 1 <= self.words <= 45


def describe(text, *, is_publisher=None, retrieved_at=None):
    """The Line for one cleaned, non-empty line of a page."""
    cjk = len(_CJK.findall(text))
    letters = len(_LETTER.findall(text)) if cjk else 0
    words = _WORD.findall(text)
    function = sum(1 for word in words if word.lower() in FUNCTION_WORDS)
    return Line(
        text=text,
        kind=classify(text, words, is_publisher=is_publisher, retrieved_at=retrieved_at),
        words=len(words),
        function_share=function / len(words) if words else 0.0,
        cjk_share=cjk / letters if letters else 0.0,
        sentence=ends_a_sentence(text),
    )


def classify(text, words, *, is_publisher=None, retrieved_at=None):
    if not _LETTER_OR_DIGIT.search(text) or _COUNTER.match(text):
        return SEPARATOR
    if _BARE_LABEL.match(text):
        return META
    if len(text) > 600:
        # A paragraph that long is text, unless a site's disclaimer.
        return FOOTER if footers.DISCLAIMER.match(text) else TEXT
    if footers.DISCLAIMER.match(text):
        return FOOTER
    if len(text) > 160:
        return _classify_long(text, words)
    if _is_plain_sentence(text, words):
        return TEXT
    if is_publisher is not None and len(words) <= 10 and is_publisher(text):
        return SITE
    sentence = len(words) >= 6 and ends_a_sentence(text)
    if footers.is_footer(text) and (footers.STRONG_FOOTER.search(text) or not sentence):
        return FOOTER
    if footers.LICENCE.search(text):
        return FOOTER
    if _is_breadcrumb(text):
        return BREADCRUMB
    if _RELATED_HEADING.match(text):
        return RELATED
    if _is_metadata(text, words, retrieved_at):
        return META
    if _CAPTION.search(text) or _CAPTION_LINE.match(text):
        return CAPTION
    if (
        _CREDIT.match(text)
        or _CREDIT_SENTENCE.match(text)
        or _PARENTHESISED.match(text)
        or _BYLINE.match(text)
        or _NAME_CREDIT.match(text)
    ):
        return CREDIT
    if _PLAYER.match(text):
        return SHARE
    if _is_share_row(text) or _FONT_ROW.match(text) or _PRINT_ROW.match(text):
        return SHARE
    if len(words) <= 8 and len(_LANGUAGE_NAMES.findall(text)) >= 2:
        return LANGUAGES
    prose = _is_prose(words)
    if not prose and footers.is_contact(text):
        return CONTACT
    if _DOMAIN.match(text) or _is_bilingual_site_name(text, words):
        return SITE
    if not prose and footers.is_spam(text):
        return SPAM
    return TEXT


def _classify_long(text, words):
    """Lines of 160 to 600 characters: prose is text; the rest may be a
    footer, a licence, a credit, a caption or spam run long."""
    if _is_prose(words):
        return TEXT
    if (
        footers.is_footer(text)
        and len(text) <= 400
        or footers.LICENCE.search(text)
        and len(text) <= 200
    ):
        return FOOTER
    if len(text) <= 300 and (_CREDIT_SENTENCE.match(text) or _CAPTION.search(text)):
        return CREDIT if _CREDIT_SENTENCE.match(text) else CAPTION
    if footers.is_spam(text):
        return SPAM
    return TEXT


# Each shape's regular expression is costly on every line; the words it needs
# are cheap to look for first, in the lower-cased line.
_METADATA_KEYS = (
    "updated", "source", "editor", "author", "pub", "release", "font", "size", "字体", "【",
    "[", "large", "big", "大",
)  # fmt: skip


def _metadata_words(text):
    return footers.has_any(text, _METADATA_KEYS) and bool(_META_ANYWHERE.search(text))


def _is_plain_sentence(text, words):
    """Prose with none of the marks furniture carries: most lines of a release,
    told without trying every furniture shape on them."""
    if len(words) < 12 or not ends_a_sentence(text) or _FURNITURE_MARK.search(text):
        return False
    low = text.lower()
    return (
        "rights reserved" not in low
        and "ago" not in low
        and "yesterday" not in low
        and "today" not in low
        and _is_prose(words)
        and not _CREDIT.match(text)
        and not _CREDIT_SENTENCE.match(text)
        and not _BYLINE.match(text)
    )


def ends_a_sentence(text):
    # Only the last characters matter; searching the whole line for an
    # anchored end is quadratic in the regular expression engine.
    return bool(_SENTENCE_END.search(text[-6:]))


def _is_prose(words):
    if len(words) < 12:
        return False
    return sum(1 for word in words if word.lower() in FUNCTION_WORDS) / len(words) >= 0.2


def _is_breadcrumb(text):
    if _CRUMB_START.match(text):
        return True
    parts = [part for part in _CRUMB_SEPARATOR.split(text) if part]
    if len(parts) < 2 or "/" in text and not re.search(r">|»|›|＞|→", text):
        return False
    if any(len(part) > 60 for part in parts):
        return False
    return bool(_HOME.match(parts[0])) or len(parts) >= 3


def _is_metadata(text, words, retrieved_at):
    if _META_LABEL.match(text) or _metadata_words(text):
        return True
    if not _DATE_HINT.search(text):
        return False
    if match_date_line(text, retrieved_at) is not None:
        return True
    if re.fullmatch(
        r"[\[(（【]\s*\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*[\])）】]", text
    ):
        return True
    # A short line holding a date and little else: "Xinhua) 16:14, December 06, 2023".
    if len(text) > 90:
        return False
    found = find_date(text, retrieved_at)
    if found is None:
        return False
    rest = text.replace(found.text, " ")
    rest_words = _WORD.findall(rest)
    if len(rest_words) >= 4 and _DATED_HEADLINE.match(text):
        return False
    function = sum(1 for word in rest_words if word.lower() in FUNCTION_WORDS)
    return len(rest_words) <= 9 and function <= 1 and not text.rstrip().endswith(".")


def _is_share_row(text):
    if _SHARE.match(text):
        return True
    networks = _SHARE_NETWORKS.findall(text)
    return len(networks) >= 2 and len(_WORD.findall(text)) <= len(networks) * 2 + 2


def _is_bilingual_site_name(text, words):
    # "中国某某网 China Something Net": a Chinese name beside its English one.
    return (
        len(text) <= 60
        and bool(_CJK.search(text))
        and 1 <= len(words) <= 6
        and not ends_a_sentence(text)
    )


def is_domain(text):
    return bool(_DOMAIN.match(text))
