"""nginx in front of gunicorn, from the templates in deploy/nginx/.

On a server, write the site's configuration once (the values default to the
environment's STATIC_ROOT, MEDIA_ROOT and IMAGE_MAX_UPLOAD_BYTES):

    python scripts/nginx_config.py --server-name international.dijon.fr \\
        --upstream 127.0.0.1:8000 --upstream 127.0.0.1:8001 \\
        --certificate /etc/letsencrypt/live/international.dijon.fr/fullchain.pem \\
        --certificate-key /etc/letsencrypt/live/international.dijon.fr/privkey.pem \\
        > /etc/nginx/conf.d/dijon.conf

`local_nginx()` runs the same configuration as an ordinary process with a
self-signed certificate, every file in one folder (make serve-local, make
bench, tests/test_nginx.py).
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "deploy" / "nginx"
# Room for a form's other fields around the largest image it may carry.
FORM_ALLOWANCE = 1024 * 1024
# For the files nginx serves itself, as the app's defaults (SECURE_HSTS_*).
HSTS = "max-age=31536000; includeSubDomains; preload"


def fill(template, values):
    """The template with each @NAME@ replaced; every name must be given."""
    text = template
    for name, value in values.items():
        text = text.replace(f"@{name}@", str(value))
    missing = sorted(set(re.findall(r"@([A-Z_]+)@", text)))
    if missing:
        raise ValueError(f"no value for {', '.join(missing)}")
    return text


def site_config(
    *,
    server_name,
    upstreams,
    certificate,
    certificate_key,
    static_root,
    media_root,
    cache_dir,
    upload_bytes,
    http_listen="80",
    https_listen="443",
    hsts=HSTS,
):
    """deploy/nginx/dijon.conf filled in."""
    https_port = https_listen.rsplit(":", 1)[-1]
    return fill(
        (TEMPLATES / "dijon.conf").read_text(),
        {
            "SERVER_NAME": server_name,
            "UPSTREAM_SERVERS": "\n".join(
                f"    server {address} max_fails=1 fail_timeout=10s;"
                for address in upstreams
            ),
            "CERTIFICATE": certificate,
            "CERTIFICATE_KEY": certificate_key,
            "STATIC_ROOT": str(static_root).rstrip("/"),
            "MEDIA_ROOT": str(media_root).rstrip("/"),
            "CACHE_DIR": cache_dir,
            "CLIENT_MAX_BODY_SIZE": int(upload_bytes) + FORM_ALLOWANCE,
            "HTTP_LISTEN": http_listen,
            "HTTPS_LISTEN": https_listen,
            "HTTPS_PORT_SUFFIX": "" if https_port == "443" else f":{https_port}",
            # Empty: no header (nginx leaves out empty add_header values).
            "HSTS": hsts,
        },
    )


def self_signed_certificate(directory, names=("localhost",), addresses=("127.0.0.1",)):
    """A certificate for NAMES and ADDRESSES, valid 30 days: (cert, key).

    One made earlier in DIRECTORY is kept while valid for another day.
    """
    certificate, key = directory / "certificate.pem", directory / "key.pem"
    if certificate.exists() and key.exists():
        still_valid = subprocess.run(
            [
                "openssl",
                "x509",
                "-checkend",
                "86400",
                "-noout",
                "-in",
                str(certificate),
            ],
            capture_output=True,
            check=False,
        )
        if still_valid.returncode == 0:
            return certificate, key
    alt = ",".join([*(f"DNS:{n}" for n in names), *(f"IP:{a}" for a in addresses)])
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
            "-days", "30", "-subj", f"/CN={names[0]}",
            "-addext", f"subjectAltName={alt}",
            "-keyout", str(key), "-out", str(certificate),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return certificate, key


def nginx_binary():
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(found).exists():
        raise FileNotFoundError("nginx (Debian: apt-get install nginx-light)")
    return found


class LocalNginx:
    """nginx as an ordinary process, its configuration and files in DIRECTORY."""

    def __init__(self, directory, *, upstreams, http_port, https_port, **site):
        self.directory = Path(directory)
        self.http_port, self.https_port = http_port, https_port
        for sub in ("temp", "cache"):
            (self.directory / sub).mkdir(parents=True, exist_ok=True)
        self.certificate, key = self_signed_certificate(self.directory)
        workers = site.pop("worker_processes", 1)
        access_log = site.pop("access_log", True)
        (self.directory / "dijon.conf").write_text(
            site_config(
                server_name="localhost 127.0.0.1",
                upstreams=upstreams,
                certificate=self.certificate,
                certificate_key=key,
                cache_dir=self.directory / "cache",
                http_listen=f"127.0.0.1:{http_port}",
                https_listen=f"127.0.0.1:{https_port}",
                **site,
            )
        )
        self.conf = self.directory / "nginx.conf"
        self.conf.write_text(
            fill(
                (TEMPLATES / "nginx.conf").read_text(),
                {
                    "PREFIX": self.directory,
                    # As root (CI), workers would switch to nobody, who may
                    # not read a private temporary folder.
                    "USER": "user root;" if os.geteuid() == 0 else "",
                    "WORKER_PROCESSES": workers,
                    "ACCESS_LOG": (
                        f"access_log {self.directory}/access.log;"
                        if access_log
                        else "access_log off;"
                    ),
                },
            )
        )
        self.process = None

    def command(self):
        return [
            nginx_binary(),
            "-p", str(self.directory),
            "-e", str(self.directory / "error.log"),
            "-c", str(self.conf),
            "-g", "daemon off;",
        ]  # fmt: skip

    def start(self, timeout=15):
        check = subprocess.run(
            [*self.command(), "-t"], capture_output=True, text=True, check=False
        )
        if check.returncode:
            raise RuntimeError(check.stderr)
        self.process = subprocess.Popen(
            self.command(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.error_log())
            try:
                socket.create_connection(("127.0.0.1", self.https_port), 1).close()
                return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("nginx did not listen: " + self.error_log())

    def error_log(self):
        path = self.directory / "error.log"
        return path.read_text()[-3000:] if path.exists() else ""

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()  # fast shutdown
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server-name", required=True)
    parser.add_argument("--upstream", action="append", required=True)
    parser.add_argument("--certificate", required=True)
    parser.add_argument("--certificate-key", required=True)
    parser.add_argument(
        "--static-root", default=os.environ.get("STATIC_ROOT", "/srv/dijon/static")
    )
    parser.add_argument(
        "--media-root", default=os.environ.get("MEDIA_ROOT", "/srv/dijon/media")
    )
    parser.add_argument("--cache-dir", default="/var/cache/nginx/dijon")
    parser.add_argument(
        "--hsts", default=HSTS, help="Strict-Transport-Security of static files"
    )
    parser.add_argument(
        "--upload-bytes",
        type=int,
        default=int(os.environ.get("IMAGE_MAX_UPLOAD_BYTES", 5 * 1024 * 1024)),
    )
    args = parser.parse_args(argv)
    sys.stdout.write(
        site_config(
            server_name=args.server_name,
            upstreams=args.upstream,
            certificate=args.certificate,
            certificate_key=args.certificate_key,
            static_root=args.static_root,
            media_root=args.media_root,
            cache_dir=args.cache_dir,
            upload_bytes=args.upload_bytes,
            hsts=args.hsts,
        )
    )


if __name__ == "__main__":
    main()
