"""The build (`python dev.py build`, or `python -m psw_dash.build`): data/source/ in, validated, derived and
written to data/ byte-identical each time. Never imported by the app, which reads only what it wrote."""
