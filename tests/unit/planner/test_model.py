"""The planner's model against values worked by hand."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from psw_dash.planner import model as planner

CENSUS, END_2023_24 = date(2019, 9, 30), date(2024, 3, 31)
LTP = planner.Scenario(862, CENSUS, 4730, END_2023_24, leaver_rate=0.11, trainees_per_post=3)
# 100 on 31 March 2020 to 121 on 31 March 2022: 10% a year, two whole years.
SMALL = planner.Scenario(100, date(2020, 3, 31), 121, date(2022, 3, 31), leaver_rate=0.10, trainees_per_post=3)


def test_census_to_end_of_2023_24_is_four_and_a_half_years():
    assert LTP.years == 4.5
    assert planner.years_between(CENSUS, date(2037, 3, 31)) == 17.5


def test_862_to_4730_needs_about_46_percent_a_year():
    # (4730 / 862) ^ (1 / 4.5) - 1 = 5.4872 ^ 0.2222 - 1 = 0.4598
    assert planner.required_growth(LTP) == pytest.approx(0.4598, abs=1e-4)
    assert planner.headcount_at(LTP, 4.5) == pytest.approx(4730)


def test_straight_line_adds_the_same_number_each_year():
    straight = LTP.with_(shape=planner.STRAIGHT)
    assert planner.required_growth(straight) == pytest.approx((4730 - 862) / 4.5)  # 859.6 a year
    assert planner.headcount_on(straight, date(2020, 3, 31)) == pytest.approx(862 + 859.5556 * 0.5, abs=1e-3)


def test_compound_year_by_year_with_leavers_and_trainees():
    plan = planner.yearly_plan(SMALL)
    assert list(plan["financial_year"]) == ["2020/21", "2021/22"]
    assert list(plan["headcount_end"]) == pytest.approx([110, 121])
    assert list(plan["net_new_posts"]) == pytest.approx([10, 11])
    # leavers = 10% x mean headcount: (100 + 110) / 2 x 0.1 = 10.5; (110 + 121) / 2 x 0.1 = 11.55
    assert list(plan["leavers"]) == pytest.approx([10.5, 11.55])
    assert list(plan["recruits"]) == pytest.approx([20.5, 22.55])
    # Trainees are people: every recruit trained once, not 3 trainees per person (the provider's 'up to 18 PSWs to
    # fill 6 FTE posts' is people per full-time post), so 3 per post says they may fill as few as a third as many posts.
    assert list(plan["trainees"]) == pytest.approx([20.5, 22.55])
    assert list(plan["fte_posts_as_few_as"]) == pytest.approx([20.5 / 3, 22.55 / 3])
    totals = planner.totals(SMALL, plan)
    assert totals.recruits == pytest.approx(43.05)
    assert totals.recruits_a_year == pytest.approx(21.525)
    assert totals.trainees_a_year == pytest.approx(21.525)
    assert totals.fte_posts_a_year_as_few_as == pytest.approx(7.175)


def test_straight_line_year_by_year():
    plan = planner.yearly_plan(SMALL.with_(target_count=120, shape=planner.STRAIGHT))
    assert list(plan["headcount_end"]) == pytest.approx([110, 120])
    assert list(plan["leavers"]) == pytest.approx([10.5, 11.5])
    assert list(plan["recruits"]) == pytest.approx([20.5, 21.5])


def test_part_years_at_either_end_are_financial_years():
    plan = planner.yearly_plan(LTP)
    assert list(plan["financial_year"]) == ["2019/20", "2020/21", "2021/22", "2022/23", "2023/24"]
    assert list(plan["years"]) == [0.5, 1, 1, 1, 1]
    assert plan["net_new_posts"].sum() == pytest.approx(4730 - 862)
    odd_end = planner.yearly_plan(LTP.with_(target_date=date(2024, 9, 30)))
    assert list(odd_end["financial_year"])[-1] == "2024/25" and list(odd_end["years"])[-1] == 0.5


def test_no_leavers_means_recruits_equal_net_growth():
    plan = planner.yearly_plan(SMALL.with_(leaver_rate=0.0))
    assert list(plan["recruits"]) == pytest.approx(list(plan["net_new_posts"]))


def test_target_already_met_needs_no_growth_but_still_replaces_leavers():
    met = SMALL.with_(target_count=100)
    assert met.target_met
    assert planner.required_growth(met) == 0
    plan = planner.yearly_plan(met)
    assert list(plan["net_new_posts"]) == pytest.approx([0, 0])
    assert list(plan["recruits"]) == pytest.approx([10, 10])  # 10% of 100 leave each year and are replaced


def test_a_start_above_the_target_is_held_not_cut_and_its_leavers_replaced():
    """6,000 on 31 March 2023, target 4,730 by 31 March 2024, 11% leaving: the path holds 6,000 (no cut to the
    target is modelled), and holding it takes 11% of 6,000 = 660 recruits in the year, not 0."""
    above = planner.Scenario(6000, date(2023, 3, 31), 4730, END_2023_24, leaver_rate=0.11, trainees_per_post=3)
    assert above.target_met and planner.required_growth(above) == 0
    assert planner.required_growth(above.with_(shape=planner.STRAIGHT)) == 0
    plan = planner.yearly_plan(above)
    assert list(plan["headcount_end"]) == pytest.approx([6000])
    assert list(plan["net_new_posts"]) == pytest.approx([0])
    assert list(plan["recruits"]) == pytest.approx([660])
    assert list(plan["trainees"]) == pytest.approx([660])
    assert list(plan["fte_posts_as_few_as"]) == pytest.approx([220])
    assert list(planner.path_points(above)["headcount"]) == pytest.approx([6000, 6000])
    assert planner.totals(above, plan).recruits_a_year == pytest.approx(660)


def test_target_date_before_start_is_refused():
    with pytest.raises(ValueError, match="after the start date"):
        planner.required_growth(SMALL.with_(target_date=date(2019, 3, 31)))


def test_reverse_question_compound_and_straight():
    # log(4730 / 862) / log(1.2) = 1.70243 / 0.18232 = 9.34 years
    assert planner.years_to_target(862, 4730, 0.20) == pytest.approx(9.3375, abs=1e-3)
    # at the required 45.98% it is reached on the target date
    assert planner.years_to_target(862, 4730, planner.required_growth(LTP)) == pytest.approx(4.5)
    # straight at 20% of 862 = 172.4 a year: 3,868 / 172.4 = 22.44 years
    assert planner.years_to_target(862, 4730, 0.20, planner.STRAIGHT) == pytest.approx(22.436, abs=1e-3)
    assert planner.when_reached(LTP, 0.20) == date(2029, 1, 31)


def test_reverse_question_edge_cases():
    assert planner.years_to_target(5000, 4730, 0.10) == 0
    assert planner.years_to_target(862, 4730, 0.0) is None
    assert planner.years_to_target(862, 4730, -0.05) is None
    assert planner.when_reached(LTP, 0.0) is None


def test_user_counts_are_ahead_or_behind_the_path_on_their_dates():
    counts = pd.DataFrame({"date": [date(2020, 3, 31), date(2022, 3, 31), date(2030, 1, 1)], "count": [1100, 2000, 9]})
    compared = planner.compare_counts(LTP, counts)
    assert list(compared["status"]) == ["ahead", "behind", "outside the path's dates"]
    assert compared["required"].iloc[1] == pytest.approx(862 * (4730 / 862) ** (2.5 / 4.5))
    assert math.isnan(compared["difference"].iloc[2])


def test_path_points_start_at_the_start_and_end_on_the_target():
    points = planner.path_points(LTP)
    assert points["date"].iloc[0] == CENSUS and points["headcount"].iloc[0] == pytest.approx(862)
    assert points["date"].iloc[-1] == END_2023_24 and points["headcount"].iloc[-1] == pytest.approx(4730)


def test_the_words_for_a_start_above_the_target_say_what_holding_it_takes():
    from psw_dash.planner import view as planner_view

    above = planner.Scenario(6000, date(2023, 3, 31), 4730, END_2023_24, leaver_rate=0.11, trainees_per_post=3)
    words = planner_view.sentence(above, planner.totals(above), date(2026, 1, 1))
    assert words.startswith(
        "6,000 on 31 March 2023 already meets the target as modelled (4,730): no growth is needed. "
        "Holding 6,000 means replacing those who leave: about 660 recruits a year, each trained at "
        "least once, who may fill as few as 220 full-time posts"
    )
    assert "replacing leavers alone" not in words


def test_a_start_equal_to_a_target_printed_over_does_not_claim_to_meet_the_words():
    """'6,500 ... already meets a target of over 6,500' contradicts itself: the start meets the number modelled."""
    from psw_dash.planner import view as planner_view

    equal = planner.Scenario(
        6500, date(2030, 3, 31), 6500, date(2037, 3, 31), leaver_rate=0.11, trainees_per_post=3, target_bound="over"
    )
    words = planner_view.sentence(equal, planner.totals(equal), date(2026, 1, 1))
    assert "already meets a target of over 6,500" not in words
    assert words.startswith(
        "6,500 on 31 March 2030 already meets the target as modelled (6,500, printed as "
        "'over 6,500', so more may be needed)"
    )
    assert "already meets the target of over" not in planner_view.reverse_sentence(equal, 5)


def test_a_readers_own_input_is_not_credited_to_a_document():
    from psw_dash.planner import view as planner_view

    cited = planner_view.modelled_from("Report, p.6", "Report, p.4", "Report, p.28", "Provider, para")
    assert cited == (
        "Modelled from: start Report, p.6; target Report, p.4; leavers Report, p.28; trainees per FTE "
        "post Provider, para."
    )
    own = planner_view.modelled_from(None, "Report, p.4", None, None)
    assert own == (
        "Modelled from: your own starting count; target Report, p.4; your own leaver rate; your own "
        "trainees per FTE post."
    )


def test_a_target_printed_with_a_bound_keeps_it_in_the_words():
    from psw_dash.planner import view as planner_view

    later = LTP.with_(target_count=6500, target_date=date(2037, 3, 31), target_bound="over")
    assert planner_view.target_text(later) == "over 6,500"
    assert "to reach over 6,500 (modelled as exactly 6,500) by 31 March 2037" in planner_view.sentence(
        later, planner.totals(later), date(2026, 1, 1)
    )


def test_a_readers_own_start_is_not_cited_to_the_reports_page_in_the_yearly_plan():
    """The yearly-plan CSV cited p.6 on every modelled row even from a reader's own start."""
    from psw_dash.planner import defaults
    from psw_dash.views import views

    planned = defaults.default()
    assert views.planner_framed(planned).table["source_page"].eq(6).all()
    own = defaults.Planned(planned.scenario.with_(start_count=2500, start_date=date(2023, 3, 31)), own_start=True)
    table = views.planner_framed(own).table
    assert table["source_page"].isna().all() and table["source_doc"].eq("user-supplied").all()
    assert table["source_section"].eq("your own starting count").all()


def test_the_planners_tiles_count_recruits_as_the_trainees_and_give_the_fewest_full_time_posts():
    from psw_dash.planner import view as planner_view

    items = {label: value for label, value, _ in planner_view.tile_items(LTP, planner.totals(LTP))}
    assert items["Recruits a year, each trained at least once (modelled)"] == "1,112"
    assert items["FTE posts they may fill a year, as few as (modelled)"] == "371"
    assert not any("upper bound" in label or "3,337" in value for label, value in items.items())
