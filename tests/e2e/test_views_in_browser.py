"""Every view in a real browser: each page loads and draws, links reopen a view, tables and downloads
carry the catalogue's figures, a fresh server honours a deep link, and a phone needs no sideways scroll.

Expected numbers are read from the built data (data/*.parquet), never from the app's own formatting
code, so a wrong label on screen fails here.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest
from playwright.sync_api import expect

from devtools import serve
from psw_dash import paths
from psw_dash.charts import label_width, theme
from psw_dash.page import layout, preload
from psw_dash.vocabulary.figure_rows import SMALL_BASE
from tests.a11y import screenshot_whole_page

DATA = paths.ROOT / "data"
APP_TITLE = "NHS mental health peer support workers, 2019"  # the Overview's h1 (its menu entry is "Overview")
PAGES_WITHOUT_CHARTS = {"data_sources", "accessibility", "downloads"}
CITATION = ["source_doc", "source_section", "source_page", "note"]

PAGES = layout.all_pages()


def figures() -> pd.DataFrame:
    return pd.read_parquet(DATA / "figures.parquet")


def catalogue_rows(prefix: str) -> pd.DataFrame:
    table = figures()
    return table[table["figure_id"].str.startswith(prefix)].reset_index(drop=True)


def percent(value: float) -> str:
    """96.0 -> '96%', as the report prints it."""
    return f"{value:g}%"


CHART_TEXT_PROBLEMS = """chart => {
    const frame = chart.querySelector('.main-svg').getBoundingClientRect();
    const problems = [];
    const texts = [...chart.querySelectorAll('.annotation-text, .xtick text, .ytick text, .textpoint text, '
        + 'text.bartext, .legendtext, .cbtitle text, .g-xtitle text, .g-ytitle text')];
    for (const text of texts) {
        const r = text.getBoundingClientRect();
        if (r.width && (r.left < frame.left - 1 || r.right > frame.right + 1
                        || r.top < frame.top - 1 || r.bottom > frame.bottom + 1))
            problems.push('cut off: ' + text.textContent);
    }
    for (const axis of ['.xtick text', '.ytick text']) {
        const boxes = [...chart.querySelectorAll(axis)].map(t => [t.textContent, t.getBoundingClientRect()])
            .filter(([, r]) => r.width);
        boxes.forEach(([aText, a], i) => boxes.slice(i + 1).forEach(([bText, b]) => {
            if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
                problems.push('overlap: ' + aText + ' / ' + bText);
        }));
    }
    return problems;
}"""


def chart_text_problems(page) -> list[str]:
    """Chart words a reader cannot read: text cut off at the chart's edge, axis labels printed over each other."""
    return [
        problem
        for chart in page.locator('[data-testid="stPlotlyChart"]').all()
        for problem in chart.evaluate(CHART_TEXT_PROBLEMS)
    ]


def headlines(page) -> list[str]:
    """The chart frames' headlines (h2 in each frame)."""
    return page.locator('[data-testid="stMain"] [class*="st-key-frame-"] h2').all_inner_texts()


def selected_option(page) -> list[str]:
    """The labels of the segmented control's selected buttons (role=radio, aria-checked=true)."""
    return page.locator('[data-testid="stButtonGroup"] button[aria-checked="true"]').all_inner_texts()


def bar_labels_top_to_bottom(page) -> list[str]:
    """The category labels of the (first) chart's bars as a reader sees them, top to bottom."""
    return page.locator('[data-testid="stPlotlyChart"]').first.evaluate("""chart =>
        [...chart.querySelectorAll('.yaxislayer-above .ytick text')]
            .map(t => [t.getBoundingClientRect().top, t.textContent])
            .sort((a, b) => a[0] - b[0]).map(pair => pair[1])""")


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def margins_pushed(page) -> list[str]:
    """Charts whose labels needed more margin than their layout set (Plotly then draws the chart twice).
    Labels too wide for a fixed margin (psw_dash/charts/label_width.py: on a phone it would leave no room for the bars)
    are left to Plotly from the theme's margin, so a push past that width from the theme's margin is not counted."""
    return page.locator('[data-testid="stPlotlyChart"] .js-plotly-plot').evaluate_all(
        """(plots, [theme, widest]) => plots.flatMap(gd => ['l', 'r', 't', 'b']
            .filter(side => gd._fullLayout._size[side] > gd._fullLayout.margin[side]
                            && !(gd._fullLayout.margin[side] === theme[side] && gd._fullLayout._size[side] > widest))
            .map(side => `${gd.getAttribute('aria-label') || gd.closest('[aria-label]')?.getAttribute('aria-label')}: `
                         + `${side} ${gd._fullLayout.margin[side]} -> ${gd._fullLayout._size[side]}`))""",
        [theme.MARGIN, label_width.WIDEST_FIXED_MARGIN],
    )


