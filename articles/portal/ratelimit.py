"""Counting requests per reader in Django's cache (local memory by default,
Redis in production, so every app server shares the count)."""

import functools
import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse


def client_address(request):
    """The reader's address. Behind TRUSTED_PROXIES proxies (a TLS terminator,
    a load balancer) REMOTE_ADDR is the nearest proxy's; each proxy appends
    the address it was reached from to X-Forwarded-For, so the reader's is the
    one the outermost trusted proxy wrote. Entries further left came from the
    client and could say anything."""
    proxies = settings.TRUSTED_PROXIES
    remote = request.META.get("REMOTE_ADDR", "")
    if proxies < 1:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]


def client_hash(request):
    """A keyed hash of the reader's address: enough to rate-limit and to spot
    repeat senders, without keeping the address itself."""
    address = client_address(request)
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()


def over_limit(request, scope, *, limit, period):
    """Count this request; true once the reader has made more than `limit`
    requests in `scope` within the current window of `period` seconds."""
    window = int(time.time() // period)
    key = f"ratelimit:{scope}:{window}:{client_hash(request)}"
    if cache.add(key, 1, timeout=period):
        return limit < 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=period)
        count = 1
    return count > limit


def first_use(scope, value, *, period):
    """True the first time `value` is seen in `scope` within `period` seconds."""
    digest = hashlib.sha256(value.encode()).hexdigest()
    return cache.add(f"{scope}:{digest}", 1, timeout=period)


def rate_limit(scope, *, limit, period):
    """Refuse a view with 429 and Retry-After once a reader goes over the limit."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if over_limit(request, scope, limit=limit(), period=period):
                retry_after = period - int(time.time()) % period
                response = JsonResponse(
                    {"error": "Too many requests; please slow down.", "retry_after": retry_after},
                    status=429,
                )
                response["Retry-After"] = str(retry_after)
                return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def api_limit():
    return settings.API_REQUESTS_PER_MINUTE
