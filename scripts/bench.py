"""`make bench`: the production server under load, page by page, in about 6 minutes.

1. Production-like settings: DEBUG=0, a fresh random SECRET_KEY, the local
   Redis (database BENCH_REDIS_DB, 8 by default) when it answers, else the
   local-memory cache; its own database: PostgreSQL `perf_bench` on
   127.0.0.1:5432 when it answers (dropped afterwards), else a SQLite file.
2. migrate, collectstatic, load_initial_data.
3. gunicorn on 127.0.0.1:BENCH_PORT (8180) and, when nginx is installed,
   nginx with the repository's configuration (deploy/nginx/, HTTPS on
   BENCH_NGINX_PORT, 8543) in front of it; then `wrk` (installed with
   apt-get when missing) for BENCH_SECONDS per URL (in BENCH_ROUNDS turns)
   after a one-second warm-up. Through nginx: a static file served by nginx
   (the ceiling), then the home page, the twin-town list, a town page and
   the receptions list from its micro-cache. From gunicorn directly: a static
   file served by WhiteNoise, the same four pages (the page cache), the town
   page rendered for every request (a session cookie makes the page cache
   step aside), and a reception page.
4. 200 registrations by 20 concurrent clients for 50 seats (PostgreSQL and
   the students app's services; see scripts/bench_django.py).
5. The cost of the "content changed" check every request makes: one read of
   the generation row from the database (issue 18), next to the same read
   from the cache.
6. A registration burst through the public form, with the task worker
   running and a real SMTP server: 300 registrations by 30 clients with a
   mail server answering at once and with one taking 1 s per message, in
   the order fast, slow, slow, fast
   (scripts/bench_email.py); the slow one must change neither the rate nor
   the p95 by more than 10 %.

Prints requests/s, p50, p95, p99, errors, the ratio to the static file of
the same server (measured right before each page, round by round; the
median round's ratio) and to nginx's static file (the ceiling) per URL, and
writes
the same as JSON to var/bench/. Exits 1 when a target is missed: every
public page (the receptions list included) >= 0.7 of the static file's
throughput of the server it comes from, the reception page >= 0.4, no
errors, exactly 50 seats confirmed. Traffic goes to 127.0.0.1 only.
"""

import json
import os
import platform
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from statistics import median