def read_download(page, button_name: str = "Download CSV") -> tuple[str, pd.DataFrame]:
    with page.expect_download() as info:
        page.get_by_role("button", name=button_name).click()
    download = info.value
    text = Path(download.path()).read_text(encoding="utf-8")
    return download.suggested_filename, pd.read_csv(io.StringIO(text), keep_default_na=False, na_values=[""])


@pytest.fixture
def visit(reused_visit):
    """Here every test opens its pages afresh (page.goto: a new Streamlit session) in one shared
    browser context, so only the first pays for loading the app's scripts."""
    return reused_visit


# 1. Every page -------------------------------------------------------------------------------------


@pytest.mark.parametrize("app_page", [pytest.param(p, id=p.url_path or "overview") for p in PAGES])
def test_page_loads_shows_its_title_and_draws(visit, app_page):
    has_charts = app_page.url_path not in PAGES_WITHOUT_CHARTS
    page = visit.open(app_page.url_path)  # the script has run; check for errors before waiting on charts
    assert visit.exceptions() == []
    assert visit.page_errors == []
    if has_charts:
        serve.wait_until_drawn(page, charts=1)
    expected_h1 = app_page.title if app_page.url_path else APP_TITLE
    assert page.locator('[data-testid="stMain"] h1').all_inner_texts() == [expected_h1]
    # The menu marks this page as the current one (in bold), under its own title.
    links = page.locator('[data-testid="stSidebar"] [data-testid="stPageLink-NavLink"]')
    weights = links.evaluate_all(
        "links => links.map(a => [a.innerText.split('\\n').pop().trim(), "
        "getComputedStyle(a.querySelector('p')).fontWeight])"
    )
    assert [name for name, weight in weights if int(weight) >= 600] == [app_page.title], weights

    charts = page.locator('[data-testid="stPlotlyChart"]')
    if has_charts:
        assert charts.count() >= 1
        for chart in charts.all():
            box = chart.locator(".main-svg").first.bounding_box()
            assert box and box["width"] > 200 and box["height"] > 100, "a chart was drawn empty or squashed"
            marks = chart.locator(".overplot .point, .overplot path.js-line, .overplot path.js-fill")
            assert any((m.bounding_box() or {}).get("width", 0) > 0 for m in marks.all()), "chart has no data"
        assert chart_text_problems(page) == []
        # Each margin a chart sets already fits its labels, so Plotly drew it once and not again to make room.
        assert margins_pushed(page) == []
    else:
        assert charts.count() == 0
    if app_page.url_path == "data_sources":
        # The figure catalogue (its first 20 rows) and the trust list (every row, one click away) as HTML tables.
        tables = page.locator("table.psw-table")  # then the tables of the sources and licences
        trusts = pd.read_parquet(DATA / "trusts.parquet")
        assert [tables.nth(i).locator("tbody tr").count() for i in (0, 1)] == [min(len(figures()), 20), len(trusts)]
        expect(page.get_by_text(f"{len(figures())} of {len(figures())} figures match")).to_be_visible()
        expect(tables.nth(1)).to_be_hidden()
        page.get_by_text(f"The list of {len(trusts)} trusts", exact=False).click()
        expect(tables.nth(1)).to_be_visible()

    screenshot_whole_page(visit, app_page.url_path or "overview")


# 2. No foreign hosts -------------------------------------------------------------------------------


