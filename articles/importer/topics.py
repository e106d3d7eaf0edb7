"""Topics from keyword rules: a release is filed under its one to three
primary topics, scored by how often, and where, their keywords occur.

A release that names a topic's keyword once in passing is not about it:
filing every release under every topic it brushes against made two topics
sit on every release, which no reader can browse by."""

from articles.models import Topic

from .keywords import KeywordRules

MOST_TOPICS = 3
# A headline's keyword counts as much as three in the text.
TITLE_WEIGHT = 3
# The best topic is kept whatever it scores; the others if they score this
# much, and at least this share of the best.
LEAST_SCORE = 2
LEAST_SHARE_OF_BEST = 0.4


class TopicRules:
    def __init__(self, keywords):
        """`keywords` maps a keyword to the ids of the topics it selects."""
        self.rules = KeywordRules(keywords)

    @classmethod
    def load(cls):
        keywords = {}
        for topic in Topic.objects.only("pk", "keywords"):
            for keyword in topic.keyword_list():
                keywords.setdefault(keyword, set()).add(topic.pk)
        return cls(keywords)

    def scores(self, title, body):
        return self.rules.scores(title, body, title_weight=TITLE_WEIGHT)

    def primary_topic_ids(self, title, body):
        """The best-scoring topic and up to two more that score nearly as well."""
        ranked = sorted(self.scores(title, body).items(), key=lambda item: (-item[1], item[0]))
        if not ranked:
            return set()
        best = ranked[0][1]
        return {ranked[0][0]} | {
            pk
            for pk, score in ranked[1:MOST_TOPICS]
            if score >= LEAST_SCORE and score >= LEAST_SHARE_OF_BEST * best
        }

    def topic_ids(self, text):
        """Every topic one of whose keywords `text` contains."""
        return set(self.rules.counts(text))
