"""The slides read back with python-pptx: one titled slide per chart in the views' order, each a native chart
(not a picture) holding the numbers of the dashboard's table for that chart, with its words as alternative text
and notes, its source and caveat flags as text, in reading order; a cover with the version; closing slides."""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.util import Emu
from pypdf import PdfReader

from psw_dash import paths
from psw_dash.charts import contrast, images
from psw_dash.export import pack, slides
from psw_dash.planner import defaults as planner_defaults
from psw_dash.planner import model as planner
from psw_dash.reading import data
from psw_dash.views import views
from tests.helpers import pdf_page_png

# 28 charts in the pack: the context map travels as its ranked bars (one slide fewer); the report's words by region,
# a map with no bars, as a native table.
CHART_SLIDES = 27
CLOSING = ["Definitions", "The series break", "What 4,730 counts: the sources differ"]


def _read(deck: bytes):
    return Presentation(io.BytesIO(deck))


@pytest.fixture(scope="module")
def whole():
    return _read(slides.build(pack.WHOLE))


@pytest.fixture(scope="module")
def expected():
    return slides.chart_slides(pack.WHOLE)


def _title(slide) -> str:
    return slide.shapes.title.text_frame.text


def _chart_of(slide):
    (chart_frame,) = [s for s in slide.shapes if s.has_chart]
    return chart_frame


def _table_of(slide):
    (table_frame,) = [s for s in slide.shapes if s.has_table]
    return table_frame


def test_one_slide_per_chart_in_the_views_order(whole, expected):
    framed = [f for page in pack.pack_pages() for f in views.framed_of(page.file)]
    assert len(framed) == len(expected) == CHART_SLIDES
    chart_slides = list(whole.slides)[1 : -len(CLOSING)]
    assert [_title(s) for s in chart_slides] == [(f.beside or f.chart).headline for f in framed]
    assert [_title(s) for s in list(whole.slides)[-len(CLOSING) :]] == CLOSING


def test_every_slide_is_titled_in_its_title_placeholder_and_titles_are_unique(whole):
    titles = []
    for slide in whole.slides:
        title = slide.shapes.title
        assert title is not None and title.is_placeholder
        assert title.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
        assert title.text_frame.text.strip()
        titles.append(title.text_frame.text)
    assert len(titles) == len(set(titles)) == 1 + CHART_SLIDES + len(CLOSING)


def test_a_repeated_headline_gets_its_view_in_the_title():
    seen: set[str] = set()
    assert slides._unique("Same", "People", seen) == "Same"
    assert slides._unique("Same", "People", seen) == "Same (People)"
    assert slides._unique("Same", "People", seen) == "Same (People, 3)"


def _bar_numbers(chart) -> tuple[list[str], list[list]]:
    plot = chart.plots[0]
    return list(plot.categories), [list(series.values) for series in plot.series]


def _expected_bars(framed: views.Framed) -> tuple[list[str], list[list]]:
    """The categories and values the dashboard's table gives for a bar chart: its first rows are the bars."""
    if framed.key == "map":
        return list(framed.table["category"]), [list(framed.table["value"])]
    spec = views.CHARTS[framed.key]
    rows = data.rows(*spec.patterns)
    if isinstance(spec, views.Comparison):
        categories = list(dict.fromkeys(rows["category"]))
        values = [
            [
                rows[(rows["measure"] == m) & (rows["category"] == c)]["value"].iloc[0]
                if ((rows["measure"] == m) & (rows["category"] == c)).any()
                else None
                for c in categories
            ]
            for m in dict.fromkeys(rows["measure"])
        ]
        return categories, values
    labels = list(spec.labels) if spec.labels else [r.category or r.measure for r in rows.itertuples()]
    return labels, [list(rows["value"])]


def test_each_chart_holds_the_numbers_of_its_table(whole, expected):
    """Categories and values equal the rows the CSV download holds for that chart, in its order."""
    framed = {f.key: f for page in pack.pack_pages() for f in views.framed_of(page.file)}
    for slide, shown in zip(list(whole.slides)[1:], expected, strict=False):
        key = next(k for k, f in framed.items() if (f.beside or f.chart).headline == shown.chart.headline)
        if slides.is_map(shown.chart):  # the report's words by region: the screen's table, cell for cell
            table = _table_of(slide).table
            cells = [[table.cell(i, j).text for j in range(len(table.columns))] for i in range(len(table.rows))]
            readable = framed[key].table.drop(columns=list(slides.CITATION_COLUMNS))
            assert cells == [
                list(readable.columns),
                *[[str(v) for v in row] for row in readable.itertuples(index=False)],
            ]
            continue
        chart = _chart_of(slide).chart
        if key in ("growth", "planner"):
            _check_dated(chart, framed[key])
            continue
        pd.testing.assert_frame_equal(
            pd.DataFrame(_bar_numbers(chart)[1]).fillna(-1),
            pd.DataFrame(_expected_bars(framed[key])[1]).fillna(-1),
            check_dtype=False,
            obj=key,
        )
        assert _bar_numbers(chart)[0] == _expected_bars(framed[key])[0], key


