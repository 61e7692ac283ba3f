"""The pieces that keep pages quick to switch to (issue 13): HTML tables and prose, the catalogue's pages,
the preload of widget code and fonts, URL writes in one message, and views built once per data version."""

from __future__ import annotations

import json
import re
from datetime import date

import pandas as pd
import pytest
import streamlit as st

from psw_dash.page import content, preload, state, tables
from psw_dash.planner import model as planner
from psw_dash.planner.chart import MODELLED, USER
from psw_dash.reading import catalogue, data
from psw_dash.views import frame, views


def test_a_table_is_escaped_headed_and_prints_counts_with_thousands_separators():
    table = pd.DataFrame({"Measure <b>": ["<script>alert(1)</script>", "Recruits"], "Value": [1112.0, None]})
    out = tables.table_html(table, caption="Yearly")
    assert "<script>" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert '<th scope="col">Measure &lt;b&gt;</th>' in out and "<caption>Yearly</caption>" in out
    assert "<td>1,112</td>" in out and "<td></td>" in out  # a count as printed; a missing value left blank
    assert out.count("<tr>") == 3


def test_a_disclosed_block_is_a_native_details_element_closed_until_opened():
    out = tables.disclosed("Notes & caveats", "<ul><li>x</li></ul>", "psw-notes")
    assert out == (
        '<details class="psw-details psw-notes"><summary>Notes &amp; caveats</summary><ul><li>x</li></ul></details>'
    )


