"""Places and organizations named in Chinese text, by their Chinese names.

Chinese has no spaces between words, so names are found as substrings, the
longest first: "宁夏回族自治区" is one place, not "宁夏" inside something
else. Provinces and prefecture-level cities are also found by their short
names ("浙江", "广州"); counties and districts only in full ("五华县"), as
their short names are common words. A name that several places share
("朝阳区") links none of them.
"""

from articles.models import Region

# Suffixes a provincial or prefecture-level name drops in everyday writing.
_SHORT_FORM_SUFFIXES = (
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "特别行政区",
    "自治区",
    "自治州",
    "地区",
    "省",
    "市",
    "盟",
)
_SHORT_FORM_KINDS = set(Region.PROVINCIAL_KINDS) | set(Region.PREFECTURE_KINDS)
REGION, ORGANIZATION = "region", "organization"


def short_form(name):
    for suffix in _SHORT_FORM_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


class ChineseNames:
    def __init__(self):
        self.names = {}  # Chinese name -> {(kind, id)}

    def add(self, kind, pk, name):
        name = (name or "").strip()
        if len(name) >= 2:
            self.names.setdefault(name, set()).add((kind, pk))

    def add_region(self, pk, name_zh, region_kind):
        self.add(REGION, pk, name_zh)
        if region_kind in _SHORT_FORM_KINDS:
            self.add(REGION, pk, short_form(name_zh or ""))

    def find(self, text):
        """(region ids, organization ids) named in `text`."""
        found = []
        for name, targets in self.names.items():
            start = text.find(name)
            while start != -1:
                found.append((start, start + len(name), targets))
                start = text.find(name, start + 1)
        # Longest first; a name inside a longer one found there is part of it.
        found.sort(key=lambda match: (match[0] - match[1], match[0]))
        taken = [False] * len(text)
        regions, organizations = set(), set()
        for start, end, targets in found:
            if any(taken[start:end]):
                continue
            for k in range(start, end):
                taken[k] = True
            if len(targets) != 1:
                continue  # shared by several places: none of them
            ((kind, pk),) = targets
            (regions if kind == REGION else organizations).add(pk)
        return regions, organizations
