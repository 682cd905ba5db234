"""The claims map page. Layout only: every decision lives in geo/.

Run: streamlit run dashboard.py   (store: $GEO_STORE, default data/claims.db;
a postgresql:// URL there reads a shared PostgreSQL store instead)
"""
from __future__ import annotations

import hashlib
import os
from datetime import date
from functools import partial
from pathlib import Path
from typing import Callable

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo import (access, articleview, events, export, filters, firstpaint, inbox, jobs, mapview, pageview, panel,
                 placewords, querystate, summary, tablewords, timewindow, upload)
from geo.errors import GeoError
from geo.ingest import load_paths
from geo.models import SIDES
from geo.palette import SIDE_COLORS, SIDE_LABELS
from geo.store import DEFAULT_STORE, Store
from geo.store_pg import PgStore, open_store

SEEDS = Path(__file__).resolve().parent / "seeds"

EAGER_EXPORT_ROWS = 2000
PANEL_PAGE = 50  # claims: the panel shows whole events until it has at least this many
EVENTS_PAGE = 8
PAGE_CSS = "<style>[data-testid='stMainBlockContainer']{padding-top:1.5rem}</style>"
CLICK_FIELDS = ["last_object_clicked_tooltip", "last_object_clicked_count"]
MAP_OPTIONS = {"m_osm": False, "m_uncited": False, "m_uncertain": True}  # the map toggles' defaults
SEED_JOB = "seed:{}"  # one seeding job per store path, shared by the sessions that open it

st.set_page_config(page_title="Claims map", page_icon=":world_map:", layout="wide")
ss = st.session_state


@st.cache_resource(show_spinner=False)
def get_store(path: str) -> Store | PgStore:
    """A SQLite file, or a PostgreSQL store when ``path`` is a postgresql:// URL."""
    return open_store(path)


@st.cache_resource(show_spinner=False)
def get_jobs() -> jobs.JobRunner:
    """Worker threads shared by every session: uploads, seeding and the model warm-up run there."""
    return jobs.JobRunner()


@st.cache_resource(show_spinner=False)
def get_models() -> jobs.Models:
    """The gazetteer and the spaCy model; loaded by the first job that needs them, or warmed in
    the background once the first page is drawn (see the end of ``main``)."""
    return jobs.Models()


@st.cache_resource(show_spinner=False, max_entries=2)
def get_places(path: str, version: tuple[int, ...]) -> tuple[pd.DataFrame, filters.FilterOptions, dict[str, str]]:
    """The places (a few thousand rows, never the claims), what the filters offer, and which
    towns lie in which region, for one store state; ``version`` (row counts) changes when
    articles are added. A resource: no copy per rerun, and nothing downstream mutates them."""
    return pageview.store_basics(get_store(path))


@st.cache_resource(show_spinner=False, max_entries=16)
def get_view(path: str, version: tuple[int, ...], key: str, _state: filters.FilterState) -> pageview.PageView:
    """One filtered view (``key`` names the filters); it asks the store as the page draws it
    and keeps the answers, so a rerun on the same filters asks nothing again."""
    places, _, parents = get_places(path, version)
    return pageview.PageView(get_store(path), _state, places, parents)


@st.cache_resource(show_spinner=False, max_entries=8)
def get_dense(path: str, version: tuple[int, ...], date_field: str) -> tuple[date, date] | None:
    """Where most claims are on a date field (the default time window), from the store's day counts."""
    return pageview.dense_window(get_store(path), date_field)


def follow(job: jobs.Job) -> None:
    """A progress bar until the job is done. This run waits for it; a newer interaction
    interrupts only the waiting (the job goes on, the next run waits again)."""
    if job.done:
        return
    bar = st.progress(*job.progress())
    while not job.wait(0.25):
        value, text = job.progress()
        bar.progress(value, text=text)
    bar.empty()


def job_failure(job: jobs.Job) -> str:
    """Why a job failed, for a message (stored work stays: one transaction per article)."""
    exc = job.error
    reason = str(exc) if isinstance(exc, GeoError) else f"{type(exc).__name__}: {exc}"
    return f"Could not process the articles: {panel.md_text(reason)}"


