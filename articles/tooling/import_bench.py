"""Import throughput: releases per second, linking against the full gazetteer.

Everything happens inside a transaction that is rolled back, so a benchmark
never leaves rows behind, even in a database with real data.
"""

import random
import statistics
import tempfile
from pathlib import Path

from django.db import transaction
from django.test.utils import override_settings

from articles.importer import import_releases
from articles.models import Organization, Region

FILLER = [
    "The meeting stressed that the synergy of pollution reduction and carbon reduction is the "
    "overall starting point for green and low-carbon development.",
    "Energy conservation and carbon reduction projects in key industries were reviewed, and the "
    "carbon emission quotas of enterprises in the carbon market were verified on site.",
    "Participants discussed climate investment and financing pilots, green factories and the "
    "construction of a green supply chain, and agreed on the next steps.",
    "The event popularised knowledge of climate change and called on all sectors of society to "
    "practise a simple, moderate, green and low-carbon lifestyle.",
]
WORDS = ["Green Energy", "New Materials", "Photovoltaic", "Cement", "Hydrogen", "Energy Storage"]


class Rollback(Exception):
    pass


def make_organizations(count, places, rng):
    organizations = [
        Organization(
            name=f"{rng.choice(places)} {rng.choice(WORDS)} No. {n} Co., Ltd.",
            slug=f"bench-organization-{n}",
            kind=Organization.Kind.COMPANY,
        )
        for n in range(count)
    ]
    Organization.objects.bulk_create(organizations, batch_size=1000)
    return [organization.name for organization in organizations]


def write_releases(directory, count, places, organizations, rng):
    for n in range(count):
        place, other = rng.choice(places), rng.choice(places)
        organization = rng.choice(organizations) if organizations else "the provincial department"
        paragraphs = [
            f"On May {1 + n % 28}, {organization} and the departments of {place} met in "
            f"{other} to carry out the National Low Carbon Day publicity activity.",
            *rng.sample(FILLER, 3),
            f"In the next step, {place} will deepen cooperation with {other} on the carbon "
            f"market, and {rng.choice(organizations or [place])} will report on progress.",
        ]
        text = "\n\n".join(
            [
                "China Carbon Credit Platform",
                f"{place} holds low-carbon theme publicity event number {n}",
                f"Release Time: 2024-0{1 + n % 9}-{10 + n % 18}",
                *paragraphs,
                "[Print] [Close]",
            ]
        )
        (Path(directory) / f"release-{n:05}.txt").write_text(text, encoding="utf-8")


def bench_import(*, releases=2000, organizations=5000, runs=3, seed=1):
    """Median releases per second over `runs` imports of `releases` files.

    Measured as production runs it: with DEBUG's query logging off.
    """
    with override_settings(DEBUG=False):
        return _bench(releases, organizations, runs, seed)


def _bench(releases, organizations, runs, seed):
    rng = random.Random(seed)
    rates = []
    try:
        with transaction.atomic():
            places = list(
                Region.objects.exclude(kind=Region.Kind.COUNTRY).values_list("name", flat=True)
            )
            names = make_organizations(organizations, places, rng)
            with tempfile.TemporaryDirectory() as directory:
                write_releases(directory, releases, places, names, rng)
                for _ in range(runs):
                    try:
                        with transaction.atomic():
                            report = import_releases([directory])
                            if report.failed:
                                raise RuntimeError(report.summary())
                            rates.append(report.rate)
                            raise Rollback
                    except Rollback:
                        pass
            raise Rollback
    except Rollback:
        pass
    return statistics.median(rates), rates
