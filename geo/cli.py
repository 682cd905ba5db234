"""`python -m geo extract|ingest|eval|eval-claims|build-gazetteer|build-lexicon`.

The only place (with dashboard.py) that turns errors into messages: one line
per bad file on stderr, the rest still processed; exit 1 only when nothing
could be read.
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from . import contract, pipeline
from .errors import GeoError
from .ingest import load_paths


def _date_arg(s: str) -> date:
    try:
        return date.fromisoformat(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {s!r}") from None


def _report(result) -> None:
    for w in result.warnings:
        print(f"warning: {w}", file=sys.stderr)
    for e in result.errors:
        print(f"error: {e}", file=sys.stderr)


def cmd_extract(args: argparse.Namespace) -> int:
    result = load_paths(args.paths)
    _report(result)
    for a in result.articles:
        if args.published and a.published is None:
            a.published = args.published
        if args.outlet and not a.outlet:
            a.outlet = args.outlet
    if not result.articles and result.errors:
        return 1
    ex = pipeline.extract(result.articles)
    sys.stdout.write(contract.dumps(ex) + "\n")
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from .store_pg import open_store

    if args.rebuild and Path(args.store).exists():
        stamp = date.today().isoformat()
        aside = Path(f"{args.store}.broken-{stamp}")
        Path(args.store).replace(aside)
        for suffix in ("-wal", "-shm"):
            side = Path(args.store + suffix)
            if side.exists():
                side.replace(Path(str(aside) + suffix))
        print(f"moved {args.store} aside to {aside}; rebuilding", file=sys.stderr)
    result = load_paths(args.paths)
    _report(result)
    if not result.articles and result.errors:
        return 1
    store = open_store(args.store)  # a postgresql:// URL or a SQLite path
    try:
        if args.workers > 1 or args.scheduler:
            from . import parallel

            rep = parallel.ingest(store, result.articles, workers=args.workers, scheduler=args.scheduler)
            added, skipped = rep.added, rep.skipped
            for art_id, err in rep.failed.items():
                print(f"error: article {art_id}: {err}", file=sys.stderr)
        else:
            added, skipped = pipeline.ingest_articles(store, result.articles)
    finally:
        store.close()
    print(f"ingested {added} new article(s), {skipped} already stored, {len(result.errors)} file(s) refused",
          file=sys.stderr)
    return 0


def cmd_build_gazetteer(args: argparse.Namespace) -> int:
    from .gazetteer import build_index

    out = build_index(Path(args.out)) if args.out else build_index()
    print(f"gazetteer index written to {out}", file=sys.stderr)
    return 0


def cmd_build_lexicon(args: argparse.Namespace) -> int:
    from . import lexicon

    out = Path(args.out) if args.out else lexicon.PERSON_NOUNS_PATH
    try:
        n = lexicon.build(out)
    except FileNotFoundError as exc:
        raise GeoError(str(exc)) from exc
    print(f"{n} person nouns written to {out}", file=sys.stderr)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from . import evaluate

    return evaluate.main(args.rest)


def cmd_eval_claims(args: argparse.Namespace) -> int:
    from . import eval_claims

    return eval_claims.main(args.rest)


def build_parser() -> argparse.ArgumentParser:
    from .store import DEFAULT_STORE

    p = argparse.ArgumentParser(prog="python -m geo", description="The claims map: places and claims from news.")
    sub = p.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="print places and claims of text files as JSON")
    ex.add_argument("paths", nargs="+", metavar="PATH")
    ex.add_argument("--format", choices=["json"], default="json")
    ex.add_argument("--published", type=_date_arg, help="publication date for files without a sidecar")
    ex.add_argument("--outlet", help="outlet for files without a sidecar")
    ex.set_defaults(func=cmd_extract)

    ing = sub.add_parser("ingest", help="process text files into the store")
    ing.add_argument("paths", nargs="+", metavar="PATH")
    ing.add_argument("--store", default=str(DEFAULT_STORE))
    ing.add_argument("--rebuild", action="store_true", help="move the existing store aside and rebuild it")
    ing.add_argument("--workers", type=int, default=1, help="worker processes for the pipeline (default 1)")
    ing.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="run the pipeline on this Dask scheduler")
    ing.set_defaults(func=cmd_ingest)

    bg = sub.add_parser("build-gazetteer", help="compile the offline GeoNames index (done at set-up)")
    bg.add_argument("--out")
    bg.set_defaults(func=cmd_build_gazetteer)

    bl = sub.add_parser("build-lexicon", help="compile the person nouns from WordNet (done at set-up)")
    bl.add_argument("--out")
    bl.set_defaults(func=cmd_build_lexicon)

    ev = sub.add_parser("eval", help="score the geoparser (and the baseline) on a gold JSONL file")
    ev.add_argument("rest", nargs=argparse.REMAINDER)
    ev.set_defaults(func=cmd_eval)

    ec = sub.add_parser("eval-claims", help="score claims (speaker, side, date) on a gold claims JSONL file")
    ec.add_argument("rest", nargs=argparse.REMAINDER)
    ec.set_defaults(func=cmd_eval_claims)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except GeoError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
