"""searcher on a Ray cluster: normalize pages into Parquet records, build index shards.

from searcher.cluster import normalize_sources, build_shards

report = normalize_sources(["corpus"], "records")          # NormalizeReport
shards = build_shards("records", "shards", shards=4)         # ShardsReport

Both run their tasks on the Ray cluster given by `address` (or $RAY_ADDRESS), or on a
local Ray instance started for the run. Ray is the `cluster` extra: pip install 'searcher[cluster]'.
"""

from ..lazy import lazy_exports

_EXPORTS = {
    "normalize_sources": "normalize",
    "NormalizeReport": "report",
    "ShardsReport": "report",
    "build_shards": "shards",
    "index_statistics": "stats",
    "RECORD_SCHEMA": "records",
}


__getattr__ = lazy_exports(__name__, _EXPORTS)


__all__ = sorted(_EXPORTS)
