# Two commands do all set-up on a fresh machine:
#   make run    install, build, ingest seeds/, start the app
#   make test   install, build, install Debian's chromium, run pytest
SHELL := /bin/bash
PY := .venv/bin/python
PORT ?= 8501
STREAMLIT_ARGS ?=
# Only this machine by default; HOST=0.0.0.0 shares the page on the network (README, "Sharing the map").
HOST ?= 127.0.0.1
GAZ := data/gazetteer.bin
LEX := data/person_nouns.txt
WORDNET := /usr/share/wordnet/index.noun

.PHONY: run test install assets gazetteer lexicon chromium ingest bench eval clean

.venv/.installed: requirements.txt
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

install: .venv/.installed

static/.vendored: scripts/vendor_assets.sh
	./scripts/vendor_assets.sh

static/.regions: scripts/vendor_regions.sh .venv/.installed
	./scripts/vendor_regions.sh

assets: static/.vendored static/.regions

$(GAZ): .venv/.installed static/.regions geo/gazetteer.py geo/features.py data/place_aliases.tsv data/country_points.tsv \
		data/place_features.tsv
	$(PY) -m geo build-gazetteer

gazetteer: $(GAZ)

# Which nouns name people (the claims reader's sources), from Debian's WordNet data.
$(WORDNET):
	apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wordnet-base

$(LEX): geo/lexicon.py .venv/.installed | $(WORDNET)
	$(PY) -m geo build-lexicon

lexicon: $(LEX)

chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; }

ingest: install assets gazetteer lexicon
	$(PY) -m geo ingest seeds

run: ingest
	@echo "Open http://localhost:$(PORT) in a browser (no network needed)."
	$(if $(filter-out 127.0.0.1 localhost ::1,$(HOST)),@echo "Shared on $(HOST): anyone who reaches port $(PORT) reads the store; adding articles needs GEO_WRITE_TOKEN.")
	$(PY) -m geo.serve dashboard.py --server.headless true --server.address $(HOST) --server.port $(PORT) --browser.gatherUsageStats false $(STREAMLIT_ARGS)

test: install assets gazetteer lexicon chromium
	./scripts/offline.sh $(PY) -m pytest -q

# The whole suite N times on a fresh clone beside K bounded CPU burners (scripts/soak.sh).
.PHONY: soak
N ?= 3
K ?= 2
soak: install assets gazetteer lexicon chromium
	./scripts/soak.sh $(N) $(K)

bench: install assets gazetteer lexicon chromium
	$(PY) -m bench

eval: install gazetteer lexicon
	$(PY) -m geo eval ../shared/eval/trnews_dev.jsonl --subset core

clean:
	rm -rf .venv static data/gazetteer.bin data/claims.db*
