"""The shapes of what sites print around every page rather than in a release:
copyright and licence lines, disclaimers, contact details, and the spam that
hijacked mirrors of government sites carry."""

import re

FOOTER_SHAPE = re.compile(
    r"©|\(c\)\s*\d{4}|\bcopyright\b|all\s+rights\s+reserved|ICP\s*备|ICP\s*证|公网安备|"
    r"网站标识码|版权所有|版權所有|版权声明|版權聲明|主办单位|承办单位|技术支持|"
    r"^(?:presented|sponsored|hosted|maintained|operated|supported|organized|run)\s+by\b|"
    r"\bwebsite\s+identification\s+code\b|\bsite\s*map\b|\bcontact\s+us\b|\babout\s+us\b|"
    r"\bprivacy\s+(?:policy|statement)\b|\bterms\s+of\s+(?:use|service)\b|\bdisclaimer\b|"
    r"\bbest\s+viewed\b|\bscreen\s+resolution\b|^kind\s+tips\b|^(?:disclaimer|statement)\s*[:：]",
    re.I,
)
# A site's disclaimer, however long: "Kind tips: the above content is for reference only."
DISCLAIMER = re.compile(r"^(?:kind\s+tips|disclaimer|statement|copyright\s+notice)\s*[:：]", re.I)
# What no sentence of a release holds: a copyright sign, "All rights reserved".
STRONG_FOOTER = re.compile(r"©|all\s+rights\s+reserved|版权所有|版權所有|ICP", re.I)
LICENCE = re.compile(r"[\u4e00-\u9fff]ICP|ICP[备证]|\d{11,}号|备\s*\d{6,}")

CONTACT_SHAPE = re.compile(
    r"\b(?:e-?mail|tel|telephone|phone|fax|hotline|address|add|postcode|post\s+code|zip(?:\s+code)?)"
    r"\s*[:：.]|[\w.+-]+@[\w-]+\.[\w.]+|\(?\b0\d{2,3}\)?[-\s]?\d{7,8}\b|电话|邮箱|地址|邮编",
    re.I,
)
SPAM_SHAPE = re.compile(
    r"casino|gambling|baccarat|roulette|poker|slots?\b|betting|bet365|lottery|viagra|porn|"
    r"博彩|赌场|娱乐城|百家乐|彩票|体育投注|棋牌|真人视讯|澳门|老虎机|六合彩",
    re.I,
)


# Each shape's regular expression is costly on every line; the words it needs
# are cheap to look for first, in the lower-cased line.
FOOTER_KEYS = (
    "©", "(c)", "copyright", "rights", "icp", "公网安备", "网站标识码", "版权", "版權",
    "主办", "承办", "技术支持", " by", "identification", "site", "contact", "about us",
    "privacy", "terms of", "disclaimer", "viewed", "resolution", "kind tips", "statement",
)  # fmt: skip
CONTACT_KEYS = (
    "mail", "tel", "phone", "fax", "hotline", "add", "post", "zip", "@", "0",
    "电话", "邮箱", "地址", "邮编",
)  # fmt: skip
SPAM_KEYS = (
    "casino", "gambl", "baccarat", "roulette", "poker", "slot", "bet", "lottery", "viagra",
    "porn", "博彩", "赌场", "娱乐城", "百家乐", "彩票", "投注", "棋牌", "视讯", "澳门", "老虎机",
    "六合彩",
)  # fmt: skip


def has_any(text, keys):
    low = text.lower()
    return any(key in low for key in keys)


def is_footer(text):
    return has_any(text, FOOTER_KEYS) and bool(FOOTER_SHAPE.search(text))


def is_contact(text):
    return has_any(text, CONTACT_KEYS) and bool(CONTACT_SHAPE.search(text))


def is_spam(text):
    return has_any(text, SPAM_KEYS) and len(SPAM_SHAPE.findall(text)) >= 2
