"""PSW workforce dashboard: the 2019 stocktake of NHS mental-health peer support workers.

Data flows one way: data/source (cited CSV) -> build/pipeline.py (validated) -> data/*.parquet
-> reading/data.py (cached loader) -> charts/charts.py (pure figures) -> views/frame.py (chart frame) -> pages/.
Each folder is a layer, and imports only go down them (docs/development.md, Layout; tests/unit/test_import_layers.py).
"""
