"""The planner's inputs: widgets with cited defaults and enforced limits, kept in the URL's query parameters.

A copied link reproduces the scenario. A value arriving by URL that is malformed or out of range is
replaced by the default with a short notice; the notice never repeats the value itself (it could be
anything, and Streamlit would render it as Markdown).

The widgets are drawn only when asked for (`Inputs(drawn=False)` reads the same values, from the URL or
the defaults, without sending a widget): seven inputs cost the planner's page switch about as much as the
rest of the page (bench/README.md). `summary_html` states every value with its explanation and source either way.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from psw_dash.page import resumed, state, tables
from psw_dash.vocabulary import formatting


@dataclass(frozen=True)
class NumberSpec:
    param: str
    label: str
    default: float
    low: float
    high: float
    step: float
    help: str
    whole: bool = True
    bound: str = ""  # 'up to': how the value reads in the assumptions ('up to 3'), as its source printed it


class Inputs:
    """Collects notices for URL values it could not use, and shows them together."""

    def __init__(self, drawn: bool = True) -> None:
        self.drawn = drawn  # False: each value is read (URL, else the session, else the default); no widget is sent
        self.notices: list[str] = []
        self.url: dict[str, str] = {}  # each input's value for the URL, written together by show_notices
        self.defaults: dict[str, str] = {}  # each input's default as the URL writes it; a link lacking it stays so
        self.rows: list[tuple[str, str, str]] = []  # (label, value as shown, explanation): summary_html

    def columns(self, container) -> tuple:
        """Two columns of `container` for a pair of inputs; none when the inputs are not drawn."""
        return container.columns(2) if self.drawn else (None, None)

    def _refuse(self, param: str, wanted: str, default: str) -> None:
        self.notices.append(f"The link's value for '{param}' was not {wanted}, so the default ({default}) is used.")

    def _from_url(self, param: str, parse, valid, wanted: str, default_text: str):
        raw = st.query_params.get(param)
        if raw is None:
            return None
        try:
            value = parse(raw)
        except (ValueError, TypeError, OverflowError):
            value = None
        if value is None or not valid(value):
            self._refuse(param, wanted, default_text)
            del st.query_params[param]
            return None
        return value

    @staticmethod
    def _seed(key: str, from_url, default, still_valid) -> None:
        # A shared link (or a first visit) decides; after that the widget does, through _to_url. A value the
        # browser sent for a page drawn by a lost replica is the reader's last change: kept (resumed.py).
        if resumed.browser_value_pending(key):
            return
        if from_url is not None:
            st.session_state[key] = from_url
        elif key not in st.session_state or not still_valid(st.session_state[key]):
            st.session_state[key] = default

    def number(self, spec: NumberSpec, container=st) -> float:
        key = f"planner-{spec.param}"
        text = f"{spec.default:,g}"
        kind = int if spec.whole else float

        def parse(raw: str) -> float:
            value = float(raw.replace(",", ""))
            return int(value) if spec.whole and value.is_integer() else value

        def valid(value) -> bool:
            return (
                not math.isnan(value)
                and spec.low <= value <= spec.high
                and (not spec.whole or float(value).is_integer())
            )

        wanted = f"a {'whole ' if spec.whole else ''}number from {spec.low:,g} to {spec.high:,g}"
        self._seed(key, self._from_url(spec.param, parse, valid, wanted, text), kind(spec.default), valid)
        help = f"{spec.help} Any {wanted[2:]}."
        value = (
            container.number_input(
                spec.label,
                min_value=kind(spec.low),
                max_value=kind(spec.high),
                step=kind(spec.step),
                key=key,
                help=help,
                on_change=_to_url,
                args=(spec.param, key),
                format=None if spec.whole else "%.1f",
            )
            if self.drawn
            else st.session_state[key]
        )
        self.url[spec.param], self.defaults[spec.param] = f"{value:g}", f"{kind(spec.default):g}"
        self.rows.append((spec.label, f"{spec.bound + ' ' if spec.bound else ''}{value:,g}", help))
        return value

    def date(self, param: str, label: str, default: date, low: date, high: date, help: str, container=st) -> date:
        """A date typed as day/month/year in a text field, applied on Enter and on leaving the field.

        Not st.date_input: in Streamlit 1.67 a date typed into its segments is sent only when its calendar closes
        on a click elsewhere. Enter does nothing and Tab moves into the calendar, so a reader who typed a date and
        pressed Enter or Tab saw the old scenario's answer. A text field sends its value on Enter and on blur.
        """
        key = f"planner-{param}"
        within = f"from {formatting.date_text(low)} to {formatting.date_text(high)}"

        def valid(value) -> bool:
            return isinstance(value, date) and low <= value <= high

        wanted = f"a date (YYYY-MM-DD) from {low.isoformat()} to {high.isoformat()}"
        from_url = self._from_url(param, date.fromisoformat, valid, wanted, default.isoformat())
        applied = from_url if from_url is not None else default  # every date applied is in the link (_date_to_url)
        if not resumed.browser_value_pending(key):
            # The field keeps what the reader typed, even a date it cannot use (nothing typed is lost); a link
            # decides when the session has no text yet, or a usable one the link disagrees with.
            typed = parse_typed_date(st.session_state.get(key, ""))
            if key not in st.session_state or (typed is not None and valid(typed) and typed != applied):
                st.session_state[key] = typed_text(applied)
        text = (
            container.text_input(
                f"{label} (day/month/year)",
                key=key,
                help=f"{help} Type it as day/month/year, such as {typed_text(EXAMPLE_DATE)}, then press Enter.",
                placeholder="DD/MM/YYYY",
                on_change=_date_to_url,
                args=(param, key, low, high),
            )
            if self.drawn
            else st.session_state[key]
        )
        typed = parse_typed_date(text)
        if typed is None:
            self.notices.append(
                f"{label} was not changed: type a date as day/month/year, such as {typed_text(EXAMPLE_DATE)}."
            )
        elif not valid(typed):
            self.notices.append(f"{label} was not changed: the date typed is not {within}.")
        value = typed if typed is not None and valid(typed) else applied
        self.url[param], self.defaults[param] = value.isoformat(), default.isoformat()
        self.rows.append((label, formatting.date_text(value), help))
        return value

    def choice(self, param: str, label: str, options: dict[str, str], default: str, help: str, container=st) -> str:
        # Keyed as state.choice keys its controls, so the chart-contrast test walks every option.
        key = f"choice-{param}-{'|'.join(options)}"
        wanted = "one of " + ", ".join(options)
        self._seed(
            key, self._from_url(param, str, options.__contains__, wanted, default), default, options.__contains__
        )
        value = (
            container.segmented_control(
                label,
                list(options),
                format_func=options.get,
                key=key,
                required=True,
                help=help,
                on_change=_to_url,
                args=(param, key),
            )
            if self.drawn
            else st.session_state[key]
        )
        self.url[param], self.defaults[param] = value, default
        self.rows.append((label, options[value], help))
        return value

    def summary_html(self, caption: str) -> str:
        """Every input so far, its value and its explanation with its source, as one HTML table."""
        table = tables.table_html(
            pd.DataFrame(
                self.rows, columns=["Assumption", "In this scenario", "What it is, and where the default comes from"]
            ),
            caption,
        )
        return f'<div class="psw-assumptions">{table}</div>'  # its words wrap whole on a phone (layout.STYLE)

    def show_notices(self) -> None:
        """The notices so far; and the inputs so far written to the URL, in one message (state.keep_in_url)."""
        state.keep_in_url(self.url, self.defaults)
        self.url = {}
        if self.notices:
            # Plain text only: these sentences hold parameter names and defaults, never the URL's values.
            st.info("\n\n".join(self.notices), icon=":material/info:")
        self.notices = []


EXAMPLE_DATE = date(2023, 3, 31)
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_typed_date(text: object) -> date | None:
    """'31/03/2023' (or 31-3-2023, 31.03.2023, 31 03 2023, or 2023-03-31) as a date; None when it is not one."""
    if not isinstance(text, str):
        return None
    text = text.strip()
    if iso := _ISO.fullmatch(text):
        year, month, day = iso.groups()
    elif written := _DAY_MONTH_YEAR.fullmatch(text):
        day, month, year = written.groups()
    else:
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:  # 31/02/2023
        return None


def typed_text(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def _date_to_url(param: str, key: str, low: date, high: date) -> None:
    """A typed date into the link when it can be used; one it cannot stays in its field, with a notice."""
    typed = parse_typed_date(st.session_state[key])
    if typed is not None and low <= typed <= high:
        st.query_params[param] = typed.isoformat()


def _to_url(param: str, key: str) -> None:
    value = st.session_state[key]
    st.query_params[param] = (
        value.isoformat()
        if isinstance(value, date)
        else f"{value:g}"
        if isinstance(value, (int, float))
        else str(value)
    )
