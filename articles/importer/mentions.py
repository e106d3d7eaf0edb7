"""Whether a place name, where a release writes it, names the place.

"Xining Square", "Lan Jun", "Hainan Tibetan Autonomous Prefecture", "Taiwan
Strait" and "Implementation Guide" all hold a place's name and mention no
place. The words around the name tell them apart.
"""

import re

from articles.models import Region

from .organizations import capitalised, word_set

# A place name followed by one of these names a facility, not the place:
# "Xining Square", "Guangdong University of Technology", "Huangpu Road".
FACILITY_NOUNS = word_set(
    """square park road street avenue lane alley boulevard bridge tunnel university college
    school academy institute forum hotel station airport port harbour harbor terminal
    building tower plaza mall hall stadium gymnasium museum library theatre theater hospital
    garden gardens temple pagoda restaurant market cinema expressway highway railway metro
    subway river lake reservoir canal creek stream valley wetland strait straits sea bay gulf"""
)
# "Boluo village": a village of that name, in whatever case the page writes it.
_SETTLEMENT_NOUNS = word_set("village villages")
_INSTALLATIONS = word_set("substation substations kv plant station")
# Peoples whose autonomous prefectures begin with a province's name:
# "Hainan Tibetan Autonomous Prefecture" is no mention of Hainan Province.
_PREFECTURE_WORDS = word_set(
    """prefecture autonomous tibetan mongolian hui yi zhuang miao dai bai korean kazak
    uygur tujia qiang dong li she"""
)
# The commonest Chinese surnames in pinyin: before a place name they make it a
# person's given name ("Lan Jun", "Zhang Yanqing").
SURNAMES = word_set(
    """wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin luo gao
    zheng liang xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang
    yu du ye cheng wei su lu ding ren yao shen zhong cui tan fan liao shi jin jia xia fu fang
    zou xiong bai meng qin qiu hou yin xue yan duan lei long tao mao hao gu gong shao wan
    qian dai lan mo kong chang kang ni niu qi ou xi"""
)


# County names that are everyday English words: without their suffix they are
# the word ("Implementation Guide", "Guiding ideology").
ENGLISH_WORDS = frozenset({"guide", "guiding", "mulan"})


def not_a_place_mention(tokens, start, end, region_ids, places):
    """Whether a name that matched the places `region_ids` is, in its context,
    something else: part of a person's name, a facility's name, or the start
    of a prefecture's."""
    if end - start == 1 and tokens[start][0] in ENGLISH_WORDS:
        return True
    following = tokens[end][0] if end < len(tokens) else ""
    if following in FACILITY_NOUNS and capitalised(tokens[end]) or following in _SETTLEMENT_NOUNS:
        return True
    # "Jincheng 110 kV substation"
    if following.isdigit() and any(
        token[0] in _INSTALLATIONS for token in tokens[end + 1 : end + 4]
    ):
        return True
    if (
        following in _PREFECTURE_WORDS
        and capitalised(tokens[end])
        and all(places[pk].kind in Region.PROVINCIAL_KINDS for pk in region_ids)
    ):
        return True
    if start > 0 and end - start == 1:
        previous = tokens[start - 1]
        if (previous[0] in SURNAMES or _is_surname_shaped(previous)) and previous[1][:1].isupper():
            return True
    return False


# One pinyin syllable: "Lian" in "Lian Kunming". English words of that shape
# ("He", "An", "In"…) are left out: before a place they are not names.
_SYLLABLE = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|"
    r"ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|a|o|e|i|u)"
)
_NOT_NAMES = frozenset({"he", "she", "ban", "man", "pan", "can", "fan", "ran", "tan", "sun"})


def _is_surname_shaped(token):
    word = token[0]
    return 2 <= len(word) <= 5 and word not in _NOT_NAMES and bool(_SYLLABLE.fullmatch(word))
