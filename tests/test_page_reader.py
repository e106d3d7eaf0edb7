"""Real-shaped pages in, clean releases out: each page in fixtures/pages/ is
made up in a shape real pages of the genre have (breadcrumbs and menus first,
metadata under the headline or at the foot, credits, captions, share rows,
related lists, spam), with what the importer must make of it beside it in
fixtures/pages/expected.json."""

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.importer import Importer, blocks
from articles.importer.linking import Gazetteer, Place
from articles.importer.parsing import parse_text
from articles.importer.reading import read_path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PAGES = FIXTURES / "pages"
EXPECTED = {
    name: expected
    for name, expected in json.loads((PAGES / "expected.json").read_text()).items()
    if not name.startswith("_")
}
RETRIEVED = datetime(2024, 9, 15, 4, 0, tzinfo=UTC)


def fixture_rows(name):
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def gazetteer():
    """The real gazetteer, organizations and sources, read from the fixtures
    without a database round trip per test."""
    gazetteer = Gazetteer()
    for row in fixture_rows("regions") + fixture_rows("zones"):
        fields = row["fields"]
        place = Place(row["pk"], fields["name"], fields["kind"], fields["parent"])
        gazetteer.add_region(place, fields.get("aliases", ""))
        gazetteer.chinese.add_region(row["pk"], fields.get("name_zh", ""), fields["kind"])
    for row in fixture_rows("organizations"):
        fields = row["fields"]
        gazetteer.add_organization(
            row["pk"], fields["name"], fields.get("aliases", ""), fields.get("region")
        )
    for row in fixture_rows("sources"):
        fields = row["fields"]
        gazetteer.add_source(row["pk"], fields["name"], fields.get("aliases", ""), None)
    return gazetteer


def read(name, gazetteer):
    (raw,) = read_path(PAGES / name, RETRIEVED)
    return Importer(dry_run=True, gazetteer=gazetteer).prepare(raw)


def region_names(gazetteer, prepared):
    return {gazetteer.places[pk].name for pk in prepared.region_ids}


def organization_names(gazetteer, prepared):
    known = {gazetteer.organizations[pk][0] for pk in prepared.organization_ids}
    return {name.lower() for name in known | set(prepared.new_organizations)}


def test_every_page_has_expectations_and_every_expectation_a_page():
    pages = {path.name for path in PAGES.iterdir() if path.suffix in {".txt", ".html"}}

    assert pages == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if not e.get("awaiting")))
def test_page_is_read_as_a_person_reads_it(db, gazetteer, name):
    expected = EXPECTED[name]

    prepared, warnings = read(name, gazetteer)

    assert prepared.title == expected["title"]
    assert prepared.rubric == expected.get("rubric", "")
    assert prepared.title_guessed == expected.get("title_guessed", False)
    published = date.fromisoformat(expected["date"]) if expected["date"] else None
    assert (prepared.date.value, prepared.date.precision) == (published, expected["precision"])
    assert prepared.body.startswith(expected["body_start"])
    assert prepared.body.endswith(expected.get("body_end", ""))
    for furniture in expected.get("not_in_body", []):
        assert furniture not in prepared.body
    assert set(expected["regions"]) <= region_names(gazetteer, prepared)
    assert not set(expected.get("not_regions", [])) & region_names(gazetteer, prepared)
    organizations = organization_names(gazetteer, prepared)
    assert {name.lower() for name in expected.get("organizations", [])} <= organizations
    if "warning" in expected:
        assert any(expected["warning"] in warning for warning in warnings), warnings


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if e.get("awaiting")))
def test_a_page_in_chinese_awaits_its_translation_linked_by_chinese_names(db, gazetteer, name):
    expected = EXPECTED[name]

    prepared, warnings = read(name, gazetteer)

    assert prepared.awaiting and (prepared.title, prepared.body) == ("", "")
    assert prepared.original_title == expected["original_title"]
    assert prepared.original_body.startswith(expected["original_body_start"])
    assert prepared.date.value == date.fromisoformat(expected["date"])
    assert set(expected["regions"]) <= region_names(gazetteer, prepared)
    assert any("awaiting translation" in warning for warning in warnings)


