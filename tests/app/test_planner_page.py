"""The planner page as a user meets it: defaults from the catalogue, changed inputs, links, bad links, uploads."""

from __future__ import annotations

import pytest

from psw_dash import settings
from psw_dash.planner.chart import MODELLED, USER
from tests.helpers import all_text, as_numbers, plotly_figures, tables

DEFAULT_SENTENCE = (
    "From 862 on 30 September 2019, to reach 4,730 by 31 March 2024, the workforce would have had to "
    "grow by about 46% a year: about 1,112 recruits a year, each trained at least once, who may fill "
    "as few as 371 full-time posts (modelled, with 11% of staff leaving each year and up to 3 PSWs "
    "trained per FTE post filled)."
)
TRAINEES = "Trainees per FTE post filled (up to)"
RECRUITS = "Recruits, each trained at least once (modelled)"


def trace(app, name: str):
    (figure,) = plotly_figures(app)
    return next(t for t in figure.data if t.name == name)


def yearly(app):
    table = next(t for t in tables(app) if RECRUITS in t.columns)
    return table.assign(**{column: as_numbers(table[column]) for column in table.columns[1:]})


def test_defaults_answer_the_question_in_one_sentence(open_page):
    app = open_page("planner")
    assert DEFAULT_SENTENCE in all_text(app)
    path = trace(app, MODELLED)
    assert next(iter(path.y)) == pytest.approx(862) and list(path.y)[-1] == pytest.approx(4730)
    table = yearly(app)
    assert list(table["Financial year"]) == ["2019/20", "2020/21", "2021/22", "2022/23", "2023/24"]
    assert table["Net new posts (modelled)"].sum() == pytest.approx(3868, abs=2)
    assert list(table[RECRUITS]) == [232, 620, 905, 1321, 1928]  # net new posts + 11% leavers
    # Trainees are people: the recruits, each trained once; the provider's up to 3 per FTE post gives the fewest posts.
    assert list(table["FTE posts they may fill, as few as (modelled)"]) == [77, 207, 302, 440, 643]
    assert "Trainees, up to (modelled, upper bound)" not in table.columns
    assert "At 20% a year, compound, 4,730 would be reached in about 9.3 years, around January 2029" in all_text(app)
    # The defaults stay out of the link: a missing parameter means the default (state.keep_in_url).
    assert not {"start", "from", "target", "leavers", "tpp", "shape", "at"} & set(app.query_params)


def typed_dates(app) -> list:
    """The planner's date fields (text fields keyed planner-...; the app's hidden warm-up has one of its own)."""
    return [field for field in app.text_input if field.key.startswith("planner-")]


def change_the_scenario(app):
    """Open 'Change the scenario' (its inputs are drawn only then) as a click on it would."""
    app.session_state["planner-change"] = True
    return app.run()


def test_the_scenario_is_stated_with_its_sources_and_its_inputs_wait_until_asked_for(open_page):
    app = open_page("planner")
    assumptions = next(t for t in tables(app) if "Assumption" in t.columns).set_index("Assumption")
    assert assumptions.loc["Starting headcount", "In this scenario"] == "862"
    assert assumptions.loc["Counted on", "In this scenario"] == "30 September 2019"
    assert assumptions.loc["Target", "In this scenario"] == "4,730 by 2023/24"
    assert assumptions.loc["Staff leaving each year", "In this scenario"] == "11% (community)"
    assert assumptions.loc[TRAINEES, "In this scenario"] == "up to 3"
    explained = assumptions["What it is, and where the default comes from"]
    assert "(PSW Stocktake 2019 (NHSBN/HEE, 2020), NHS workforce profile, p.6)" in explained["Starting headcount"]
    assert "no rate is made from them here" in explained["Staff leaving each year"]
    assert "train up to 18 PSWs to fill 6 FTE posts" in explained[TRAINEES]
    assert (
        "People trained per FTE post" in explained[TRAINEES]
        and "every recruit is trained at least once" in explained[TRAINEES]
    )
    # Nothing to type in until asked for: the inputs are a click away, and then every one is there.
    assert not app.number_input and not typed_dates(app) and not app.segmented_control
    change_the_scenario(app)
    assert len(app.number_input) == 2 and len(typed_dates(app)) == 1 and len(app.segmented_control) == 3
    app.session_state["planner-try-rate"] = True
    app.run()
    assert app.number_input(key="planner-at").value == 20