import bench_email

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"
PYTHON = sys.executable
HOST = "127.0.0.1"
PORT = int(os.environ.get("BENCH_PORT", "8180"))
NGINX_PORT = int(os.environ.get("BENCH_NGINX_PORT", "8543"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "6"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
REDIS_DB = int(os.environ.get("BENCH_REDIS_DB", "8"))
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
PG_DATABASE = os.environ.get("BENCH_PG_DATABASE", "perf_bench")
# Tuned on this 2-core machine: one process per core plus one, a few threads
# each so a worker waiting on the database or the cache still serves others,
# and keep-alive (sync workers close every connection: 2x slower here). No
# worker recycling during a run: at 2,000 requests/s a max_requests of 1,000
# restarts a worker every half second, and the bench would measure restarts.
GUNICORN_ARGS = os.environ.get(
    "BENCH_GUNICORN_ARGS",
    "--workers 3 --threads 4 --worker-class gthread --keep-alive 5 --backlog 256"
    " --max-requests 0",
).split()
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
CACHED_TARGET = 0.7
RECEPTION_TARGET = 0.4
# The measurements stay under this many seconds (set-up aside: on a busy
# machine migrate and collectstatic alone may take a minute).
MEASURE_SECONDS = 240
DEADLINE = time.monotonic() + 170 + MEASURE_SECONDS
# The pages every visitor gets the same: >= CACHED_TARGET of the static file.
PUBLIC_PAGES = ("home", "twin-town list", "town page", "receptions list")


def say(*parts, file=None, flush=True):
    """Print for people (the bench is a command-line report)."""
    stream = file or sys.stdout
    stream.write(" ".join(str(part) for part in parts) + "\n")
    if flush:
        stream.flush()


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    wrk = ensure_wrk()
    env, setup = bench_environment()
    say(f"Bench: {setup['database']} database, {setup['cache']} cache", flush=True)
    server = None
    try:
        for command in (
            ["migrate", "--noinput", "-v", "0"],
            ["collectstatic", "--noinput", "-v", "0"],
            ["load_initial_data"],
        ):
            manage(env, *command)
        urls = json.loads(django_script(env, "urls"))
        generation = json.loads(django_script(env, "generation"))
        notes = urls.pop("notes")
        server = start_server(env)
        proxy = start_nginx(env)
        try:
            results = measure_all(wrk, urls, proxy)
        finally:
            if proxy:
                proxy.stop()
        stop_server(server)
        server = None
        registrations = json.loads(django_script(env, "registrations", timeout=90))
        email_burst = bench_email.run(env, PORT, manage, start_server, stop_server)
    finally:
        if server is not None:
            stop_server(server)
        teardown(setup)
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "setup": {
            **setup,
            "gunicorn": " ".join(GUNICORN_ARGS),
            "seconds": SECONDS,
            "nginx": bool(results and results[0]["via"] == "nginx"),
        },
        "connections": CONNECTIONS,
        "pages": results,
        "registrations": registrations,
        "generation": generation,
        "email_burst": email_burst,
        "notes": notes,
    }
    failures = check_targets(report)
    report["failures"] = failures
    print_report(report)
    path = OUT / f"bench-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    text = json.dumps(report, indent=2)
    path.write_text(text)
    (OUT / "latest.json").write_text(text)
    say(f"\nWritten to {path.relative_to(ROOT)}")
    if failures:
        say("TARGETS MISSED:\n  " + "\n  ".join(failures))
        return 1
    say("All targets met.")
    return 0


# --- Set-up -------------------------------------------------------------------


def ensure_wrk():
    wrk = shutil.which("wrk")
    if wrk:
        return wrk
    if os.geteuid() == 0 and shutil.which("apt-get"):
        say("Installing wrk with apt-get...", flush=True)
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        apt = ["apt-get", "install", "-y", "-q", "wrk"]
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        if subprocess.run(apt, env=env, **quiet).returncode:
            subprocess.run(["apt-get", "update", "-q"], env=env, **quiet)
            subprocess.run(apt, env=env, **quiet)
        wrk = shutil.which("wrk")
    if not wrk:
        sys.exit("make bench needs wrk (Debian/Ubuntu: apt-get install wrk).")
    return wrk


def bench_environment():
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=f"{HOST},localhost",
        STATIC_ROOT=str(OUT / "static"),
        MEDIA_ROOT=str(OUT / "media"),
        EMAIL_URL="dummymail://",
        LOG_LEVEL="WARNING",
        # The form's rate limit would refuse a load test from one address.
        REGISTRATION_RATE_LIMIT=os.environ.get("REGISTRATION_RATE_LIMIT", "100000/m"),
        REGISTRATION_RATE_LIMIT_PER_RECEPTION=os.environ.get(
            "REGISTRATION_RATE_LIMIT_PER_RECEPTION", "100000/m"
        ),
        PYTHONUNBUFFERED="1",
        # Production sits behind a TLS-terminating proxy: every request here
        # carries X-Forwarded-Proto: https as the proxy's would.
        BEHIND_TLS_PROXY="1",
    )
    setup = {}
    if redis_answers(REDIS_DB):
        env["REDIS_URL"] = f"redis://127.0.0.1:6379/{REDIS_DB}"
        setup["cache"] = f"Redis db {REDIS_DB}"
    else:
        setup["cache"] = "local memory"
    if postgres_answers():
        recreate_postgres_database()
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{PG_DATABASE}"
        setup["database"] = f"PostgreSQL {PG_DATABASE}"
        setup["pg_database"] = PG_DATABASE
    else:
        sqlite = OUT / "bench.sqlite3"
        sqlite.unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{sqlite}"
        setup["database"] = "SQLite"
    return env, setup


def redis_answers(db):
    try:
        import redis

        client = redis.Redis(host="127.0.0.1", port=6379, db=db, socket_timeout=1)
        client.ping()
        client.flushdb()  # the bench's own database number: start empty
        return True
    except Exception:
        return False


