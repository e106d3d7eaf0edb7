"""Scraped text to clean lines: debris lines go, bullets, scraping indentation
and odd spaces go, whitespace is normalised. The words are left as the
translation wrote them.
"""

import re

# Unicode spaces that scraping leaves behind, and characters PostgreSQL
# rejects (NUL) or that are invisible noise.
_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\x00\u200b\u200c\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BULLET = re.compile(r"^(?:[•·▪●◦‣∙○■□◆◇►▶»]|[-*|](?=\s))\s*")

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