def test_prose_as_html_keeps_lists_links_and_tables_and_escapes_html_in_the_text():
    out = content.as_html(
        "## Heading\n\n- one **two**\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "[GOV.UK](https://www.gov.uk) <img src=x onerror=alert(1)>"
    )
    assert "<h2>Heading</h2>" in out and "<li>one <strong>two</strong></li>" in out
    assert '<table class="psw-table">' in out and '<a href="https://www.gov.uk">GOV.UK</a>' in out
    assert "<img" not in out and "&lt;img src=x onerror=alert(1)&gt;" in out


def test_the_catalogue_is_listed_a_page_of_20_rows_at_a_time():
    figures = data.figures()
    pages = catalogue.pages(len(figures))
    assert len(pages) == -(-len(figures) // 20) and pages[1] == "1–20" and pages[2] == "21–40"
    assert pages[len(pages)] == f"{(len(pages) - 1) * 20 + 1}–{len(figures)}"
    assert list(catalogue.page_of(figures, 2)["figure_id"]) == list(figures["figure_id"][20:40])
    assert list(catalogue.page_of(figures, 99)["figure_id"]) == list(figures["figure_id"][(len(pages) - 1) * 20 :])
    assert catalogue.pages(0) == {} and catalogue.pages(3) == {1: "1–3"}


def test_the_preload_names_files_this_streamlit_has_and_a_fixed_script():
    assert {name.split(".")[0] for name in preload.files()} == set(preload.KINDS)
    assert all((preload.CODE_DIR / name).is_file() for name in preload.files())
    assert all(name in preload.script() for name in preload.files())
    assert preload.csp_hash().startswith("'sha256-") and preload.script() == preload.script()


def test_the_preload_loads_the_faces_of_the_font_streamlit_declares():
    """A renamed font would make the preload load nothing, silently: the family must be the one Streamlit's CSS
    declares, in both styles (the browser test checks that both are loaded on the first page)."""
    css = "".join(path.read_text() for path in (preload.CODE_DIR.parent / "css").glob("index.*.css"))
    declared = re.findall(r"@font-face\{font-family:([^;]+);[^}]*font-style:(\w+)", css)
    assert {style for family, style in declared if family.strip('"') == preload.FONT_FAMILY} == {"normal", "italic"}
    assert f"face.family === {json.dumps(preload.FONT_FAMILY)} && face.status === 'unloaded'" in preload.script()


def test_a_disclosed_block_can_start_open():
    assert tables.disclosed("London: 9", "<p>x</p>", opened=True).startswith('<details class="psw-details" open>')
    assert " open" not in tables.disclosed("London: 9", "<p>x</p>")


def test_the_warm_up_draws_each_kind_hidden_on_the_sessions_first_two_runs_only():
    """The first run of a session draws one toggle and one segmented control, the second the catalogue's search box
    and topic list, all in a container the page's style hides (display: none), so the first page with one of
    them shows it at once; later runs draw none."""
    from streamlit.testing.v1 import AppTest

    from psw_dash import paths
    from psw_dash.page import layout

    def warm(app) -> list[str]:
        widgets = (*app.toggle, *app.segmented_control, *app.text_input, *app.multiselect)
        return [w.key for w in widgets if w.key and w.key.startswith("psw-warm-")]

    app = AppTest.from_file(str(paths.ROOT / "app.py"), default_timeout=60).run()
    assert warm(app) == ["psw-warm-toggle", "psw-warm-choice"]
    assert f".st-key-{preload.WARM_UP_KEY} {{ display: none !important; }}" in layout.STYLE
    app.switch_page("pages/people.py").run()
    assert warm(app) == ["psw-warm-text", "psw-warm-list"]
    app.switch_page("pages/data_sources.py").run()
    assert warm(app) == []
    assert [w.key for w in app.text_input] == ["q"] and [w.key for w in app.multiselect] == ["topic"]


def url_writes(monkeypatch, link: dict[str, str]) -> list[dict[str, str]]:
    """The URL's parameters start as `link`; each write to them (one message each) is recorded in the list."""
    sent = []

    class Params(dict):
        def update(self, changed):
            sent.append(dict(changed))
            super().update(changed)

    monkeypatch.setattr(st, "query_params", Params(link))
    return sent


def test_url_writes_go_in_one_message_and_only_when_a_value_changed(monkeypatch):
    sent = url_writes(monkeypatch, {"start": "862"})
    state.keep_in_url({"start": "862", "target": "own", "tpp": "3"})
    state.keep_in_url({"start": "862", "target": "own"})
    assert sent == [{"target": "own", "tpp": "3"}]


def test_a_default_the_link_does_not_name_stays_out_of_it(monkeypatch):
    """A first visit writes nothing (each write rewrites the browser's history entry and redraws the app);
    a default the link names is kept in step, and a value that is not the default is written."""
    sent = url_writes(monkeypatch, {"shape": "straight"})
    defaults = {"start": "862", "shape": "compound", "tpp": "3"}
    state.keep_in_url({"start": "862", "shape": "straight", "tpp": "3"}, defaults)
    assert sent == []
    state.keep_in_url({"start": "862", "shape": "compound", "tpp": "2"}, defaults)
    assert sent == [{"shape": "compound", "tpp": "2"}]


def test_a_views_chart_is_built_once_per_data_version_and_shared(monkeypatch):
    first, again = views.framed("service_models"), views.framed("service_models")
    assert first is again
    assert views.regions_map(metric_id="trusts") is views.regions_map(metric_id="trusts")
    monkeypatch.setattr(data, "version", lambda: "rebuilt")
    rebuilt = views.framed("service_models")
    assert rebuilt is not first and rebuilt.chart.headline == first.chart.headline


@pytest.mark.parametrize("key", sorted(views.CHARTS))
def test_a_kept_chart_is_the_chart_the_spec_builds(key):
    kept, fresh = views.framed(key), views.CHARTS[key].framed()
    assert kept.chart.figure.to_json() == fresh.chart.figure.to_json()
    pd.testing.assert_frame_equal(kept.table, fresh.table)


def test_the_planners_chart_is_kept_per_scenario_and_never_with_a_users_counts():
    default = planner.Scenario(862, date(2019, 9, 30), 4730, date(2024, 3, 31), 0.11, 3)
    other = planner.Scenario(862, date(2019, 9, 30), 4730, date(2024, 3, 31), 0.12, 3)
    kept = views.planner_path(default, "4,730 by 2023/24", False)
    assert views.planner_path(default, "4,730 by 2023/24", False) is kept
    assert views.planner_path(other, "4,730 by 2023/24", False) is not kept
    later = views.planner_path(default, "4,730 by 2023/24", True)
    assert len(later.figure.data) > len(kept.figure.data)  # the 2036/37 plan's line is drawn too
    assert MODELLED in [trace.name for trace in kept.figure.data]
    counts = pd.DataFrame({"date": [date(2022, 3, 31)], "count": [1500], "scope": ["England"]})
    mine = views.planner_path(default, "4,730 by 2023/24", False, user_counts=counts)
    assert mine is not views.planner_path(default, "4,730 by 2023/24", False, user_counts=counts)
    assert USER in [trace.name for trace in mine.figure.data]
    assert USER not in [trace.name for trace in views.planner_path(default, "4,730 by 2023/24", False).figure.data]


def test_the_tiles_html_is_kept_per_data_version():
    labels = tuple(views.TILES["overview"].items())
    kept = frame._tiles_html(data.version(), labels)
    assert frame._tiles_html(data.version(), labels) is kept
    assert f">{data.value('headcount.total'):,.0f}<" in kept  # the census count, as the tile shows it
    assert frame._tiles_html("rebuilt", labels) is not kept