# Each line is judged as a reader judges it.


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Home > News > County News", blocks.BREADCRUMB),
        ("Home> Media Center > Focus > Local", blocks.BREADCRUMB),
        ("Current Location:Home > Local Actions", blocks.BREADCRUMB),
        ("You are here: Home > Index > Government", blocks.BREADCRUMB),
        ("english.example.gov.cn", blocks.SITE),
        ("中国某某网 China Something Net", blocks.SITE),
        ("中文 | Français | 日本語", blocks.LANGUAGES),
        ("E-mail: office@example.gov.cn Tel: 0571-12345678", blocks.CONTACT),
        ("source: example.gov.cn 2023-04-02 [ font size: L M S ]", blocks.META),
        ("english.example.gov.cn | Updated: March 3, 2023", blocks.META),
        ("Editor: Li Na Source: Example Daily Updated: 2023-04-02 10:15:00", blocks.META),
        ("Pub Date: 2023-04-02 08:00 Source: Example Daily", blocks.META),
        ("(2016-05-12)", blocks.META),
        ("Xinhua) 16:14, December 06, 2023", blocks.META),
        ("By / Example TV / Updated: 09:37,20-May-2022", blocks.META),
        ("/ Categories: News", blocks.META),
        ("- Published", blocks.META),
        ("||||||||||||", blocks.SEPARATOR),
        ("* * *", blocks.SEPARATOR),
        ("2/5", blocks.SEPARATOR),
        ("A | A | A", blocks.SHARE),
        ("Print Download", blocks.SHARE),
        ("Share - WeChat - Weibo", blocks.SHARE),
        ("Video PlayerClose", blocks.SHARE),
        ("Copyright © 2023 Example City. All rights reserved.", blocks.FOOTER),
        ("Presented by Example Daily", blocks.FOOTER),
        ("浙ICP备12345678号-1", blocks.FOOTER),
        ("京公网安备 11010000000000号", blocks.FOOTER),
        (
            "Kind tips: the above content is compiled from the Internet for reference.",
            blocks.FOOTER,
        ),
        ("Related News", blocks.RELATED),
        ("Translator: Wang Fang", blocks.CREDIT),
        ("(By Li Ming, translated by Chen Lu, edited by Ann Lee)", blocks.CREDIT),
        ("This article is from Example County Government.", blocks.CREDIT),
        ("( Xinhua)", blocks.CREDIT),
        ("By LI MING in Hangzhou ( China Daily)", blocks.CREDIT),
        ("[Photo provided to example.gov.cn]", blocks.CAPTION),
        ("Fig. Officials visit a rooftop solar project", blocks.CAPTION),
        ("Summit on green development.jpg", blocks.CAPTION),
        ("澳门博彩 百家乐 真人视讯 体育投注 娱乐城", blocks.SPAM),
    ],
)
def test_furniture_lines_are_told_by_their_shape(line, kind):
    assert blocks.describe(line, retrieved_at=RETRIEVED).kind == kind


@pytest.mark.parametrize(
    "line",
    [
        "Xianning holds National Low Carbon Day publicity activities",
        "The event was hosted by the county government and attended by 300 residents.",
        "By 2025, the city will cut its carbon intensity by 18 percent.",
        "Time is running out for coal power in the province.",
        "The county's copyright office registered 12 low-carbon patents this year, it said.",
    ],
)
def test_headlines_and_sentences_are_text(line):
    assert blocks.describe(line, retrieved_at=RETRIEVED).kind == blocks.TEXT


# The reader never crashes and never drops a paragraph of a well-formed release.

VOCABULARY = (
    "the county city carbon market emission energy green low trading allowance project "
    "province bureau plan pilot and of in on to for with solar wind power companies"
)
WORDS = st.sampled_from(VOCABULARY.split())
CONTENT_WORDS = st.sampled_from([word for word in VOCABULARY.split() if len(word) > 3])
# A release's sentence says something: a few content words among any words
# ("The the the the the the the the." is no sentence a reader would keep).
SENTENCE = st.tuples(
    st.lists(WORDS, min_size=6, max_size=26), st.lists(CONTENT_WORDS, min_size=2, max_size=4)
).map(lambda parts: " ".join(parts[0][:3] + parts[1] + parts[0][3:]).capitalize() + ".")
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=4).map(" ".join)
FURNITURE = st.sampled_from(
    [
        "Home > News > County News",
        "english.example.gov.cn | Updated: 2023-04-02",
        "Share - WeChat - Weibo",
        "【print】 【close】",
        "Copyright © 2023 Example City. All rights reserved.",
        "Related News",
        "浙ICP备12345678号-1",
    ]
)


@settings(max_examples=150, deadline=None)
@given(
    headline=st.lists(CONTENT_WORDS, min_size=4, max_size=12).map(lambda ws: " ".join(ws).title()),
    paragraphs=st.lists(PARAGRAPH, min_size=1, max_size=6),
    before=st.lists(FURNITURE, max_size=3),
    after=st.lists(FURNITURE, max_size=3),
)
def test_every_paragraph_of_a_well_formed_release_is_kept(headline, paragraphs, before, after):
    page = "\n\n".join([*before, headline, "Date: 2023-04-02", *paragraphs, *after])

    release = parse_text(page, retrieved_at=RETRIEVED)

    assert release.body.split("\n\n") == paragraphs
    assert release.title == headline
    assert release.date.value == date(2023, 4, 2)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(FURNITURE, PARAGRAPH, st.text(max_size=80)), max_size=12))
def test_the_reader_never_crashes_on_page_like_text(parts):
    release = parse_text("\n\n".join(parts), retrieved_at=RETRIEVED)

    assert len(release.title) <= 500
    assert "\x00" not in release.body
