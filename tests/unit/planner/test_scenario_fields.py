"""A scenario travels in a download's address as plain fields: read back, it is the same scenario; a value the
planner's inputs could not set is refused, naming the field."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from psw_dash.planner import defaults as planner_defaults
from psw_dash.planner import model as planner


def test_the_default_and_a_readers_own_scenario_read_back_the_same():
    default = planner_defaults.default()
    own = planner_defaults.Planned(
        replace(default.scenario, target_count=6000, target_date=date(2030, 3, 31), shape=planner.STRAIGHT),
        planner_defaults.OWN,
        "inpatient",
        own_start=False,
        own_trainees=True,
    )
    for planned in (default, own):
        assert planner_defaults.from_fields(planner_defaults.as_fields(planned)) == planned


@pytest.mark.parametrize(
    ("field", "value", "named"),
    [
        ("start", 0, "start 0.0 is outside 1 to 100000"),
        ("target", 5_000_000, "target 5000000.0 is outside"),
        ("by", "2999-03-31", "by datetime.date\\(2999, 3, 31\\) is outside"),
        ("leave", 0.9, "leave 0.9 is outside"),
        ("tpp", 40, "tpp 40.0 is outside"),
        ("shape", "exponential", "shape 'exponential'"),
        ("target_id", "moon", "target 'moon'"),
        ("from", "yesterday", "Invalid isoformat string"),
    ],
)
def test_a_value_the_planner_could_not_set_is_refused_by_name(field, value, named):
    fields = {**planner_defaults.as_fields(planner_defaults.default()), field: value}
    with pytest.raises(ValueError, match=named):
        planner_defaults.from_fields(fields)
