"""Entity linking: regions and organizations named in a release.

The gazetteer is built once per import from every Region, Organization and
Source name and alias, indexed by word sequence. A release is matched in one
pass over its words: at each word only the name lengths that start with that
word are tried, longest first, so thousands of names cost a dictionary lookup
per word rather than a regular expression per name.

English place names are treacherous ("Xinhua", "Sanjiang", two Haiyan
Counties), so a match is a set of candidates, resolved by the rules in
`Gazetteer.link`: county-level names need their suffix or their context, a
name that still fits several places is left unlinked and reported.
"""

import re
from dataclasses import dataclass, field

from articles.models import Organization, Region, Source, split_lines

from .chinese_names import ChineseNames
from .mentions import not_a_place_mention
from .organizations import find_new_organizations

_TOKEN = re.compile(r"[^\W_]+|[^\w\s]")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "＇": "'"})

REGION, ORGANIZATION, SOURCE = "region", "organization", "source"

# A county-level name written with one of these last words carries its kind
# and is safe to link on its own ("Haiyan County", "Fuqing City").
COUNTY_SUFFIXES = {"county", "city", "district", "banner", "counties", "districts"}

# How releases refer to their publisher's own place.
_HOME_PHRASE = re.compile(
    r"\b(?:our|this|the)\s+(province|autonomous region|region|county|city|municipality|district)\b",
    re.I,
)
_HOME_KINDS = {
    "province": Region.PROVINCIAL_KINDS,
    "autonomous region": (Region.Kind.AUTONOMOUS_REGION,),
    "region": (Region.Kind.AUTONOMOUS_REGION,),
    "municipality": (Region.Kind.MUNICIPALITY,),
    "city": (*Region.PREFECTURE_KINDS, Region.Kind.MUNICIPALITY, Region.Kind.COUNTY_CITY),
    "county": (Region.Kind.COUNTY, Region.Kind.COUNTY_CITY),
    "district": (Region.Kind.DISTRICT,),
}


def tokenize(text):
    """(lowercased word, word, start, end) for every word and punctuation mark."""
    low = text.translate(_QUOTES).lower()
    if len(low) != len(text):  # a few letters change length when lowercased
        return [
            (match.group().translate(_QUOTES).lower(), match.group(), match.start(), match.end())
            for match in _TOKEN.finditer(text)
        ]
    return [
        (low[start:end], text[start:end], start, end)
        for start, end in map(_span, _TOKEN.finditer(low))
    ]


_span = re.Match.span


def name_key(name):
    return tuple(token for token, _, _, _ in tokenize(name))


@dataclass(frozen=True)
class GazetteerName:
    kind: str  # region, organization or source
    id: int
    surface: str  # as written in the gazetteer; single words must match its case
    bare: bool = False  # a county-level name without its suffix


@dataclass(frozen=True)
class Place:
    id: int
    name: str
    kind: str
    parent_id: int | None


@dataclass
class Links:
    region_ids: set = field(default_factory=set)
    organization_ids: set = field(default_factory=set)
    new_organizations: list = field(default_factory=list)  # names to create, for review
    new_organization_regions: dict = field(default_factory=dict)  # name -> region id
    # (character offset, organization id or new name), in the order of the
    # text: the issuing body is read from where they stand.
    organization_mentions: list = field(default_factory=list)
    warnings: list = field(default_factory=list)