def postgres_answers():
    try:
        import psycopg2

        psycopg2.connect(PG_ADMIN_URL, connect_timeout=2).close()
        return True
    except Exception:
        return False


def _pg_admin(statement):
    import psycopg2

    conn = psycopg2.connect(PG_ADMIN_URL, connect_timeout=2)
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute(statement)
    finally:
        conn.close()


def recreate_postgres_database():
    _pg_admin(f'DROP DATABASE IF EXISTS "{PG_DATABASE}" WITH (FORCE)')
    _pg_admin(f'CREATE DATABASE "{PG_DATABASE}"')


def teardown(setup):
    if "pg_database" in setup:
        try:
            _pg_admin(f'DROP DATABASE IF EXISTS "{PG_DATABASE}" WITH (FORCE)')
        except Exception as exc:
            say(f"Could not drop {PG_DATABASE}: {exc}", file=sys.stderr)


def manage(env, *args, timeout=120):
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=timeout,
        stdout=subprocess.DEVNULL,
    )


def django_script(env, command, timeout=60):
    done = subprocess.run(
        [PYTHON, "scripts/bench_django.py", command],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=timeout,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip().splitlines()[-1]


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "system": platform.platform(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


# --- Server -------------------------------------------------------------------


def start_server(env):
    if port_in_use(PORT):
        sys.exit(f"Port {PORT} is busy; set BENCH_PORT to a free one.")
    command = [PYTHON, "-m", "gunicorn"]
    if (ROOT / "gunicorn.conf.py").exists():
        # The production configuration; the options below override it.
        command += ["--config", "gunicorn.conf.py"]
    command += [
        "dijon_site.wsgi:application",
        "--bind",
        f"{HOST}:{PORT}",
        "--log-level",
        "warning",
        *GUNICORN_ARGS,
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    for _ in range(100):
        if server.poll() is not None:
            sys.exit("gunicorn did not start.")
        try:
            probe = urllib.request.Request(
                f"http://{HOST}:{PORT}/robots.txt", headers=PROXY_HEADERS
            )
            with urllib.request.urlopen(probe, timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    stop_server(server)
    sys.exit("gunicorn did not answer within 20 seconds.")


def start_nginx(env):
    """nginx with the repository's configuration in front of the server, or
    None (with a note) when nginx is not installed."""
    sys.path.insert(0, str(ROOT))
    from scripts.nginx_config import LocalNginx, nginx_binary

    try:
        nginx_binary()
    except FileNotFoundError:
        say("nginx not installed (apt-get install nginx-light): gunicorn only.")
        return None
    if port_in_use(NGINX_PORT) or port_in_use(NGINX_PORT + 1):
        sys.exit(f"Port {NGINX_PORT} is busy; set BENCH_NGINX_PORT to a free one.")
    folder = OUT / "nginx"
    shutil.rmtree(folder / "cache", ignore_errors=True)
    return LocalNginx(
        folder,
        upstreams=[f"{HOST}:{PORT}"],
        http_port=NGINX_PORT + 1,
        https_port=NGINX_PORT,
        static_root=env["STATIC_ROOT"],
        media_root=env["MEDIA_ROOT"],
        upload_bytes=5 * 1024 * 1024,
        access_log=False,
    ).start()


def port_in_use(port):
    with socket.socket() as probe:
        return probe.connect_ex((HOST, port)) == 0


def stop_server(server):
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


# --- Load ---------------------------------------------------------------------


def measure_all(wrk, urls, proxy):
    """Every URL in turn, ROUNDS times, each page right after the static file
    of the same server: a burst of load from the other engineers' work on
    this machine then weighs on a page and its static file alike, and the
    ratios stay fair."""
    global DEADLINE
    DEADLINE = time.monotonic() + MEASURE_SECONDS
    direct = f"http://{HOST}:{PORT}"
    # (name, where from, base URL, path, cookie)
    plan = []
    pages = [name for name in PUBLIC_PAGES if name in urls]
    statics = {}
    if proxy:
        nginx = f"https://{HOST}:{NGINX_PORT}"
        statics["nginx"] = ("static file", "nginx", nginx, urls["static file"], "")
        plan += [(name, "nginx", nginx, urls[name], "") for name in pages]
    statics["gunicorn"] = ("static file", "gunicorn", direct, urls["static file"], "")
    plan += [(name, "gunicorn", direct, urls[name], "") for name in pages]
    # The same page built for every request: what an uncached page costs.
    uncached = ("town page, uncached", "gunicorn", direct, urls["town page"])
    plan.append((*uncached, "sessionid=bench"))
    if "reception page" in urls:
        plan.append(("reception page", "gunicorn", direct, urls["reception page"], ""))
    # nginx's self-signed certificate, trusted for these checks only.
    tls = ssl.create_default_context(cafile=proxy.certificate) if proxy else None
    for _name, _via, base, path, cookie in [*statics.values(), *plan]:
        check_answer(base + path, cookie, tls)
        run_wrk(wrk, base + path, 1, cookie)  # warm-up: caches, connections
    rounds = {(name, via): [] for name, via, *_rest in [*statics.values(), *plan]}
    # The static file's throughput measured just before each page's.
    before = {(name, via): [] for name, via, *_rest in plan}
    seconds = max(1, round(SECONDS / ROUNDS))
    for _round in range(ROUNDS):
        for name, via, base, path, cookie in plan:
            _static, _via, static_base, static_path, _none = statics[via]
            static_run = run_wrk(wrk, static_base + static_path, seconds, "")
            rounds["static file", via].append(static_run)
            before[name, via].append(static_run["rps"])
            rounds[name, via].append(run_wrk(wrk, base + path, seconds, cookie))
    results = []
    for name, via, _base, path, _cookie in [*statics.values(), *plan]:
        runs = rounds[name, via]
        requests = sum(run["requests"] for run in runs)
        figures = {
            "requests": requests,
            "rps": round(requests / sum(run["seconds"] for run in runs), 1),
            # Per-round percentiles: the median round's.
            "p50_ms": median(run["p50_ms"] for run in runs),
            "p95_ms": median(run["p95_ms"] for run in runs),
            "p99_ms": median(run["p99_ms"] for run in runs),
            "errors": sum(run["errors"] for run in runs),
            "rounds_rps": [run["rps"] for run in runs],
        }
        if name != "static file":
            figures["ratio"] = _ratio(figures["rounds_rps"], before[name, via])
        results.append({"name": name, "via": via, "path": path, **figures})
    static_rps = {r["via"]: r["rps"] for r in results if r["name"] == "static file"}
    ceiling = static_rps.get("nginx") or static_rps["gunicorn"]
    for result in results:
        result.setdefault("ratio", 1.0)
        result["vs_ceiling"] = round(result["rps"] / ceiling, 2) if ceiling else None
    return results


def _ratio(page_rounds, static_rounds):
    """The page's throughput over that of the static file measured just
    before it, round by round, then the median round: a burst of load from
    elsewhere weighs on one round, not on the result."""
    ratios = [
        page / static
        for page, static in zip(page_rounds, static_rounds, strict=True)
        if static
    ]
    return round(median(ratios), 2) if ratios else None


def check_answer(url, cookie, tls=None):
    headers = {**PROXY_HEADERS, **({"Cookie": cookie} if cookie else {})}
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10, context=tls) as response:
        if response.status != 200:
            sys.exit(f"{url} answered {response.status}")


def run_wrk(wrk, url, seconds, cookie):
    if time.monotonic() + seconds > DEADLINE:
        sys.exit("The measurements would run too long; lower BENCH_SECONDS.")
    done = subprocess.run(
        [
            wrk,
            "-t1",
            f"-c{CONNECTIONS}",
            f"-d{seconds}s",
            "--timeout",
            "5s",
            "-s",
            str(ROOT / "scripts" / "bench.lua"),
            url,
        ],
        env={**os.environ, "BENCH_COOKIE": cookie},
        capture_output=True,
        text=True,
        timeout=seconds + 30,
        check=True,
    )
    line = next(
        line for line in done.stdout.splitlines() if line.startswith("BENCH_JSON ")
    )
    raw = json.loads(line.removeprefix("BENCH_JSON "))
    seconds_run = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "seconds": seconds_run,
        "rps": round(raw["requests"] / seconds_run, 1),
        "p50_ms": raw["p50_us"] / 1000,
        "p95_ms": raw["p95_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "errors": sum(raw["errors"].values()),
        "error_kinds": raw["errors"],
    }


# --- Report -------------------------------------------------------------------


def check_targets(report):
    failures = []
    for page in report["pages"]:
        if page["errors"]:
            failures.append(f"{page['name']}: {page['errors']} errors")
        label = f"{page['name']} ({page['via']})"
        if page["name"] in PUBLIC_PAGES and (page["ratio"] or 0) < CACHED_TARGET:
            failures.append(f"{label}: {page['ratio']} < {CACHED_TARGET}")
        if page["name"] == "reception page" and (page["ratio"] or 0) < RECEPTION_TARGET:
            failures.append(f"reception page: {page['ratio']} < {RECEPTION_TARGET}")
    registrations = report["registrations"]
    if "skipped" not in registrations and not registrations["ok"]:
        failures.append(
            f"registrations: {registrations['errors']} errors, "
            f"{registrations['confirmed']} confirmed of {registrations['seats']}"
        )
    burst = report["email_burst"]
    if not burst["ok"]:
        failures.append(
            f"registration burst: a 1 s mail server changes the rate by "
            f"{burst['rate_change']:+.0%} and p95 by {burst['p95_change']:+.0%}"
            f" (errors {burst['fast']['errors']} + {burst['slow']['errors']})"
        )
    return failures


def print_report(report):
    say()
    machine_ = report["machine"]
    say(
        f"{machine_['cpus']} CPUs ({machine_['cpu']}), load {machine_['load_average']};"
        f" {report['setup']['database']}, {report['setup']['cache']} cache;"
        f" gunicorn {report['setup']['gunicorn']}; wrk {report['connections']}"
        f" connections, {report['setup']['seconds']} s per URL"
    )
    say("ratio: to the static file of the same server; ceiling: to nginx's static file")
    header = f"{'URL':<20} {'via':<8} {'path':<30} {'req/s':>7} {'p50 ms':>7}"
    say(header + f" {'p99 ms':>7} {'errors':>6} {'ratio':>6} {'ceiling':>7}")
    for page in report["pages"]:
        say(
            f"{page['name']:<20} {page['via']:<8} {page['path'][:30]:<30}"
            f" {page['rps']:>7.0f} {page['p50_ms']:>7.1f} {page['p99_ms']:>7.1f}"
            f" {page['errors']:>6} {page['ratio']:>6.2f} {page['vs_ceiling']:>7.2f}"
        )
    generation = report["generation"]
    say(
        f"Content-changed check (every request): {generation['database_us']} µs"
        f" to read the generation from the database, the one source every"
        f" worker and server shares ({generation['cache_us']} µs for the same"
        f" read from the {generation['cache']} cache)"
    )
    for note in report["notes"]:
        say(f"Note: {note}")
    registrations = report["registrations"]
    if "skipped" in registrations:
        say(f"Registrations: skipped, {registrations['skipped']}")
    else:
        say(
            f"Registrations: {registrations['registrations']} by"
            f" {registrations['clients']} clients for {registrations['seats']} seats"
            f" in {registrations['seconds']} s ({registrations['per_second']}/s),"
            f" errors {registrations['errors']}, confirmed"
            f" {registrations['confirmed']}, waitlisted {registrations['waitlisted']}"
        )
    burst = report["email_burst"]
    for name in ("fast", "slow"):
        run = burst[name]
        say(
            f"Registration burst, mail server {run['smtp_seconds_per_message']} s"
            f" per message: {run['registrations']} by {run['clients']} clients in"
            f" {run['seconds']} s ({run['per_second']}/s), p95 {run['p95_ms']} ms,"
            f" errors {run['errors']}, emails delivered meanwhile"
            f" {run['emails_delivered_meanwhile']}"
        )
    say(
        f"Slow mail server vs fast: rate {burst['rate_change']:+.1%},"
        f" p95 {burst['p95_change']:+.1%}"
    )


if __name__ == "__main__":
    sys.exit(main())
