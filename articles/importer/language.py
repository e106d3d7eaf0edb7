"""Telling a Chinese page from an English one by what its letters are.

A character-class measure rather than a statistical identifier: the only
question is Chinese or not, and CJK ideographs answer it exactly, at no cost.
Chinese furniture on an English page (licence numbers, a language menu) is a
few percent of its letters; a Chinese release is nearly all of them.
"""

import re

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LETTER = re.compile(r"[^\W\d_]")


def chinese_share(text):
    """The share of CJK ideographs among the letters of `text` (0 to 1)."""
    cjk = len(_CJK.findall(text))
    if not cjk:
        return 0.0
    return cjk / len(_LETTER.findall(text))
