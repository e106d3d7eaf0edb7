"""Scraped text to a parsed release: publisher, title, date, clean paragraphs.

Only layout is changed: page debris goes, bullets and scraping indentation
go, whitespace is normalised. The words are left as the translation wrote them.
"""

import re
from dataclasses import dataclass, field

from .dates import UNKNOWN, ParsedDate, looks_relative, parse_date

# Unicode spaces that scraping leaves behind, and characters PostgreSQL
# rejects (NUL) or that are invisible noise.
_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\x00\u200b\u200c\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BULLET = re.compile(r"^(?:[•·▪●◦‣∙○■□◆◇►▶»]|[-*](?=\s))\s*")

DATE_LABELS = [
    "release time",
    "release date",
    "publish date",
    "publish time",
    "published on",
    "published",
    "date",
    "updated",
    "time",
    "发布时间",
    "发布日期",
    "日期",
]
_DATE_LINE = re.compile(
    r"^(?P<label>" + "|".join(re.escape(label) for label in DATE_LABELS) + r")"
    r"(?P<colon>\s*[:：])?\s*(?:[•·]\s*)?(?P<value>.*)$",
    re.I,
)

_COUNTER = re.compile(
    r"^(?:browsing|views?|page views|visits|hits|read(?:s| count)?|clicks"
    r"|浏览次数|浏览量|阅读(?:次数|量)?)"
    r"\s*[:：]?\s*\d*\s*(?:times)?$",
    re.I,
)
_ROW_WORDS = {
    "print",
    "close",
    "share",
    "to",
    "this",
    "page",
    "window",
    "print this page",
    "close window",
    "close this page",
    "back to top",
    "top",
    "back",
    "wechat",
    "weibo",
    "qq",
    "qzone",
    "email",
    "facebook",
    "twitter",
    "linkedin",
    "font size",
    "large",
    "medium",
    "small",
    "打印",
    "关闭",
    "分享",
    "分享到",
    "打印本页",
    "关闭窗口",
    "返回顶部",
}
_ROW_SPLIT = re.compile(r"[\[\]【】()（）|/:：,，·•\s]+")
_COMMENT_START = re.compile(
    r"^(?:leave a (?:reply|comment)|post a comment|cancel reply|发表评论)\b", re.I
)
_COMMENT_LINE = re.compile(
    r"^(?:your email address will not be published|name and email are required"
    r"|required fields are marked|comment\s*\*?$|name\s*\*$|email\s*\*$|website$|post comment$"
    r"|save my name, email)",
    re.I,
)


@dataclass
class ParsedRelease:
    title: str = ""
    body: str = ""
    publisher: str | None = None
    date: ParsedDate = field(default_factory=lambda: ParsedDate(None, UNKNOWN, ""))
    warnings: list = field(default_factory=list)


def clean_line(line):
    line = _INVISIBLE.sub("", line)
    line = _CONTROL.sub(" ", line)
    line = _SPACES.sub(" ", line).strip()
    while True:
        stripped = _BULLET.sub("", line, count=1)
        if stripped == line:
            break
        line = stripped
    return " ".join(line.split())


def is_debris(line):
    if _COUNTER.match(line) or _COMMENT_LINE.match(line):
        return True
    if len(line) <= 80 and re.search(r"[\[【]", line) or len(line) <= 40:
        words = [word.lower() for word in _ROW_SPLIT.split(line) if word]
        if words and all(word in _ROW_WORDS for word in words):
            return True
    return False


def clean_lines(text):
    """Lines with debris removed, blank lines kept as "" to separate paragraphs."""
    lines = []
    for raw in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = clean_line(raw)
        if _COMMENT_START.match(line):
            break  # A comment form and whatever follows it is page furniture.
        if line and is_debris(line):
            continue
        lines.append(line)
    return lines


def paragraphs_from_lines(lines):
    """Blank lines separate paragraphs; where a page has none, every line is one."""
    content = [line for line in lines if line]
    if len(content) > 1 and "" not in lines[lines.index(content[0]) : -1]:
        return content
    paragraphs, current = [], []
    for line in [*lines, ""]:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    return paragraphs


def normalise_body(text):
    return "\n\n".join(paragraphs_from_lines(clean_lines(text)))


def normalise_title(text):
    return clean_line(" ".join((text or "").split()))


def match_date_line(line, retrieved_at):
    """A ParsedDate when `line` is a date line, else None. A labelled line with
    a colon counts even when its value has a shape we do not know."""
    match = _DATE_LINE.match(line)
    if match:
        value = match["value"].strip()
        parsed = parse_date(value, retrieved_at)
        if parsed.known or looks_relative(value) or (match["colon"] and len(value) < 60):
            return parsed
        return None
    parsed = parse_date(line, retrieved_at)
    if parsed.known and parsed.precision != "year":
        return parsed
    return None


def parse_text(text, *, retrieved_at=None, is_publisher=None):
    """Parse a scraped page. `is_publisher(line)` says whether a line names a known source."""
    release = ParsedRelease()
    lines = clean_lines(text)
    content = [i for i, line in enumerate(lines) if line]
    if not content:
        return release
    first = content[0]
    start = first
    if len(content) >= 2:
        known = bool(is_publisher and is_publisher(lines[first]))
        followed_by_date = len(content) >= 3 and match_date_line(lines[content[2]], retrieved_at)
        if known or (followed_by_date and len(lines[first]) <= 120):
            release.publisher = lines[first]
            start = content[1]
    release.title = lines[start][:500]
    if len(lines[start]) > 500:
        release.warnings.append(f"title cut to 500 of its {len(lines[start])} characters")
    rest = lines[start + 1 :]
    # The date line sits among the first few lines under the title.
    seen = 0
    for index, line in enumerate(rest):
        if not line:
            continue
        seen += 1
        if seen > 3:
            break
        parsed = match_date_line(line, retrieved_at)
        if parsed is not None:
            release.date = parsed
            rest = rest[:index] + rest[index + 1 :]
            break
    release.body = "\n\n".join(paragraphs_from_lines(rest))
    if not release.date.known:
        if release.date.text:
            release.warnings.append(f"unknown date shape {release.date.text!r}; left undated")
        else:
            release.warnings.append("no date line; left undated")
    return release
