"""Operating the portal: health checks, request ids, error pages, security headers."""

import json
import logging

import pytest
from django.urls import reverse

from carbonportal.middleware import RequestIdFilter
from tests.processes import manage, run_python


def test_healthz_reports_a_working_database(client, db):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


UNREACHABLE_DATABASES = [
    "sqlite:////nonexistent-directory/carbonportal.sqlite3",
    "postgres://postgres@127.0.0.1:1/carbonportal",
]

# Each request runs in a fresh interpreter whose DATABASE_URL points at a
# database that cannot be reached: a real fault, not a simulated one.
PROBE = """
import django, json, os
django.setup()
from django.test import Client
response = Client(raise_request_exception=False).get(os.environ["PROBE_PATH"])
print(json.dumps({"status": response.status_code, "body": response.content.decode(),
                  "retry": response.get("Retry-After")}))
"""


def request_with_database_down(database_url, path):
    result = run_python(
        "-c",
        PROBE,
        database_url=database_url,
        timeout=60,
        PROBE_PATH=path,
        DJANGO_ALLOWED_HOSTS="testserver",
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("database_url", UNREACHABLE_DATABASES)
def test_healthz_is_503_when_the_database_is_unreachable(database_url):
    response = request_with_database_down(database_url, "/healthz")

    assert response["status"] == 503
    assert json.loads(response["body"])["database"] == "unavailable"


@pytest.mark.parametrize("database_url", UNREACHABLE_DATABASES)
def test_pages_are_503_with_the_site_error_page_when_the_database_is_unreachable(database_url):
    response = request_with_database_down(database_url, "/articles/")

    assert response["status"] == 503
    assert "Temporarily unavailable" in response["body"]
    assert response["retry"] == "30"


def test_every_response_carries_a_request_id(client, db):
    first = client.get(reverse("articles:list"))
    kept = client.get(reverse("articles:list"), headers={"X-Request-ID": "proxy-id-12345"})
    hostile = client.get(reverse("articles:list"), headers={"X-Request-ID": "<script>"})

    assert len(first["X-Request-ID"]) == 32
    assert kept["X-Request-ID"] == "proxy-id-12345"
    assert hostile["X-Request-ID"] != "<script>"


def test_pages_send_a_strict_content_security_policy(client, db):
    response = client.get(reverse("articles:list"))

    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_missing_page_uses_the_site_design(client, db, settings):
    settings.DEBUG = False

    response = client.get("/no/such/page/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "Browse all releases" in response.content.decode()


def test_json_log_lines_carry_the_request_id():
    import logging

    from carbonportal.logs import JsonFormatter
    from carbonportal.middleware import RequestIdFilter, request_id_var

    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "boom", (), None)
    token = request_id_var.set("abc123abc123")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id_var.reset(token)

    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "abc123abc123"
    assert line["message"] == "boom"
    assert line["level"] == "ERROR"


class RecordsWithRequestIds(logging.Handler):
    def __init__(self):
        super().__init__()
        self.addFilter(RequestIdFilter())
        self.records = []

    def emit(self, record):
        self.records.append(record)


def test_a_bad_request_a_view_answers_is_logged_with_its_request_id(client, db):
    handler = RecordsWithRequestIds()
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = client.get(reverse("articles:list"), {"year": "not-a-year"})
    finally:
        logger.removeHandler(handler)

    assert response.status_code == 400
    (record,) = [r for r in handler.records if r.levelno == logging.WARNING]
    assert record.request_id == response["X-Request-ID"]


PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "k3y-for-the-deploy-check-only-" + "x9Q2vL7mN4pR8sT1wY5zB3cF6hJ0kD",
    "DJANGO_ALLOWED_HOSTS": "carbon.example.org",
}


@pytest.mark.slow
def test_deploy_check_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.slow
def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV, "DJANGO_SECRET_KEY": ""}

    result = manage("check", **env)

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


@pytest.mark.slow
def test_admin_address_is_configurable():
    script = "from django.urls import reverse; print(reverse('admin:index'))"

    result = manage("shell", "-c", script, DJANGO_ADMIN_URL="/editors-desk/")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "/editors-desk/"