class Gazetteer:
    def __init__(self):
        self.table = {}  # name key -> [GazetteerName]
        self.lengths = {}  # first word -> name lengths starting with it, longest first
        self.places = {}  # region id -> Place
        self.organizations = {}  # id -> (name, region id)
        self.sources = {}  # id -> (name, region id)
        self._ancestors = {}
        self.chinese = ChineseNames()  # for releases in Chinese

    @classmethod
    def load(cls):
        gazetteer = cls()
        for pk, name, name_zh, kind, parent_id, aliases in Region.objects.values_list(
            "pk", "name", "name_zh", "kind", "parent_id", "aliases"
        ):
            gazetteer.add_region(Place(pk, name, kind, parent_id), aliases)
            gazetteer.chinese.add_region(pk, name_zh, kind)
        for pk, name, name_zh, aliases, region_id in Organization.objects.values_list(
            "pk", "name", "name_zh", "aliases", "region_id"
        ):
            gazetteer.add_organization(pk, name, aliases, region_id)
            gazetteer.chinese.add(ORGANIZATION, pk, name_zh)
        for pk, name, aliases, region_id in Source.objects.values_list(
            "pk", "name", "aliases", "region_id"
        ):
            gazetteer.add_source(pk, name, aliases, region_id)
        return gazetteer

    # Building.

    def _add(self, name, entry):
        key = name_key(name)
        if not key:
            return
        entries = self.table.setdefault(key, [])
        if entry not in entries:
            entries.append(entry)
        lengths = self.lengths.setdefault(key[0], [])
        if len(key) not in lengths:
            lengths.append(len(key))
            lengths.sort(reverse=True)

    def add_region(self, place, aliases=""):
        self.places[place.id] = place
        county_level = place.kind in Region.COUNTY_KINDS
        for name in [place.name, *split_lines(aliases)]:
            words = name.split()
            # One-syllable short names (Min, Ning, Yue) are for editors and the
            # glossary; as English words they would link far too much.
            if place.kind != Region.Kind.ZONE and len(words) == 1 and _is_short_name(name):
                continue
            bare = county_level and words[-1].lower() not in COUNTY_SUFFIXES
            self._add(name, GazetteerName(REGION, place.id, name, bare))

    def add_organization(self, pk, name, aliases="", region_id=None):
        self.organizations[pk] = (name, region_id)
        for surface in [name, *split_lines(aliases)]:
            self._add(surface, GazetteerName(ORGANIZATION, pk, surface))

    def add_source(self, pk, name, aliases="", region_id=None):
        self.sources[pk] = (name, region_id)
        for surface in [name, *split_lines(aliases)]:
            self._add(surface, GazetteerName(SOURCE, pk, surface))

    # Looking up.

    def ancestors(self, region_id):
        """Ids of the regions above this one, nearest first."""
        cached = self._ancestors.get(region_id)
        if cached is None:
            chain, seen = [], {region_id}
            parent = self.places[region_id].parent_id if region_id in self.places else None
            while parent is not None and parent in self.places and parent not in seen:
                chain.append(parent)
                seen.add(parent)
                parent = self.places[parent].parent_id
            cached = self._ancestors[region_id] = tuple(chain)
        return cached

    def find_source(self, line):
        """The id of the source a publisher line names, or None."""
        entries = self.table.get(name_key(line), [])
        ids = {entry.id for entry in entries if entry.kind == SOURCE}
        return ids.pop() if len(ids) == 1 else None

    def matches(self, tokens):
        """Longest whole-word matches, left to right, without overlaps:
        [(start token, end token, [GazetteerName])]."""
        found, i, n = [], 0, len(tokens)
        table, lengths = self.table, self.lengths
        while i < n:
            options = lengths.get(tokens[i][0])
            step = 1
            if options:
                for length in options:
                    if i + length > n:
                        continue
                    key = (
                        (tokens[i][0],)
                        if length == 1
                        else tuple(token[0] for token in tokens[i : i + length])
                    )
                    entries = table.get(key)
                    if entries and length == 1:
                        # A single word must be written as the gazetteer writes it:
                        # "Long" may be a place, "long" never is.
                        entries = [entry for entry in entries if entry.surface == tokens[i][1]]
                    if entries:
                        found.append((i, i + length, entries))
                        step = length
                        break
            i += step
        return found

    def home_chain(self, source_id):
        """The source's home region and those above it, without the country."""
        if source_id not in self.sources:
            return ()
        region_id = self.sources[source_id][1]
        if region_id is None or region_id not in self.places:
            return ()
        chain = (region_id, *self.ancestors(region_id))
        return tuple(pk for pk in chain if self.places[pk].kind != Region.Kind.COUNTRY)

    def link(self, text, *, source_id=None):
        """The regions and organizations `text` names, resolved by context."""
        tokens = tokenize(text)
        links = Links()
        home = self.home_chain(source_id)
        anchors = set(home)
        pending = []  # (surface, kind, candidates, bare ids, start token)
        org_spans = []
        placed = []  # (start token, region id) of every place linked
        for start, end, entries in self.matches(tokens):
            surface = text[tokens[start][2] : tokens[end - 1][3]]
            region_ids = {entry.id for entry in entries if entry.kind == REGION}
            if region_ids and not_a_place_mention(tokens, start, end, region_ids, self.places):
                continue
            organizations = {entry.id for entry in entries if entry.kind == ORGANIZATION}
            if organizations:
                org_spans.append((start, end))
                if len(organizations) == 1:
                    links.organization_ids |= organizations
                    links.organization_mentions.append(
                        (tokens[start][2], next(iter(organizations)))
                    )
                else:
                    pending.append((surface, ORGANIZATION, organizations, set(), start))
                continue
            regions = {entry.id for entry in entries if entry.kind == REGION}
            if not regions:
                continue  # a source's name: it blocks shorter matches, links nothing
            bare = {entry.id for entry in entries if entry.kind == REGION and entry.bare}
            if len(regions) == 1 and not bare:
                links.region_ids |= regions
                anchors |= regions
                placed.append((start, next(iter(regions))))
            else:
                pending.append((surface, REGION, regions, bare, start))
        for surface, kind, candidates, bare, start in pending:
            if kind == ORGANIZATION:
                fitting = {
                    pk for pk in candidates if self._fits(self.organizations[pk][1], anchors)
                }
                if len(fitting) == 1:
                    links.organization_ids |= fitting
                    links.organization_mentions.append((tokens[start][2], next(iter(fitting))))
                else:
                    links.warnings.append(_ambiguous(surface, candidates, self.organizations))
                continue
            plain = candidates - bare
            fitting = set()
            for pk in candidates:
                if pk in bare:
                    # A county-level name without its suffix: only where its
                    # prefecture or province is named, or it is the publisher's home.
                    if pk in home or any(a in anchors for a in self.ancestors(pk)):
                        fitting.add(pk)
                elif self._fits(pk, anchors):
                    fitting.add(pk)
            chosen = _resolve(plain, fitting - plain, fitting & plain, set(home))
            if chosen is not None:
                links.region_ids.add(chosen)
                anchors.add(chosen)
                placed.append((start, chosen))
            elif fitting or len(plain) > 1:
                names = {pk: (self.places[pk].name,) for pk in candidates}
                links.warnings.append(_ambiguous(surface, fitting | plain, names))
        for match in _HOME_PHRASE.finditer(text):
            kinds = _HOME_KINDS[match.group(1).lower()]
            for pk in home:
                if self.places[pk].kind in kinds:
                    links.region_ids.add(pk)
                    break
        for pk in list(links.region_ids):
            links.region_ids.update(
                a for a in self.ancestors(pk) if self.places[a].kind != Region.Kind.COUNTRY
            )
        covered = {k for start, end in org_spans for k in range(start, end)}
        for start, end in find_new_organizations(tokens, covered, text):
            name = " ".join(text[tokens[start][2] : tokens[end - 1][3]].split())
            if name in links.new_organization_regions:
                continue
            # The region a new body's name starts with is its home.
            inside = [pk for at, pk in placed if start <= at < end]
            links.new_organizations.append(name)
            links.new_organization_regions[name] = inside[0] if inside else None
            links.organization_mentions.append((tokens[start][2], name))
        links.organization_mentions.sort(key=lambda mention: mention[0])
        return links

    def _fits(self, region_id, anchors):
        if region_id is None:
            return False
        chain = self.ancestors(region_id) if region_id in self.places else ()
        return region_id in anchors or any(pk in anchors for pk in chain)


