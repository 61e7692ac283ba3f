"""The tables published as open data: each one's built source, schema, keys and the words for its columns.

Everything a column may hold (type, allowed values, bounds, uniqueness) comes from the pandera schema the
build validates against (psw_dash/build/schemas.py), so a word added there is allowed here at once. What the
schemas cannot say (what a column means, its unit, how the tables join) is said here, once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import pandera.pandas as pa

from psw_dash import paths
from psw_dash.build import schemas
from psw_dash.vocabulary import links, sources


@dataclass(frozen=True)
class Resource:
    name: str  # the CSV's name and the resource's name in datapackage.json
    title: str  # the spreadsheet sheet's title and the resource's title
    built_file: str  # the built Parquet file it is taken from (psw_dash/paths.py)
    model: type[pa.DataFrameModel]
    about: str  # what a row is, in a sentence
    rows: Callable[[pd.DataFrame], pd.DataFrame] = lambda table: table
    # (column, other resource, its column): values that must be found in the other table.
    foreign_keys: tuple[tuple[str, str, str], ...] = ()
    reference_data: bool = False  # ONS and NHS Digital open data, licensed under the OGL (data/SOURCES.md)
    sheet: str = ""  # the spreadsheet's tab name (at most 31 characters)
    extra: dict[str, Any] = field(default_factory=dict)
    # Column -> what it holds in this table, where that differs from COLUMNS (targets' value has no unit column).
    described: dict[str, Any] = field(default_factory=dict)
    # Where the columns come from and under which licence, when they differ (the Frictionless and Analysis Function
    # guidance: say each part's licence rather than one the whole table does not have).
    licence_by_column: str = ""


# Published values that differ from the built ones: a document is cited by its title, never by its file's name.
def document_title(source_doc: str) -> str:
    return sources.DOCUMENTS[source_doc].title


PUBLISHED = {"source_doc": document_title}
BY_TITLE = {document.title: document for document in sources.DOCUMENTS.values()}


def document_licences() -> str:
    """Each source document by its title, with its publisher and licence as stated."""
    return "; ".join(
        f"{doc.title} (publisher: {doc.publisher}): {doc.licence}"
        for doc in (sources.DOCUMENTS[file] for file in sources.SEED_DOCUMENTS)
    )


def published(table: pd.DataFrame) -> pd.DataFrame:
    """A built table as published: each PUBLISHED column mapped to its readers' words."""
    return table.assign(
        **{column: table[column].map(to_words) for column, to_words in PUBLISHED.items() if column in table}
    )


def _later_evidence(figures: pd.DataFrame) -> pd.DataFrame:
    return figures[figures["topic"].eq("later_evidence")].reset_index(drop=True)


RESOURCES = (
    Resource(
        "figures",
        links.TABLES["figures"],
        paths.FIGURES,
        schemas.Figures,
        "One figure a row: as printed in its source (derived false) or computed here (derived true, method in "
        "the note), with its unit, base, period, bound and citation.",
        sheet="Figures",
    ),
    Resource(
        "headcount_series",
        links.TABLES["headcount_series"],
        paths.HEADCOUNT_SERIES,
        schemas.HeadcountSeries,
        "One count of peer support workers a period, with the collection it came from.",
        foreign_keys=(("figure_id", "figures", "figure_id"),),
        sheet="Headcount_series",
    ),
    Resource(
        "targets",
        links.TABLES["targets"],
        paths.TARGETS,
        schemas.Targets,
        "One target a row, cited to the document that prints it and to where its date is printed. The sources "
        "differ on what 4,730 counts: the research briefing gives it as staff in post by the end of 2023/24, the "
        "2019 report as PSWs planned over the next five years, a training provider as additional workers to "
        "train (see the figures table).",
        foreign_keys=(("figure_id", "figures", "figure_id"),),
        sheet="Targets",
        described={
            "value": "The target, in peer support workers (headcount); a lower bound printed in words is in "
            "column qualifier",
            "by_period": "The period by which the target is due: as printed where its source dates it; for "
            "the NHS Long Term Plan's 4,730, which the 2019 report gives only 'over the next five "
            "years', the research briefing's date (column date_source)",
        },
    ),
    Resource(
        "later_evidence",
        links.TABLES["later_evidence"],
        paths.FIGURES,
        schemas.Figures,
        "The figure catalogue's rows of topic later_evidence: counts from documents after 2019 (other trusts, "
        "other dates, other methods), to read beside the 2019 census, never as part of its series.",
        rows=_later_evidence,
        foreign_keys=(("figure_id", "figures", "figure_id"),),
        sheet="Later_evidence",
    ),
    Resource(
        "trusts",
        links.TABLES["trusts"],
        paths.TRUSTS,
        schemas.Trusts,
        "One trust of the report's appendix a row, with its ODS code and NHS England region (April 2019).",
        foreign_keys=(("region_code", "regions", "region_code"),),
        reference_data=True,
        sheet="Trusts",
        licence_by_column="Licences differ by column: trust_name is as in the 2019 report's appendix (licence "
        "not stated); ods_code, region_code and region_name are from the NHS Digital ODS trusts extract and ONS "
        "region data (Open Government Licence v3.0), five of them matched by this project by hand; "
        "match_method is written by this project.",
    ),
    Resource(
        "regions",
        links.TABLES["regions"],
        paths.REGIONS,
        schemas.Regions,
        "One NHS England region a row: mid-2019 population, participating trusts and two derived measures.",
        reference_data=True,
        sheet="Regions",
        licence_by_column="Licences differ by column: region_code, region_name and population are ONS data "
        "(Open Government Licence v3.0); participating_trusts counts the 2019 report's appendix list (licence "
        "not stated) by region; trusts_per_million is derived and modelled_target_share modelled by this "
        "project, the latter from the 2019 report's 4,730 (licence not stated).",
    ),
)

