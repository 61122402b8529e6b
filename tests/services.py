"""Services of a test's own, to stop and freeze: a Redis and a PostgreSQL
cluster on free ports, never the machine's shared ones (TESTING-NOTES.md).

Where a binary is missing, `skip_or_fail` skips outside CI, with the reason,
and fails in CI, where these tests must run.
"""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


def skip_or_fail(reason):
    if IN_CI:
        pytest.fail(reason)
    pytest.skip(reason)


def real_clock_environment():
    """The environment without libfaketime: the services keep the real clock,
    as the machine's own do, when CI runs the suite under `faketime` (and
    redis-server crashes on start-up under it)."""
    return {
        name: value
        for name, value in os.environ.items()
        if name != "LD_PRELOAD" and not name.startswith("FAKETIME")
    }


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"nothing listens on port {port}")


class RedisServer:
    """`redis-server` on a free port, without persistence: a restart is empty."""

    def __init__(self, tmp_path):
        binary = shutil.which("redis-server")
        if binary is None:
            skip_or_fail("redis-server is not installed (apt-get install redis-server)")
        self.binary = binary
        self.tmp_path = tmp_path
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--dir", str(self.tmp_path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=real_clock_environment(),
        )
        try:
            wait_for_port(self.port)
        except AssertionError:
            self.stop()  # a server that hangs on start-up is not left behind
            raise
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.terminate()
            self.process.wait(timeout=10)

    def freeze(self):
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self):
        self.process.send_signal(signal.SIGCONT)


class PostgresCluster:
    """A throwaway PostgreSQL cluster (initdb + pg_ctl) on a free port, run as
    the `postgres` user when the tests run as root."""

    def __init__(self):
        if not (PG_BIN / "initdb").exists():
            skip_or_fail(f"PostgreSQL server binaries not found in {PG_BIN}")
        # Outside pytest's temporary folders, which are private to root and
        # which other pytest runs on the machine rotate away.
        self.root = Path(tempfile.mkdtemp(prefix="dijon-test-pg-"))
        self.dir = self.root / "data"
        self.port = free_port()
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            shutil.chown(self.root, user="postgres")

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *command, timeout=60):
        command = [str(part) for part in command]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=real_clock_environment(),
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result

    def init(self):
        self._run(
            PG_BIN / "initdb", "-D", self.dir, "-U", "postgres", "--auth=trust",
            "--no-sync", "-E", "UTF8",
        )  # fmt: skip
        return self

    def start(self):
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1"
        options += " -c fsync=off -c full_page_writes=off"
        self._run(
            PG_BIN / "pg_ctl", "-D", self.dir, "-o", options, "-w", "-l",
            self.dir / "server.log", "start",
        )  # fmt: skip
        return self

    def stop(self):
        if (self.dir / "postmaster.pid").exists():
            self._run(PG_BIN / "pg_ctl", "-D", self.dir, "-m", "fast", "-w", "stop")

    def remove(self):
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)
