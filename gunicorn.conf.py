"""gunicorn settings for production: `make serve` and the systemd unit (README).

Read from the environment (or the .env file): GUNICORN_BIND (or PORT),
WEB_CONCURRENCY, GUNICORN_THREADS, FORWARDED_ALLOW_IPS.
"""

import multiprocessing
import os
from pathlib import Path

import environ

# The same .env file as the settings (dijon_site/settings.py), read here too
# so that GUNICORN_BIND and the others may come from it.
_env_file = os.environ.get("ENV_FILE", str(Path(__file__).parent / ".env"))
if _env_file and Path(_env_file).is_file():
    environ.Env.read_env(_env_file)

wsgi_app = "dijon_site.wsgi:application"
# Behind nginx on the same server; set GUNICORN_BIND=unix:/run/dijon/gunicorn.sock
# (or 0.0.0.0:8000 behind a separate proxy) as needed.
bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# Threads serve requests waiting on PostgreSQL or Redis while others run; on
# the 2-core bench machine this doubled throughput over sync workers.
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
keepalive = 5
timeout = 30
graceful_timeout = 30
# Recycle workers now and then so a slow leak never grows.
max_requests = 20000
max_requests_jitter = 2000
# Django writes one JSON line per request (with its id, without query
# strings): gunicorn's own access log would repeat it with query strings.
accesslog = None
errorlog = "-"
# X-Forwarded-* headers are only honoured from the local proxy.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# systemd manages the processes (reload: HUP); no control socket in $HOME,
# which the hardened unit keeps read-only (gunicorn 25.1+; ignored before).
control_socket_disable = True

# gunicorn's own lines (start, stop, worker timeouts) as JSON too, so the
# journal holds one format only.
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s",
            "rename_fields": {"levelname": "level"},
            "timestamp": "time",
        },
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        },
    },
    "root": {"handlers": ["stdout"], "level": "INFO"},
    "loggers": {
        "gunicorn.error": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        # Silent: its lines would carry query strings (see accesslog above).
        "gunicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
    },
}