def test_no_page_requests_any_host_but_its_own_server(make_visit):
    visit = make_visit()  # a new browser context: a cold cache, so every request goes out and is seen
    for app_page in PAGES:
        visit.open(app_page.url_path, charts=None if app_page.url_path in PAGES_WITHOUT_CHARTS else 1)
    visit.page.wait_for_timeout(1500)  # late requests (fonts, metrics, favicon) have time to go out
    own = urlparse(visit.app_url).netloc
    assert any(urlparse(url).netloc == own and "/static/" in url for url in visit.requests), (
        "the page's own scripts were not recorded: the request log is not working"
    )
    assert visit.foreign_requests() == []
    # The icon travels in the page's config as a data URL, so no page fetches it from Streamlit's media store,
    # which can drop it between a session's runs (one 404 seen through the hosted proxy).
    icons = visit.page.locator('link[rel~="icon"]')
    assert icons.count() >= 1 and icons.first.get_attribute("href").startswith("data:image/png;base64,")
    assert [url for url in visit.requests if urlparse(url).path.startswith("/media/")] == [], visit.requests


# 3. Switching pages --------------------------------------------------------------------------------


def test_sidebar_link_switches_from_overview_to_people(visit):
    page = visit.open("", charts=1)
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name="People", exact=True).click()

    expect(page.locator('[data-testid="stMain"] h1')).to_have_text("People")
    serve.wait_until_drawn(page, 1)
    assert urlparse(page.url).path.endswith("/people")
    # The default view is the ethnicity chart: its bars are the report's ethnic groups.
    groups = list(dict.fromkeys(catalogue_rows("ethnicity.psw.")["category"]))
    assert bar_labels_top_to_bottom(page) == groups
    assert selected_option(page) == ["Ethnicity"]
    assert visit.exceptions() == [] and visit.page_errors == []


# For each Plotly chart: Plotly's drawings (its afterplot event), and how many times anything was added to or
# removed from the chart after its first drawing had finished (a drawing again).
WATCH_CHARTS = """() => {
  window.pswCharts = [];
  const watched = new WeakSet();
  new MutationObserver((records) => {
    for (const record of records) {
      const entry = record.type === 'childList' && record.target.closest?.('.js-plotly-plot')?.pswEntry;
      if (entry && entry.drawings > 0) entry.changes += 1;
    }
    document.querySelectorAll('.js-plotly-plot').forEach((graph) => {
      if (watched.has(graph) || !graph.on) return;
      watched.add(graph);
      graph.pswEntry = {name: graph.closest('[aria-label]')?.getAttribute('aria-label'), drawings: 0, changes: 0};
      window.pswCharts.push(graph.pswEntry);
      graph.on('plotly_afterplot', () => { graph.pswEntry.drawings += 1; });
    });
  }).observe(document, {subtree: true, childList: true, attributes: true, attributeFilter: ['class']});
}"""
TEXT_FONT_FACES = """() => [...document.fonts].filter((face) => face.family === 'Source Sans')
                                 .map((face) => [face.style, face.status])"""


def test_a_chart_is_drawn_once_on_a_pages_first_visit(make_visit):
    """Streamlit passes each figure to Plotly again once it has measured the column (bench/README.md). Plotly drew
    the whole chart again at that point: the template and the typed arrays of plotly.py's figures always looked
    new, and the empty div's zero height made the setting look changed (psw_dash/charts/browser_figure.py, the
    min-height in layout.STYLE). It also drew it again when a font began to load during a drawing: the first page
    loads every face of the text font while the reader reads it (psw_dash/page/preload.py); the planner is the first
    page with italic text. And a bar chart's axis read from the top was drawn again when the second pass found its
    autorange changed (psw_dash/charts/charts.py, _top_down). Each chart is now drawn, and nothing in it changes
    afterwards."""
    visit = make_visit()
    visit.page.add_init_script(f"({WATCH_CHARTS})()")
    page = visit.open("growth", charts=1)  # no italic text on this page
    # The faces load while the reader reads (an idle callback, psw_dash/page/preload.py): on a busy machine that has
    # taken over 10 s, so wait as long as a page may take to draw.
    page.wait_for_function(
        f"() => ({TEXT_FONT_FACES})().every(([style, status]) => status === 'loaded')", timeout=60_000
    )
    assert {style for style, _ in page.evaluate(TEXT_FONT_FACES)} == {"normal", "italic"}
    for path, title, charts in (
        ("planner", "Plan to the target", 1),
        ("regions", "Regions", 3),
        ("people", "People", 1),
    ):
        page.evaluate("() => { window.pswCharts.length = 0; }")
        page.locator(f'[data-testid="stSidebar"] a[href="{path}"]').click()
        expect(page.locator('[data-testid="stMain"] h1')).to_have_text(title)
        serve.wait_until_drawn(page, charts)
        page.wait_for_timeout(1000)  # a drawing for a font would follow the font's arrival, well within this
        drawn = page.evaluate("() => window.pswCharts")
        assert len(drawn) == charts and all(chart["drawings"] >= 1 for chart in drawn), drawn
        assert [chart["changes"] for chart in drawn] == [0] * charts, (path, drawn)