def seed_if_empty(store: Store | PgStore, path: str) -> None:
    """A fresh clone or deleted store: load seeds/ before drawing anything. One job per store,
    which every session opening the page meanwhile waits for."""
    key = SEED_JOB.format(path)
    job = get_jobs().running(key)
    if job is None:
        if not store.is_empty():
            return
        result = load_paths([SEEDS])
        for err in result.errors:
            st.warning(f"Could not read {panel.md_text(err)}")
        if not result.articles:
            return
        label = "First run: reading the sample articles in seeds/"
        job = get_jobs().start_once(key, label, jobs.ingest_work(store, get_models(), result.articles, label))
    follow(job)
    if job.error is not None:
        st.error(job_failure(job))


def show_submission(sub: inbox.Submission | None) -> None:
    """The last submission's messages, on every run until the next one: a run that showed
    them may be interrupted before the browser draws it."""
    if sub is None:
        return
    for msg in sub.batch.errors:
        st.error(f"Not loaded: {panel.md_text(msg)}")
    for msg in sub.batch.warnings:
        st.warning(panel.md_text(msg))
    if sub.job is None:
        return
    follow(sub.job)
    if sub.job.error is not None:
        st.error(job_failure(sub.job))
        return
    added, skipped = sub.job.result
    st.success(f"Added {added} article(s)" + (f"; {skipped} already stored" if skipped else ""))


def add_articles_form(store: Store | PgStore) -> None:
    rights = access.write_access(st.get_option("server.address"), access.configured_token(os.environ, st.secrets))
    box = ss.setdefault("_upload_inbox", inbox.Inbox())
    runner, models = get_jobs(), get_models()
    with st.expander("Add articles", expanded=False):
        if not rights.allowed:
            st.info(rights.reason)
            return
        with st.form("add_articles", clear_on_submit=True):
            files = st.file_uploader(f"Text files (.txt), each with its NAME.meta.json if you have one; "
                                     f"{upload.LIMITS_TEXT}", type=["txt", "json"],
                                     accept_multiple_files=True, key="up_files", max_upload_size=upload.MAX_FILE_MB,
                                     help="A sidecar gives its own text's outlet, outlet side, date and URL; "
                                          "the fields below fill in what a file's sidecar leaves out.")
            pasted = st.text_area("…or paste an article (headline on the first line)", key="up_text", height=120,
                                  help=f"At most {upload.MAX_PASTE_CHARS:,} characters; upload longer texts as files.")
            outlet = st.text_input("Outlet (optional)", key="up_outlet")
            outlet_side = st.selectbox("Outlet side (optional)", SIDES, index=None, key="up_outlet_side",
                                       format_func=lambda s: SIDE_LABELS.get(s, s), placeholder="not given")
            published = st.date_input("Publication date (optional)", value=None, key="up_published",
                                      max_value=date.today())
            url = st.text_input("URL (optional)", key="up_url")
            given = st.text_input("Write token (this page is shared)", type="password",
                                  key="up_token") if rights.needs_token else None
            submitted = st.form_submit_button("Add to the map")
        meta = upload.upload_meta(outlet, published, url, outlet_side)
        if not rights.accepts(given):
            if box.refuse(submitted, list(files or []), pasted, meta):
                st.error("Wrong or missing write token: nothing was added.")
            return
        label = "Adding articles"
        taken = box.take(submitted, list(files or []), pasted, meta,
                         start=lambda batch: runner.start(label, jobs.ingest_work(store, models, batch.articles, label)))
        if taken == "empty":
            st.info("Choose files or paste text first.")
        show_submission(box.last)


