import json
import platform
from datetime import UTC, datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from articles.models import Article, Organization, Region
from articles.tooling.demo import generate_demo_data, real_articles
from articles.tooling.page_bench import format_table, time_pages
from carbonportal.timeouts import without_statement_timeout


class Command(BaseCommand):
    help = (
        "Time every public page (and the admin change list) at scale, as multiples of "
        "a floor page that renders the base template with no queries. Fills an empty "
        "database with demo releases first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--repeat", type=int, default=30)
        parser.add_argument("--json", dest="json_path", help="write the results to this file")

    def handle(self, *args, articles, repeat, json_path, **options):
        # A command may run statements longer than a web request is allowed.
        without_statement_timeout(connection)
        if real_articles().exists():
            raise CommandError("Benchmark on a database of its own: this one holds real releases.")
        present = Article.objects.count()
        if present < articles:
            call_command("load_portal_fixtures", "--except", "articles", verbosity=0)
            self.stderr.write(f"Generating {articles - present} demo releases…")
            result = generate_demo_data(articles=articles - present, seed=1000 + present)
            self.stderr.write(f"  {result.articles / result.seconds:.0f} releases/s")
        client = Client()
        user, _ = get_user_model().objects.get_or_create(
            username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
        )
        results = time_pages(self.pages(), client=client, repeat=repeat)
        client.force_login(user)
        admin = time_pages(
            [("admin change list", reverse("admin:articles_article_changelist"))],
            client=client,
            repeat=max(5, repeat // 3),
        )[1:]
        admin[0].ratio = admin[0].median_ms / results[0].median_ms
        admin[0].uncached_ratio = admin[0].uncached_median_ms / results[0].median_ms
        results += admin
        title = (
            f"{connection.vendor}, {Article.objects.count():,} releases, "
            f"{platform.node()} ({platform.machine()}), {datetime.now(UTC):%Y-%m-%d}"
        )
        self.stdout.write(format_table(results, title))
        if json_path:
            Path(json_path).parent.mkdir(parents=True, exist_ok=True)
            Path(json_path).write_text(
                json.dumps(
                    {
                        "database": connection.vendor,
                        "articles": Article.objects.count(),
                        "date": datetime.now(UTC).isoformat(),
                        "pages": [r.as_dict() for r in results],
                    },
                    indent=2,
                )
            )

    def pages(self):
        province = (
            Region.objects.provinces()
            .annotate(n=Count("articles"))
            .order_by("-n")
            .values_list("slug", flat=True)
            .first()
        )
        organization = (
            Organization.objects.annotate(n=Count("articles"))
            .order_by("-n")
            .values_list("slug", flat=True)
            .first()
        )
        middle = min(500, Article.objects.count() - 1)
        article = Article.objects.newest_first().values_list("slug", flat=True)[middle]
        listing = reverse("articles:list")
        return [
            ("home", reverse("articles:home")),
            ("list, page 1", listing),
            ("list, page 2,000", f"{listing}?page=2000"),
            ("list, by province", f"{listing}?region={province}"),
            ("list, by organization", f"{listing}?organization={organization}"),
            ("list, by document type", f"{listing}?document_type=notice"),
            ("list, by sector and level", f"{listing}?sector=steel&level=county"),
            ("list, a month's dates", f"{listing}?date_after=2024-05-10&date_before=2024-05-31"),
            ("list, by year", f"{listing}?year=2023"),
            ("timeline, by sector", reverse("articles:timeline") + "?stack=sector"),
            ("search, common term", f"{listing}?q=carbon"),
            ("search, rare term", f"{listing}?q=methane+Hotan"),
            ("article detail", reverse("articles:detail", kwargs={"slug": article})),
            ("region page", reverse("articles:region_detail", kwargs={"slug": province})),
            ("Atom feed", reverse("articles:feed_atom")),
            ("API list", reverse("articles:api_articles")),
        ]
