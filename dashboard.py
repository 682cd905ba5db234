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

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo import access, export, filters, inbox, jobs, mapview, panel, querystate, summary, upload
from geo.errors import GeoError
from geo.ingest import load_paths
from geo.models import SIDES
from geo.palette import SIDE_COLORS, SIDE_LABELS
from geo.store import DEFAULT_STORE, Store
from geo.store_pg import PgStore, open_store

SEEDS = Path(__file__).resolve().parent / "seeds"
TABLE_COLUMNS = ["claim_date", "event_date", "side", "speaker", "speaker_role", "cue", "text", "outlet",
                 "outlet_side", "published", "title", "place_ids"]

EAGER_EXPORT_ROWS = 2000
PANEL_PAGE = 50
PAGE_CSS = "<style>[data-testid='stMainBlockContainer']{padding-top:1.5rem}</style>"
CLICK_FIELDS = ["last_object_clicked_tooltip", "last_object_clicked_count"]
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
    """The gazetteer and the spaCy model, warming in the background from the first page view."""
    models = jobs.Models()
    models.warm(get_jobs())
    return models


@st.cache_resource(show_spinner=False, max_entries=2)
def get_frames(path: str, version: tuple[int, ...]) -> tuple[pd.DataFrame, pd.DataFrame, filters.FilterOptions]:
    """Frames for one store state; ``version`` (row counts) changes when articles are added.

    A resource, not cache_data: no copy per rerun (≈100 ms at 10k claims).
    Nothing downstream mutates them (filters return new frames).
    """
    store = get_store(path)
    claims, places = store.claims_frame(), store.places_frame()
    return claims, places, filters.filter_options(claims, places)


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
            files = st.file_uploader(f"Text files (.txt), {upload.LIMITS_TEXT}", type=["txt"],
                                     accept_multiple_files=True, key="up_files", max_upload_size=upload.MAX_FILE_MB)
            pasted = st.text_area("…or paste an article (headline on the first line)", key="up_text", height=120,
                                  help=f"At most {upload.MAX_PASTE_CHARS:,} characters; upload longer texts as files.")
            outlet = st.text_input("Outlet (optional)", key="up_outlet")
            published = st.date_input("Publication date (optional)", value=None, key="up_published",
                                      max_value=date.today())
            url = st.text_input("URL (optional)", key="up_url")
            given = st.text_input("Write token (this page is shared)", type="password",
                                  key="up_token") if rights.needs_token else None
            submitted = st.form_submit_button("Add to the map")
        meta = upload.upload_meta(outlet, published, url)
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


def init_from_url(options: filters.FilterOptions) -> None:
    """First run of a session: widgets start from the shared URL."""
    if ss.get("_url_loaded"):
        return
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    state, place = querystate.from_query(params)
    ss.f_date_on = state.date_field
    ss.f_limit = bool(state.date_from or state.date_to)
    lo = state.date_from or options.date_min or date.today()
    hi = state.date_to or options.date_max or date.today()
    ss.f_range = (lo, hi)
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
    ss._url_loaded = True


def sidebar_filters(options: filters.FilterOptions) -> filters.FilterState:
    st.header("Filters")
    side_fmt = lambda s: SIDE_LABELS.get(s, s)  # noqa: E731
    st.multiselect("Speaker side", SIDES, key="f_sides", format_func=side_fmt, placeholder="all sides")
    st.multiselect("Outlet side", SIDES, key="f_osides", format_func=side_fmt, placeholder="all outlet sides")
    st.text_input("Search claims", key="f_q", placeholder="words in claim, speaker, role, headline")
    st.radio("Date on", list(filters.DATE_FIELDS), key="f_date_on", horizontal=True,
             format_func=lambda k: filters.DATE_FIELD_LABELS[k])
    st.toggle("Limit to a date range", key="f_limit")
    st.date_input("Dates", key="f_range", disabled=not ss.f_limit)
    st.checkbox("Include undated claims", key="f_undated")
    st.multiselect("Outlet", options.outlets, key="f_outlets", placeholder="all outlets")
    st.multiselect("Speaker", options.speakers, key="f_speakers", placeholder="all speakers")
    st.multiselect("Place precision", options.precisions, key="f_prec", placeholder="all precisions")
    st.checkbox("Contested places only (2+ sides)", key="f_contested")
    rng = ss.get("f_range") or ()
    lo, hi = (tuple(rng) + (None, None))[:2] if isinstance(rng, (tuple, list)) else (rng, None)
    return filters.FilterState(
        date_field=ss.f_date_on, date_from=lo if ss.f_limit else None, date_to=(hi or lo) if ss.f_limit else None,
        include_undated=ss.f_undated, sides=tuple(ss.f_sides), outlet_sides=tuple(ss.f_osides),
        outlets=tuple(ss.f_outlets), speakers=tuple(ss.f_speakers), precisions=tuple(ss.f_prec),
        text=ss.f_q, contested_only=ss.f_contested)


def draw_map(agg: pd.DataFrame, claims: pd.DataFrame, places: pd.DataFrame, online: bool) -> None:
    """All places (with their claim counts) set the first view; later reruns keep it, except
    that a place picked outside the map (table, button, link) is centred."""
    if "map_home" not in ss:
        ss.map_home = mapview.initial_view(mapview.aggregate_places(claims, places, include_uncited=True))
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


def claims_table(view: pd.DataFrame, state: filters.FilterState) -> tuple[pd.DataFrame, str]:
    """The table's rows (the view, or the selected place's claims) and a key naming exactly them."""
    key = "claims_table_" + hashlib.sha1(repr(state).encode()).hexdigest()[:10]
    pid = ss.get("selected_place")
    if pid and ss.get("t_only_place"):
        return filters.claims_at_place(view, pid), f"{key}_{hashlib.sha1(pid.encode()).hexdigest()[:8]}"
    return view, key


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
    if place_id:
        ss._focus = place_id