def _resolve(plain, fitting_bare, fitting_plain, home):
    """The one place a match means, or None when it cannot be told.

    The publisher's own county wins; then a place with its suffix or a
    higher-level name that fits the context; then a lone higher-level name
    ("Hainan" is the province). A bare county name that fits the context
    while a bigger place bears the same name ("Nanjing" in a Fujian release)
    is a contradiction, never a guess.
    """
    own = fitting_bare & home
    if len(own) == 1:
        return next(iter(own))
    if len(fitting_plain) == 1:
        return next(iter(fitting_plain))
    if not fitting_plain and not fitting_bare and len(plain) == 1:
        return next(iter(plain))
    if not plain and len(fitting_bare) == 1:
        return next(iter(fitting_bare))
    return None


def _is_short_name(name):
    # Romanised one-syllable names (a capital, two to four letters, one vowel
    # group) and one-letter abbreviations ("E" for Hubei).
    return len(name) == 1 or (
        bool(re.fullmatch(r"[A-Z][a-z]{1,4}", name))
        and len(re.findall(r"[aeiouü]+", name.lower())) == 1
    )


def _ambiguous(surface, candidates, names):
    listed = ", ".join(sorted(f"{names[pk][0]} ({pk})" for pk in candidates))
    return f"{surface!r} fits several places or bodies ({listed}); not linked"