def test_a_typed_date_is_applied_and_one_it_cannot_use_is_kept_with_a_notice(open_page):
    app = change_the_scenario(open_page("planner", start="2500"))
    app.text_input(key="planner-from").input("31/03/2023").run()
    # 4,730 / 2,500 - 1 over the one year to 31 March 2024; the answer names the start it was given, first.
    assert (
        "From 2,500 on 31 March 2023, to reach 4,730 by 31 March 2024, the workforce would have had to grow by "
        "about 89% a year" in all_text(app)
    )
    assert dict(app.query_params)["from"] == "2023-03-31"
    for typed, problem in (
        ("31/02/2023", "type a date as day/month/year"),
        ("01/01/2099", "is not from 1 January 2015"),
    ):
        app.text_input(key="planner-from").input(typed).run()
        assert "Counted on was not changed: " in " ".join(i.value for i in app.info)
        assert problem in " ".join(i.value for i in app.info)
        assert app.text_input(key="planner-from").value == typed  # what was typed stays, to be corrected
        assert "From 2,500 on 31 March 2023" in all_text(app)  # the last date applied still holds
        assert dict(app.query_params)["from"] == "2023-03-31"


def test_a_links_scenario_is_stated_without_opening_the_inputs(open_page):
    app = open_page("planner", leavers="inpatient", tpp="2.5", shape="straight")
    assumptions = next(t for t in tables(app) if "Assumption" in t.columns).set_index("Assumption")
    assert assumptions.loc["Staff leaving each year", "In this scenario"] == "12% (inpatient)"
    assert assumptions.loc[TRAINEES, "In this scenario"] == "up to 2.5"
    assert assumptions.loc["Shape of growth", "In this scenario"].startswith("Straight line")
    assert "with 12% of staff leaving each year and up to 2.5 PSWs trained per FTE post" in all_text(app)
    change_the_scenario(app)
    assert app.number_input(key="planner-tpp").value == 2.5
    assert app.segmented_control(key="choice-shape-compound|straight").value == "straight"


def test_the_chart_keeps_the_series_break_and_the_counted_years(open_page):
    app = open_page("planner")
    (figure,) = plotly_figures(app)
    assert any("Series<br>break" in a.text for a in figure.layout.annotations)
    counted = [y for t in figure.data if t.name and "benchmarking" in t.name.lower() for y in t.y]
    assert counted == [48, 111, 153]


def test_changed_inputs_change_the_sentence_and_the_path(open_page):
    app = change_the_scenario(open_page("planner"))
    app.number_input(key="planner-tpp").set_value(2.0).run()
    assert (
        "about 1,112 recruits a year, each trained at least once, who may fill as few as 556 full-time posts"
        in all_text(app)
    )
    assumptions = next(t for t in tables(app) if "Assumption" in t.columns).set_index("Assumption")
    assert assumptions.loc[TRAINEES, "In this scenario"] == "up to 2"
    app.segmented_control(key="choice-shape-compound|straight").set_value("straight").run()
    text = all_text(app)
    assert "grow by about 860 PSWs a year" in text
    assert list(trace(app, MODELLED).y)[1] == pytest.approx(862 + 859.56 * 0.5, abs=0.1)
    assert dict(app.query_params)["shape"] == "straight" and dict(app.query_params)["tpp"] == "2"


def test_a_link_reopens_the_scenario(open_page):
    app = open_page("planner", target="own", own="6500", by="2037-03-31", leavers="inpatient", tpp="2.5")
    # (6500 / 862) ^ (1 / 17.5) - 1 = 12.2% a year
    text = all_text(app)
    assert (
        "From 862 on 30 September 2019, to reach 6,500 by 31 March 2037, the workforce would have to grow by "
        "about 12% a year" in text
    )
    assert "with 12% of staff leaving each year and up to 2.5 PSWs trained per FTE post" in text
    assert list(trace(app, MODELLED).y)[-1] == pytest.approx(6500)


