"""Structured logs: one JSON object per line, each tagged with its request id."""

import contextvars
import re
import uuid

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

request_id_var = contextvars.ContextVar("request_id", default="-")

# An id set by the reverse proxy (nginx's $request_id is 32 hex digits) is
# kept so both logs match; anything else is replaced, so a visitor cannot
# inject text into the logs.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,128}")


def request_id_from(incoming):
    """The proxy's request id when it is sane, else a new one."""
    return incoming if SANE_REQUEST_ID.fullmatch(incoming or "") else uuid.uuid4().hex


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
