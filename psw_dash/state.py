"""Shareable view state: selections live in the URL's query parameters, so a copied link reopens them.

Streamlit's bind="query-params" keeps a widget and ?param=value in step. It drops an unknown
value silently; we say so first, in a short notice, and the page shows the default.
"""
from __future__ import annotations

import streamlit as st


def _warn_if_unknown(param: str, allowed: list[str]) -> None:
    raw = st.query_params.get(param)
    if raw is not None and raw not in allowed:
        st.info(f"The link asked for {param}={raw[:40]!r}, which this page does not have; "
                "showing the default view instead.", icon=":material/info:")


def choice(label: str, options: dict[str, str], param: str, default: str | None = None) -> str:
    """One of several options (URL value -> label), shown as a segmented control, kept in ?param=."""
    values = list(options)
    default = default or values[0]
    _warn_if_unknown(param, values)
    picked = st.segmented_control(label, values, default=default, format_func=options.get, key=param,
                                  required=True, bind="query-params")
    return picked or default


def flag(label: str, param: str, default: bool = False) -> bool:
    """An on/off switch kept in ?param=show or ?param=hide."""
    return choice(label, {"hide": "Hide", "show": "Show"}, param, "show" if default else "hide") == "show"
