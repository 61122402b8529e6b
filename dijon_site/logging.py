"""Structured logs: one JSON object per line, each tagged with its request id."""

import contextvars

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

request_id_var = contextvars.ContextVar("request_id", default="-")


class RequestIdFilter:
    """Adds the current request's id (or "-" outside a request) to a record."""

    def filter(self, record):
        record.request_id = request_id_var.get()
        return True


class RoutePathFilter:
    """Django's own error lines name the path: log the URL pattern instead.

    A path may hold a value that identifies a person (a token, an id); the
    pattern that matched it does not. Unmatched paths are no page of ours and
    are kept, so probes and broken links stay visible.
    """

    def filter(self, record):
        request = getattr(record, "request", None)
        match = getattr(request, "resolver_match", None)
        if (
            match is not None
            and record.name.startswith("django.")
            and isinstance(record.args, tuple)
            and request.path in record.args
        ):
            record.args = tuple(
                "/" + match.route if arg == request.path else arg for arg in record.args
            )
        return True


class JsonFormatter(BaseJsonFormatter):
    """JSON lines, leaving out the request object Django attaches to errors.

    Its text would include the full URL with the query string, which may carry
    personal data; the request id ties the line to the request log instead.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("reserved_attrs", [*RESERVED_ATTRS, "request"])
        super().__init__(*args, **kwargs)
