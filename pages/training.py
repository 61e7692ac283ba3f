"""Training: how trusts train peer support workers, and who leads it."""
import streamlit as st

from psw_dash import content, data, frame, state

st.title("Training")
st.markdown(content.fill(content.prose("training")))

view = state.choice("Show", {"routes": "Training routes", "mix": "In-house mix"}, "view")
if view == "routes":
    frame.breakdown("training", "training.in_house", "training.third_sector", "training.fe_college",
                    "training.university", table_extra=("training.not_in_house_count",))
    frame.headline_metric("Responses where training was led by someone with lived experience",
                          data.figure("training.lived_experience_led"), key="lived_experience")
else:
    frame.breakdown("training_mix", "training.in_house_solely_internal", "training.in_house_plus_external")
