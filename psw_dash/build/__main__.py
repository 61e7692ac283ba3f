"""`python -m psw_dash.build` (what `python dev.py build` runs): rebuild data/ from data/source/."""

import sys

from psw_dash.build.pipeline import main

sys.exit(main())
