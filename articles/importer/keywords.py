"""Keyword rules: phrases that each select some ids (topics, facets),
found as whole words in lower-cased text and counted. Chinese has no
spaces between words: a Chinese phrase is found wherever it stands."""

import re
from collections import Counter


def normalise(text):
    return " ".join(text.split()).lower()


class KeywordRules:
    def __init__(self, keywords):
        """`keywords` maps a keyword to the ids it selects."""
        self.keywords = {}
        for keyword, ids in keywords.items():
            self.keywords.setdefault(normalise(keyword), set()).update(ids)
        ordered = sorted(self.keywords, key=len, reverse=True)
        self.pattern = (
            # Matched against the lower-cased text: three times faster than re.I.
            re.compile(r"(?<![a-z0-9_])(?:" + "|".join(map(re.escape, ordered)) + r")(?![a-z0-9_])")
            if ordered
            else None
        )

    def matches(self, text):
        """(offset, keyword) for every match in `text`, left to right."""
        if self.pattern is None:
            return []
        return [(match.start(), match.group()) for match in self.pattern.finditer(normalise(text))]

    def counts(self, text):
        """How many times each id's keywords occur in `text`."""
        counts = Counter()
        for _, keyword in self.matches(text):
            for pk in self.keywords[keyword]:
                counts[pk] += 1
        return counts

    def scores(self, title, body, *, title_weight=3):
        """Keyword counts with a headline's matches worth `title_weight` of the body's."""
        scores = self.counts(body)
        for pk, count in self.counts(title).items():
            scores[pk] += title_weight * count
        return scores