def init_from_url(options: filters.FilterOptions, dense_on: Callable[[str], tuple[date, date] | None]) -> None:
    """First run of a session: widgets start from the shared URL; with no dates in it, the
    time window starts on the dense part of the data (never on its outliers)."""
    if ss.get("_url_loaded"):
        return
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    state, place = querystate.from_query(params)
    ss.f_date_on = state.date_field
    dense = dense_on(state.date_field)
    chosen = (state.date_from or state.date_to or dense[0], state.date_to or state.date_from or dense[1]) \
        if (state.date_from or state.date_to or dense) else None
    ss.f_limit = chosen is not None and not querystate.all_dates(params)
    today = date.today()
    ss.f_range = chosen or (options.date_min or today, options.date_max or today)
    ss.f_undated = state.include_undated
    ss.f_sides = list(state.sides)
    ss.f_osides = list(state.outlet_sides)
    ss.f_outlets = [o for o in state.outlets if o in options.outlets]
    ss.f_speakers = [s for s in state.speakers if s in options.speakers]
    ss.f_prec = [p for p in state.precisions if p in options.precisions]
    ss.f_q = state.text
    ss.f_contested = state.contested_only
    if place:
        ss.selected_place = ss._focus = place
    ss.article_view = querystate.article_from_query(params)
    ss.article_claim = querystate.claim_from_query(params)
    ss._url_loaded = True


def set_window(lo: date, hi: date) -> None:
    """The one place the time window changes (slider, typed dates, steps, the timeline)."""
    ss.f_range = (min(lo, hi), max(lo, hi))
    ss.f_limit = True


def _slider_moved() -> None:
    set_window(*ss.f_slider)


def _typed_date(which: int, key: str, shown: date) -> None:
    raw = ss.get(key, "")
    if not ss.setdefault("_typed_dates", timewindow.TypedDates()).take(key, raw, shown):
        return  # a field the browser sent back, not a date the reader typed (see TypedDates)
    typed = timewindow.parse_day(raw)
    if typed is None:
        ss._date_error = f"Not a date: {raw!r} (use YYYY-MM-DD)"
        return
    ss._date_error = None
    lo, hi = ss.f_range
    if which == 0:
        set_window(typed, max(typed, hi))  # a start after the end moves the end with it
    else:
        set_window(min(lo, typed), typed)


def _step(direction: int) -> None:
    set_window(*timewindow.step(tuple(ss.f_range), ss.get("f_step", "week"), direction))


def _sync_widget(key: str, value: object) -> None:
    """Give a widget the window's value only when they differ. Writing it on every run would
    send the value back to the browser each time, and a run that started before the reader's
    move (the map reporting its bounds, say) would then put the slider back where it was."""
    if ss.get(key) != value:
        ss[key] = value


def time_controls(dense_on: Callable[[str], tuple[date, date] | None]) -> None:
    """Date field, the window (slider, typed dates committing on Enter, day/week steps), undated."""
    st.radio("Date on", list(filters.DATE_FIELDS), key="f_date_on", horizontal=True,
             format_func=lambda k: filters.DATE_FIELD_LABELS[k],
             help="“when”: the day the claimed event happened if the text says, else the day it was said.")
    st.toggle("Limit to a time window", key="f_limit")
    dense = dense_on(ss.f_date_on)
    lo, hi = ss.f_range
    bounds = timewindow.slider_bounds(dense, (lo, hi))
    # A slider the session has not shown yet starts from its default, not from a session-state
    # write: a written value is sent to the browser as one to apply, and applied again there it
    # put back a move the reader made while the page's first runs went on.
    fresh = "f_slider" not in ss
    if not fresh:
        _sync_widget("f_slider", (lo, hi))
    if bounds and bounds[0] < bounds[1]:
        st.slider("Time window", min_value=bounds[0], max_value=bounds[1], key="f_slider", on_change=_slider_moved,
                  value=(lo, hi) if fresh else None, format="D MMM YYYY", disabled=not ss.f_limit)
    # The typed dates are keyed by the day they show, never written through session state, and
    # a value the browser sends back in a field is told from a typed one (timewindow.TypedDates).
    typed = ss.setdefault("_typed_dates", timewindow.TypedDates())
    c1, c2 = st.columns(2)
    for col, label, which, day in ((c1, "From", 0, lo), (c2, "To", 1, hi)):
        key = timewindow.date_field_key(label.lower(), day)
        typed.drawn(key)
        col.text_input(label, value=day.isoformat(), key=key, on_change=_typed_date, args=(which, key, day),
                       disabled=not ss.f_limit, help="Type a date and press Enter.")
    if ss.get("_date_error"):
        st.caption(panel.md_text(ss._date_error))
    c3, c4, c5 = st.columns([1, 2, 1], vertical_alignment="bottom")
    c3.button("◀", key="f_prev", on_click=_step, args=(-1,), help="The previous day or week")
    c4.segmented_control("Step by", ["day", "week"], key="f_step", default="week", label_visibility="collapsed")
    c5.button("▶", key="f_next", on_click=_step, args=(1,), help="The next day or week")
    st.checkbox("Include undated claims", key="f_undated")