BY_NAME = {resource.name: resource for resource in RESOURCES}

# What each column holds, with its unit where it has one. A test checks every column of every published
# schema is described here, so a column added to psw_dash/build/schemas.py cannot be published unexplained.
COLUMNS = {
    "figure_id": "The figure's id, stable across builds: topic, then measure and category, dotted",
    "topic": "The figure's topic (which part of the report or dashboard it belongs to)",
    "measure": "What is measured, in words",
    "category": "The category within the measure (an ethnic group, a band, a setting); empty where there is none",
    "value": "The value, in the row's unit (column unit), as printed; a bound printed in words is in column bound",
    "unit": "The unit of value: count (people or organisations), percent, wte (whole-time equivalent), per_100k "
    "(per 100,000 population), hours, ratio",
    "base_n": "The base (n) of a percentage, only where the source prints it; empty otherwise",
    "period": "The period or date the figure refers to, as printed",
    "source_doc": "The source document's title (its publisher and licence are in the package's sources)",
    "source_section": "The section of the source (for documents without headings: the paragraph's opening words)",
    "source_page": "The section's start page in the report's contents; empty for documents without page numbers",
    "derived": "true where the value is computed here, not printed (the note states the method: 'Derived:' "
    "arithmetic on printed figures, 'Modelled:' resting on an assumption)",
    "note": "Caveats, and for a derived or modelled value its method and inputs",
    "bound": "Where the source printed a bound in words ('over three quarters'), the word that goes before the "
    "value ('over'); empty where the value was printed as a number",
    "period_end": "The date the count stands at (ISO 8601); a financial year's count is dated at its end",
    "headcount": "Peer support workers counted (headcount, people)",
    "collection": "Which collection counted it: the series breaks between the two (see the package description)",
    "comparable_with_2019": "true only for the 2019 census count; earlier counts are from another collection",
    "target_id": "The target's id",
    "plan": "The plan that set the target, and how it dates it",
    "by_period": "The period by which the target is due, as printed",
    "by_date": "The date by which the target is due (ISO 8601)",
    "qualifier": "'more than' where the plan printed the target as a lower bound ('over 6,500'); else empty",
    "date_source": "Where the date is printed, when another document gives it",
    "trust_name": "The trust's name as in the report's appendix",
    "ods_code": "The trust's NHS ODS code; empty where the 2020 ODS extract does not list it (not typed from memory)",
    "region_code": "The NHS England region's ONS code (April 2019 regions)",
    "region_name": "The NHS England region's name (April 2019)",
    "match_method": "How the trust was matched to its ODS code and region",
    "population": "Mid-2019 resident population (ONS estimates; people)",
    "participating_trusts": "Participating trusts in the region (count)",
    "trusts_per_million": "Derived: participating trusts per million residents (trusts / population x 1,000,000)",
    "modelled_target_share": "Modelled: the 4,730 target shared out by population share (PSWs); not a published "
    "allocation",
}