# Counts each time a skeleton (a widget or chart still loading) is in the main area, from now on.
WATCH_MAIN_SKELETONS = """() => {
  window.pswMainSkeletons = 0;
  new MutationObserver(() => {
    if (document.querySelector('[data-testid="stMain"] [data-testid="stSkeleton"]')) window.pswMainSkeletons += 1;
  }).observe(document.body, {subtree: true, childList: true});
}"""


def test_the_catalogue_search_box_and_topic_list_appear_with_the_page(make_visit):
    """The first drawing of a kind of widget in a session waits for React: the catalogue's search box and topic list
    showed a skeleton for 50 to 80 ms after the rest of Data and sources (bench/README.md). The session's second run
    draws both kinds out of sight (psw_dash/page/preload.py), so a later first visit to the catalogue shows them at once."""
    visit = make_visit()
    page = visit.open("", charts=1)
    page.locator('[data-testid="stSidebar"] a[href="growth"]').click()
    expect(page.locator('[data-testid="stMain"] h1')).to_have_text("Growth and target")
    serve.wait_until_drawn(page, 1)
    hidden = page.locator(f".st-key-{preload.WARM_UP_KEY}")
    for kind in ("stTextInput", "stMultiSelect"):  # drawn, not only waiting for their code
        expect(hidden.locator(f'[data-testid="{kind}"]')).to_be_attached(timeout=10_000)
        expect(hidden.locator(f'[data-testid="{kind}"]')).to_be_hidden()
    page.evaluate(f"({WATCH_MAIN_SKELETONS})()")
    page.locator('[data-testid="stSidebar"] a[href="data_sources"]').click()
    expect(page.locator('[data-testid="stMain"] h1')).to_have_text("Data and sources")
    serve.wait_until_drawn(page, 0)
    expect(page.get_by_label("Search the figures (id, measure, category or note)")).to_be_visible()
    expect(page.locator('[data-testid="stMain"] [data-testid="stMultiSelect"]')).to_be_visible()
    assert page.evaluate("window.pswMainSkeletons") == 0


# 4. The table under the chart ----------------------------------------------------------------------


def test_service_models_table_opens_under_the_chart_with_the_printed_values_and_base(visit):
    page = visit.open("service_models", charts=1)
    table = page.locator("details.psw-table-view table")
    expect(table).to_be_hidden()

    page.get_by_text("Table: the numbers in the chart").click()
    expect(table).to_be_visible()
    expect(page.locator('[data-testid="stPlotlyChart"]')).to_be_visible()  # the chart stays beside it

    rows = [
        [cell.strip() for cell in row.locator("th, td").all_inner_texts()] for row in table.locator("tbody tr").all()
    ]
    header = [cell.strip() for cell in table.locator("thead th").all_inner_texts()]
    shown = [dict(zip(header[-len(row) :], row, strict=True)) for row in rows]
    expected = catalogue_rows("service_models.")
    assert [r["Category"] for r in shown] == list(expected["category"])
    assert [r["Value"] for r in shown] == [percent(v) for v in expected["value"]]  # 96%, 32%, 30%
    bases = [
        f"n = {b:.0f} (small base)"
        if pd.notna(b) and b < SMALL_BASE
        else f"n = {b:.0f}"
        if pd.notna(b)
        else "not published"
        for b in expected["base_n"]
    ]
    assert [r["Base"] for r in shown] == bases
    text = table.inner_text()
    for needed in ("96%", "32%", "30%", "not published"):
        assert needed in text