def draw_panel(store: Store | PgStore, view: pd.DataFrame, places: pd.DataFrame, agg: pd.DataFrame) -> None:
    pid = ss.get("selected_place")
    names = dict(zip(places["place_id"], places["name"]))
    if not pid or pid not in names:
        if pid:
            st.warning("The place in the link is not in the store.")
        st.info("Click a marker to read the claims made about that place.")
        for row in agg.head(8).itertuples(index=False):
            st.button(f"{panel.md_text(row.name)} · {row.n_claims}", key=f"pick_{row.place_id}", on_click=select_place,
                      args=(row.place_id,), width="stretch")
        return
    rows = filters.claims_at_place(view, pid)
    if ss.get("_panel_for") != pid:
        ss._panel_for, ss.panel_limit = pid, PANEL_PAGE
    st.button("Clear selection", key="clear_place", on_click=select_place, args=("",))
    st.html(panel.panel_html(names[pid], pid, rows.head(ss.panel_limit), store.article_text, total=len(rows),
                             sides=summary.side_counts(rows)))
    if len(rows) > ss.panel_limit:
        st.button(f"Show {min(PANEL_PAGE, len(rows) - ss.panel_limit)} more", key="panel_more",
                  on_click=lambda: ss.update(panel_limit=ss.panel_limit + PANEL_PAGE))


def draw_counts(view: pd.DataFrame) -> None:
    counts = summary.side_counts(view)
    cols = st.columns(len(counts))
    for col, (side, n) in zip(cols, counts.items()):
        col.metric(SIDE_LABELS[side], n)


def draw_timeline(view: pd.DataFrame, date_field: str) -> None:
    tl = summary.timeline(view, date_field)
    if tl.empty:
        st.caption("No dated claims in view.")
        return
    tl.index = tl.index.strftime("%Y-%m-%d")  # one evenly wide bar per day, in date order
    st.bar_chart(tl, color=[SIDE_COLORS[s] for s in tl.columns], height=220, x_label="day", y_label="claims")


def draw_exports(view: pd.DataFrame, places: pd.DataFrame) -> None:
    """Small views are built now; big ones only when a button is clicked (deferred data)."""
    def data(fn, *args):
        return fn(*args) if len(view) <= EAGER_EXPORT_ROWS else partial(fn, *args)

    c1, c2 = st.columns(2)
    c1.download_button("Download CSV", data(export.to_csv, view), file_name="claims.csv", mime="text/csv",
                       key="dl_csv")
    c2.download_button("Download GeoJSON", data(export.to_geojson, view, places), file_name="claims.geojson",
                       mime="application/geo+json", key="dl_geojson")


def main() -> None:
    path = os.environ.get("GEO_STORE") or str(DEFAULT_STORE)
    # One slot, present on every run, for the first-run progress and messages: if they
    # took slots of their own, the map would move down one place in the page on the run
    # that seeds and back up on the next, and Streamlit would mount a second map iframe
    # beside the stale one while that next run is drawn.
    notices = st.empty()
    try:
        store = get_store(path)
        get_models()  # starts the warm-up at once, so the first upload need not load the model
        if store.is_empty() or get_jobs().running(SEED_JOB.format(path)):
            with notices.container():
                seed_if_empty(store, path)
    except GeoError as exc:
        notices.error(panel.md_text(exc))
        st.stop()
    upload_box = st.sidebar.container()
    filter_box = st.sidebar.container()
    map_box = st.sidebar.container()
    with upload_box:
        add_articles_form(store)
    claims, places, options = get_frames(path, tuple(store.counts().values()))
    init_from_url(options)
    with filter_box:
        state = sidebar_filters(options)
    with map_box:
        st.subheader("Map")
        online = st.toggle("Online map tiles (OpenStreetMap)", key="m_osm", value=False,
                           help="Off: borders drawn from shipped data, no network.")
        uncited = st.toggle("Show places mentioned without claims", key="m_uncited", value=False)

    view = filters.apply_filters(claims, places, state)
    agg = mapview.aggregate_places(view, places, include_uncited=uncited)

    st.html(PAGE_CSS)
    st.title("Claims map")
    st.caption(f"{len(view)} of {len(claims)} claims · {int((agg['n_claims'] > 0).sum())} places with claims "
               f"in view · {store.counts()['articles']} articles")
    select_from_table(*claims_table(view, state))
    left, right = st.columns([3, 2], gap="medium")
    with left:
        draw_map(agg, claims, places, online)
    with right:
        draw_panel(store, view, places, agg)
    draw_counts(view)
    st.subheader("Timeline")
    draw_timeline(view, state.date_field)
    st.subheader("Claims in view")
    if ss.get("selected_place"):
        st.toggle("Only the selected place", key="t_only_place",
                  help="Show the claims of the place open in the panel, newest first.")
    table_view, table_key = claims_table(view, state)
    shown = table_view.reindex(columns=TABLE_COLUMNS).copy()
    shown["place_ids"] = shown["place_ids"].map(lambda ids: ", ".join(ids) if isinstance(ids, list) else "")
    st.caption("Select a row to open its place in the panel.")
    st.dataframe(shown, hide_index=True, width="stretch", height=320, key=table_key, on_select="rerun",
                 selection_mode="single-row")
    draw_exports(view, places)
    st.query_params.from_dict(querystate.to_query(state, ss.get("selected_place") or None))


main()
