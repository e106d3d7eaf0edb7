"""Organization names in a release that the gazetteer does not know yet.

Releases name bodies in a few patterns: `<City> Municipal Bureau of Ecology
and Environment`, `<Province> Provincial Department of …`, `<City>
Municipal People's Government`, `Ministry of …`, `National … Commission`,
`… Co., Ltd.`, `… Exchange`, `… Center`, `… Association`, `… University`,
`… Branch of …`. A name is a run of capitalised words ending in (or built
around) one of those head nouns; it is created for an editor's review.
"""


def word_set(text):
    return frozenset(text.split())


# Last words that make a capitalised phrase an organization's name.
HEADS = word_set(
    """bureau department ministry commission administration office government committee
    council center centre exchange association society foundation federation institute
    university academy college group company corporation bank agency authority branch
    alliance chamber station court procuratorate team corp congress daily grid board
    programme program fund trust organization organisation farm"""
)
# "… Co., Ltd." and its spellings, as token sequences.
COMPANY_ENDINGS = [
    ("co", ".", ",", "ltd", "."),
    ("co", ".", ",", "ltd"),
    ("co", ".", "ltd", "."),
    ("co", ",", "ltd", "."),
    ("co", ",", "ltd"),
    ("co", ".", "ltd"),
    ("company", "limited"),
    ("co", ".", "limited"),
    ("co", "ltd"),
    ("ltd", "."),
    ("ltd",),
    ("inc", "."),
]
# Words a name can end with or be built around.
_END_WORDS = HEADS | {ending[0] for ending in COMPANY_ENDINGS}
# Between capitalised words inside one name.
_JOINERS = {"of", "and", "for", "&", "-", "on", "the"}
# Words that alone do not make a name: "the Autonomous Region's Department of
# Ecology and Environment" is a description, not a new body.
GENERIC = word_set(
    """autonomous region regional provincial province municipal municipality city county
    district people peoples s ecology ecological environment environmental development reform
    national state local department bureau ministry administration office and of the for
    general relevant industry information technology science protection energy group society
    association company commission institute university foundation federation academy
    exchange center centre corporation co ltd limited government committee council branch
    province's region's standing party member members municipal's all"""
)
# A national body needs no place in its name: "Ministry of Ecology and Environment".
_NATIONAL_STARTS = {"ministry", "national", "state", "china", "chinese"}
# Capitalised only because a sentence starts with them.
_SENTENCE_WORDS = word_set(
    """the a an at in on by for from with to and as recently yesterday today meanwhile also
    since after before during this that these those when while where under according
    organized organised hosted led jointly its their our"""
)


# A person's title before "of" is no part of the body's name: "Academician
# of Chinese Academy of Engineering", "Director of the Bureau".
TITLES = word_set(
    """academician engineer director chairman chairwoman president vice deputy secretary head
    mayor governor spokesman spokeswoman spokesperson professor researcher expert chief member
    dean principal manager"""
)


def capitalised(token):
    word = token[1]
    return word[:1].isupper() or word[:1].isdigit() and len(word) > 1


def find_new_organizations(tokens, covered, text):
    """[(start token, end token)] of organization-like names that no known
    name covers (`covered` holds the token indexes of known names). A name
    never runs over a line break."""
    spans, n, i = [], len(tokens), 0
    while i < n:
        end = _name_end(tokens, i) if tokens[i][0] in _END_WORDS and i not in covered else None
        if end is not None:
            end = next(
                (k for k in range(i + 1, end) if "\n" in text[tokens[k - 1][3] : tokens[k][2]]),
                end,
            )
        if end is None or any(k in covered for k in range(i, end)):
            i += 1
            continue
        start = _name_start(tokens, i, covered)
        start = next(
            (k for k in range(i, start, -1) if "\n" in text[tokens[k - 1][3] : tokens[k][2]]),
            start,
        )
        while start < i and (tokens[start][0] in _JOINERS or tokens[start][0] in _SENTENCE_WORDS):
            start += 1
        # "China's Ministry of Transport": the owner's name is no part of the body's.
        if (
            start + 3 <= i
            and tokens[start + 1][0] == "'"
            and tokens[start + 2][0] == "s"
            and tokens[start][0] != "people"
        ):
            start += 3
        words = [token[0] for token in tokens[start:end] if token[0].isalnum()]
        national = bool(words) and words[0] in _NATIONAL_STARTS
        if 2 <= len(words) <= 16 and (national or any(word not in GENERIC for word in words)):
            spans.append((start, end))
            covered = covered | set(range(start, end))
        i = end
    return spans


