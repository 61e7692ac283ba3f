"""The open data in the app: the spreadsheet and the data package on the Downloads page, after the briefing pack,
with their fixed addresses listed there."""

from __future__ import annotations

from psw_dash.export import open_data_offer
from psw_dash.vocabulary import links
from tests.helpers import all_text


def download_labels(app) -> list[str]:
    return [element.proto.label for element in app.get("download_button")]


def test_downloads_page_offers_the_spreadsheet_and_package(open_page):
    app = open_page("downloads")
    labels = [label for label in download_labels(app) if "briefing pack" not in label]
    kb = lambda name: f"{(links.DIR / name).stat().st_size / 1000:,.0f} KB"
    assert labels[:2] == [
        f"Download every table as a spreadsheet (XLSX), {kb(links.SPREADSHEET)}",
        f"Download the data package (ZIP: CSV files with their schema), {kb(links.ZIP)}",
    ]


def test_downloads_page_lists_the_fixed_addresses_of_every_file(open_page):
    text = all_text(open_page("downloads"))
    for name in [
        links.DATAPACKAGE,
        "figures.csv",
        "trusts.csv",
        "regions.csv",
        "targets.csv",
        "headcount_series.csv",
        "later_evidence.csv",
        links.ZIP,
        links.SPREADSHEET,
    ]:
        assert f"/data/open/{name}" in text, name
    assert "this local copy does not serve them" in text  # local mode: said, not pretended


def test_hosted_addresses_start_with_the_address_the_reader_sees():
    html = open_data_offer.addresses_html("https://psw-dash.example.nhs.uk")
    assert "<code>https://psw-dash.example.nhs.uk/data/open/figures.csv</code>" in html
    assert "pandas.read_csv(&quot;https://psw-dash.example.nhs.uk/data/open/figures.csv&quot;)" in html
    assert "on this hosted copy" in html