def test_the_later_plan_is_drawn_when_chosen(open_page):
    app = open_page("planner", target="ltwp_2036_37")
    text = all_text(app)
    # The plan printed 'over 6,500': the words keep the 'over', and say the model takes exactly 6,500.
    assert "to reach over 6,500 (modelled as exactly 6,500) by 31 March 2037" in text
    assert "Reaching over 6,500 by 31 March 2037" in text
    assert "to reach 6,500 by" not in text and "Reaching 6,500" not in text
    (figure,) = plotly_figures(app)
    assert any("6,500 by 2036/37" in a.text for a in figure.layout.annotations)


@pytest.mark.parametrize(
    "param, value, default",
    [
        ("start", "abc", "862"),
        ("start", "-5", "862"),
        ("start", "1e9", "862"),
        ("start", "12.5", "862"),
        ("from", "2099-01-01", "2019-09-30"),
        ("from", "yesterday", "2019-09-30"),
        ("target", "**bold** [link](http://example.com)", "ltp_2019"),
        ("tpp", "99", "3"),
        ("leavers", "nan", "community"),
        ("at", "-1", "20"),
        ("shape", "<script>", "compound"),
    ],
)
def test_a_bad_value_in_the_link_gives_a_notice_and_the_default(open_page, param, value, default):
    app = open_page("planner", **{param: value})
    notices = " ".join(i.value for i in app.info)
    assert f"The link's value for '{param}' was not" in notices and f"the default ({default}" in notices
    assert value not in notices  # never echoed: it could be anything
    assert DEFAULT_SENTENCE in all_text(app)
    assert param not in app.query_params  # the bad value is gone from the link, and the default needs none


def test_a_target_date_before_the_start_is_explained_not_crashed(open_page):
    app = open_page("planner", **{"from": "2025-01-01"})
    assert "The target date is not after the starting date" in app.warning[0].value
    assert not plotly_figures(app)


def test_target_already_met(open_page):
    app = open_page("planner", target="own", own="500")
    assert "862 on 30 September 2019 already meets the target as modelled (500): no growth is needed" in all_text(app)


def test_a_start_above_the_target_is_held_and_its_leavers_replaced(open_page):
    """6,000 on 31 March 2023 against 4,730, 11% leaving: the path holds 6,000 (it is not cut to the target), and
    holding it takes about 660 recruits a year (11% of 6,000), not 0."""
    app = open_page("planner", start="6000", **{"from": "2023-03-31"})
    text = all_text(app)
    assert (
        "6,000 on 31 March 2023 already meets the target as modelled (4,730): no growth is needed. Holding 6,000 "
        "means replacing those who leave: about 660 recruits a year, each trained at least once, who may fill as "
        "few as 220 full-time posts"
    ) in text
    assert list(trace(app, MODELLED).y) == pytest.approx([6000, 6000])
    assert list(yearly(app)[RECRUITS]) == [660]
    assert (
        "6,000 already meets the target as modelled (4,730): holding it means replacing those who leave (modelled)"
        in text
    )


def source_line(app) -> str:
    return next(line for line in all_text(app).split("Source: ")[1:] if "Modelled from:" in line)


def test_a_readers_own_inputs_are_not_credited_to_a_document(open_page):
    cited = source_line(open_page("planner"))
    assert "leavers PSW Stocktake 2019 (NHSBN/HEE, 2020), Sickness, vacancies and temporary staffing, p.28" in cited
    assert "trainees per FTE post ImROC training pages" in cited
    own = source_line(open_page("planner", start="1500", leavers="own", rate="20", tpp="2"))
    assert "start your own starting count" not in own and "your own starting count" in own
    assert "your own leaver rate" in own and "your own trainees per FTE post" in own
    assert "Sickness, vacancies and temporary staffing" not in own and "ImROC" not in own
    assumptions = next(t for t in tables(open_page("planner", leavers="own", rate="20")) if "Assumption" in t.columns)
    assert "Your leaver rate (% a year)" in set(assumptions["Assumption"])


