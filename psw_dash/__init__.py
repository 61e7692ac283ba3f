"""PSW workforce dashboard: the 2019 stocktake of NHS mental-health peer support workers.

Data flows one way: data/source (cited CSV) -> build.py (validated) -> data/*.parquet
-> data.py (cached loader) -> charts.py (pure figures) -> frame.py (chart frame) -> pages/.
"""
