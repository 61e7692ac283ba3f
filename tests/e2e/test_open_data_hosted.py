"""The open data through the hosted copy's proxy, as an analyst's script reaches it: each file at its fixed
address, 200 with its content type, no cookie needed, the data version in the ETag; read back with pandas
and validated with frictionless over HTTP; and the Data and sources page lists those very addresses."""

from __future__ import annotations

import io
import json
import urllib.error
import urllib.request
import zipfile
from email.message import Message

import frictionless
import openpyxl
import pandas as pd
import pytest

from psw_dash.build.open_data.resources import RESOURCES
from psw_dash.hosting import nginx, run
from psw_dash.vocabulary import links
from tests.e2e.conftest import Visit


@pytest.fixture(scope="module")
def site():
    with run.hosted(replicas=1) as hosted:  # nginx serves the files itself; one replica for the page
        yield hosted


def fetch(url: str, method: str = "GET") -> tuple[int, Message, bytes]:
    """A request with no cookie, as pandas or curl sends it."""
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()  # names in any case, as HTTP has them
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.mark.parametrize("name", links.files())
def test_each_file_is_served_at_its_fixed_address_with_its_type_and_no_cookie(site, name):
    status, headers, body = fetch(links.address(site.url, name))
    assert status == 200
    assert headers["Content-Type"] == links.content_type(name)
    assert "Set-Cookie" not in headers, "a file sets no session cookie"
    assert headers["ETag"] == f'"{links.data_version()}"'
    assert body == (links.DIR / name).read_bytes()
    for header in nginx.security_headers():
        assert header in headers, header


def test_pandas_reads_every_table_from_the_hosted_address(site):
    figures = pd.read_csv(links.address(site.url, "figures.csv"))
    assert len(figures) == len(pd.read_csv(links.DIR / "figures.csv")) and "bound" in figures
    assert figures.set_index("figure_id").loc["headcount.total", "value"] == 862
    for resource in RESOURCES:
        assert len(pd.read_csv(links.address(site.url, f"{resource.name}.csv"))) > 0, resource.name


def test_frictionless_validates_the_package_over_http(site):
    report = frictionless.validate(links.address(site.url, links.DATAPACKAGE))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type"])
    assert [task.name for task in report.tasks] == [resource.name for resource in RESOURCES]


def test_the_zip_and_the_spreadsheet_open_from_the_hosted_address(site):
    _, _, archive = fetch(links.address(site.url, links.ZIP))
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        descriptor = json.loads(next(opened.read(n) for n in opened.namelist() if n.endswith(links.DATAPACKAGE)))
    assert descriptor["version"] == links.data_version()
    _, _, workbook = fetch(links.address(site.url, links.SPREADSHEET))
    assert openpyxl.load_workbook(io.BytesIO(workbook)).sheetnames[:3] == ["Cover", "Contents", "Notes"]


def test_other_paths_under_the_prefix_are_not_served(site):
    for path in ("/data/open/", "/data/open/.figures.csv.tmp", "/data/open/../SOURCES.md", "/data/figures.parquet"):
        status, _, _body = fetch(site.url + path)
        assert status in (400, 404), path
    status, _, _ = fetch(links.address(site.url, "figures.csv"), method="POST")
    assert status in (403, 405)


def test_the_downloads_page_lists_the_hosted_addresses(browser, site):
    visit = Visit(browser, site.url)
    try:
        page = visit.open("downloads")
        page.get_by_text("For scripts: every file's fixed address").click()  # closed until opened
        page.locator("code", has_text=links.address(site.url, links.SPREADSHEET)).wait_for()
        text = page.locator("body").inner_text()
        for name in links.files():
            assert links.address(site.url, name) in text, name
        assert page.get_by_role("button", name="Download every table as a spreadsheet (XLSX)", exact=False).count() == 1
        visit.screenshot("hosted-downloads-open-data")
    finally:
        visit.close()
