# Every target that needs the environment builds it first, so `make run` and
# `make test` are the whole set-up on a fresh Debian machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PO := $(wildcard translations/*/LC_MESSAGES/clinic.po)
MO := $(PO:.po=.mo)


.PHONY: run test lint format package package-check deb release release-check install-check \
        screenshots bench bench-scale lock audit \
        translations extract-messages update-messages check-catalogues sysdeps clean \
        xcb-smoke tour

# Every package, transitive ones included, comes from requirements.lock with its
# SHA-256 (pip refuses any other file); the app itself is installed without
# dependencies and without build isolation, so nothing unhashed is fetched.
$(STAMP): pyproject.toml requirements.lock
	./scripts/ensure-system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(VENV)/bin/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# After changing a pin in pyproject.toml: the lock again, hashes for every platform.
lock:
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 \
		--generate-hashes --quiet -o requirements.lock

# Known vulnerabilities in the locked packages (pip-audit; see docs/security.md).
audit: $(STAMP)
	$(PY) scripts/audit_deps.py requirements.lock

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
	$(VENV)/bin/lint-imports --no-cache

format: $(STAMP)
	$(VENV)/bin/ruff check --fix clinic_app tests benchmarks packaging
	$(VENV)/bin/ruff format clinic_app tests benchmarks packaging

# Reproducible: a fixed hash seed (PyInstaller orders some archives by hashing)
# and every file time the last commit's; see packaging/README.md.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)

package: $(STAMP) translations
	PYTHONHASHSEED=0 SOURCE_DATE_EPOCH=$(SOURCE_DATE_EPOCH) $(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/clinic-intake.spec

# The built executable passes its self-test offscreen and opens no inet socket.
package-check: package sysdeps
	QT_QPA_PLATFORM=offscreen CLINIC_INTAKE_REQUIRE_PACKAGE=1 $(PY) -m pytest -q -m package tests/test_package.py

# dist/clinic-intake_VERSION_ARCH.deb, built with dpkg-deb alone.
deb: package
	SOURCE_DATE_EPOCH=$(SOURCE_DATE_EPOCH) $(PY) packaging/release.py deb

# release/: the .deb, a .tar.gz of the one-dir bundle, SHA256SUMS.
release: package
	SOURCE_DATE_EPOCH=$(SOURCE_DATE_EPOCH) $(PY) packaging/release.py release

# Two builds from scratch (PyInstaller included) give the same SHA256SUMS.
release-check: release
	mkdir -p build && cp release/SHA256SUMS build/SHA256SUMS.first
	$(MAKE) release
	diff build/SHA256SUMS.first release/SHA256SUMS
	@echo "release-check: two builds, same checksums"

# Installs release/*.deb with apt-get (root), checks the installed command,
# removes it and checks a vault made meanwhile is still there.
install-check: sysdeps
	packaging/install-check.sh release/clinic-intake_*.deb

screenshots: $(STAMP) sysdeps translations
	QT_QPA_PLATFORM=offscreen $(PY) -m clinic_app.ui.screenshots screenshots

bench: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks

# Each records path at 1k, 10k, 100k and 300k records (builds and caches the
# vaults under benchmarks/results/vaults on first run: several minutes).
bench-scale: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks.scale

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
	rm -rf build dist release $(MO) screenshots benchmarks/results
