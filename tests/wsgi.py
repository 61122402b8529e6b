"""Calling the production WSGI entry point in a test, the way gunicorn does."""

import io


def wsgi_environ(path, **environ):
    """The WSGI environ of a GET of PATH from 127.0.0.1, plus ENVIRON."""
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
        **environ,
    }


class WSGIClient:
    """Calls the production WSGI entry point the way gunicorn does."""

    def __init__(self):
        from django.core.handlers.wsgi import WSGIHandler

        from core.caching import PageCacheWSGI

        self.application = PageCacheWSGI(WSGIHandler())

    def get(self, path, **headers):
        environ = wsgi_environ(path, **headers)
        started = {}

        def start_response(status, response_headers, exc_info=None):
            started["status"] = status
            started["headers"] = dict(response_headers)

        result = self.application(environ, start_response)
        body = b"".join(result)
        rendered = not isinstance(result, list)  # Django's response, not a hit
        if hasattr(result, "close"):
            result.close()
        return started["status"], started["headers"], body, rendered
