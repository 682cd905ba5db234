"""Counts for the page: claims per side, and claims per day by side (the timeline)."""
from __future__ import annotations

import pandas as pd

from .filters import claim_days
from .models import SIDES


def side_counts(claims: pd.DataFrame) -> dict[str, int]:
    """Claims per side, every side present (zero when absent), in the canonical order."""
    counts = claims["side"].value_counts() if len(claims) else pd.Series(dtype=int)
    return {s: int(counts.get(s, 0)) for s in SIDES}


def timeline(claims: pd.DataFrame, date_field: str = "when") -> pd.DataFrame:
    """Claims per day (rows) by side (columns) on the chosen date; undated claims are left out.

    Days without claims between the first and last are filled with zeros so the
    bars stand on a true time axis.
    """
    if claims.empty:
        return pd.DataFrame(columns=list(SIDES))
    days = claim_days(claims, date_field)[0].dt.normalize()
    df = pd.DataFrame({"day": days, "side": claims["side"].values, "n": 1})
    return timeline_from_counts(df)


def timeline_from_counts(counts: pd.DataFrame) -> pd.DataFrame:
    """``timeline`` from claims counted per (day, side, n), as the store counts them."""
    if counts.empty:
        return pd.DataFrame(columns=list(SIDES))
    df = counts.assign(day=pd.to_datetime(counts["day"], errors="coerce", format="ISO8601")).dropna(subset=["day"])
    if df.empty:
        return pd.DataFrame(columns=list(SIDES))
    df = df.assign(day=df["day"].dt.normalize(), n=df["n"].astype(int))
    wide = df.groupby(["day", "side"])["n"].sum().unstack(fill_value=0)
    full = pd.date_range(wide.index.min(), wide.index.max(), freq="D")
    wide = wide.reindex(index=full, columns=[s for s in SIDES if s in wide.columns], fill_value=0)
    wide.index.name = "day"
    return wide.astype(int)


SPAN_PARAM = "span"  # the timeline's brush: its name is how the page reads the selection back


def timeline_chart(wide: pd.DataFrame, colours: dict[str, str]):
    """Stacked bars of claims per day by side, with a brush on the time axis (Vega-Lite, bundled
    with Streamlit: no network). Dragging across it selects a span of days."""
    import altair as alt

    from .palette import SIDE_LABELS

    long = wide.reset_index().melt(id_vars="day", var_name="side", value_name="claims")
    long = long[long["claims"] > 0].assign(side=lambda d: d["side"].map(lambda s: SIDE_LABELS.get(s, s)))
    keys = [s for s in SIDES if s in wide.columns]
    sides = [SIDE_LABELS[s] for s in keys]
    brush = alt.selection_interval(encodings=["x"], name=SPAN_PARAM)
    return (alt.Chart(long, height=200)
            .mark_bar()
            .encode(x=alt.X("day:T", title="day"), y=alt.Y("sum(claims):Q", title="claims"),
                    color=alt.Color("side:N", scale=alt.Scale(domain=sides, range=[colours[s] for s in keys]),
                                    legend=alt.Legend(orient="bottom", title=None)),
                    tooltip=[alt.Tooltip("day:T", format="%d %b %Y"), "side:N", "claims:Q"])
            .add_params(brush))
