"""The numbers as open data: a Frictionless Data Package and an accessible spreadsheet, made by the build.

    resources.py     which tables are published, their keys, and what each column holds
    table_schema.py  a Table Schema for each, derived from the pandera schemas in psw_dash/build/schemas.py
    sources_md.py    the sources and licences, read from data/SOURCES.md (said once, there)
    package.py       datapackage.json, one CSV per table and the zip of them, byte-identical each build
    spreadsheet.py   the same tables as an .xlsx after the Analysis Function's guidance (gptables)

Elsewhere, as the app uses them and never imports the build: vocabulary/links.py (the fixed paths the hosted copy
serves them at, and their content types), export/open_data_offer.py (the app's download buttons and the list of
those addresses) and hosting/open_data_server.py (the small file server the Kubernetes Ingress routes them to).
"""
