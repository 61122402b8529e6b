"""`make serve-local`: production, tried on one's own machine.

nginx with the repository's configuration (deploy/nginx/) and a self-signed
certificate, in front of gunicorn with production settings (DEBUG off, secure
cookies, HTTPS redirect), and the task worker that sends the emails:

    https://localhost:8443/   (http://localhost:8080/ redirects there)

The database and the cache are those of the environment or .env (by
default the same SQLite file as `make run`, so its admin account works here
too). Its files live in var/serve-local/: the certificate (made once; the
browser warns about it once), a secret key, nginx's configuration and logs.
SERVE_HTTPS_PORT and SERVE_HTTP_PORT change the ports. Ctrl+C stops all.
"""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.nginx_config import LocalNginx  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(os.environ.get("SERVE_LOCAL_DIR", ROOT / "var" / "serve-local"))
PYTHON = sys.executable


def say(text):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def secret_key():
    """Kept across runs, so a restart does not sign everyone out."""
    path = HERE / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def free_port(avoid=()):
    """A free port that is none of AVOID (ports chosen but not yet taken)."""
    while True:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port not in avoid:
            return port


def environment(https_port, gunicorn_port):
    env = dict(os.environ)
    env.update(
        DEBUG="0",
        SECRET_KEY=env.get("SECRET_KEY") or secret_key(),
        ALLOWED_HOSTS="localhost,127.0.0.1",
        CSRF_TRUSTED_ORIGINS=(
            f"https://localhost:{https_port},https://127.0.0.1:{https_port}"
        ),
        SITE_URL=f"https://localhost:{https_port}",
        # nginx terminates TLS and says so; it is the only proxy.
        BEHIND_TLS_PROXY="1",
        TRUSTED_PROXY_COUNT="1",
        # No HSTS for localhost: browsers would refuse plain HTTP on every
        # other local server for a year.
        SECURE_HSTS_SECONDS="0",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="0",
        SECURE_HSTS_PRELOAD="0",
        GUNICORN_BIND=f"127.0.0.1:{gunicorn_port}",
        # Without Redis the cache is per process: one worker keeps the page
        # cache consistent.
        WEB_CONCURRENCY=env.get("WEB_CONCURRENCY")
        or ("2" if env.get("REDIS_URL") else "1"),
    )
    # On one's own machine, without EMAIL_URL, the worker prints the emails
    # (their links included) here, as `make run` does; production refuses it.
    env.setdefault("ALLOW_CONSOLE_EMAIL", "1")
    env.setdefault("STATIC_ROOT", str(ROOT / "staticfiles"))
    env.setdefault("MEDIA_ROOT", str(ROOT / "media"))
    return env


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def main():
    HERE.mkdir(parents=True, exist_ok=True)
    https_port = int(os.environ.get("SERVE_HTTPS_PORT", "8443"))
    http_port = int(os.environ.get("SERVE_HTTP_PORT", "8080"))
    gunicorn_port = free_port(avoid={https_port, http_port})
    env = environment(https_port, gunicorn_port)
    say("Migrating and collecting the static files (as `make release`)...")
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    manage(env, "schedule_periodic_work")
    nginx = LocalNginx(
        HERE / "nginx",
        upstreams=[f"127.0.0.1:{gunicorn_port}"],
        http_port=http_port,
        https_port=https_port,
        static_root=env["STATIC_ROOT"],
        media_root=env["MEDIA_ROOT"],
        upload_bytes=int(env.get("IMAGE_MAX_UPLOAD_BYTES", 5 * 1024 * 1024)),
        hsts="",
    )
    processes = []
    stopping = []

    def stop(*_args):
        stopping.append(True)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        processes.append(
            subprocess.Popen(
                [PYTHON, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
                cwd=ROOT,
                env=env,
            )
        )
        processes.append(
            subprocess.Popen(
                [PYTHON, "manage.py", "db_worker", "--interval", "1"],
                cwd=ROOT,
                env=env,
            )
        )
        nginx.start()
        wait_for(gunicorn_port)
        site = f"https://localhost:{https_port}/"
        admin = f"{site}fr/{env.get('ADMIN_URL', 'admin/')}"
        say(
            f"\nReady: {site} (admin: {admin})\n"
            f"The certificate is self-signed ({nginx.certificate}): accept the "
            "browser's warning once.\nCtrl+C stops nginx, gunicorn and the worker."
        )
        while not stopping and all(p.poll() is None for p in processes):
            if nginx.process.poll() is not None:
                say("nginx stopped:\n" + nginx.error_log())
                break
            time.sleep(0.5)
    finally:
        nginx.stop()
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    return 0


def wait_for(port, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


if __name__ == "__main__":
    sys.exit(main())