def _name_start(tokens, head, covered):
    """Walk left from the head noun over the capitalised words of the name."""
    start = head
    while start > 0:
        previous = tokens[start - 1]
        if start - 1 in covered:
            break
        if capitalised(previous) or previous[0] in {"(", ")"}:
            start -= 1
        elif (
            previous[0] == "s"
            and start > 2
            and tokens[start - 2][0] == "'"
            and capitalised(tokens[start - 3])
        ):
            start -= 2  # People's
        elif (
            previous[0] in {"and", "&", "-", "of", "for"}
            and start > 1
            and capitalised(tokens[start - 2])
            and tokens[start - 2][0] not in TITLES
        ):
            start -= 1
        else:
            break
    return start


def _starts_a_name(tokens, k):
    """Whether the capitalised words from token k end in a head noun of their
    own: "Bank of China and China Construction Bank" names two banks."""
    while k < len(tokens) and capitalised(tokens[k]):
        if tokens[k][0] in _END_WORDS:
            return True
        k += 1
    return False


def _name_end(tokens, i):
    """Where a name ends when token i is its head noun, or None."""
    n = len(tokens)
    if not capitalised(tokens[i]):
        return None
    low = tokens[i][0]
    for ending in COMPANY_ENDINGS:
        if ending[0] == low and tuple(t[0] for t in tokens[i : i + len(ending)]) == ending:
            return i + len(ending)
    if low not in HEADS:
        return None
    end = i + 1
    # "Exchange Center", "Development Center": heads in a row.
    while end < n and tokens[end][0] in HEADS and capitalised(tokens[end]):
        end += 1
    # "China Emissions Exchange (Guangzhou)": the seat in brackets belongs to the name.
    if (
        end + 2 < n
        and tokens[end][0] == "("
        and capitalised(tokens[end + 1])
        and tokens[end + 2][0] == ")"
    ):
        end += 3
    # "Co., Ltd." after "Group", "Company", or a few words on ("Hubei Public
    # Trust Testing Service Co., Ltd."): the name runs to the last ending.
    last = end
    while last < n and last - end < 6:
        for ending in COMPANY_ENDINGS:
            if tuple(t[0] for t in tokens[last : last + len(ending)]) == ending:
                return last + len(ending)
        if not capitalised(tokens[last]) or tokens[last][0] in _END_WORDS:
            break
        last += 1
    # "… of Ecology and Environment", "… Branch of China Quality Certification Center".
    while end + 1 < n and tokens[end][0] in {"of", "for"}:
        # "… Branch of the Agricultural Bank of China"
        skip = 2 if tokens[end + 1][0] == "the" and end + 2 < n else 1
        if not capitalised(tokens[end + skip]):
            break
        end += skip
        while end < n and (
            capitalised(tokens[end])
            or tokens[end][0] in {"and", "&", "-", "of"}
            and end + 1 < n
            and capitalised(tokens[end + 1])
            and not (tokens[end][0] in {"and", "&"} and _starts_a_name(tokens, end + 1))
            or tokens[end][0] == "'"
            and end + 1 < n
            and (tokens[end + 1][0] == "s" or end + 2 < n and capitalised(tokens[end + 2]))
            # "People's", "Guang 'an City": a word after an apostrophe
            or tokens[end - 1][0] == "'"
            and tokens[end][0].isalpha()
        ):
            end += 1
    return end
