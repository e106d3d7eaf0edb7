from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from articles.db.health import database_answers
from articles.portal.pagecache import cache_state


@never_cache
@require_safe
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    if not database_answers():
        return JsonResponse(
            {"status": "error", "database": "unavailable", "cache": cache_state()}, status=503
        )
    # The site works without its cache (only slower): reported, not a failure.
    return JsonResponse({"status": "ok", "database": "ok", "cache": cache_state()})


def server_error(request):
    """The 500 page, with the request id so a reader can quote it to us.

    Rendered without context processors or database access: whatever broke
    the request may break them too."""
    from django.http import HttpResponseServerError
    from django.template import loader

    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"request_id": getattr(request, "id", "")}))
