"""Request ids and the per-request log line."""

import logging
import time

from core.logging import request_id_from, request_id_var

logger = logging.getLogger("core.requests")


class RequestIdMiddleware:
    """Gives every request an id, logs one line per request, returns the id.

    The line has the method, the URL pattern that matched (never the path's
    values nor the query string, which may identify a person), the status and
    the duration.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request.headers.get("X-Request-ID", ""))
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            match = getattr(request, "resolver_match", None)
            logger.info(
                "request",
                extra={
                    "method": request.method,
                    "route": "/" + match.route if match else None,
                    "view": match.view_name if match else None,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000),
                },
            )
            return response
        finally:
            request_id_var.reset(token)
