"""One colour per side, shared by the map, the legend, the panel and the timeline."""
from __future__ import annotations

SIDE_COLORS: dict[str, str] = {
    "russia": "#d62728",
    "ukraine": "#1f5fbf",
    "west": "#2ca02c",
    "other": "#9467bd",
    "unknown": "#8c8c8c",
}
# Marker outline per side: Ukraine's blue dot gets a yellow ring.
SIDE_STROKES: dict[str, str] = {"ukraine": "#f2c200"}
SIDE_LABELS: dict[str, str] = {
    "russia": "Russia",
    "ukraine": "Ukraine",
    "west": "West",
    "other": "Other",
    "unknown": "Unknown",
}
CONTESTED_STROKE = "#111111"
