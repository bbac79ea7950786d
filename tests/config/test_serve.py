"""``make serve``: gunicorn with gunicorn.conf.py, whose limits refuse oversized request heads
before Django runs, while the API refuses long URLs first, in its own format.

gunicorn runs for real, in a process of its own, on a free local port.
"""

import json
import os
import runpy
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
GUNICORN = Path(sys.executable).parent / "gunicorn"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _exchange(port: int, head: bytes) -> tuple[int, dict, bytes]:
    """Send a request head, read the whole answer: (status, headers, body)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(head)
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    raw = b"".join(chunks)
    head_part, _, body = raw.partition(b"\r\n\r\n")
    status_line, *lines = head_part.decode("latin-1").split("\r\n")
    headers = {
        name.strip().lower(): value.strip()
        for name, _, value in (line.partition(":") for line in lines)
    }
    return int(status_line.split()[1]), headers, body


def _request(target: str, *headers: str) -> bytes:
    lines = [f"GET {target} HTTP/1.1", "Host: localhost", "Connection: close", *headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not GUNICORN.exists():
        pytest.skip("gunicorn is not installed beside this Python")
    port = _free_port()
    # The database exists (empty, as migrated elsewhere): a missing one is answered with 503.
    database = tmp_path_factory.mktemp("serve") / "db.sqlite3"
    database.touch()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
    }
    process = subprocess.Popen(  # noqa: S603 (a fixed command)
        [str(GUNICORN), "--config", "gunicorn.conf.py", "config.wsgi"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _, _ = _exchange(port, _request("/api/v1/"))
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(process.stderr.read().decode()[-3000:]) from None
                time.sleep(0.2)
        assert status == 401
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_make_serve_runs_gunicorn_with_its_configuration():
    makefile = (BASE_DIR / "Makefile").read_text()
    serve = makefile.split("\nserve:", 1)[1].split("\n\n", 1)[0]
    assert "gunicorn --config gunicorn.conf.py config.wsgi" in serve


def test_a_worker_may_spend_minutes_on_a_streamed_export(monkeypatch):
    """gunicorn kills a worker busy longer than its timeout and cuts the answer short: 30 s
    (its default) cut ``?format=csv`` of a million claims halfway."""
    config = str(BASE_DIR / "gunicorn.conf.py")
    monkeypatch.delenv("GUNICORN_TIMEOUT", raising=False)
    assert runpy.run_path(config)["timeout"] == 300
    monkeypatch.setenv("GUNICORN_TIMEOUT", "90")
    assert runpy.run_path(config)["timeout"] == 90


def test_a_long_api_url_gets_the_api_s_json_414_through_gunicorn(server):
    status, headers, body = _exchange(server, _request("/api/v1/claims/?q=" + "x" * 5000))
    assert status == 414
    assert headers["content-type"] == "application/json"
    assert json.loads(body)["code"] == "uri_too_long"


def test_a_request_line_over_gunicorn_s_limit_gets_its_414(server):
    status, _, _ = _exchange(server, _request("/api/v1/claims/?q=" + "x" * 8200))
    assert status == 414


def test_more_headers_than_the_limit_get_431(server):
    fine = [f"X-Header-{n}: {n}" for n in range(60)]
    assert _exchange(server, _request("/api/v1/", *fine))[0] == 401
    too_many = [f"X-Header-{n}: {n}" for n in range(70)]
    assert _exchange(server, _request("/api/v1/", *too_many))[0] == 431


def test_a_header_over_the_size_limit_gets_431(server):
    assert _exchange(server, _request("/api/v1/", "X-Big: " + "b" * 8000))[0] == 401
    assert _exchange(server, _request("/api/v1/", "X-Big: " + "b" * 9000))[0] == 431
