"""The briefing pack builds from the data, reads back with every view's headline and source line,
has one image per chart, opens with the summary and the headline chart, ends with its sources and versions,
and is an accessible PDF: title, language, tags, marked content, and no error or warning from the PDF/UA checker."""

from __future__ import annotations

import io
import re
import shutil
from dataclasses import replace

import pikepdf
import pytest
from pdfua import Severity, validate
from PIL import Image
from pypdf import PdfReader

from psw_dash import paths
from psw_dash.export import pack
from psw_dash.planner import defaults as planner_defaults
from psw_dash.views import views
from tests.helpers import pdf_page_png

PICTURES = paths.ROOT / "artifacts" / "pack"


def squeezed(text: str) -> str:
    """Text without any whitespace: PDF text extraction breaks lines wherever the layout did."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def whole_pack() -> bytes:
    return pack.build(pack.WHOLE)


@pytest.fixture(scope="module")
def reader(whole_pack) -> PdfReader:
    return PdfReader(io.BytesIO(whole_pack))


def without_footers(text: str) -> str:
    """The text without the running footer, which text extraction reads out wherever a page ends, even in the middle
    of a sentence that runs on to the next page (the footer is an artifact, not the pack's content)."""
    report = pack.sources.DOCUMENTS[pack.sources.STOCKTAKE].short_name
    footer = re.escape(f"Source: {report}; census {pack.CENSUS_DATE}. PSW briefing pack.") + r"\s*Page \d+ of \d+"
    return re.sub(footer, " ", text)


def test_every_view_has_its_headlines_and_source_lines(reader):
    text = squeezed(without_footers(" ".join(page.extract_text() for page in reader.pages)))
    for section in pack.sections(pack.WHOLE):
        assert squeezed(section.title) in text
        for framed in section.framed:
            for chart in framed.charts:
                assert squeezed(chart.headline) in text, chart.headline
            assert squeezed(pack.source_of(framed)) in text, framed.key


def test_one_image_per_chart(reader):
    """One per chart in the views, and the headline chart again on page 1."""
    charts = sum(len(framed.charts) for section in pack.sections(pack.WHOLE) for framed in section.framed)
    assert charts == 28  # Regions: the report's map of its words, then the context map and its ranked bars
    assert sum(len(page.images) for page in reader.pages) == charts + 1


def test_page_one_is_the_summary_and_the_headline_chart(reader):
    """A reader in a hurry gets the finding on page 1: the summary and the headline chart with its caveats and
    source, the date made in words and no version identifier; page 2 is how to read it and the contents, running
    on into the Overview's key figures (not the tail of a list on a page of its own)."""
    first, second = (squeezed(page.extract_text()) for page in reader.pages[:2])
    headline = pack.headline_framed()
    for words in (
        "In brief",
        "862 peer support workers",
        headline.chart.headline,
        "In words:",
        "Caveats: Series break",
        pack.source_of(headline),
        "Census date 30 September 2019",
        "Made on",
    ):
        assert squeezed(words) in first, words
    assert len(reader.pages[0].images) == 1
    assert "commit" not in first and pack.data_version() not in first, "version identifiers belong in the annex"
    for words in ("How to read this pack", "Contents", "Overview", "Key figures"):
        assert squeezed(words) in second, words


def test_the_annex_comes_last_with_every_document_cited_and_the_versions(reader):
    """Every document the pack names (the training provider's pages, cited inside the gap's source, too) is
    listed with its licence, and the exact versions close the pack."""
    pages = [squeezed(without_footers(page.extract_text())) for page in reader.pages]
    text = "".join(pages)
    annex = text[text.rindex(squeezed("Sources and licences")) :]
    assert squeezed("ImROC training pages") in text
    named = [d for d in pack.sources.DOCUMENTS.values() if squeezed(d.short_name) in text]
    assert len(named) >= 4
    for document in named:
        assert squeezed(document.title) in annex, document.title
    assert squeezed("About this pack") in pages[-1]
    # The dashboard version (the commit here) is read when the pack is made; the data version names the data.
    assert squeezed("Dashboard version") in pages[-1]
    assert squeezed(f"data version {pack.data_version()}") in pages[-1]


def test_the_pack_has_a_section_per_view_with_charts_including_the_planner(reader):
    """Every view with charts (the planner too) has its section, each with its charts; the planner's holds its
    scenario's words, modelled figures, assumptions with sources, the path chart and the later evidence."""
    all_sections = pack.sections(pack.WHOLE)
    assert [s.title for s in all_sections] == ["Overview"] + [page.title for page in pack.pack_pages()]
    assert "Plan to the target" in [s.title for s in all_sections]
    assert all(s.framed and all(f.charts for f in s.framed) for s in all_sections[1:])
    text = squeezed(" ".join(page.extract_text() for page in reader.pages))
    (planner,) = [s for s in all_sections if s.title == "Plan to the target"]
    for words in (
        planner.framed[0].chart.headline,
        "Everything in this section is modelled",
        "about 1,112 recruits a year, each trained at least once",
        "The assumptions of this scenario, and where each comes from",
        "train up to 18 PSWs to fill 6 FTE posts",
        "Modelled from: start PSW Stocktake 2019",
        "What 4,730 counts: the sources differ",
        "FTE posts they may fill, as few as (modelled)",
        "Research findings on LX roles (undated, 2023 or later): its own figures",
        "The same research findings restating the 2019 report",
        "about 140",
        "Before the introduction of the PSW Lead post",
        "Caveats: Modelled: some values rest on an assumption",
    ):
        assert squeezed(words) in text, words
    headings = [t.heading for t in planner.before + planner.after]
    assert {"Modelled figures", "The assumptions of this scenario"} <= set(headings)
    assert all(
        table.table.empty or (table.table["Type"] == "modelled").all()
        for table in planner.before
        if "Type" in table.table
    )


def test_the_planner_section_prints_the_scenario_on_screen():
    """The scenario a reader set (and said to be theirs), not the default; the default when there is none."""
    default = planner_defaults.default()
    mine = replace(default, scenario=default.scenario.with_(leaver_rate=0.2), leavers=planner_defaults.OWN)
    (section,) = pack.sections("pages/planner.py", mine)
    assert "with 20% of staff leaving each year" in section.intro
    assumptions = next(t for t in section.before if t.heading == "The assumptions of this scenario")
    assert "your own leaver rate" in assumptions.source and "Sickness, vacancies" not in assumptions.source
    assert "11% of staff leaving" in pack.sections("pages/planner.py")[0].intro
    assert pack.key(pack.PLANNER, default) == pack.key(pack.PLANNER, None)
    assert pack.key(pack.PLANNER, mine) != pack.key(pack.PLANNER, None)
    assert pack.key("pages/people.py", mine) == pack.key("pages/people.py", None)


def test_title_language_and_tags(reader):
    root = reader.trailer["/Root"]
    assert reader.metadata.title == f"{pack.TITLE}: All views"
    assert root["/Lang"] == "en-GB"
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    structure = root["/StructTreeRoot"].get_object()
    assert structure["/K"], "the structure tree is empty"
    tags = set(re.findall(r"/(Table|TH|TD|Figure|H1|H2|H3|P|L|LI)\b", str(_structure_types(structure))))
    assert {"Table", "TH", "TD", "Figure", "H1", "H2"} <= tags


def _structure_types(node, seen=None, depth=0) -> list[str]:
    """Every /S (structure type) in the tag tree."""
    seen = seen if seen is not None else []
    node = node.get_object() if hasattr(node, "get_object") else node
    if depth > 40:
        return seen
    if isinstance(node, dict):
        if "/S" in node:
            seen.append(str(node["/S"]))
        if "/K" in node:
            _structure_types(node["/K"], seen, depth + 1)
    elif isinstance(node, list):
        for child in node:
            _structure_types(child, seen, depth + 1)
    return seen


@pytest.mark.parametrize("scope", [pack.WHOLE, "pages/people.py"])
def test_the_pdf_ua_checker_finds_no_error_or_warning(scope, tmp_path):
    """pdfua checks the machine-checkable PDF/UA-1 rules it implements (16 of 106; docs/accessibility.md): every
    piece of content tagged or an artifact (Chromium's footer is neither until pdf_ua marks it), the XMP packet
    with the PDF/UA identification, structure tree, language, alternative text, tables, headings, title."""
    path = tmp_path / "pack.pdf"
    path.write_bytes(pack.build(scope))
    report = validate(str(path))
    found = [
        f"{f.rule_id} {f.severity.name} {f.location}: {f.message}"
        for f in report.findings
        if f.severity in (Severity.ERROR, Severity.WARNING)
    ]
    assert found == []
    assert [o.rule_id for o in report.outcomes if o.skipped_reason] == [], "a rule could not check the pack"


def test_the_footer_is_a_pagination_artifact_and_the_xmp_declares_pdf_ua(whole_pack):
    with pikepdf.open(io.BytesIO(whole_pack)) as pdf:
        with pdf.open_metadata() as meta:
            assert meta["pdfuaid:part"] == "1"
            assert meta["dc:title"] == pack.document_title(pack.WHOLE)
            assert meta["dc:language"] == {pack.LANGUAGE}
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
        for page in pdf.pages:
            instructions = pikepdf.parse_content_stream(page)
            footers = [
                i
                for i in instructions
                if str(i.operator) == "BDC"
                and i.operands[0] == pikepdf.Name.Artifact
                and i.operands[1].get("/Subtype") == pikepdf.Name.Footer
            ]
            assert len(footers) >= 2  # the source line and "Page n of N", at least


def test_every_page_has_the_source_and_its_number(reader):
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        text = squeezed(page.extract_text())
        assert squeezed(f"Page {number} of {total}") in text
        assert squeezed("Source: PSW Stocktake 2019 (NHSBN/HEE, 2020)") in text


def test_cover_and_annex(reader):
    text = squeezed(" ".join(page.extract_text() for page in reader.pages))
    for words in (
        "Census date",
        "30 September 2019",
        "Sources and licences",
        "Open Government Licence",
        "Dashboard version",
        "Definitions",
        "The series break",
        "The report's own inconsistencies",
        "make 84%, not 94%",
    ):
        assert squeezed(words) in text, words


def test_a_second_request_is_served_from_the_store(whole_pack):
    assert pack.cached(pack.WHOLE) is whole_pack
    assert pack.build(pack.WHOLE) is whole_pack


def test_one_view_pack_holds_that_view_only():
    reader = PdfReader(io.BytesIO(pack.build("pages/people.py")))
    text = squeezed(" ".join(page.extract_text() for page in reader.pages))
    assert all(squeezed(f.chart.headline) in text for f in views.framed_of("pages/people.py"))
    assert squeezed(views.growth().chart.headline) not in text
    assert sum(len(page.images) for page in reader.pages) == 4


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils' pdftoppm is not installed")
def test_pack_pages_turn_into_pictures(whole_pack, tmp_path):
    """Two pages (the summary with the headline chart, then the contents and the Overview's key figures) as PNG in
    artifacts/pack/, for a person to look at."""
    PICTURES.mkdir(parents=True, exist_ok=True)
    source = tmp_path / "pack.pdf"
    source.write_bytes(whole_pack)
    for number in (1, 2):
        pdf_page_png(source, number, 80, PICTURES / f"page-{number}")
        picture = Image.open(PICTURES / f"page-{number}.png").convert("L")
        assert picture.getextrema()[0] < 100, f"page {number} is blank"