def test_server_error_page_is_the_sites_and_quotes_the_request_id(settings, db):
    from django.test import Client

    settings.ROOT_URLCONF = "tests.urls_failing"
    client = Client(raise_request_exception=False)

    response = client.get("/boom/")

    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body
    assert response["X-Request-ID"] in body


STATIC_PROBE = """
import django, json
django.setup()
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client
call_command("collectstatic", interactive=False, verbosity=0)
url = static("css/site.css")
response = Client().get(url, secure=True, headers={"Accept-Encoding": "gzip"})
print(json.dumps({"url": url, "status": response.status_code,
                  "cache": response.get("Cache-Control"),
                  "encoding": response.get("Content-Encoding")}))
"""


@pytest.mark.slow
def test_production_serves_static_files_hashed_compressed_and_cached_for_ever(tmp_path):
    result = run_python(
        "-c",
        STATIC_PROBE,
        timeout=120,
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        **{**PRODUCTION_ENV, "DJANGO_ALLOWED_HOSTS": "testserver"},
    )

    assert result.returncode == 0, result.stderr
    served = json.loads(result.stdout.strip().splitlines()[-1])
    assert served["status"] == 200
    assert served["url"] != "/static/css/site.css"  # a hashed name
    assert served["url"].startswith("/static/css/site.")
    assert "immutable" in served["cache"] and "max-age=315360000" in served["cache"]
    assert served["encoding"] == "gzip"


COOKIES = """
from django.core.management import call_command
from django.test import Client
call_command("collectstatic", interactive=False, verbosity=0)  # pages name hashed files
response = Client().get("/admin/login/", secure=True, HTTP_HOST="carbon.example.org")
cookie = response.cookies["csrftoken"]
print(response.status_code, bool(cookie["secure"]), cookie["samesite"],
      response.headers.get("Strict-Transport-Security", "none").split(";")[0])
"""


@pytest.mark.slow
def test_production_cookies_are_secure_and_same_site_over_https(tmp_path):
    result = manage("shell", "-c", COOKIES, DJANGO_STATIC_ROOT=str(tmp_path), **PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-4:] == ["200", "True", "Lax", "max-age=31536000"]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/articles/",
        "/articles/export.csv",
        "/api/articles/",
        "/api/regions/",
        "/regions/",
        "/topics/",
        "/feeds/releases.atom",
        "/healthz",
        "/robots.txt",
        "/sitemap.xml",
    ],
)
def test_head_is_answered_wherever_get_is(client, make_article, path):
    article = make_article(title="Carbon market notice")

    response = client.head(path)

    assert response.status_code == 200, response.status_code
    assert response.content == b""
    assert client.head(article.get_absolute_url()).status_code == 200


CLOSED_REDIS = {
    "default": {
        "BACKEND": "carbonportal.cache.OptionalRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}
WORKING_REDIS = {
    "default": {**CLOSED_REDIS["default"], "LOCATION": "redis://127.0.0.1:6379/7"},
}


@pytest.fixture
def redis_down(settings):
    from carbonportal.cache import OptionalRedisCache

    settings.CACHES = CLOSED_REDIS
    OptionalRedisCache._down_until = 0.0
    yield
    OptionalRedisCache._down_until = 0.0


def test_pages_are_answered_uncached_while_redis_is_down(client, make_article, redis_down):
    article = make_article(title="Carbon market notice")
    paths = [
        "/",
        "/articles/",
        "/articles/?q=carbon",
        article.get_absolute_url(),
        "/regions/",
        "/feeds/releases.atom",
        "/api/articles/",
        "/articles/export.csv",
        article.get_absolute_url() + "report/",
    ]

    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    assert "Carbon market notice" in client.get("/articles/").content.decode()


def test_healthz_reports_the_cache_down_without_failing(client, db, redis_down):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "unavailable"}


def test_healthz_reports_a_working_redis(client, db, settings):
    import redis

    try:
        redis.Redis.from_url(WORKING_REDIS["default"]["LOCATION"]).ping()
    except redis.RedisError:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    settings.CACHES = WORKING_REDIS

    assert client.get("/healthz").json()["cache"] == "ok"
    assert client.get("/articles/").status_code == 200
