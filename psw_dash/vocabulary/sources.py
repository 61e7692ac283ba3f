"""The documents the figures are transcribed from, and the series break between collections.

Every catalogue row names one of these documents; the build refuses any other.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for annotations: the vocabulary imports no pandas at run time
    import pandas as pd

STOCKTAKE = "000_d54a16b8cd8145db.txt"
BRIEFING = "001_4139a31dce05cf1d.txt"
CASE_STUDY = "002_ffb0340cb1b25418.txt"
TRAINING_PROVIDER = "003_b233357f37d4781b.txt"
PROGRAMME_PAGE = "004_3086ec90ed93732e.txt"
REFERENCE = "reference data (ONS, NHS Digital ODS)"


@dataclass(frozen=True)
class Document:
    file: str
    title: str
    publisher: str
    published: str
    role: str
    licence: str
    short_name: str
    # Only the report has numbered pages (its contents list gives each section's start page). The
    # other documents are web pages or text with none, so their rows cite a heading or paragraph and
    # leave the page empty: a page number there would be invented.
    paginated: bool = False


DOCUMENTS = {
    STOCKTAKE: Document(
        file=STOCKTAKE,
        title="National Workforce Stocktake of Mental Health Peer Support Workers in NHS Trusts, report V1.3",
        publisher="NHS Benchmarking Network for Health Education England",
        published="1 September 2020 (census date 30 September 2019)",
        role="primary source",
        licence="Not stated in the text copy; figures are quoted with citation for public-sector analysis.",
        short_name="PSW Stocktake 2019 (NHSBN/HEE, 2020)",
        paginated=True,
    ),
    # Named by what it says of itself: it has no title, publisher or date in the text copy, and says its
    # 'Research findings are based on' interviews with HR or workforce leads and stakeholder reflection groups.
    # It is dated only as after its latest citation (a document 'accessed Sept 2023').
    BRIEFING: Document(
        file=BRIEFING,
        title="Research findings on Lived Experience (LX) and peer worker roles in English mental health trusts "
        "(untitled in the text copy; based, it says, on interviews with heads of HR or workforce leads and "
        "stakeholder reflection groups)",
        publisher="not named in the text copy",
        published="undated; 2023 or later (it cites the NHS Long Term Workforce Plan 2023 and a document "
        "'accessed Sept 2023')",
        role="secondary source: later targets and the spread of PSWs across trusts after 2019",
        licence="Not stated in the text copy; figures are quoted with citation.",
        short_name="Research findings on LX roles (undated, 2023 or later)",
    ),
    CASE_STUDY: Document(
        file=CASE_STUDY,
        # The page prints no title or publisher: the title is the project's own words (so marked), and the page
        # gives only its posting date and a contact at the trust.
        title="[Project's description, not a printed title] Case study of the Peer Support Lead role at Sheffield "
        "Health and Social Care NHS Foundation Trust",
        publisher="not named on the page (it gives a contact at Sheffield Health and Social Care NHS Foundation Trust)",
        published="posted 13 February 2025",
        role="context: one trust's growth after 2019",
        licence="Not stated in the text copy; figures are quoted with citation.",
        short_name="SHSC case study (2025)",
    ),
    TRAINING_PROVIDER: Document(
        file=TRAINING_PROVIDER,
        title="ImROC Peer Support Training pages",
        publisher="ImROC (peer support training provider)",
        published="undated web pages",
        role="planning assumptions for training (each cited)",
        licence="Not stated in the text copy; figures are quoted with citation.",
        short_name="ImROC training pages",
    ),
    PROGRAMME_PAGE: Document(
        file=PROGRAMME_PAGE,
        title="Peer support workers: the national programme page",
        publisher="Health Education England",
        published="undated web page",
        role="context: growth areas and the competence framework",
        licence="Not stated in the text copy; figures are quoted with citation.",
        short_name="HEE peer support workers page",
    ),
    REFERENCE: Document(
        file=REFERENCE,
        title="Mid-2019 population (ONS), NHS England regions April 2019 (ONS), NHS trusts (NHS Digital ODS)",
        publisher="Office for National Statistics; NHS Digital",
        published="2019-2020 releases",
        role="reference data for rates and the map",
        licence="Open Government Licence v3.0",
        short_name="Office for National Statistics; NHS Digital",
    ),
}

# The documents in ../shared/seeds that figures are transcribed from (the reference data is not one).
SEED_DOCUMENTS = (STOCKTAKE, BRIEFING, CASE_STUDY, TRAINING_PROVIDER, PROGRAMME_PAGE)
PAGINATED = frozenset(file for file, doc in DOCUMENTS.items() if doc.paginated)

# Section -> start page, from the report's contents list. The text copy has no page breaks.
STOCKTAKE_SECTIONS = {
    "Introduction": 3,
    "Background": 4,
    "NHS workforce profile": 6,
    "Service models": 12,
    "Workforce composition": 17,
    "Workforce demographics": 22,
    "Sickness, vacancies and temporary staffing": 28,
    "Training": 32,
    "Conclusions": 34,
    "Appendix": 36,
}

# The two collections behind the headcount series. Shown wherever the series appears.
COLLECTION_BENCHMARKING = "NHSBN mental health benchmarking (before 2019)"
COLLECTION_CENSUS = "2019 national stocktake census"
SERIES_BREAK_NOTE = (
    "Series break: counts for 2015/16 to 2017/18 come from the NHS Benchmarking Network's mental health "
    "benchmarking data, which the report says it has collected 'since 2016/17'; the 2019 figure is the 30 September "
    "2019 stocktake census of all {organisations} mental health trusts, which counts externally employed and unpaid "
    "PSWs too. What the earlier data counted the report does not say, beyond a chart caption 'Paid Peer Support "
    "Workers within NHS mental health services'. The two are not strictly comparable."
)


def series_break_note(organisations: float) -> str:
    """The series break in words, with the census's number of trusts from the catalogue, not typed."""
    return SERIES_BREAK_NOTE.format(organisations=f"{organisations:,.0f}")


OGL_LINE = "Contains public sector information licensed under the Open Government Licence v3.0."
BOUNDARY_ATTRIBUTION = (
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
    "Contains OS data © Crown copyright and database right 2019."
)


def citation(source_doc: str, section: str | None = None, page: float | None = None) -> str:
    """A short citation a reader can follow: document, section and page."""
    doc = DOCUMENTS.get(source_doc)
    parts = [doc.short_name if doc else source_doc]
    if section:
        parts.append(section)
    if page is not None and not math.isnan(page):
        parts.append(f"p.{int(page)}")
    return ", ".join(parts)


def citations(table: pd.DataFrame) -> list[str]:
    """citation() for every row of a table with source_doc, source_section and source_page columns."""
    return [
        citation(doc, section, page)
        for doc, section, page in zip(table["source_doc"], table["source_section"], table["source_page"], strict=True)
    ]
