import contextvars
import logging
import re
import uuid

request_id_var = contextvars.ContextVar("request_id", default="-")

# A request id from the proxy in front is kept when it looks like one.
INCOMING_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Give every request an id, echoed in X-Request-ID and in every log line."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if INCOMING_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request.id
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id_var.get()
        # Django logs a 4xx a view returned after the middleware has finished,
        # with the request beside the record.
        request = getattr(record, "request", None)
        if record.request_id == "-" and getattr(request, "id", None):
            record.request_id = request.id
        return True


class DatabaseUnavailableMiddleware:
    """Answer 503 with the site's error page when the database cannot be reached,
    so clients and load balancers know to retry, instead of a bare 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.db import InterfaceError, OperationalError
        from django.template.response import TemplateResponse

        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        timed_out = is_timeout(exception)
        logging.getLogger("carbonportal.database").error(
            "Database %s: %s",
            "statement timed out" if timed_out else "unavailable",
            exception,
            exc_info=exception,
        )
        context = {"request_id": getattr(request, "id", ""), "timed_out": timed_out}
        response = TemplateResponse(request, "503.html", context, status=503)
        response["Retry-After"] = "30"
        return response.render()


def is_timeout(exception):
    """True for a statement the database cancelled for running too long
    (PostgreSQL's statement_timeout, SQLite's interrupt)."""
    cause = exception.__cause__
    return type(cause).__name__ == "QueryCanceled" or str(cause) == "interrupted"


class AdminNullCharacterMiddleware:
    """Refuse admin requests whose query string holds a NUL with a 400.

    The public filters refuse it themselves; the admin's filters and search
    would hand it to the database, and PostgreSQL rejects NUL in text."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.core.exceptions import BadRequest

        if request.path_info.startswith("/" + settings.ADMIN_URL) and any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise BadRequest("A NUL character in the query string.")
        return self.get_response(request)
