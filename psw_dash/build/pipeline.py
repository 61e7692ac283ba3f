"""Build every table the app reads, from the cited sources in data/source/.

    python -m psw_dash.build [--out DIR]

Everything is read and validated in memory first; files are written only when all of it
passes, so a bad source row never overwrites what was built before. Output is
deterministic: the same sources give byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow
import pyarrow.parquet as pq

from psw_dash import paths
from psw_dash.build import derive, geo, regional_statements, schemas
from psw_dash.build.open_data import package
from psw_dash.vocabulary import links, milestones, sources


class SourceError(Exception):
    """One or more source rows are wrong. Each message names the file, the line and the problem."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("\n".join(messages))


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(paths.ROOT))
    except ValueError:
        return str(path)


# --- reading the transcribed figures -------------------------------------------------------


def _failure_messages(errors: pa.errors.SchemaErrors, frame: pd.DataFrame, where: str) -> list[str]:
    """Turn pandera's failure cases into 'file line N (figure_id): column: problem' lines."""
    messages = []
    cases = errors.failure_cases
    for case in cases.itertuples():
        index = case.index
        column = case.column if case.schema_context == "Column" else None
        check = str(case.check)
        if check.startswith(("coerce_dtype", "dtype(")):
            # pandera reports a failed coercion twice (coerce and dtype); the same message folds them below.
            problem = f"column '{column}': '{case.failure_case}' is not a number"
        elif check == "field_uniqueness":
            problem = f"duplicate figure_id '{case.failure_case}'"
        elif check.startswith("isin"):
            problem = f"column '{column}': '{case.failure_case}' is not allowed (allowed: {check[6:-1]})"
        elif check == "column_in_dataframe" or "column_in_schema" in check:
            problem = f"column '{case.failure_case}' is missing or unexpected"
        elif case.schema_context == "DataFrameSchema":
            problem = check
        else:
            problem = f"column '{column}': {check} failed for '{case.failure_case}'"
        if index is None or pd.isna(index):
            messages.append(f"{where}: {problem}")
            continue
        row = frame.loc[int(index)]
        messages.append(f"{where} line {int(index) + 2} (figure_id '{row.get('figure_id', '?')}'): {problem}")
    return sorted(set(messages), key=messages.index)


def _citation_columns(source_doc: str) -> tuple[str, ...]:
    """What a row must cite: a page only where its document has page numbers (see sources.Document)."""
    return ("source_doc", "source_section") + (("source_page",) if source_doc in sources.PAGINATED else ())


