"""What a row of the figure catalogue (figures.parquet) says beside its value: the word of a bound, and when its
base counts as small. The build validates against these (build/schemas.py); the app prints them."""

# A bound as it reads before the value: 'over 60%' (printed 'over' or 'more than'), 'under 1%' (printed
# 'fewer than' or 'less than'), 'almost 50%' (printed 'almost half'), 'up to 18', 'at least 4' (printed
# 'At least four'), 'about 140' (printed 'about', 'approximately' or 'around'), 'circa 4%' (printed 'circa'). Empty for a value printed as a number. The one list of bound words: the
# build, the tests and the downloads read it from here.
BOUNDS = ("", "over", "under", "almost", "up to", "at least", "about", "circa")

# Bases below this are flagged on screen as small.
SMALL_BASE = 50
