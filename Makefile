# Two commands: `make run` and `make test`. Everything else is their plumbing.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test lint bench clean

run: $(VENV)/.run-deps
	scripts/system-deps run
	scripts/run-dev

test: $(VENV)/.test-deps
	scripts/system-deps test
	scripts/run-tests

# Production (README, "Deployment"): DEBUG off, settings from the environment;
# migrate and collectstatic, then gunicorn, a Celery worker and Celery beat.
.PHONY: serve
serve: $(VENV)/.run-deps
	scripts/system-deps run
	scripts/serve

lint: $(VENV)/.test-deps
	$(PY) -m ruff check .

# The virtualenv, from a Python >= 3.12 that scripts/find-python locates.
$(VENV)/.created:
	@interpreter=$$(scripts/find-python) || exit 1; \
	  echo "Creating $(VENV) with $$interpreter"; \
	  rm -rf $(VENV); "$$interpreter" -m venv $(VENV)
	@$(PY) -m pip install -q --upgrade pip
	@touch $@

$(VENV)/.run-deps: $(VENV)/.created requirements.txt
	$(PY) -m pip install -q -r requirements.txt
	@touch $@

$(VENV)/.test-deps: $(VENV)/.created requirements.txt requirements-test.txt
	$(PY) -m pip install -q -r requirements-test.txt
	@touch $@ $(VENV)/.run-deps

# Build and test leftovers only: var/ holds the SQLite database, uploads and
# signed PDFs, and goes only with `make clean-data`.
.PHONY: clean-data
clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

# Asks first; FORCE=1 does not ask. Make a backup before: `manage.py backup`.
clean-data:
	@if [ "$(FORCE)" != 1 ]; then \
	  read -r -p "Delete var/ (the SQLite database, uploads, signed PDFs, the disk broker)? Type yes: " answer; \
	  if [ "$$answer" != yes ]; then echo "Nothing deleted."; exit 1; fi; \
	fi
	rm -rf var
