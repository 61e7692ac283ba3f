"""Training: how trusts train peer support workers, and who leads it."""
import streamlit as st

from psw_dash import content, frame, layout, state

layout.start_page("Training")
st.markdown(content.fill(content.prose("training")))

view = state.choice("Show", {"routes": "Training routes", "mix": "In-house mix"}, "view")
if view == "routes":
    frame.breakdown("training", "training.in_house", "training.third_sector", "training.fe_college",
                    "training.university", table_extra=("training.not_in_house_count",))
    frame.metrics({"training.lived_experience_led": "Responses where training was led by someone with lived experience"})
else:
    frame.breakdown("training_mix", "training.in_house_solely_internal", "training.in_house_plus_external")