def read_source_figures(path: Path) -> pd.DataFrame:
    """Read one data/source/figures_*.csv and validate every row against the source schema."""
    where = _relative(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError([f"{where}: not UTF-8 text ({exc.reason} at byte {exc.start})"]) from exc
    header = next(csv.reader(io.StringIO(text)), [])
    if tuple(header) != schemas.SOURCE_COLUMNS:
        raise SourceError(
            [(f"{where} line 1: header must be exactly {','.join(schemas.SOURCE_COLUMNS)}; got {','.join(header)}")]
        )
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    missing_citation = [
        f"{where} line {i + 2} (figure_id '{row.figure_id}'): missing citation ({', '.join(empty)} empty)"
        for i, row in enumerate(frame.itertuples())
        if (empty := [c for c in _citation_columns(row.source_doc) if not getattr(row, c).strip()])
    ]
    blank_value = [
        f"{where} line {i + 2} (figure_id '{row.figure_id}'): column 'value' is empty"
        for i, row in enumerate(frame.itertuples())
        if not row.value.strip()
    ]
    if missing_citation or blank_value:
        raise SourceError(missing_citation + blank_value)
    frame["base_n"] = frame["base_n"].replace("", None)
    frame["source_page"] = frame["source_page"].replace("", None)
    try:
        validated = schemas.SourceFigures.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        raise SourceError(_failure_messages(errors, frame, where)) from None
    return validated


def check_whole_breakdowns(figures: pd.DataFrame) -> list[str]:
    """Shares the report presents as a whole must add to 100, within rounding."""
    problems = []
    shares = figures[
        figures["topic"].isin(schemas.WHOLE_BREAKDOWNS) & (figures["unit"] == "percent") & ~figures["derived"]
    ]
    for (topic, measure), group in shares.groupby(["topic", "measure"], sort=True):
        if len(group) < 2:
            continue
        total, tolerance = group["value"].sum(), 0.5 * len(group)
        if abs(total - 100) > tolerance:
            problems.append(
                f"topic '{topic}', measure '{measure}': shares add to {total:g}, not 100 ± {tolerance:g} "
                f"({', '.join(group['figure_id'])})"
            )
    return problems


def _decimals(value: float) -> int:
    text = f"{value:g}"
    return len(text.split(".")[1]) if "." in text else 0


def check_bases(figures: pd.DataFrame) -> list[str]:
    """A printed percentage and its base n must fit: some whole count k of n rounds to the share.

    96% of 34 cannot be (32/34 = 94.1%, 33/34 = 97.1%): such a base was not the report's.
    """
    problems = []
    shares = figures[(figures["unit"] == "percent") & figures["base_n"].notna() & ~figures["derived"]]
    for row in shares.itertuples():
        n, half_step = int(row.base_n), 0.5 * 10 ** -_decimals(row.value)
        nearest = round(row.value * n / 100)  # the whole count closest to the share
        if not any(
            abs(100 * k / n - row.value) <= half_step + 1e-9 for k in (nearest - 1, nearest, nearest + 1) if 0 <= k <= n
        ):
            below, above = int(row.value * n // 100), int(row.value * n // 100) + 1
            problems.append(
                f"figure_id '{row.figure_id}': {row.value:g}% is not a whole share of base n = {n} "
                f"({below}/{n} = {100 * below / n:.1f}%, {above}/{n} = {100 * above / n:.1f}%); "
                "leave base_n empty unless the report prints it"
            )
    return problems


def figure_catalogue(source_dir: Path, england_population: int) -> pd.DataFrame:
    """All transcribed figures plus the derived ones, validated, in a fixed order."""
    frames, errors = [], []
    for path in sorted(source_dir.glob("figures_*.csv")):
        try:
            frames.append(read_source_figures(path))
        except SourceError as exc:
            errors.extend(exc.messages)
    if errors:
        raise SourceError(errors)
    if not frames:
        raise SourceError([f"{_relative(source_dir)}: no figures_*.csv files found"])
    # The primary source first, each file in its own order.
    transcribed = pd.concat(frames, ignore_index=True).drop(columns="quote").sort_values("source_doc", kind="stable")
    duplicated = transcribed["figure_id"][transcribed["figure_id"].duplicated()]
    if len(duplicated):
        raise SourceError([f"figure_id '{f}' appears in more than one source file" for f in duplicated])
    transcribed["derived"] = False
    transcribed["category"] = transcribed["category"].fillna("")
    catalogue = pd.concat([transcribed, derive.derived_figures(transcribed, england_population)], ignore_index=True)
    catalogue = catalogue[list(schemas.FIGURE_COLUMNS)]
    catalogue["base_n"] = catalogue["base_n"].astype("float64")
    catalogue["source_page"] = catalogue["source_page"].astype("float64")
    catalogue["value"] = catalogue["value"].astype("float64")
    catalogue["derived"] = catalogue["derived"].astype(bool)
    problems = check_whole_breakdowns(catalogue) + check_bases(catalogue)
    if problems:
        raise SourceError(problems)
    return _validate(schemas.Figures, catalogue, "figure catalogue")


def _validate(model: Any, frame: pd.DataFrame, what: str) -> pd.DataFrame:
    try:
        return model.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        raise SourceError([f"{what}: {line}" for line in _failure_messages(errors, frame, what)]) from None


# --- tidy tables for the charts ------------------------------------------------------------


def series_break_note(figures: pd.DataFrame) -> str:
    organisations = figures.loc[figures["figure_id"].eq("participation.organisations"), "value"].iloc[0]
    return sources.series_break_note(organisations)


def headcount_series(figures: pd.DataFrame) -> pd.DataFrame:
    """2015/16 to 2019, one row per period, with the collection each count came from."""
    history = figures[figures["topic"].eq("history") & figures["unit"].eq("count")]
    census = figures[figures["figure_id"].eq(derive.TOTAL_2019)]
    series_break = series_break_note(figures)
    rows = []
    for row in pd.concat([history, census]).itertuples():
        is_census = row.figure_id == derive.TOTAL_2019
        period = "Sep 2019" if is_census else row.period
        end = milestones.CENSUS_DATE if is_census else derive.FINANCIAL_YEAR_END[row.period]
        rows.append(
            {
                "period": period,
                "period_end": end.isoformat(),
                "headcount": row.value,
                "collection": sources.COLLECTION_CENSUS if is_census else sources.COLLECTION_BENCHMARKING,
                "comparable_with_2019": is_census,
                "figure_id": row.figure_id,
                "source_doc": row.source_doc,
                "source_section": row.source_section,
                "source_page": row.source_page,
                "note": series_break,
            }
        )
    series = pd.DataFrame(rows).sort_values("period_end").reset_index(drop=True)
    return _validate(schemas.HeadcountSeries, series, "headcount series")


TARGET_PLANS = {
    # figure_id -> (target_id, plan, date it is due, the figure whose period gives that date)
    "target.ltp_psws_planned": (
        "ltp_2019",
        "NHS Long Term Plan: over the next five years",
        "2024-03-31",
        # the report prints no date; the briefing dates the same 4,730
        milestones.TARGET_DATED,
    ),
    "target.ltwp_in_post_2023_24": (
        "ltwp_2023_24",
        "NHS Long Term Workforce Plan (2023): by the end of 2023/24",
        "2024-03-31",
        "target.ltwp_in_post_2023_24",
    ),
    "target.ltwp_in_post_2036_37": (
        "ltwp_2036_37",
        "NHS Long Term Workforce Plan (2023): by 2036/37",
        "2037-03-31",
        "target.ltwp_in_post_2036_37",
    ),
}


def targets(figures: pd.DataFrame) -> pd.DataFrame:
    """Each plan's number, cited to where it is printed, and its date, cited to where that is printed."""
    rows = []
    by_id = figures.set_index("figure_id")
    for figure_id, (target_id, plan, due, dated_by) in TARGET_PLANS.items():
        row, dating = by_id.loc[figure_id], by_id.loc[dated_by]
        rows.append(
            {
                "target_id": target_id,
                "plan": plan,
                "value": row.value,
                "by_period": dating.period,
                "by_date": due,
                "qualifier": "more than" if row.bound == "over" else "",
                "figure_id": figure_id,
                "source_doc": row.source_doc,
                "source_section": row.source_section,
                "source_page": row.source_page,
                "note": row.note,
                "date_source": sources.citation(dating.source_doc, dating.source_section, dating.source_page),
            }
        )
    return _validate(schemas.Targets, pd.DataFrame(rows), "targets")


def _comparable_name(name: str) -> str:
    """Trust names as the reference match compared them: case, '&', punctuation and filler words ignored."""
    words = re.sub(r"[^a-z ]", " ", name.lower().replace("&", " and ")).split()
    return " ".join(w for w in words if w not in {"nhs", "foundation", "trust", "university", "teaching"})


def trusts(reference_dir: Path) -> pd.DataFrame:
    """The 55 appendix trusts with ODS code and 2019 region, and how each was matched."""
    listed = pd.read_csv(reference_dir / "participating_trusts_2019.csv", dtype=str, keep_default_na=False)
    by_hand = pd.read_csv(reference_dir / "trust_regions_by_hand.csv", dtype=str, keep_default_na=False)
    by_hand = by_hand.set_index("trust_name")
    unmatched = listed["evidence"].eq("not found")
    missing = sorted(set(listed.loc[unmatched, "trust_name"]) - set(by_hand.index))
    if missing:
        raise SourceError(
            [f"{_relative(reference_dir / 'trust_regions_by_hand.csv')}: no region for {m}" for m in missing]
        )
    rows = []
    for row in listed.itertuples():
        if row.evidence == "not found":
            hand = by_hand.loc[row.trust_name]
            code, name, method = hand.nhs_region_code, hand.nhs_region_name, hand.match_method
        else:
            code, name = row.nhs_region_code, row.nhs_region_name
            how = (
                "by name"
                if _comparable_name(row.trust_name) == _comparable_name(row.ods_name_in_etr_2020_02)
                else f"by hand, to ODS name '{row.ods_name_in_etr_2020_02}'"
            )
            method = f"ODS code and region matched {how} in the NHS Digital ODS trusts extract of 2020-02-13"
        rows.append(
            {
                "trust_name": row.trust_name,
                "ods_code": row.ods_code,
                "region_code": code,
                "region_name": name,
                "match_method": method,
            }
        )
    table = pd.DataFrame(rows).sort_values("trust_name").reset_index(drop=True)
    return _validate(schemas.Trusts, table, "trusts")


ENGLAND = "E92000001"


def read_population(reference_dir: Path) -> pd.DataFrame:
    return pd.read_csv(reference_dir / "nhs_region_population_mid2019.csv", dtype={"population": "int64"})


def england_population(population: pd.DataFrame) -> int:
    return int(population.loc[population["region_code"].eq(ENGLAND), "population"].iloc[0])


def regions(population: pd.DataFrame, trust_table: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """Regions with mid-2019 population, participating trusts, and two derived measures."""
    target = figures.set_index("figure_id").loc[derive.TARGET_LTP, "value"]
    table = population[population["region_code"].str.startswith("E40")].copy()
    england = england_population(population)
    if table["population"].sum() != england:
        raise SourceError([f"regional populations add to {table['population'].sum():,}, not England's {england:,}"])
    counts = trust_table.groupby("region_code").size()
    table["participating_trusts"] = table["region_code"].map(counts).fillna(0).astype("int64")
    table["trusts_per_million"] = (table["participating_trusts"] / table["population"] * 1e6).round(2)
    # Modelled: the national target shared out in proportion to population (not a published allocation).
    table["modelled_target_share"] = (table["population"] / england * target).round(1)
    table = table.sort_values("region_code").reset_index(drop=True)
    return _validate(schemas.Regions, table, "regions")


# --- writing ---------------------------------------------------------------------------

PARQUET_METADATA = {
    paths.FIGURES: (
        f"{sources.STOCKTAKE}; {sources.BRIEFING}; {sources.CASE_STUDY}; {sources.TRAINING_PROVIDER}",
        "Figures quoted with citation; see data/SOURCES.md",
    ),
    paths.HEADCOUNT_SERIES: (
        sources.STOCKTAKE + " (Background; NHS workforce profile)",
        "Figures quoted with citation",
    ),
    paths.TARGETS: (sources.STOCKTAKE + "; " + sources.BRIEFING, "Figures quoted with citation"),
    paths.TRUSTS: ("Report appendix; NHS Digital ODS etr.csv 2020-02-13", sources.OGL_LINE),
    paths.REGIONS: ("ONS mid-2019 population estimates; ONS NHS England Regions (April 2019)", sources.OGL_LINE),
    paths.REGIONAL_STATEMENTS: (
        sources.STOCKTAKE + " (NHS workforce profile, p.6): words, not numbers",
        "Statements quoted with citation; see data/SOURCES.md",
    ),
}


def parquet_bytes(frame: pd.DataFrame, name: str, series_break: str) -> bytes:
    """Parquet with the source, licence and series break in its metadata. No timestamps, so builds repeat exactly."""
    table = pa_arrow.Table.from_pandas(frame, preserve_index=False)
    source, licence = PARQUET_METADATA[name]
    metadata = dict(table.schema.metadata or {})
    metadata.update(
        {
            b"psw_dash.source": source.encode(),
            b"psw_dash.licence": licence.encode(),
            b"psw_dash.series_break": series_break.encode(),
        }
    )
    buffer = pa_arrow.BufferOutputStream()
    pq.write_table(table.replace_schema_metadata(metadata), buffer, compression="zstd")
    return buffer.getvalue().to_pybytes()


def build_outputs(source_dir: Path = paths.SOURCE_DIR) -> dict[str, bytes]:
    """Every built file's bytes, in memory. Raises SourceError before anything is written."""
    reference_dir = source_dir / "reference"
    population = read_population(reference_dir)
    figures = figure_catalogue(source_dir, england_population(population))
    trust_table = trusts(reference_dir)
    geojson = geo.simplified_regions_geojson(reference_dir / "nhs_england_regions_2019.geojson")
    if len(geojson) > geo.MAX_BYTES:
        raise SourceError([f"simplified boundaries are {len(geojson):,} bytes, over {geo.MAX_BYTES:,}"])
    series_break = series_break_note(figures)
    outputs = {
        paths.FIGURES: parquet_bytes(figures, paths.FIGURES, series_break),
        paths.HEADCOUNT_SERIES: parquet_bytes(headcount_series(figures), paths.HEADCOUNT_SERIES, series_break),
        paths.TARGETS: parquet_bytes(targets(figures), paths.TARGETS, series_break),
        paths.TRUSTS: parquet_bytes(trust_table, paths.TRUSTS, series_break),
        paths.REGIONS: parquet_bytes(regions(population, trust_table, figures), paths.REGIONS, series_break),
        paths.REGIONS_GEOJSON: geojson,
    }
    try:
        statements = regional_statements.table(source_dir, population[population["region_code"].ne(ENGLAND)])
    except regional_statements.StatementError as exc:
        raise SourceError(exc.messages) from None
    outputs[paths.REGIONAL_STATEMENTS] = parquet_bytes(statements, paths.REGIONAL_STATEMENTS, series_break)
    # The same tables as open data (data/open/: a Frictionless Data Package and a spreadsheet).
    return outputs | {links.built_name(name): content for name, content in package.package_files(outputs).items()}


def write_outputs(outputs: dict[str, bytes], out_dir: Path) -> None:
    """Write each file beside its target and rename it into place."""
    for name, content in outputs.items():
        target = out_dir / name  # a name may hold a folder (the open data's 'open/figures.csv')
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.chmod(temporary, 0o644)  # mkstemp makes files private; these are shared data
        os.replace(temporary, target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=paths.SOURCE_DIR)
    parser.add_argument("--out", type=Path, default=paths.DATA_DIR)
    args = parser.parse_args(argv)
    try:
        outputs = build_outputs(args.source)
    except SourceError as exc:
        print(f"Build stopped: {len(exc.messages)} problem(s) in the sources. Nothing was written.", file=sys.stderr)
        for message in exc.messages:
            print(f"  - {message}", file=sys.stderr)
        return 1
    write_outputs(outputs, args.out)
    # pyarrow.BufferReader, not io.BytesIO: threaded reads from a Python file object made
    # pyarrow 26 abort at interpreter exit now and then (seen here).
    figures = pq.read_table(pa_arrow.BufferReader(outputs[paths.FIGURES])).num_rows
    print(f"Built {len(outputs)} files in {_relative(args.out)}: {figures} figures catalogued.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
