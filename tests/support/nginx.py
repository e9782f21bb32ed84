"""Debian's nginx running the configs deploy/nginx ships, moved under a temporary prefix.

The shipped files are used as they are, with only what belongs to a machine substituted: the
include path of airlock_proxy_params, TLS certificates (a self-signed one made here), the body
buffer folder, the listening ports (127.0.0.1 on free ports) and the upstream gunicorn port.
Every directive that shapes a request (body limits, buffering, headers passed on) is the
shipped one.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support.processes import ROOT, free_port

DEPLOY_NGINX = ROOT / "deploy" / "nginx"
SITE_CONFIGS = sorted(p for p in DEPLOY_NGINX.glob("*.conf"))
ZONE_HOSTS = {
    "inside": "inside.airlock.example",
    "portal": "portal.airlock.example",
    "review": "review.airlock.example",
}


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None
    )


def _self_signed(prefix: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "airlock.example")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName(h) for h in ZONE_HOSTS.values()]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = prefix / "tls.crt", prefix / "tls.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@dataclass
class NginxPrefix:
    prefix: Path
    main_conf: Path
    tls_port: int
    http_port: int


def render(site: Path, prefix: Path, *, upstream_port: int) -> NginxPrefix:
    """The shipped `site` config under `prefix`, with a main nginx.conf that includes it."""
    prefix.mkdir(parents=True, exist_ok=True)
    (prefix / "logs").mkdir(exist_ok=True)
    (prefix / "temp").mkdir(exist_ok=True)
    cert, key = _self_signed(prefix)
    tls_port, http_port = free_port(), free_port()
    text = site.read_text()
    for include in DEPLOY_NGINX.iterdir():
        if include.suffix != ".conf":
            shutil.copy(include, prefix / include.name)
            text = text.replace(f"/etc/nginx/{include.name}", str(prefix / include.name))
    text = re.sub(r"ssl_certificate\s+\S+;", f"ssl_certificate {cert};", text)
    text = re.sub(r"ssl_certificate_key\s+\S+;", f"ssl_certificate_key {key};", text)
    text = re.sub(r"/var/lib/nginx/", f"{prefix}/temp/", text)
    text = re.sub(r"listen 443 ssl", f"listen 127.0.0.1:{tls_port} ssl", text)
    text = re.sub(r"listen 80;", f"listen 127.0.0.1:{http_port};", text)
    text = re.sub(r"server 127\.0\.0\.1:\d+;", f"server 127.0.0.1:{upstream_port};", text)
    (prefix / site.name).write_text(text)
    user = "user root;\n" if os.geteuid() == 0 else ""
    main = prefix / "nginx.conf"
    main.write_text(
        f"""{user}worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log info;
events {{ worker_connections 64; }}
http {{
    access_log {prefix}/logs/access.log;
    client_body_temp_path {prefix}/temp/body;
    proxy_temp_path {prefix}/temp/proxy;
    fastcgi_temp_path {prefix}/temp/fastcgi;
    uwsgi_temp_path {prefix}/temp/uwsgi;
    scgi_temp_path {prefix}/temp/scgi;
    include {prefix / site.name};
}}
"""
    )
    return NginxPrefix(prefix=prefix, main_conf=main, tls_port=tls_port, http_port=http_port)


def nginx_test(rendered: NginxPrefix) -> subprocess.CompletedProcess:
    binary = nginx_binary()
    assert binary, "nginx is not installed"
    return subprocess.run(
        [binary, "-t", "-p", str(rendered.prefix), "-c", str(rendered.main_conf)],
        text=True,
        capture_output=True,
        timeout=30,
    )


@contextmanager
def nginx_running(rendered: NginxPrefix) -> Iterator[NginxPrefix]:
    binary = nginx_binary()
    assert binary, "nginx is not installed"
    process = subprocess.Popen(
        [
            binary,
            "-p",
            str(rendered.prefix),
            "-c",
            str(rendered.main_conf),
            "-g",
            "daemon off;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=(rendered.prefix / "logs" / "stderr.log").open("ab"),
    )
    try:
        import socket

        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", rendered.tls_port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    errors = (rendered.prefix / "logs" / "error.log").read_text(errors="replace")
                    raise RuntimeError(f"nginx did not start:\n{errors}") from None
                time.sleep(0.1)
        yield rendered
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
