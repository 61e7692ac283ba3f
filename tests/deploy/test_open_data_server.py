"""The open data's file server as Kubernetes runs it (python -m psw_dash.hosting.open_data_server), on loopback:
each file at its fixed address with its type and the data version as ETag, a 304 for a reader who has it,
a 404 for anything else, the security headers on every answer with no edge in front of it; pandas reads the
tables from it and frictionless validates the package over HTTP."""

from __future__ import annotations

import subprocess
import sys
import urllib.error
import urllib.request
from email.message import Message

import frictionless
import pandas as pd
import pytest

from devtools import serve
from psw_dash import paths
from psw_dash.hosting import security_headers
from psw_dash.vocabulary import links


@pytest.fixture(scope="module")
def server():
    port = serve.free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "psw_dash.hosting.open_data_server", "--port", str(port)],
        cwd=paths.ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    serve.wait_until_healthy(url, process, lambda: "", 30, path="/healthz")
    yield url
    serve.stop(process)


def fetch(url: str, method: str = "GET", **headers: str) -> tuple[int, Message, bytes]:
    try:
        request = urllib.request.Request(url, headers=headers, method=method)
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()  # names in any case, as HTTP has them
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.mark.parametrize("name", links.files())
def test_each_file_has_its_address_type_and_version(server, name):
    status, headers, body = fetch(links.address(server, name))
    assert (status, headers["content-type"], headers["etag"]) == (
        200,
        links.content_type(name),
        f'"{links.data_version()}"',
    )
    assert body == (links.DIR / name).read_bytes() and "set-cookie" not in {h.lower() for h in headers}


def test_a_reader_with_this_version_gets_304_and_unknown_names_404(server):
    status, _, body = fetch(links.address(server, "figures.csv"), **{"If-None-Match": f'"{links.data_version()}"'})
    assert status == 304 and body == b""
    assert fetch(links.address(server, "figures.csv"), **{"If-None-Match": '"older"'})[0] == 200
    for path in ("/data/open/figures.parquet", "/data/open/", "/data/SOURCES.md", "/"):
        assert fetch(server + path)[0] == 404, path


def test_pandas_and_frictionless_read_the_package_from_it(server):
    assert pd.read_csv(links.address(server, "regions.csv"))["population"].sum() == 56_286_961
    report = frictionless.validate(links.address(server, links.DATAPACKAGE))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type"])


@pytest.mark.parametrize(
    "path, method, status",
    [
        ("/data/open/figures.csv", "GET", 200),
        ("/no-such", "GET", 404),
        ("/data/open/figures.csv", "POST", 405),
        ("/healthz", "GET", 200),
    ],
)
def test_every_answer_carries_the_security_headers_and_no_server_banner(server, path, method, status):
    answered, headers, body = fetch(server + path, method)
    headers = {name.lower(): value for name, value in headers.items()}
    assert answered == status
    for name, value in security_headers.security_headers().items():
        assert headers.get(name.lower()) == value, name
    assert "server" not in headers
    if status == 404:
        assert body == b"Not found.\n" and headers["cache-control"] == "no-store"
