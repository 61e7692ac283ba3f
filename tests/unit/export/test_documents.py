"""A made document's order is what it contains: read back from its fields it is the same order, so any replica
makes the same document from it; fields no page could have made are refused, naming what is wrong."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from psw_dash.export import documents, pack, slides
from psw_dash.planner import defaults as planner_defaults


def own_scenario() -> planner_defaults.Planned:
    default = planner_defaults.default()
    scenario = replace(default.scenario, start_count=2500, start_date=date(2023, 3, 31), leaver_rate=0.125)
    return planner_defaults.Planned(scenario, planner_defaults.DEFAULT_TARGET, planner_defaults.OWN, True, False)


ORDERS = [
    documents.Order(documents.PACK, pack.WHOLE),
    documents.Order(documents.PACK, pack.PLANNER, own_scenario()),
    documents.Order(documents.SLIDES, "pages/people.py", None, "https://psw.example.nhs.uk"),
    documents.Order(documents.SLIDES, pack.WHOLE, own_scenario(), "http://127.0.0.1:8501"),
]


@pytest.mark.parametrize("order", ORDERS, ids=lambda o: f"{o.document}-{o.scope}")
def test_an_order_read_back_from_its_fields_is_the_same_order(order):
    fields = json.loads(json.dumps(order.fields()))  # as it travels: JSON in an address
    assert documents.Order.from_fields(fields) == order


def test_an_order_names_its_file_and_format():
    assert ORDERS[0].file_name() == pack.file_name(pack.WHOLE) and ORDERS[0].mime == "application/pdf"
    assert ORDERS[2].file_name() == slides.file_name("pages/people.py") and ORDERS[2].mime == slides.MIME


def test_the_button_is_handed_the_bytes_made_and_their_order():
    handed = documents.Deferred(ORDERS[0], b"%PDF-1.7 made")
    assert handed() == b"%PDF-1.7 made" and handed.order == ORDERS[0]


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"d": "spreadsheet"}, "no document called 'spreadsheet'"),
        ({"s": "pages/../../etc/passwd"}, "no view 'pages/../../etc/passwd'"),
        ({"s": "pages/data_sources.py"}, "no view 'pages/data_sources.py'"),
        ({"d": "slides", "a": "javascript:alert(1)"}, "the slides' links cannot lead to 'javascript:alert(1)'"),
        ({"d": "slides", "a": "https://" + "x" * 400}, "the slides' links cannot lead to"),
        ({"p": {"start": 5}}, "not a scenario"),
    ],
)
def test_an_order_no_page_could_make_is_refused_with_what_is_wrong(change, named):
    fields = {**ORDERS[0].fields(), **change}
    with pytest.raises(ValueError, match=named.replace("(", r"\(").replace(")", r"\)")):
        documents.Order.from_fields(fields)
    with pytest.raises(ValueError, match="not a document's order"):
        documents.Order.from_fields({"d": "pack"})
