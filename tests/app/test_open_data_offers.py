"""The open data in the app: the spreadsheet and the data package beside the catalogue's CSV on Data and
sources, their fixed addresses listed there, and the spreadsheet in the briefing pack's box."""
from __future__ import annotations

from psw_dash.export import open_data_offer
from psw_dash.vocabulary import links
from tests.helpers import all_text


def download_labels(app) -> list[str]:
    return [element.proto.label for element in app.get("download_button")]


def test_data_page_offers_the_spreadsheet_and_package_beside_the_catalogue_csv(open_page):
    app = open_page("data_sources")
    labels = download_labels(app)
    catalogue_csv = labels.index("Download these figures (CSV)")
    kb = lambda name: f"{(links.DIR / name).stat().st_size / 1000:,.0f} KB"
    assert labels[catalogue_csv + 1: catalogue_csv + 3] == [
        f"Download every table as a spreadsheet (XLSX), {kb(links.SPREADSHEET)}",
        f"Download the data package (ZIP: CSV files with their schema), {kb(links.ZIP)}"]


def test_data_page_lists_the_fixed_addresses_of_every_file(open_page):
    text = all_text(open_page("data_sources"))
    for name in [links.DATAPACKAGE, "figures.csv", "trusts.csv", "regions.csv", "targets.csv",
                 "headcount_series.csv", "later_evidence.csv", links.ZIP, links.SPREADSHEET]:
        assert f"/data/open/{name}" in text, name
    assert "this local copy does not serve them" in text  # local mode: said, not pretended


def test_hosted_addresses_start_with_the_address_the_reader_sees():
    html = open_data_offer.addresses_html("https://psw-dash.example.nhs.uk")
    assert "<code>https://psw-dash.example.nhs.uk/data/open/figures.csv</code>" in html
    assert 'pandas.read_csv(&quot;https://psw-dash.example.nhs.uk/data/open/figures.csv&quot;)' in html
    assert "on this hosted copy" in html


def test_the_briefing_pack_box_offers_the_spreadsheet(open_page):
    app = open_page("overview")
    assert not [label for label in download_labels(app) if "spreadsheet" in label]  # sent only when opened
    app.session_state["briefing-pack"] = True
    app.run()
    assert [label for label in download_labels(app) if label.startswith("Download every table as a spreadsheet")]