def _xy(series) -> list[tuple[float, float]]:
    xs = [float(v) for v in series._element.xpath("./c:xVal//c:pt/c:v/text()")]
    return list(zip(xs, series.values, strict=True))


def _check_dated(chart, framed: views.Framed) -> None:
    named = {series.name: _xy(series) for series in chart.plots[0].series}
    if framed.key == "growth":
        for collection, rows in framed.table.groupby("collection", sort=False):
            assert named[collection] == [(slides.serial(r.period_end), r.headcount) for r in rows.itertuples()]
        assert "Series break" in named and len(named["Series break"]) == 2  # a dotted vertical line, labelled
        (target,) = [points for name, points in named.items() if name.startswith("Target")]
        assert {y for _, y in target} == {4730}
    else:
        path = [round(y) for _, y in named["Modelled path"]]
        assert path[1:] == list(framed.table["Headcount at end (modelled)"])


def test_charts_are_native_with_their_data_embedded_and_no_pictures(whole):
    tables = 0
    for slide in list(whole.slides)[1 : 1 + CHART_SLIDES]:
        if any(s.has_table for s in slide.shapes):  # the report's words by region: a native table, no picture
            assert not [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
            tables += 1
            continue
        frame_ = _chart_of(slide)
        assert frame_.shape_type == MSO_SHAPE_TYPE.CHART
        assert not [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        workbook = openpyxl.load_workbook(io.BytesIO(frame_.chart.part.chart_workbook.xlsx_part.blob))
        cells = [c for row in workbook.active.iter_rows(values_only=True) for c in row if c is not None]
        assert cells, _title(slide)
    assert tables == 1  # only the report's words by region: every other chart is a native chart


def test_alt_text_is_the_words_and_the_notes_hold_them_with_the_views_link(whole, expected):
    for slide, shown in zip(list(whole.slides)[1:], expected, strict=False):
        described = [
            s for s in slide.shapes if s.shape_type in (MSO_SHAPE_TYPE.CHART, MSO_SHAPE_TYPE.PICTURE) or s.has_table
        ]
        assert described and all(s._element.xpath(".//p:cNvPr/@descr")[0] == shown.chart.summary for s in described)
        notes = slide.notes_slide.notes_text_frame.text
        assert shown.chart.summary in notes and shown.link in notes
        links = slide.notes_slide.part.rels.values()
        assert shown.link in [r.target_ref for r in links if r.is_external]


def test_links_open_the_view_at_its_chart():
    by_key = {s.chart.headline: s.link for s in slides.chart_slides(pack.WHOLE, address="https://psw.example")}
    assert by_key[views.framed("pay_bands").chart.headline] == "https://psw.example/employment?view=bands"
    assert by_key[views.growth().chart.headline] == "https://psw.example/growth"


def test_reading_order_title_subtitle_chart_words_caveats_source(whole, expected):
    for slide, shown in zip(list(whole.slides)[1:], expected, strict=False):
        names = [s.name for s in slide.shapes]
        order = [
            names[0],
            *[
                n
                for n in names[1:]
                if n in ("Subtitle", "In words", "Caveats", "Source") or n.startswith(("Chart:", "Table:"))
            ],
        ]
        assert slide.shapes[0] == slide.shapes.title
        wanted = [
            "Subtitle",
            "Table" if slides.is_map(shown.chart) else "Chart",
            "In words",
            *(["Caveats"] if shown.flags else []),
            "Source",
        ]
        assert [n.split(":")[0] for n in order[1:]] == wanted, shown.title
        tops = [s.top for s in slide.shapes]
        assert tops == sorted(tops), f"shapes out of reading order down the slide: {shown.title}"
        assert max(s.top + s.height for s in slide.shapes) <= whole.slide_height, shown.title


def test_source_and_flags_are_text_on_every_chart_slide(whole, expected):
    assert sum(bool(s.flags) for s in expected) >= 5
    for slide, shown in zip(list(whole.slides)[1:], expected, strict=False):
        texts = {s.name: s.text_frame.text for s in slide.shapes if s.has_text_frame}
        assert texts["Source"] == shown.source and shown.source.startswith("Source: ")
        assert texts["Subtitle"] == shown.chart.subtitle
        for flag in images.caveats(shown.table):
            assert flag in texts["Caveats"], shown.title
    growth = next(s for s in expected if s.chart.headline == views.growth().chart.headline)
    assert images.CAVEATS["series break"] in growth.flags


def test_text_contrast_is_at_least_4_5_to_1(whole):
    for slide in whole.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    colour = "#" + str(run.font.color.rgb)
                    assert contrast.ratio(colour, "#FFFFFF") >= 4.5, (shape.name, colour)


def test_bounds_travel_as_hatched_bars_with_their_word(whole, expected):
    (slide, shown) = next(
        (sl, sh)
        for sl, sh in zip(list(whole.slides)[1:], expected, strict=False)
        if sh.chart.headline == views.framed("paid_roles").chart.headline
    )
    series = _chart_of(slide).chart.plots[0].series[0]
    bounded = list(shown.table["bound"].fillna("").astype(bool))[: len(series.values)]
    patterned = [p.format.fill.type == 2 for p in series.points]  # MSO_FILL.PATTERNED
    assert patterned == bounded and any(bounded)
    assert series.points[bounded.index(True)].data_label.text_frame.text.startswith("about ")


def test_the_cover_has_the_census_date_sources_licences_and_version(whole):
    text = " ".join(s.text_frame.text for s in whole.slides[0].shapes if s.has_text_frame)
    for words in (
        "30 September 2019",
        "Sources and licences",
        "Licence:",
        "Open Government Licence",
        f"Dashboard version: {pack.app_version()}",
        "Made:",
    ):
        assert words in text, words
    assert whole.core_properties.title == f"{slides.TITLE}: All views"


def test_the_planner_slide_shows_the_scenario_on_screen_marked_modelled():
    default = planner_defaults.default()
    mine = replace(
        default, scenario=default.scenario.with_(leaver_rate=0.2, shape=planner.STRAIGHT), leavers=planner_defaults.OWN
    )
    (shown,) = slides.chart_slides("pages/planner.py", mine, "http://x")
    assert shown.chart.headline == views.planner_framed(mine).chart.headline
    assert shown.chart.headline != views.planner_framed(default).chart.headline
    assert "(modelled)" in shown.title and images.CAVEATS["modelled"] in shown.flags
    assert shown.link == "http://x/planner?leavers=own&shape=straight&rate=20"
    assert slides.chart_slides("pages/planner.py")[0].link == f"{slides.LOCAL_ADDRESS}/planner"
    deck = _read(slides.build("pages/planner.py", planned=mine, address="http://x"))
    assert _title(deck.slides[1]) == shown.title
    assert slides.cached("pages/planner.py", mine, "http://x") is not None
    assert slides.cached("pages/planner.py", None, "http://x") is None  # the default's deck was not asked for


def test_one_view_deck_and_the_store(whole):
    people = _read(slides.build("pages/people.py"))
    assert [_title(s) for s in list(people.slides)[1 : -len(CLOSING)]] == [
        f.chart.headline for f in views.framed_of("pages/people.py")
    ]
    assert slides.build(pack.WHOLE) is slides.cached(pack.WHOLE)
    assert slides.file_name("pages/people.py") == "psw-2019-slides-people.pptx"
    assert Emu(people.slide_width).inches == pytest.approx(13.333, abs=0.01)


PICTURES = paths.ROOT / "artifacts" / "slides"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice Impress (soffice) is not installed: `python dev.py test` "
    "installs Debian's libreoffice-impress where apt-get exists",
)
def test_every_deck_opens_in_libreoffice_impress_and_three_slides_are_pictured(tmp_path):
    """Every deck (all views, and each view's) converts to PDF in LibreOffice, a page per slide; the cover, the
    growth chart and a bar chart are drawn to artifacts/slides/three-slides.png for a person to look at."""
    scopes = [pack.WHOLE, *(page.file for page in pack.pack_pages())]
    for scope in scopes:
        (tmp_path / slides.file_name(scope)).write_bytes(slides.build(scope))
    decks = sorted(tmp_path.glob("*.pptx"))
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            *map(str, decks),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    for deck in decks:
        pdf = tmp_path / "pdf" / deck.with_suffix(".pdf").name
        assert pdf.exists(), f"LibreOffice did not convert {deck.name}"
        assert len(PdfReader(pdf).pages) == len(_read(deck.read_bytes()).slides), deck.name
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils' pdftoppm is not installed: the slides were converted but not pictured")
    whole_pdf = tmp_path / "pdf" / Path(slides.file_name(pack.WHOLE)).with_suffix(".pdf").name
    pictures = []
    for number in (1, 2, 11):  # the cover, Growth and target, paid roles (a hatched bound)
        pdf_page_png(whole_pdf, number, 60, tmp_path / f"slide-{number}")
        picture = Image.open(tmp_path / f"slide-{number}.png").convert("RGB")
        assert picture.convert("L").getextrema()[0] < 100, f"slide {number} is blank"
        pictures.append(picture)
    sheet = Image.new("RGB", (pictures[0].width, sum(p.height for p in pictures) + 8 * len(pictures)), "#B1B4B6")
    for index, picture in enumerate(pictures):
        sheet.paste(picture, (0, index * (picture.height + 8)))
    PICTURES.mkdir(parents=True, exist_ok=True)
    sheet.save(PICTURES / "three-slides.png")


def test_decks_for_many_addresses_are_kept_at_most_kept_decks():
    """The address comes from the reader's browser: a flood of made-up ones cannot grow the store without bound."""
    for number in range(slides.KEPT_DECKS + 3):
        slides.build("pages/service_models.py", address=f"http://made-up-{number}.example")
    assert len(slides._kept._kept) <= slides.KEPT_DECKS
    assert slides.cached("pages/service_models.py", None, f"http://made-up-{slides.KEPT_DECKS + 2}.example")
    assert slides.cached("pages/service_models.py", None, "http://made-up-0.example") is None