def sidebar_filters(options: filters.FilterOptions,
                    dense_on: Callable[[str], tuple[date, date] | None]) -> filters.FilterState:
    st.header("Filters")
    side_fmt = lambda s: SIDE_LABELS.get(s, s)  # noqa: E731
    st.multiselect("Speaker side", SIDES, key="f_sides", format_func=side_fmt, placeholder="all sides")
    st.multiselect("Outlet side", SIDES, key="f_osides", format_func=side_fmt, placeholder="all outlet sides")
    st.text_input("Search claims", key="f_q", placeholder="words, speakers, places (Kiev finds Kyiv)")
    time_controls(dense_on)
    st.multiselect("Outlet", options.outlets, key="f_outlets", placeholder="all outlets")
    st.multiselect("Speaker", options.speakers, key="f_speakers", placeholder="all speakers")
    st.multiselect("Place precision", options.precisions, key="f_prec", placeholder="all precisions",
                   format_func=placewords.kind_word)
    st.checkbox("Contested places only (sides disagree about an event)", key="f_contested")
    return filter_state()


def filter_state() -> filters.FilterState:
    """The view the filters name, drawn or not yet (``init_from_url`` gave each of them a value)."""
    lo, hi = ss.f_range
    return filters.FilterState(
        date_field=ss.f_date_on, date_from=lo if ss.f_limit else None, date_to=hi if ss.f_limit else None,
        include_undated=ss.f_undated, sides=tuple(ss.f_sides), outlet_sides=tuple(ss.f_osides),
        outlets=tuple(ss.f_outlets), speakers=tuple(ss.f_speakers), precisions=tuple(ss.f_prec),
        text=ss.f_q, contested_only=ss.f_contested)


def map_options() -> tuple[bool, bool, bool]:
    """Online tiles, places without claims, uncertain places (defaults: MAP_OPTIONS)."""
    st.subheader("Map")
    online = st.toggle("Online map tiles (OpenStreetMap)", key="m_osm", value=MAP_OPTIONS["m_osm"],
                       help="Off: borders drawn from shipped data, no network.")
    uncited = st.toggle("Show places mentioned without claims", key="m_uncited", value=MAP_OPTIONS["m_uncited"])
    uncertain = st.toggle("Show uncertain places", key="m_uncertain", value=MAP_OPTIONS["m_uncertain"],
                          help="Places the geoparser was unsure of are drawn faded; switch off to hide them.")
    return online, uncited, uncertain


def draw_map(agg: pd.DataFrame, everything: pageview.PageView, places: pd.DataFrame, online: bool) -> None:
    """All places (with their claim counts) set the first view; later reruns keep it, except
    that a place picked outside the map (table, button, link) is centred."""
    if "map_home" not in ss:
        ss.map_home = mapview.initial_view(everything.aggregate(include_uncited=True, contested=False))
        ss.map_center, ss.map_zoom = ss.map_home
    focus = ss.pop("_focus", None)
    view = mapview.focus_view(places, focus, ss.map_zoom) if focus else None
    if view:
        ss.map_center, ss.map_zoom = view
    # Everything that depends on the view (markers, region borders) goes in the
    # feature group: a changed base-map string would make st_folium remount the map,
    # so the base map keeps its first centre and st_folium moves the view.
    out = st_folium(
        mapview.base_map(*ss.map_home, online_tiles=online), key="map",
        feature_group_to_add=mapview.markers_layer(agg, regions=not online, selected=ss.get("selected_place")),
        center=ss.map_center, zoom=ss.map_zoom,
        returned_objects=CLICK_FIELDS, height=600, use_container_width=True)
    # The count tells a new click from the last one repeated on a rerun, so
    # clicking the same marker again after "Clear selection" selects it again.
    click = tuple((out or {}).get(k) for k in CLICK_FIELDS)
    clicked = mapview.place_id_from_tooltip(click[0])
    if clicked and click != ss.get("_last_click"):
        ss._last_click = click
        ss.selected_place = clicked
        ss.article_view = None