def test_later_evidence_sits_beside_the_2019_figures_as_printed(open_page):
    app = open_page("planner")
    census, briefing, restated, sheffield = [t for t in tables(app) if "Caveats, and how it was printed" in t.columns]
    assert list(census["Value"]) == ["5", "13", "0", "82", "8"]
    assert "Between 2 and 50 (as printed)" in set(briefing["Category"])
    # The bounds the briefing printed travel with the value; its two most common job titles after PSW are there.
    assert {"1", "112", "5", "64", "at least 4", "about 140"} <= set(briefing["Value"])
    assert {"LX Worker", "Family or Carer PSW/Family Ambassador"} <= set(briefing["Category"])
    # What the briefing restates from the 2019 report is apart from its own figures.
    assert list(restated["Value"]) == ["48", "862", "over 40"]
    assert list(sheffield["Value"]) == ["7", "4", "9", "9", "5"]
    assert "Before the introduction of the PSW Lead post" in set(sheffield["Category"])
    assert not any("before 2022" in period for period in sheffield["Period"])
    text = all_text(app)
    assert "never joined to its series or to the modelled path" in text
    assert 'trusts "had wholly or partially contracted the PSW role out"' in text
    assert "reflection group of 2023" not in text
    assert "Source: Research findings on LX roles (undated, 2023 or later)" in text
    assert "Source: SHSC case study (2025)" in text


def upload(app, content: bytes):
    app.file_uploader(key="own-national").set_value(("counts.csv", content, "text/csv"))
    return app.run()


def test_own_counts_are_drawn_user_supplied_and_read_against_the_path(open_page):
    app = open_page("planner", mine="show")
    upload(app, b"date,headcount,scope\n2021-03-31,1800,England\n2023-03-31,2500,England\n")
    assert "Loaded 2 count(s)" in app.success[0].value
    points = trace(app, USER)
    assert list(points.y) == [1800, 2500] and all("(yours)" in t for t in points.text)
    text = all_text(app)
    assert (
        "User-supplied: your count of 1,800 on 31 March 2021 is 280 ahead of the path (1,520); your count of "
        "2,500 on 31 March 2023 is 740 behind the path (3,240)." in text
    )
    # The Growth page draws the same counts, also marked, with the same reading.
    app.switch_page("pages/growth.py").run()
    assert any(t.name == USER for f in plotly_figures(app) for t in f.data)
    assert "is 740 behind the path" in all_text(app)


def test_a_bad_upload_lists_every_problem_and_draws_nothing(open_page):
    app = open_page("planner", mine="show")
    upload(app, b"date,headcount,scope\n2021-02-30,10,x\n2021-03-31,-1,x\n")
    error = app.error[0].value
    assert "Your file was not loaded" in error and "Row 2" in error and "Row 3" in error
    assert not any(t.name == USER for t in plotly_figures(app)[0].data)


def test_hosted_mode_switches_the_upload_off_and_says_so(open_page, monkeypatch):
    monkeypatch.setenv(settings.MODE_ENV, settings.HOSTED)
    app = open_page("planner", mine="show")
    assert "switched off in this hosted, read-only copy" in all_text(app)
    assert not app.get("file_uploader")


def test_about_this_model_gives_every_formula_closed_until_opened(open_page):
    app = open_page("planner")
    (about,) = [
        block.value
        for block in app.get("html")
        if block.value.startswith('<details class="psw-details"><summary>About this model</summary>')
    ]
    assert "Every output on this page is <strong>modelled</strong>" in about
    assert "<li><strong>Required growth, steady compound</strong>: g = (target / start) ^ (1 / years) - 1" in about
    assert (
        "<li><strong>Trainees in a year</strong>: the recruits: every person recruited is trained at least once"
        in about
    )
    assert about.count("<li>") == 11
