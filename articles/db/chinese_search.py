"""Searching in Chinese: the originals, and the English releases a Chinese
word means.

A Chinese query ("碳市场", "福建") matches a release whose original title or
text holds it, and, across languages, an English release that the glossary's
translation of it finds ("碳普惠" → "carbon inclusion"), or that is linked to
a place or organization of that Chinese name (a province takes in the places
below it). Chinese has no spaces for a word index to cut at: the originals are
matched as substrings (PostgreSQL's trigram index serves three characters and
more; the few thousand originals are scanned otherwise).
"""

import re

from django.db.models import Q

from articles.db.regions import descendant_ids_of_names
from articles.models import Article, GlossaryTerm, Organization

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# What a place's Chinese name may add to the word a reader types.
_PLACE_SUFFIXES = ("", "省", "市", "县", "区", "自治区", "回族自治区", "壮族自治区", "维吾尔自治区")


def is_chinese(term):
    return bool(_CJK.search(term))


def chinese_terms(query):
    """The query's terms written in Chinese, each as one string."""
    return ["".join(term) for term in query.terms if is_chinese("".join(term))]


def chinese_match(terms, english_ids):
    """A Q for releases matching every Chinese term. `english_ids(phrase)`
    gives the SQL expression for English releases matching an English phrase."""
    # The glossary's translations of every term, in one query.
    translations = {}
    for chinese, preferred in GlossaryTerm.objects.filter(chinese__in=terms).values_list(
        "chinese", "preferred"
    ):
        translations.setdefault(chinese, []).append(preferred)
    condition = Q()
    for term in terms:
        either = Q(original_title__contains=term) | Q(original_body__contains=term)
        for phrase in translations.get(term, []):
            either |= Q(pk__in=english_ids(phrase))
        places = descendant_ids_of_names([term + suffix for suffix in _PLACE_SUFFIXES])
        either |= Q(
            pk__in=Article.regions.through.objects.filter(region_id__in=places).values("article_id")
        )
        bodies = Organization.objects.filter(name_zh=term).values("pk")
        either |= Q(pk__in=Article.organizations.through.objects.filter(
            organization__in=bodies
        ).values("article_id"))  # fmt: skip
        condition &= either
    return condition
