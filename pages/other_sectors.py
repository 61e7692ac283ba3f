"""Other sectors: peer support workers reported by local authorities, voluntary and independent providers."""
import streamlit as st

from psw_dash import content, frame, layout, state

layout.start_page("Other sectors")
st.markdown(content.fill(content.prose("other_sectors")))

view = state.choice("Show", {"staff": "Staff by sector", "submissions": "Returns by sector"}, "view")
if view == "staff":
    frame.breakdown("other_sectors", "other_sectors.staff.*",
                    table_extra=("other_sectors.additional_psws", "other_sectors.nhs_share_pct"))
    frame.metrics({"other_sectors.nhs_share_pct": "NHS share of all PSWs reported"})
else:
    frame.comparison("other_sectors_submissions", "other_sectors.submissions.independent",
                     "other_sectors.submissions.local_authority", "other_sectors.submissions.voluntary",
                     "other_sectors.submissions_with_staff.*", names=["Returns", "Returns reporting PSWs"],
                     table_extra=("other_sectors.submissions.total", "other_sectors.la_not_employing"))