def claims_table(view: pageview.PageView, state: filters.FilterState) -> tuple[pd.DataFrame, str]:
    """The table's rows (the newest of the view, or of the selected place's claims) and a key
    naming exactly them."""
    key = "claims_table_" + hashlib.sha1(repr(state).encode()).hexdigest()[:10]
    pid = ss.get("selected_place")
    if pid and ss.get("t_only_place"):
        return view.at_place(pid), f"{key}_{hashlib.sha1(pid.encode()).hexdigest()[:8]}"
    return view.table(), key


def select_from_table(view: pd.DataFrame, table_key: str) -> None:
    """A newly selected table row opens its claim's place.

    The table's key changes with the filters, so a row position always refers
    to the view it was picked from; a selection already acted on is not
    acted on again (a marker click may have replaced it since).
    """
    state = ss.get(table_key)
    try:
        rows = tuple(state["selection"]["rows"]) if state else ()
    except (KeyError, TypeError):
        rows = ()
    if rows and (table_key, rows) != ss.get("_last_table_pick"):
        ss._last_table_pick = (table_key, rows)
        place = filters.place_of_row(view, rows[0])
        if place:
            ss.selected_place = ss._focus = place


def select_place(place_id: str) -> None:
    """A place picked by a button (or cleared with ""): the map centres on it."""
    ss.selected_place = place_id
    ss.article_view = None
    if place_id:
        ss._focus = place_id


def close_article() -> None:
    ss.article_view = None


def article_href(state: filters.FilterState) -> Callable[[str, str], str]:
    """Links from a claim card to its article view, on this view's filters."""
    return partial(querystate.article_link, querystate.to_query(state, ss.get("selected_place") or None))


def draw_article(store: Store | PgStore, places: pd.DataFrame, article_id: str) -> bool:
    """The whole article with its claims and place mentions marked; False if it is not stored."""
    found = store.article_text(article_id)
    if found is None:
        st.warning("The article in the link is not in the store.")
        ss.article_view = None
        return False
    rows = pageview.article_claims(store, article_id)
    meta = rows.iloc[0].to_dict() if len(rows) else {"article_id": article_id}
    meta["article_id"] = article_id
    st.button("← Back to the place", key="close_article", on_click=close_article)
    st.html(articleview.article_html(meta, *found, rows, store.article_mentions(article_id), placewords.describer(places),
                                     focus=ss.get("article_claim")))
    return True


def draw_panel(store: Store | PgStore, view: pageview.PageView, places: pd.DataFrame, agg: pd.DataFrame,
               href: Callable[[str, str], str]) -> None:
    """The selected place's claims, event by event and side by side; buttons when none is."""
    pid = ss.get("selected_place")
    describe = placewords.describer(places)
    known = set(places["place_id"])
    if not pid or pid not in known:
        if pid:
            st.warning("The place in the link is not in the store.")
        st.info("Click a marker to read the claims made about that place, event by event, side by side.")
        for row in agg[agg["n_claims"] > 0].head(8).itertuples(index=False):
            label = f"{placewords.describe(row.name, row.precision, row.country_code)} · {row.n_claims}"
            st.button(panel.md_text(label), key=f"pick_{row.place_id}", on_click=select_place,
                      args=(row.place_id,), width="stretch")
        return
    if ss.get("_panel_for") != pid:
        ss._panel_for, ss.panel_limit = pid, PANEL_PAGE
    st.button("Clear selection", key="clear_place", on_click=select_place, args=("",))
    at_place = view.panel_events(pid, ss.panel_limit)
    shown = sum(len(rows) for _, rows in at_place)
    sides = view.place_sides(pid)
    total = sum(sides.values())
    name = places.loc[places["place_id"] == pid].iloc[0]
    st.html(panel.panel_html(name["name"], pid, pd.DataFrame(), store.article_text, total=total,
                             sides=sides, events=at_place, article_href=href,
                             where=placewords.where_words(name["precision"], name["country_code"]),
                             place_words=describe))
    if total > shown:
        st.button("Show more", key="panel_more",
                  on_click=lambda: ss.update(panel_limit=ss.panel_limit + PANEL_PAGE))


