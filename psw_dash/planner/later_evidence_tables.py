"""The later evidence as the planner page and the briefing pack show it: one table per source, and the
briefing's own figures apart from those it restates from the 2019 report.

Never joined to the 2019 series or to the modelled path: each table stands beside the 2019 figures.
"""

from __future__ import annotations

import pandas as pd

from psw_dash.reading import data

CENSUS_PER_TRUST = ("per_trust.median", "per_trust.mean", "per_trust.min", "per_trust.max", "per_trust.orgs_above_40")
# The briefing restates three 2019 figures (48 in 2015/16, 862 in 2019, 'a few' trusts over 40): not new evidence.
RESTATED = "Restated 2019 report figures"


def sections() -> list[tuple[str, pd.DataFrame]]:
    """(heading, catalogue rows) for each table, in the order they are shown."""
    briefing = data.rows("later.briefing.*")
    restated = briefing["category"].eq(RESTATED)
    trusts = f"{data.value('later.briefing.trusts_with_data'):,.0f}"
    return [
        ("2019 census: NHS-employed PSWs per trust, 30 September 2019", data.rows(*CENSUS_PER_TRUST)),
        (
            (
                f"Research findings on LX roles (undated, 2023 or later): its own figures (it holds numerical data for {trusts} "
                "trusts; one figure is a reflection-group participant's words; date of data not stated)"
            ),
            briefing[~restated].reset_index(drop=True),
        ),
        (
            "The same research findings restating the 2019 report (not new evidence)",
            briefing[restated].reset_index(drop=True),
        ),
        (
            (
                "Sheffield Health and Social Care NHS FT: one trust, from before the introduction of the PSW Lead post to "
                "June 2023"
            ),
            data.rows("later.shsc.*"),
        ),
    ]