# 5. The CSV download -------------------------------------------------------------------------------


def test_service_models_download_carries_the_catalogue_rows_with_citations(visit):
    page = visit.open("service_models", charts=1)
    name, csv = read_download(page)

    assert name.endswith(".csv")
    assert {"figure_id", "value", *CITATION} <= set(csv.columns)
    expected = catalogue_rows("service_models.")
    assert list(csv["figure_id"]) == list(expected["figure_id"])
    assert list(csv["value"]) == list(expected["value"])
    for column in CITATION:
        assert list(csv[column].fillna("")) == list(expected[column].fillna("")), column


def test_growth_download_carries_both_collections_and_the_series_break(visit):
    page = visit.open("growth", charts=1)
    _, csv = read_download(page)

    series = pd.read_parquet(DATA / "headcount_series.parquet")
    assert "collection" in csv.columns
    assert set(csv["collection"]) == set(series["collection"]) and csv["collection"].nunique() == 2
    assert list(csv["headcount"]) == list(series["headcount"])
    assert {"figure_id", *CITATION} <= set(csv.columns)
    assert all("series break" in note.lower() for note in csv["note"]), "a row's note omits the series break"


# 6. A shared URL reopens the same state ------------------------------------------------------------


def test_link_to_pay_bands_reopens_it_and_a_new_choice_goes_into_the_url(visit):
    page = visit.open("employment?view=bands", charts=1)
    band_3 = figures().set_index("figure_id").loc["pay_bands.band_3", "value"]
    [headline] = headlines(page)
    assert f"Band 3 ({percent(band_3)})" in headline
    assert selected_option(page) == ["Pay bands"]
    assert visit.exceptions() == []

    page.locator('[data-testid="stButtonGroup"]').get_by_role("radio", name="Supervision").click()
    expect(page).to_have_url(re.compile(r"[?&]view=supervision(&|$)"))
    serve.wait_until_drawn(page, 1)
    assert query(page) == {"view": ["supervision"]}
    assert selected_option(page) == ["Supervision"]
    [headline] = headlines(page)
    assert "supervis" in headline.lower() and "Band 3" not in headline
    assert visit.exceptions() == [] and visit.page_errors == []


def test_link_with_later_ambition_shows_the_6500_target(visit):
    later = pd.read_parquet(DATA / "targets.parquet").set_index("target_id").loc["ltwp_2036_37"]
    assert later["qualifier"] == "more than"
    wanted = f"over {later['value']:,.0f}"  # the chart says "Target over 6,500 by 2036/37"
    annotations = '[data-testid="stPlotlyChart"] .annotation-text'

    page = visit.open("growth", charts=1)
    assert not any(wanted in text for text in page.locator(annotations).all_text_contents())

    page = visit.open("growth?later=show", charts=1)
    assert any(wanted in text for text in page.locator(annotations).all_text_contents())
    assert query(page).get("later") == ["show"]
    assert visit.exceptions() == []


# 7. A bad parameter --------------------------------------------------------------------------------


def test_unknown_view_in_link_gives_a_notice_and_the_default_chart(visit):
    page = visit.open("people?view=bogus", charts=1)

    expect(page.locator('[data-testid="stAlert"]')).to_contain_text(
        "The link's ?view= value was not recognised: this page has no such option, so it shows 'Ethnicity' instead."
    )
    assert "bogus" not in page.locator('[data-testid="stAlert"]').inner_text()
    assert visit.exceptions() == [] and visit.page_errors == []
    assert selected_option(page) == ["Ethnicity"]
    groups = list(dict.fromkeys(catalogue_rows("ethnicity.psw.")["category"]))
    assert bar_labels_top_to_bottom(page) == groups


# 8. A deep link as the first request to a fresh server ---------------------------------------------