def draw_events(store: Store | PgStore, view: pageview.PageView, places: pd.DataFrame,
                href: Callable[[str, str], str]) -> None:
    """The events in view, newest first, each side's claims side by side."""
    table = view.events.table
    disagree = int(table["disagree"].sum()) if len(table) else 0
    st.caption(f"{len(table)} events in view (claims about one place, or places one inside the other, "
               f"within {events.WINDOW_DAYS} days); the sides disagree about {disagree}.")
    only = st.toggle("Only events where the sides disagree", key="ev_disagree", value=True)
    rows = table[table["disagree"]] if only and len(table) else table
    limit = ss.setdefault("events_limit", EVENTS_PAGE)
    cache: dict = {}
    describe = placewords.describer(places)
    parts = [panel.event_html(ev, view.event_claims(ev), store.article_text, cache, href, describe)
             for ev in rows.head(limit).to_dict("records")]
    if parts:
        st.html(f'{panel.EVENTS_CSS}<div class="events-view">{"".join(parts)}</div>')
    else:
        st.caption("No events in view." if not only else "No event in view where the sides disagree.")
    if len(rows) > limit:
        st.button(f"Show {min(EVENTS_PAGE, len(rows) - limit)} more events", key="events_more",
                  on_click=lambda: ss.update(events_limit=ss.events_limit + EVENTS_PAGE))


def draw_counts(view: pageview.PageView) -> None:
    counts = view.side_counts
    cols = st.columns(len(counts))
    for col, (side, n) in zip(cols, counts.items()):
        col.metric(SIDE_LABELS[side], n)


def _timeline_brushed() -> None:
    """A span dragged on the timeline becomes the time window."""
    span = timewindow.brushed_span(ss.get("timeline"))
    if span:
        set_window(*span)


def draw_timeline(view: pageview.PageView) -> None:
    tl = view.timeline
    if tl.empty:
        st.caption("No dated claims in view.")
        return
    st.altair_chart(summary.timeline_chart(tl, SIDE_COLORS), key="timeline", on_select=_timeline_brushed,
                    selection_mode="span", width="stretch")
    st.caption("Drag across the bars to set the time window to that span.")


def draw_unplaced(view: pageview.PageView, describe: Callable[[str], str]) -> None:
    """Claims in view that no place could be given to: counted, and listed on request."""
    if not view.n_unplaced:
        return
    with st.expander(f"{view.n_unplaced} claims in view have no place on the map"):
        rows = view.unplaced()
        st.dataframe(tablewords.readable_table(rows, describe, lambda r: r.get("display_title") or ""),
                     hide_index=True, width="stretch", height=260, key="unplaced_table")


def draw_exports(view: pageview.PageView, places: pd.DataFrame) -> None:
    """Small views are built now; big ones only when a button is clicked (deferred data), read
    from the store a chunk of claims at a time."""
    def data(fn, *args):
        build = partial(lambda: b"".join(fn(view.chunks(), *args)))
        return build() if view.total <= EAGER_EXPORT_ROWS else build

    c1, c2 = st.columns(2)
    c1.download_button("Download CSV", data(export.csv_chunks), file_name="claims.csv", mime="text/csv",
                       key="dl_csv")
    c2.download_button("Download GeoJSON", data(export.geojson_chunks, places), file_name="claims.geojson",
                       mime="application/geo+json", key="dl_geojson")


