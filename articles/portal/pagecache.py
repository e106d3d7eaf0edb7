"""Whole public pages, cached under the content version and revalidated with
an ETag.

A page is stored under its full URL, language, day and the content version
(see content_version.py), which changes with every write to anything a page
shows: a cached page is never older than the data, and nothing needs purging.
Browsers and proxies may keep a copy but must ask again each time
(`Cache-Control: no-cache`), and get an empty 304 while nothing changed.

Only what is the same for every reader is cached: requests carrying a
session or pending messages are answered fresh, and a response that sets a
cookie, uses a CSRF token or is not a 200 is never stored.
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, QueryDict
from django.utils import timezone
from django.utils.cache import get_conditional_response, has_vary_header, patch_cache_control
from django.utils.translation import get_language

from articles.db import content_version
from articles.portal.filters import FILTER_PARAMS

MESSAGES_COOKIE = "messages"

# The query parameters a public page can depend on. Any other (utm_source,
# fbclid, a random cache-buster) is dropped before the page is looked up or
# rendered: such requests share one cached page instead of each rendering
# and storing a page of its own.
PAGE_PARAMS = frozenset((*FILTER_PARAMS, "page", "page_size", "format", "kind", "stack", "include"))


def drop_other_parameters(request):
    if all(key in PAGE_PARAMS for key in request.GET):
        return
    kept = QueryDict(mutable=True)
    for key, values in request.GET.lists():
        if key in PAGE_PARAMS:
            kept.setlist(key, values)
    kept._mutable = False
    request.GET = kept
    request.META["QUERY_STRING"] = kept.urlencode()


def shared_by_every_reader(request):
    """True when nothing about this request is the reader's own."""
    return request.method in ("GET", "HEAD") and not (
        settings.SESSION_COOKIE_NAME in request.COOKIES or MESSAGES_COOKIE in request.COOKIES
    )


def page_digest(request, version):
    """What a page is: its full URL, language and day, at this version."""
    url = request.build_absolute_uri()
    parts = (url, get_language(), timezone.localdate().isoformat(), version)
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def storable(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not has_vary_header(response, "Cookie")
    )


def cached_public_page(view):
    """Serve `view`'s page from the cache while the content is unchanged."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not shared_by_every_reader(request):
            return view(request, *args, **kwargs)
        drop_other_parameters(request)
        version = content_version.current()
        digest = page_digest(request, version.number)
        key, etag = f"page:{digest}", f'"{digest[:32]}"'
        # No Last-Modified: at one-second resolution, two writes within a
        # second would let a client keep the page from between them.
        response = get_conditional_response(request, etag=etag)
        if response is None:
            stored = cache.get(key)
            if stored is not None:
                content, headers = stored
                response = HttpResponse(content, headers=headers)
            else:
                with content_version.pinned(version):
                    response = view(request, *args, **kwargs)
                if not storable(request, response):
                    return response
                cache.set(
                    key, (response.content, dict(response.items())), settings.PAGE_CACHE_SECONDS
                )
        response["ETag"] = etag
        patch_cache_control(response, no_cache=True)
        return response

    return wrapper


def cache_state():
    """ "ok" or "unavailable": the shared cache pages are kept in, for the health
    check (the cache backend knows when Redis is down; others are probed)."""
    state = getattr(cache, "state", None)
    if state is not None:
        return state()
    cache.set("healthz", "ok", 10)
    return "ok" if cache.get("healthz") == "ok" else "unavailable"
