from django.db import connection
from django.http import HttpResponse
from django.urls import path

from carbonportal.urls import urlpatterns as portal_urlpatterns


def boom(request):
    raise RuntimeError("a bug, on purpose")


def slow(request):
    """A statement that runs for seconds on either database."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_sleep(5)")
        else:
            cursor.execute(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                "WHERE i < 500000000) SELECT count(*) FROM n"
            )
    return HttpResponse("finished")


urlpatterns = [path("boom/", boom), path("slow/", slow), *portal_urlpatterns]
handler500 = "carbonportal.views.server_error"
