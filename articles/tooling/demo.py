"""Synthetic releases for measuring the portal at scale.

Everything here is deterministic for a given seed. Demo releases are marked
by their source URL on the reserved `.invalid` domain, so real releases are
never mistaken for them (and the generator refuses to mix with real ones).
"""

import datetime
import random
import time
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article, Organization, PolicyFacet, Region, Source, Topic

DEMO_URL_PREFIX = "https://demo.invalid/"

BODY_UNITS = [
    "Department of Ecology and Environment",
    "Development and Reform Commission",
    "Bureau of Ecology and Environment",
    "Energy Administration",
    "Department of Industry and Information Technology",
    "Emissions Trading Center",
    "Environmental Science Society",
    "Low-Carbon Development Association",
]
COMPANY_WORDS = [
    "Green Energy",
    "New Materials",
    "Power Generation",
    "Photovoltaic",
    "Cement",
    "Steel",
    "Petrochemical",
    "Paper",
    "Hydrogen",
    "Wind Power",
    "Environmental Technology",
    "Carbon Asset Management",
    "Energy Storage",
    "Circular Economy",
    "Ceramics",
]
TITLE_PATTERNS = [
    "{place} holds {year} low-carbon theme publicity event",
    "{place} releases implementation plan for carbon peaking in {sector}",
    "{org} signs carbon emission quota trading agreement",
    "{place} completes {year} carbon emission report verification",
    "{place} launches carbon inclusion pilot for {sector}",
    "{org} promotes synergy of pollution reduction and carbon reduction",
    "{place} issues {n} CCER project certificates",
    "National Low Carbon Day activities held in {place}",
    "{place} green finance pilot supports {n} low-carbon projects",
    "{org} visits {place} to study energy conservation in {sector}",
]
SECTORS = [
    "the power sector",
    "steel",
    "cement",
    "civil aviation",
    "papermaking",
    "ceramics",
    "transportation",
    "data centers",
    "buildings",
    "agriculture",
    "petrochemicals",
]
SENTENCES = [
    "The {org} organised enterprises in {place} to study the requirements of the national "
    "carbon market and the allocation of carbon emission quotas.",
    "As of the end of {month}, the cumulative transaction volume of carbon emission quotas in "
    "{place} exceeded {n} million tons.",
    "The event invited experts to give keynote speeches on methane emission reduction, carbon "
    "footprint labelling and the interpretation of equipment renewal policies.",
    "{place} will take the synergy of pollution reduction and carbon reduction as the overall "
    "starting point and promote green and low-carbon development.",
    "More than {n} enterprises took part in training on energy conservation and carbon "
    "reduction in key industries.",
    "The installed capacity of renewable energy in {place} exceeded {n} million kilowatts, "
    "with offshore wind power and photovoltaic power growing fastest.",
    "The {org} said it would improve the measurement, reporting and verification of "
    "greenhouse gas emissions and strengthen supervision of data quality.",
    "Green finance instruments, including green bonds and carbon-linked loans, supported "
    "{n} projects in {sector}.",
    "A certified voluntary emission reduction (CCER) methodology for {sector} was discussed, "
    "and carbon inclusion records were issued to residents and small enterprises.",
    "The assessment team affirmed the completion of the carbon intensity target per unit of "
    "GDP during the plan period.",
    "The county established a database of green and low-carbon factories and encouraged "
    "enterprises to build green supply chains.",
    "Participants agreed to deepen cooperation on climate investment and financing, carbon "
    "capture and storage, and solid waste utilisation.",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@dataclass
class DemoResult:
    articles: int
    organizations: int
    sources: int
    seconds: float


class RealDataPresent(Exception):
    pass


def real_articles():
    return Article.objects.exclude(source_url__startswith=DEMO_URL_PREFIX)


def generate_demo_data(*, articles, seed=1, force=False, batch_size=2000, organizations=None):
    """Create `articles` demo releases (plus organizations and sources) in bulk."""
    if real_articles().exists() and not force:
        raise RealDataPresent(
            f"The database holds {real_articles().count()} real releases; "
            "use a separate database for demo data, or --force to add to it anyway."
        )
    if Article.objects.filter(source_url__startswith=f"{DEMO_URL_PREFIX}{seed}/").exists():
        raise RealDataPresent(
            f"Demo data with seed {seed} is already here; use another --seed or a fresh database."
        )
    started = time.perf_counter()
    rng = random.Random(seed)
    places = list(
        Region.objects.filter(kind__in=Region.PROVINCIAL_KINDS + Region.PREFECTURE_KINDS)
        .exclude(kind=Region.Kind.COUNTRY)
        .values_list("pk", "name", "parent_id")
    )
    counties = list(
        Region.objects.filter(kind__in=Region.COUNTY_KINDS).values_list("pk", "name", "parent_id")
    )
    if not places:
        raise ValueError("Load the region gazetteer first (manage.py load_portal_fixtures).")
    parents = dict(Region.objects.values_list("pk", "parent_id"))
    topics = list(Topic.objects.values_list("pk", flat=True))
    facets = {
        kind: list(PolicyFacet.objects.of_kind(kind).values_list("pk", flat=True))
        for kind in PolicyFacet.Kind.values
    }
    organization_count = organizations or max(50, min(5000, articles // 20))

    with transaction.atomic():
        orgs = _make_organizations(rng, places, organization_count, seed)
        sources = _make_sources(rng, places, seed)
        created = 0
        now = timezone.now()
        for start in range(0, articles, batch_size):
            count = min(batch_size, articles - start)
            batch = [
                _make_article(rng, start + i, places, counties, orgs, sources, seed, now)
                for i in range(count)
            ]
            for article, _, _ in batch:
                types = facets[PolicyFacet.Kind.DOCUMENT_TYPE]
                article.document_type_id = types[rng.randrange(len(types))] if types else None
            Article.objects.bulk_create([item[0] for item in batch], batch_size=batch_size)
            _link(batch, parents, topics, rng)
            _link_facets(batch, facets, rng)
            created += count
    refresh_planner_statistics()
    return DemoResult(created, len(orgs), len(sources), time.perf_counter() - started)


def refresh_planner_statistics():
    """After a bulk load the planner's statistics are stale: on PostgreSQL a
    related-releases query took over 20 s until ANALYZE, 20 ms after. VACUUM
    also marks pages all-visible, for index-only scans (counts, deep pages);
    it cannot run inside a transaction, so that part waits for autocommit."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")


def _make_organizations(rng, places, count, seed):
    rows = []
    for n in range(count):
        pk, place, _ = places[n % len(places)]
        if n % 3 == 0:
            name = f"{place} {BODY_UNITS[(n // len(places)) % len(BODY_UNITS)]}"
            kind = Organization.Kind.GOVERNMENT
        else:
            word = COMPANY_WORDS[rng.randrange(len(COMPANY_WORDS))]
            name = f"{place} {word} Group {n} Co., Ltd."
            kind = Organization.Kind.COMPANY
        rows.append(
            Organization(
                name=name,
                slug=f"demo-{seed}-{n}-{slugify(name)}"[:110],
                kind=kind,
                region_id=pk,
                aliases="",
            )
        )
    return Organization.objects.bulk_create(rows, batch_size=1000)


def _make_sources(rng, places, seed):
    rows = [
        Source(
            name=f"Demo {place} Ecology and Environment Portal {seed}",
            slug=f"demo-{seed}-{slugify(place)}-{pk}",
            url=f"{DEMO_URL_PREFIX}{pk}/",
            region_id=pk,
        )
        for pk, place, _ in rng.sample(places, min(40, len(places)))
    ]
    return Source.objects.bulk_create(rows)


def _make_article(rng, n, places, counties, orgs, sources, seed, now):
    place_pk, place, _ = places[rng.randrange(len(places))]
    county = counties[rng.randrange(len(counties))] if counties and rng.random() < 0.4 else None
    org = orgs[rng.randrange(len(orgs))]
    sector = SECTORS[rng.randrange(len(SECTORS))]
    published = datetime.date(2016, 1, 1) + datetime.timedelta(days=rng.randrange(3650))
    fill = {
        "place": county[1] if county else place,
        "org": org.name,
        "sector": sector,
        "year": published.year,
        "n": rng.randrange(2, 400),
        "month": MONTHS[rng.randrange(12)],
    }
    title = TITLE_PATTERNS[rng.randrange(len(TITLE_PATTERNS))].format(**fill)
    paragraphs = []
    for _ in range(rng.randrange(3, 7)):
        fill["n"] = rng.randrange(2, 400)
        sentences = rng.sample(SENTENCES, rng.randrange(2, 4))
        paragraphs.append(" ".join(s.format(**fill) for s in sentences))
    body = "\n\n".join(paragraphs)
    roll = rng.random()
    status = (
        Article.Status.REVIEWED
        if roll < 0.15
        else Article.Status.IN_REVIEW
        if roll < 0.3
        else Article.Status.MACHINE
    )
    precision = rng.choices(
        [Article.Precision.DAY, Article.Precision.MONTH, Article.Precision.UNKNOWN],
        weights=[85, 12, 3],
    )[0]
    if precision == Article.Precision.MONTH:
        published = published.replace(day=1)
    conflict = rng.random() < 0.02
    article = Article(
        slug=f"demo-{seed}-{n}-{slugify(title)[:60]}".rstrip("-"),
        title=title,
        body=body,
        machine_title=title,
        machine_body=body,
        superseded_machine_title=title if conflict else "",
        superseded_machine_body=body if conflict else "",
        has_conflict=conflict,
        source=sources[n % len(sources)],
        source_url=f"{DEMO_URL_PREFIX}{seed}/{n}",
        published_on=None if precision == Article.Precision.UNKNOWN else published,
        date_precision=precision,
        date_text="" if precision == Article.Precision.UNKNOWN else published.isoformat(),
        retrieved_at=now,
        translation_status=status,
        reviewed_at=now if status == Article.Status.REVIEWED else None,
        content_hash=Article.compute_content_hash(title, body),
        issuing_body=org,
    )
    region_ids = {county[0]} if county else {place_pk}
    org_ids = {org.pk} | {orgs[rng.randrange(len(orgs))].pk for _ in range(rng.randrange(0, 2))}
    return article, region_ids, org_ids


def _link_facets(batch, facets, rng):
    """A level of government, up to two instruments and up to one sector."""
    FacetLink = Article.facets.through
    rows = []
    for article, _, _ in batch:
        chosen = set()
        for kind, least, most in (
            (PolicyFacet.Kind.LEVEL, 1, 1),
            (PolicyFacet.Kind.INSTRUMENT, 0, 2),
            (PolicyFacet.Kind.SECTOR, 0, 1),
        ):
            if facets[kind]:
                chosen.update(rng.sample(facets[kind], rng.randrange(least, most + 1)))
        rows += [FacetLink(article_id=article.pk, policyfacet_id=pk) for pk in chosen]
    FacetLink.objects.bulk_create(rows, batch_size=5000)


def _link(batch, parents, topics, rng):
    region_links, org_links, topic_links = [], [], []
    RegionLink = Article.regions.through
    OrgLink = Article.organizations.through
    TopicLink = Article.topics.through
    for article, region_ids, org_ids in batch:
        linked = set()
        for region_id in region_ids:
            # Like the importer: a place also links the places above it.
            while region_id is not None and region_id not in linked:
                linked.add(region_id)
                region_id = parents.get(region_id)
        linked.discard(1)  # the country itself is implied
        region_links += [RegionLink(article_id=article.pk, region_id=r) for r in linked]
        org_links += [OrgLink(article_id=article.pk, organization_id=o) for o in org_ids]
        if topics:
            chosen = rng.sample(topics, rng.randrange(1, 3))
            topic_links += [TopicLink(article_id=article.pk, topic_id=t) for t in chosen]
    RegionLink.objects.bulk_create(region_links, batch_size=5000)
    OrgLink.objects.bulk_create(org_links, batch_size=5000)
    TopicLink.objects.bulk_create(topic_links, batch_size=5000)
