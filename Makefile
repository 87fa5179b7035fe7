# Every target that needs the environment builds it first, so `make run` and
# `make test` are the whole set-up on a fresh Debian machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PO := $(wildcard translations/*/LC_MESSAGES/clinic.po)
MO := $(PO:.po=.mo)


.PHONY: run test lint format package package-check screenshots bench \
        translations extract-messages update-messages check-catalogues sysdeps clean \
        xcb-smoke tour

$(STAMP): pyproject.toml
	./scripts/ensure-system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $(STAMP)

sysdeps:
	./scripts/ensure-system-deps.sh

translations/%/LC_MESSAGES/clinic.mo: translations/%/LC_MESSAGES/clinic.po $(STAMP)
	$(VENV)/bin/pybabel -q compile -d translations -D clinic -l $* >/dev/null

translations: $(MO)

# sysdeps after $(STAMP): it reads the venv's Qt plugin to know which system
# libraries the xcb platform needs.
run: $(STAMP) sysdeps translations
	$(PY) -m clinic_app

# The real app on Qt's xcb platform under Xvfb: first window, screenshot, quit.
xcb-smoke: $(STAMP) sysdeps translations
	./scripts/xcb-smoke.sh

# Every screen on the real xcb platform under Xvfb, in four languages (docs/tour.md).
tour: $(STAMP) sysdeps translations
	./scripts/tour.sh

test: $(STAMP) sysdeps translations
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check clinic_app tests benchmarks packaging
	$(VENV)/bin/ruff format --check clinic_app tests benchmarks packaging
	$(VENV)/bin/mypy --strict clinic_app

format: $(STAMP)
	$(VENV)/bin/ruff check --fix clinic_app tests benchmarks packaging
	$(VENV)/bin/ruff format clinic_app tests benchmarks packaging

package: $(STAMP) translations
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/clinic-intake.spec

# The built executable passes its self-test offscreen and opens no inet socket.
package-check: package sysdeps
	QT_QPA_PLATFORM=offscreen CLINIC_INTAKE_REQUIRE_PACKAGE=1 $(PY) -m pytest -q -m package tests/test_package.py

screenshots: $(STAMP) sysdeps translations
	QT_QPA_PLATFORM=offscreen $(PY) -m clinic_app.ui.screenshots screenshots

bench: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks

extract-messages: $(STAMP)
	$(VENV)/bin/pybabel extract -F packaging/babel.cfg -k _ -k N_ -k ngettext:1,2 \
		--no-location --sort-output --add-comments=Translators: --project "Clinic Intake" \
		-o translations/clinic.pot clinic_app

update-messages: extract-messages
	$(VENV)/bin/pybabel update --no-fuzzy-matching -i translations/clinic.pot \
		-d translations -D clinic

# Every catalogue complete, placeholders and scripts right, no fuzzy, review note present.
check-catalogues: $(STAMP)
	$(PY) -m clinic_app.i18n.catalogue_check

clean:
	rm -rf build dist $(MO) screenshots benchmarks/results
