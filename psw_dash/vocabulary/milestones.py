"""The dates the 2019 series and the target stand at, and the figures that print what the target counts: the
build derives from them (build/derive.py) and the planner starts from them."""

from __future__ import annotations

from datetime import date

# The stocktake's census date: the 2019 count stands at it.
CENSUS_DATE = date(2019, 9, 30)
# "4,730 PSWs planned over the next five years" (LTP, 2019); the 2023 workforce plan dates it "by the end of 2023/24".
TARGET_DATE = date(2024, 3, 31)

# The report gives the Long Term Plan's 4,730 no end date ('over the next five years'); the research briefing
# dates the same 4,730 'by the end of 2023/24', so every figure that uses the date cites that row too.
TARGET_DATED = "target.ltwp_in_post_2023_24"
# The sources differ on what 4,730 counts: the briefing's 'staff in post' (the reading used here) and the training
# provider's 'an additional 4,730 ... over five years'. Every row comparing 862 with 4,730 says both.
TARGET_ADDITIONAL = "target.mhip_additional_trained"
