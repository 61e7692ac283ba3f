"""The open data the build writes to data/open/: a Frictionless Data Package and an accessible spreadsheet.

What an analyst would check: the package validates, a broken row does not, every figure is in both,
the schema says what the build's own schema says, and the sources and licences are data/SOURCES.md's.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import frictionless
import openpyxl
import pandas as pd
import pytest

from psw_dash import paths
from psw_dash.build import schemas
from psw_dash.build.open_data import resources, sources_md, spreadsheet
from psw_dash.reading import data
from psw_dash.vocabulary import links, sources

OPEN = links.DIR


@pytest.fixture(scope="module")
def descriptor() -> dict:
    return json.loads((OPEN / links.DATAPACKAGE).read_text(encoding="utf-8"))


def _errors(report: frictionless.Report) -> list[list]:
    """[resource, row number (the header is row 1), field, error type] for every error."""
    return [
        [task.name, getattr(error, "row_number", None), getattr(error, "field_name", None), error.type]
        for task in report.tasks
        for error in task.errors
    ] + [[None, None, None, e.type] for e in report.errors]


def _broken_copy(tmp_path: Path, resource: str, change) -> Path:
    """A copy of the package with one resource's CSV changed by `change` (a DataFrame -> DataFrame),
    its size and hash updated so that only the row itself is wrong."""
    for file in OPEN.glob("*.csv"):
        shutil.copy(file, tmp_path / file.name)
    path = tmp_path / f"{resource}.csv"
    table = change(pd.read_csv(path, dtype=str, keep_default_na=False))
    path.write_bytes(table.to_csv(index=False, lineterminator="\n").encode())
    descriptor = json.loads((OPEN / links.DATAPACKAGE).read_text(encoding="utf-8"))
    for entry in descriptor["resources"]:
        entry.pop("bytes"), entry.pop("hash")
    (tmp_path / links.DATAPACKAGE).write_text(json.dumps(descriptor), encoding="utf-8")
    return tmp_path / links.DATAPACKAGE


# --- the data package ---------------------------------------------------------------------------


def test_the_package_validates_with_frictionless():
    report = frictionless.validate(str(OPEN / links.DATAPACKAGE))
    assert report.valid, _errors(report)
    assert [task.name for task in report.tasks] == [r.name for r in resources.RESOURCES]


def test_frictionless_validate_on_the_command_line_says_valid():
    """What an analyst types: `frictionless validate datapackage.json` (exit 0, every table VALID)."""
    result = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", links.DATAPACKAGE],
        cwd=OPEN,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    report = json.loads(result.stdout)
    assert report["valid"] and len(report["tasks"]) == len(resources.RESOURCES)


def test_the_zip_holds_the_package_and_it_validates(tmp_path):
    with zipfile.ZipFile(OPEN / links.ZIP) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path)
    folder = tmp_path / names[0].split("/")[0]
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [links.DATAPACKAGE] + [f"{r.name}.csv" for r in resources.RESOURCES]
    )
    report = frictionless.validate(str(folder / links.DATAPACKAGE))
    assert report.valid, _errors(report)


def _set(row: int, column: str, value: str):
    def change(table):
        table.loc[row, column] = value
        return table

    return change


# (what is broken, the resource, the change, the error: [resource, row (the header is row 1), field, type])
BROKEN_ROWS = [
    ("a unit outside the schema", "figures", _set(0, "unit", "furlongs"), ["figures", 2, "unit", "constraint-error"]),
    ("text in a number column", "figures", _set(3, "value", "about 862"), ["figures", 5, "value", "type-error"]),
    (
        "a bound word the build does not know",
        "figures",
        _set(1, "bound", "roughly"),
        ["figures", 3, "bound", "constraint-error"],
    ),
    (
        "a target citing a figure not in the catalogue",
        "targets",
        _set(0, "figure_id", "target.not_in_the_catalogue"),
        ["targets", 2, None, "foreign-key"],
    ),
    (
        "a trust in a region that is not one of the 7",
        "trusts",
        _set(2, "region_code", "E40000099"),
        ["trusts", 4, "region_code", "constraint-error"],
    ),
]


@pytest.mark.parametrize(("broken", "resource", "change", "error"), BROKEN_ROWS, ids=[b[0] for b in BROKEN_ROWS])
def test_a_broken_row_fails_validation_naming_its_row_and_field(tmp_path, broken, resource, change, error):
    report = frictionless.validate(str(_broken_copy(tmp_path, resource, change)))
    assert not report.valid
    assert error in _errors(report), _errors(report)


def test_a_duplicate_figure_id_fails_validation(tmp_path):
    def duplicate(table):
        return pd.concat([table, table.iloc[[0]]], ignore_index=True)

    report = frictionless.validate(str(_broken_copy(tmp_path, "figures", duplicate)))
    assert any(error[0] == "figures" and error[3] in ("primary-key", "unique-error") for error in _errors(report))


def test_a_changed_file_fails_its_size_and_hash(tmp_path):
    for file in OPEN.iterdir():
        shutil.copy(file, tmp_path / file.name)
    (tmp_path / "regions.csv").write_text((OPEN / "regions.csv").read_text().replace("London", "Londres"))
    report = frictionless.validate(str(tmp_path / links.DATAPACKAGE))
    assert {"hash-count", "byte-count"} <= {error[3] for error in _errors(report)}


def test_each_table_schema_has_the_build_schemas_columns_types_and_allowed_values(descriptor):
    by_name = {entry["name"]: entry["schema"] for entry in descriptor["resources"]}
    for resource in resources.RESOURCES:
        model = resource.model.to_schema()
        fields = {field["name"]: field for field in by_name[resource.name]["fields"]}
        assert list(fields) == list(model.columns), resource.name
        assert all(field["description"] for field in fields.values())
    figures = {field["name"]: field for field in by_name["figures"]["fields"]}
    # Derived, not copied: the bound words, units and topics are exactly the build's (an added word is
    # allowed at the next build); the empty bound is a missing value, so not among them.
    assert figures["bound"]["constraints"]["enum"] == [word for word in schemas.BOUNDS if word]
    assert figures["unit"]["constraints"]["enum"] == list(schemas.UNITS)
    assert figures["topic"]["constraints"]["enum"] == list(schemas.TOPICS)
    assert figures["value"]["type"] == "number" and figures["derived"]["type"] == "boolean"
    assert figures["base_n"]["constraints"] == {"minimum": 1}
    assert figures["figure_id"]["constraints"]["required"] is True
    assert "required" not in figures["bound"].get("constraints", {})
    assert by_name["figures"]["primaryKey"] == ["figure_id"]
    assert by_name["regions"]["primaryKey"] == ["region_code"]
    assert {"fields": ["region_code"], "reference": {"resource": "regions", "fields": ["region_code"]}} in by_name[
        "trusts"
    ]["foreignKeys"]
    assert "a percent must lie between 0 and 100" in by_name["figures"]["description"]


def test_the_csvs_read_back_with_pandas_as_the_dashboard_has_them():
    figures = pd.read_csv(OPEN / "figures.csv", keep_default_na=False, na_values={"base_n": [""], "source_page": [""]})
    built = data.figures()
    assert list(figures["figure_id"]) == list(built["figure_id"])
    assert figures["value"].tolist() == built["value"].tolist()
    assert figures["bound"].tolist() == built["bound"].tolist()
    series = pd.read_csv(OPEN / "headcount_series.csv")
    assert series["headcount"].tolist() == [48, 111, 153, 862]
    assert series["comparable_with_2019"].tolist() == [False, False, False, True]
    later = pd.read_csv(OPEN / "later_evidence.csv")
    assert len(later) > 0 and set(later["topic"]) == {"later_evidence"}


def test_sources_and_licences_are_as_data_sources_md_states_them(descriptor):
    said = sources_md.read()
    text = (paths.DATA_DIR / "SOURCES.md").read_text(encoding="utf-8")
    # The document licences as written there ("not stated ..."): no licence is invented for them.
    assert [d.licence for d in said.documents] == [
        "not stated in the text copy; quoted with citation",
        *["not stated; quoted with citation"] * 3,
    ]
    for entry in descriptor["resources"]:
        resource = resources.BY_NAME[entry["name"]]
        if resource.licence_by_column:
            # Trust names from the report's appendix, counts by region from it, a share of its 4,730, columns the
            # project wrote: no one licence covers the table, so none is claimed for it and each column's is said.
            assert "licenses" not in entry, f"{entry['name']}: the OGL does not cover every column"
            assert "Licences differ by column" in entry["description"]
            assert (
                "licence not stated" in entry["description"] and "Open Government Licence v3.0" in entry["description"]
            )
            assert "Contains OS data © Crown copyright and database right 2019." in entry["description"]
        elif resource.reference_data:
            assert entry["licenses"] == [{**sources_md.OGL, "title": "Open Government Licence v3.0"}]
            assert "Contains OS data © Crown copyright and database right 2019." in entry["description"]
        else:
            assert "licenses" not in entry, f"{entry['name']}: its documents state no licence"
            assert "none is stated by the source documents" in entry["description"]
    assert "licenses" not in descriptor, "one licence for the whole package would cover documents that state none"
    for source in descriptor["sources"]:
        assert source["licence"] in text and source["title"].split(" (")[0].split(":")[0] in text.replace("*", "")


def test_the_description_carries_the_series_break_and_the_derived_rule(descriptor):
    assert sources.series_break_note(55) in descriptor["description"]
    assert "'Modelled:'" in descriptor["description"] and "derived" in descriptor["description"]
    assert "never joined to the 2019 series" in descriptor["description"]


def test_the_data_version_is_the_tables_content(descriptor):
    assert re.fullmatch(r"[0-9a-f]{12}", descriptor["version"])


# --- the spreadsheet ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workbook() -> openpyxl.Workbook:
    return openpyxl.load_workbook(OPEN / links.SPREADSHEET)


TABLE_SHEETS = [r.sheet for r in resources.RESOURCES] + ["Columns"]


def test_the_spreadsheet_has_cover_contents_notes_then_one_table_a_sheet(workbook):
    assert workbook.sheetnames == ["Cover", "Contents", "Notes", *TABLE_SHEETS]
    for sheet in ["Contents", "Notes", *TABLE_SHEETS]:
        assert len(workbook[sheet].tables) == 1, f"{sheet}: one table per sheet"
    for sheet in workbook.worksheets:
        assert not sheet.merged_cells.ranges, f"{sheet.title}: merged cells"


def _table(workbook, sheet: str) -> pd.DataFrame:
    """The sheet's one Excel table, read as a reader's software reads it."""
    worksheet = workbook[sheet]
    (table,) = worksheet.tables.values()
    rows = [[cell.value for cell in row] for row in worksheet[table.ref]]
    return pd.DataFrame(rows[1:], columns=rows[0])


def test_no_blank_row_or_cell_inside_any_table(workbook):
    for sheet in ["Contents", "Notes", *TABLE_SHEETS]:
        table = _table(workbook, sheet)
        assert not table.isna().any().any() and not table.eq("").any().any(), sheet


def test_every_figure_is_in_the_spreadsheet_with_its_bound_status_and_base(workbook):
    sheet = _table(workbook, "Figures")
    built = data.figures()
    assert sheet["figure_id"].tolist() == built["figure_id"].tolist()
    assert [float(v) for v in sheet["value"]] == built["value"].tolist()
    by_id = sheet.set_index("figure_id")
    bounded = built[built["bound"].ne("")].iloc[0]
    assert by_id.loc[bounded["figure_id"], "bound"] == bounded["bound"]
    modelled = built[built["note"].str.startswith("Modelled")].iloc[0]
    assert by_id.loc[modelled["figure_id"], "status"] == "modelled"
    assert by_id.loc["target.gap_2019", "status"] == "derived"
    assert set(by_id["status"]) == {"as printed", "derived", "modelled"}
    with_base = built[built["base_n"].notna()].iloc[0]
    assert by_id.loc[with_base["figure_id"], "base_n"] == with_base["base_n"]
    assert _table(workbook, "Headcount_series")["headcount"].tolist() == [48, 111, 153, 862]
    assert len(_table(workbook, "Trusts")) == 55 and len(_table(workbook, "Regions")) == 7


def test_each_table_sheet_has_title_source_line_and_base_above_it(workbook):
    for sheet in [r.sheet for r in resources.RESOURCES]:
        above = [
            row[0]
            for row in workbook[sheet].iter_rows(max_row=workbook[sheet].min_row + 10, max_col=1, values_only=True)
            if row[0]
        ]
        assert any(str(line).startswith("Source: ") for line in above), sheet
        assert any(str(line).startswith("Base: ") for line in above), sheet
    series_title = workbook["Headcount_series"]["A1"].value
    assert "series break" in series_title


def test_the_cover_states_source_census_date_licence_and_contact(workbook):
    cover = "\n".join(str(row[0]) for row in workbook["Cover"].iter_rows(values_only=True) if row[0])
    assert sources.DOCUMENTS[sources.STOCKTAKE].title in cover
    assert "Census date: 30 September 2019" in cover
    assert sources.DOCUMENTS[sources.STOCKTAKE].licence in cover
    # The contact line says the publishers are named in the notes: they are, with each document's licence.
    notes = " ".join(_table(workbook, "Notes")["Note text"])
    assert all(f"(publisher: {sources.DOCUMENTS[doc].publisher})" in notes for doc in sources.SEED_DOCUMENTS)
    assert "Open Government Licence v3.0" in cover
    assert "Contact" in cover and spreadsheet.CONTACT in cover


def test_the_notes_sheet_states_the_series_break(workbook):
    notes = _table(workbook, "Notes")
    assert sources.series_break_note(55) in notes["Note text"].tolist()


def test_the_spreadsheet_is_written_with_fixed_dates():
    with zipfile.ZipFile(OPEN / links.SPREADSHEET) as archive:
        assert {info.date_time[0] for info in archive.infolist()} == {1980}
        core = archive.read("docProps/core.xml").decode()
    # Fixed (the same bytes every build) and true: the day the data last changed, not the census date, which came
    # before the report existed.
    assert "2019-09-30" not in core
    assert spreadsheet.data_date().date().isoformat() in core


def test_the_data_date_is_not_before_the_last_change_to_the_transcribed_data():
    """data/source/DATA_DATE says when the data last changed: a commit that changes data/source must move it on."""

    if not shutil.which("git") or not (paths.ROOT / ".git").exists():
        pytest.skip("no git history here (a container copy)")
    last = subprocess.run(
        ["git", "log", "-1", "--format=%cs", "--", "data/source"],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if last:
        assert spreadsheet.data_date().date().isoformat() >= last, "update data/source/DATA_DATE"


def test_documents_are_cited_by_title_never_by_file_name():
    """A reader of the CSVs and the spreadsheet cannot open '000_d54a16b8cd8145db.txt'; they can find the report."""
    files = [name for name in sources.SEED_DOCUMENTS]
    for path in sorted(OPEN.glob("*.csv")) + [OPEN / "datapackage.json"]:
        text = path.read_text(encoding="utf-8")
        assert not [name for name in files if name in text], path.name
    with zipfile.ZipFile(OPEN / links.SPREADSHEET) as archive:
        xml = "".join(archive.read(name).decode() for name in archive.namelist() if name.endswith(".xml"))
    assert not [name for name in files if name in xml]
    figures = pd.read_csv(OPEN / "figures.csv")
    assert set(figures["source_doc"]) <= {document.title for document in sources.DOCUMENTS.values()}


def test_the_build_describes_every_table_the_app_names_in_the_same_order():
    """The app lists the tables from vocabulary/links.TABLES (it never imports the build): the same tables, in order."""
    assert [resource.name for resource in resources.RESOURCES] == list(links.TABLES)


def test_the_docs_table_of_files_gives_the_rows_each_file_holds():
    """The README said 146 and 18 rows after the tables grew to 151 and 20: each count the open data's page of the
    documentation gives (docs/open-data.md, where that table moved) is the file's."""
    readme = (paths.ROOT / "docs" / "open-data.md").read_text(encoding="utf-8")
    stated = re.findall(
        r"^\| `(\w+)\.csv` \|.*?\((?:the )?(\d+) (?:rows|participating|NHS England)", readme, flags=re.MULTILINE
    )
    assert len(stated) >= 4, stated
    for name, count in stated:
        assert int(count) == len(pd.read_csv(OPEN / f"{name}.csv")), f"docs/open-data.md: {name}.csv"
