"""Overview page, run as Streamlit runs it: headline numbers with sources, growth chart against 4,730."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from psw_dash import paths
from tests.helpers import all_text, plotly_figures, tiles


def run_overview() -> AppTest:
    app = AppTest.from_file(str(paths.ROOT / "app.py"), default_timeout=60).run()
    assert not app.exception, app.exception
    return app


def test_shows_862_and_the_nhs_external_split():
    metrics = tiles(run_overview())
    assert metrics["Peer support workers, 30 Sep 2019"] == "862"
    # Counts, with the printed share ('742 (86%)', 'approximately 86% directly employed by the NHS and the remaining
    # 14%') beside them: qualifier and bound kept, and the remaining 14% as approximate as the 86%.
    assert metrics["Employed by the NHS (about 86% directly employed)"] == "742"
    assert metrics["Employed by external organisations (about 14%)"] == "120"
    assert metrics["Trusts directly employing PSWs (of 55)"] == "34"


def test_the_gap_tile_says_which_reading_of_4730_it_uses():
    app = run_overview()
    assert tiles(app)["Short of the 4,730 target, read as PSWs in post (sources differ)"] == "3,868"
    text = all_text(app)
    assert (
        "Reads 4,730 as a total in post, as the research briefing gives the NHS Long Term Workforce Plan's aim "
        "('4,730 staff in post by the end of 2023/24'); the sources differ" in text
    )
    assert (
        "Compares 4,730 with all 862 PSWs, which include 120 employed by external organisations and about 171 "
        "unpaid" in text
    )
    assert "What the 4,730 target counts: the sources differ" in text


def test_each_headline_number_cites_its_section_and_page():
    text = all_text(run_overview())
    assert "Source: PSW Stocktake 2019 (NHSBN/HEE, 2020), NHS workforce profile, p.6." in text
    assert "Source: PSW Stocktake 2019 (NHSBN/HEE, 2020), Introduction, p.3." in text


def test_growth_chart_carries_the_series_and_the_4730_target():
    app = run_overview()
    [figure] = plotly_figures(app)
    counts = [y for trace in figure.data if trace.mode == "markers+text" for y in trace.y]
    assert counts == [48, 111, 153, 862]
    assert any(shape.y0 == 4730 for shape in figure.layout.shapes)
    assert "18.2% of the 4,730 target, read as PSWs in post" in all_text(app)
