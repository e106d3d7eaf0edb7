"""Real-shaped pages in, clean releases out: each page in fixtures/pages/ is
made up in a shape real pages of the genre have (breadcrumbs and menus first,
metadata under the headline or at the foot, credits, captions, share rows,
related lists, spam), with what the importer must make of it beside it in
fixtures/pages/expected.json."""

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from articles.importer import Importer, RecordError
from articles.importer.linking import Gazetteer, Place
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


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if "skipped" not in e))
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


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if "skipped" in e))
def test_page_that_is_not_an_english_release_is_skipped(db, gazetteer, name):
    with pytest.raises(RecordError, match=EXPECTED[name]["skipped"]):
        read(name, gazetteer)