def test_deep_link_on_a_fresh_server_runs_inside_the_app_navigation(make_visit):
    with serve.streamlit_server() as fresh_url:
        visit = make_visit(url=fresh_url)
        page = visit.open("people", charts=1)

        assert page.locator('[data-testid="stMain"] h1').all_inner_texts() == ["People"]
        sections = page.locator('[data-testid="stSidebar"] p.psw-menu-group')
        assert sections.all_inner_texts() == list(layout.PAGES)  # Start, The 2019 stocktake, About
        assert "The 2019 stocktake" in sections.all_inner_texts()
        # The shared footer comes from app.py, so it shows only when the page ran through it.
        expect(page.locator("p.psw-source").filter(has_text="Data: ")).to_have_count(1)
        assert urlparse(page.url).path.endswith("/people")
        assert visit.exceptions() == [] and visit.page_errors == []
        visit.close()


# 9. A phone ----------------------------------------------------------------------------------------


def test_overview_on_a_360px_phone_needs_no_sideways_scrolling(make_visit):
    visit = make_visit(width=360, height=800)
    page = visit.open("", charts=1)

    widths = page.evaluate("""() => {
        const main = document.querySelector('[data-testid="stMain"]');
        const block = document.querySelector('[data-testid="stMainBlockContainer"]');
        return {document: document.documentElement.scrollWidth, main: main.scrollWidth,
                mainClient: main.clientWidth, block: block.scrollWidth, blockClient: block.clientWidth};
    }""")
    assert widths["document"] <= 360, widths
    assert widths["main"] <= widths["mainClient"], widths
    assert widths["block"] <= widths["blockClient"], widths
    chart = page.locator('[data-testid="stPlotlyChart"] .main-svg').first.bounding_box()
    assert chart and chart["width"] > 200 and chart["x"] >= 0 and chart["x"] + chart["width"] <= 360, chart
    labels = page.locator('[data-testid="stPlotlyChart"] .scatterlayer .textpoint').all_text_contents()
    headcounts = pd.read_parquet(DATA / "headcount_series.parquet")["headcount"]
    assert sorted(int(label.replace(",", "")) for label in labels) == sorted(int(h) for h in headcounts)
    assert visit.exceptions() == [] and visit.page_errors == []
    screenshot_whole_page(visit, "overview-360")


def test_overview_chart_words_are_readable_on_a_360px_phone(make_visit):
    visit = make_visit(width=360, height=2400)
    page = visit.open("", charts=1)
    assert chart_text_problems(page) == []


def test_downloads_carry_each_bound_beside_its_value(visit):
    """'over 60%' is downloaded as 60 with 'over' beside it, from a chart and from the whole catalogue."""
    page = visit.open("training?view=mix", charts=1)
    _, csv = read_download(page)
    assert csv.set_index("figure_id").loc["training.in_house_solely_internal", ["value", "bound"]].tolist() == [
        60,
        "over",
    ]

    page = visit.open("data_sources?q=supervises", charts=0)
    _, csv = read_download(page, "Download these figures (CSV)")
    assert csv.set_index("figure_id").loc["supervision.mix_of_roles", ["value", "bound"]].tolist() == [75, "over"]
    # The new bound words travel the same way: 'up to 18' (and its ratio), 'At least four', 'about 140'.
    page = visit.open("data_sources?q=later.briefing", charts=0)
    _, csv = read_download(page, "Download these figures (CSV)")
    by_id = csv.set_index("figure_id")
    assert by_id.loc["later.briefing.trusts_contracting_out", ["value", "bound"]].tolist() == [4, "at least"]
    assert by_id.loc["later.briefing.large_trusts_psws", ["value", "bound"]].tolist() == [140, "about"]
    page = visit.open("data_sources?q=planning.trainees", charts=0)
    _, csv = read_download(page, "Download these figures (CSV)")
    assert csv.set_index("figure_id")["bound"].tolist() == ["up to", "up to"]
    # The trust list beside it: every trust with its ODS code, made when clicked.
    name, csv = read_download(page, "Download the trust list (CSV)")
    trusts = pd.read_parquet(DATA / "trusts.parquet")
    assert name == "psw-participating-trusts.csv" and len(csv) == len(trusts)
    assert csv.columns.tolist() == trusts.columns.tolist()
    assert csv["ods_code"].fillna("").tolist() == trusts["ods_code"].fillna("").tolist()