def main() -> None:
    path = os.environ.get("GEO_STORE") or str(DEFAULT_STORE)
    map_only = firstpaint.map_only(ss, st.context.headers)
    # One slot, present on every run, for the first-run progress and messages: if they
    # took slots of their own, the map would move down one place in the page on the run
    # that seeds and back up on the next, and Streamlit would mount a second map iframe
    # beside the stale one while that next run is drawn.
    notices = st.empty()
    try:
        store = get_store(path)
        if store.is_empty() or get_jobs().running(SEED_JOB.format(path)):
            with notices.container():
                seed_if_empty(store, path)
    except GeoError as exc:
        notices.error(panel.md_text(exc))
        st.stop()
    upload_box = st.sidebar.container()
    filter_box = st.sidebar.container()
    map_box = st.sidebar.container()
    if not map_only:
        with upload_box:
            add_articles_form(store)
    counts = store.counts()
    version = tuple(counts.values())
    places, options, parents = get_places(path, version)
    dense_on = partial(get_dense, path, version)
    init_from_url(options, dense_on)
    if map_only:  # the sidebar's widgets come with the rest (geo/firstpaint.py); their values already count
        state = filter_state()
        online, uncited, uncertain = (ss.get(key, default) for key, default in MAP_OPTIONS.items())
    else:
        with filter_box:
            state = sidebar_filters(options, dense_on)
        with map_box:
            online, uncited, uncertain = map_options()

    view = get_view(path, version, repr(state), state)
    agg = view.aggregate(include_uncited=uncited)
    if not uncertain:
        agg = agg[~agg["confidence"].map(placewords.is_uncertain)]
    describe = placewords.describer(places)
    href = article_href(state)

    st.html(PAGE_CSS)
    st.title("Claims map")
    st.caption(f"{view.total} of {counts['claims']} claims · {int((agg['n_claims'] > 0).sum())} places with claims "
               f"in view · {view.n_unplaced} without a place · {counts['articles']} articles")
    select_from_table(*claims_table(view, state))
    left, right = st.columns([3, 2], gap="medium")
    with left:
        everything = get_view(path, version, repr(filters.FilterState()), filters.FilterState())
        draw_map(agg, everything, places, online)
    with right:
        if not (ss.get("article_view") and draw_article(store, places, ss.article_view)):
            draw_panel(store, view, places, agg, href)
    if map_only:  # the map's first report reruns the page, and that run draws the rest
        st.caption(firstpaint.LATER)
        end_run(state)
        return
    draw_counts(view)
    st.subheader("Timeline")
    draw_timeline(view)
    st.subheader("Events")
    draw_events(store, view, places, href)
    st.subheader("Claims in view")
    draw_unplaced(view, describe)
    if ss.get("selected_place"):
        st.toggle("Only the selected place", key="t_only_place",
                  help="Show the claims of the place open in the panel, newest first.")
    table_view, table_key = claims_table(view, state)
    st.caption("Select a row to open its place in the panel.")
    st.dataframe(tablewords.readable_table(table_view, describe, lambda r: r.get("display_title") or ""),
                 hide_index=True, width="stretch", height=320, key=table_key, on_select="rerun",
                 selection_mode="single-row")
    draw_exports(view, places)
    end_run(state)


def end_run(state: filters.FilterState) -> None:
    """The URL follows the view; the models warm up once the map is on screen."""
    query = querystate.to_query(state, ss.get("selected_place") or None, article=ss.get("article_view"),
                                all_dates=not ss.f_limit)
    st.query_params.from_dict(query)
    # Not before the map is on screen: loading spaCy and the gazetteer takes both cores for a
    # while, and started with the first run it held the first map back. The map reports its
    # first view by itself once drawn, which is this session's second run; an upload before
    # then loads the models itself.
    if ss.get("_page_drawn"):
        get_models().warm(get_jobs())
    ss._page_drawn = True


main()
