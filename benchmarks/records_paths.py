"""The records paths people trigger, measured on cached demo vaults of any size.

Shared by ``make bench`` (bench_records*.py, at 100k and 300k) and ``make
bench-scale`` (scale.py, at 1k to 300k). Each path is the app's own code:

- search: ``RecordsTableModel.set_filter`` of the filter the list makes for
  typed text (``records_list.default_filter``): the capped count and the
  first page of 200 rows, as the list shows them after a pause in typing
  (the list runs the same ``first_look`` on its search thread);
- typing "555": the same for the digits that match most demo phone numbers;
- scroll to the end: a shown ``RecordsList`` scrolled to its last row and
  painted, in a fresh process, with its resident memory wherever it is;
- intake save: ``IntakeWizard.save`` of a typed intake (validation, the
  likely-duplicate check, the record, its index, status and audit rows and
  the draft's removal in one transaction).

Baselines are the best plain-SQLite way to do the same job, on a plaintext
copy of the same vault (``sqlcipher_export``) in a temporary folder deleted
after the run: for search, the raw FTS5 MATCH on the same tokens joined to
the records and ORDER BY the indexed intake date LIMIT 50 (what the issue
names); for a save, the same duplicate query and the same INSERTs, audit row
and draft DELETE in one transaction, with the vault's WAL, synchronous=FULL
and secure_delete.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.harness import repeat_cpu
from benchmarks.vaults import PASSPHRASE, TODAY, USER, open_vault, vault_at
from clinic_app.domain.record import IntakeRecord
from clinic_app.domain.textfold import FTS5_TOKENIZE
from clinic_app.storage import audit, search, search_schema
from clinic_app.storage.keymaterial import KeyMaterial
from clinic_app.storage.records import Records, _columns, new_record_id
from clinic_app.storage.vault import Vault

ROOT = Path(__file__).resolve().parent.parent
PAGE = 50


def app() -> Any:
    from clinic_app.ui.app import create_application

    return create_application()


# --- the query mix ------------------------------------------------------------


def misspelt(rng: random.Random, word: str) -> str:
    if len(word) < 3:
        return word + "q"
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]  # two letters swapped


def query_mix(records: Records, n: int, seed: int = 9) -> list[tuple[str, str]]:
    """(kind, typed text): what volunteers type, in the proportions of a desk's day.

    Whole names, one name, its first letters, single letters, phone fragments
    (area code, exchange, last four, whole number), misspellings, and Arabic
    names typed with and without hamza.
    """
    rng = random.Random(seed)
    rows = records.page(None, None, 5000)
    names = [r.display_name for r in rows]
    phones = [search.phone_digits(r.phone) for r in rows if r.phone]
    arabic = [w for n in names for w in n.split() if "\u0600" <= w[0] <= "\u06ff"]
    hamza = str.maketrans({"أ": "ا", "إ": "ا"})
    kinds: list[tuple[str, Callable[[], str]]] = [
        ("whole name", lambda: rng.choice(names)),
        ("one name", lambda: rng.choice(rng.choice(names).split())),
        ("prefix", lambda: (w := rng.choice(rng.choice(names).split()))[: max(2, len(w) // 2)]),
        ("letter", lambda: rng.choice("amzkjoe")),
        ("phone 3", lambda: rng.choice(["555", "718", "646", "917"])),
        ("phone 4", lambda: (rng.choice(phones) or "0000")[-4:]),
        ("phone 7", lambda: (rng.choice(phones) or "0000000")[-7:]),
        ("phone all", lambda: rng.choice(phones) or ""),
        ("misspelt", lambda: misspelt(rng, rng.choice(rng.choice(names).split()))),
        ("arabic", lambda: rng.choice(arabic)),
        (
            "arabic no hamza",
            lambda: rng.choice([w for w in arabic if w[0] in "أإ"] or arabic).translate(hamza),
        ),
    ]
    return [(kind, make()) for kind, make in (rng.choice(kinds) for _ in range(n))]


# --- the plain-SQLite baseline ---------------------------------------------------


@contextlib.contextmanager
def plain_copy(vault: Vault) -> Iterator[sqlite3.Connection]:
    """A plaintext copy of ``vault`` (demo data only), opened with plain sqlite3.

    It gets an FTS5 table in the plain layout (rowid = record number) with the
    same tokens and prefix indexes; deleted with its folder afterwards.
    """
    folder = Path(tempfile.mkdtemp(prefix="bench-plain-"))
    path = folder / "plain.sqlite"
    try:
        vault.con.execute(f"ATTACH DATABASE '{path}' AS plain KEY ''")
        vault.con.execute("SELECT sqlcipher_export('plain')")
        vault.con.execute("DETACH DATABASE plain")
        con = sqlite3.connect(path, isolation_level=None)
        for pragma in ("journal_mode = WAL", "synchronous = FULL", "secure_delete = ON"):
            con.execute(f"PRAGMA {pragma}")
        con.execute(f"PRAGMA cache_size = -{32 * 1024}")
        con.execute(
            f'CREATE VIRTUAL TABLE plain_fts USING fts5(name, phone, tokenize="{FTS5_TOKENIZE}", '
            f"prefix='{search_schema.FTS_PREFIXES}')"
        )
        con.execute(
            "INSERT INTO plain_fts (rowid, name, phone) "
            f"SELECT {search.num_sql('rowid')}, name, phone FROM records_fts"
        )
        con.execute("INSERT INTO plain_fts (plain_fts) VALUES ('optimize')")
        con.execute("CREATE INDEX IF NOT EXISTS plain_date ON records (intake_date)")
        yield con
        con.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


PLAIN_SEARCH = (
    "SELECT r.id, r.display_name, r.phone, r.intake_date, r.case_status, r.volunteer "
    "FROM plain_fts JOIN records AS r ON r.num = plain_fts.rowid "
    "WHERE plain_fts MATCH ? ORDER BY r.intake_date DESC LIMIT 50"
)


# --- search as the list runs it -----------------------------------------------


def search_samples(size: int, queries: int, repeats: int = 3) -> dict[str, Any]:
    """CPU and wall samples of the list's search and of the plain query, interleaved."""
    from clinic_app.domain.policy import Context
    from clinic_app.ui.records_list import default_filter
    from clinic_app.ui.records_model import RecordsTableModel

    app()
    out: dict[str, Any] = {"wall": [], "cpu": [], "base_wall": [], "base_cpu": [], "kinds": {}}
    with open_vault(size) as vault:
        records = Records(vault, today=lambda: TODAY)
        model = RecordsTableModel(records, Context(viewer=USER, supervisor=True))
        mix = query_mix(records, queries)
        with plain_copy(vault) as plain:
            for kind, text in mix:  # interleaved, so machine noise hits both alike
                flt = default_filter(text)
                match = search.fts_query(text)
                wall, cpu = repeat_cpu(lambda f=flt: model.set_filter(f), repeats)
                out["wall"] += wall
                out["cpu"] += cpu
                out["kinds"].setdefault(kind, []).extend(cpu)
                if match:
                    bw, bc = repeat_cpu(
                        lambda m=match: plain.execute(PLAIN_SEARCH, (m,)).fetchall(), repeats
                    )
                    out["base_wall"] += bw
                    out["base_cpu"] += bc
        out["queries"] = len(mix)
    return out


def typing_samples(
    size: int, text: str = "555", repeats: int = 20
) -> tuple[list[float], list[float], int]:
    """The list's search for ``text``; and how many records it matches in all."""
    from clinic_app.domain.policy import Context
    from clinic_app.ui.records_list import default_filter
    from clinic_app.ui.records_model import RecordsTableModel

    app()
    with open_vault(size) as vault:
        records = Records(vault, today=lambda: TODAY)
        model = RecordsTableModel(records, Context(viewer=USER, supervisor=True))
        flt = default_filter(text)
        wall, cpu = repeat_cpu(lambda: model.set_filter(flt), repeats)
        hits = records.count(flt)
    return wall, cpu, hits


# --- scrolling, in a fresh process for honest memory ---------------------------

SCROLL_CHILD = textwrap.dedent(
    """
    import json, sys, time
    from clinic_app.ui.app import create_application
    from PySide6.QtWidgets import QApplication
    from clinic_app.domain.policy import Context
    from clinic_app.storage.records import Records
    from clinic_app.storage.vault import Vault
    from clinic_app.ui.records_list import RecordsList

    def rss():
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024

    app = create_application()
    vault = Vault.open(sys.argv[1], sys.argv[2], sys.stdin.readline().rstrip("\\n"))
    records = Records(vault)
    view = RecordsList(records, Context(viewer=sys.argv[2], supervisor=True))
    view.resize(1200, 800)
    view.show()
    QApplication.processEvents()
    out = {"rss_open_mb": rss(), "end_wall": [], "end_cpu": [], "jump_cpu": []}
    bar = view.table.verticalScrollBar()
    paint = view.table.viewport().repaint  # paints now: every visible row is read
    for _ in range(int(sys.argv[3])):
        view.model.refresh()  # nothing cached: each scroll starts from the top
        view.table.scrollToTop()
        QApplication.processEvents()
        paint()
        w, c = time.perf_counter(), time.process_time()
        view.table.scrollToBottom()
        QApplication.processEvents()
        paint()
        out["end_cpu"].append(time.process_time() - c)
        out["end_wall"].append(time.perf_counter() - w)
    rss_max = rss()
    for fraction in (0.5, 0.1, 0.9, 0.33, 0.66, 0.0, 1.0, 0.25, 0.75):
        c = time.process_time()
        bar.setValue(int(bar.maximum() * fraction))
        QApplication.processEvents()
        paint()
        out["jump_cpu"].append(time.process_time() - c)
        rss_max = max(rss_max, rss())
    for _ in range(300):  # a long scroll down with the wheel's step: page after page
        bar.setValue(bar.value() + 40)
        QApplication.processEvents()
        paint()
    rss_max = max(rss_max, rss())
    out["rss_max_mb"] = rss_max
    out["rows"] = view.model.rowCount()
    out["rows_held"] = view.model.rows_held
    print(json.dumps(out))
    vault.close()
    """
)


def scroll_child(size: int, repeats: int = 5) -> dict[str, Any]:
    path = vault_at(size)
    done = subprocess.run(
        [sys.executable, "-c", SCROLL_CHILD, str(path), USER, str(repeats)],
        input=PASSPHRASE + "\n",
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
    )
    import json

    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# --- intake save ----------------------------------------------------------------


@contextlib.contextmanager
def vault_copy(size: int) -> Iterator[Path]:
    """A throwaway copy of the cached vault (saves must not grow the cache)."""
    source = vault_at(size)
    folder = Path(tempfile.mkdtemp(prefix="bench-save-"))
    try:
        target = folder / "save.vault"
        shutil.copyfile(source, target)
        shutil.copyfile(f"{source}.keys", f"{target}.keys")
        yield target
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _plain_save(con: sqlite3.Connection, key: KeyMaterial, record: IntakeRecord) -> None:
    """What the wizard's save does, on plain sqlite3: check, insert, audit, draft.

    The record's stored columns (JSON document, folded name tokens) are made
    by the app's own code: any plain-SQLite app must make them too.
    """
    values = _columns(record)
    values.update(
        id=new_record_id(),
        now=audit.now_iso(),
        dob=values["date_of_birth"],
        digits=values["phone_digits"],
    )
    con.execute(
        "SELECT id, display_name, phone, intake_date, case_status, volunteer FROM records "
        "WHERE ((name_key = :name_key AND date_of_birth = :dob) OR phone_digits = :digits) "
        "AND id != 'new' ORDER BY intake_date DESC, num DESC LIMIT 20",
        values,
    ).fetchall()
    con.execute("BEGIN IMMEDIATE")
    con.execute("DELETE FROM drafts WHERE user = 'bench'")
    num = con.execute(
        "INSERT INTO records (id, created_at, created_by, updated_at, display_name, name_key, "
        "date_of_birth, phone, phone_digits, intake_date, case_status, volunteer, data) VALUES "
        "(:id, :now, 'bench', :now, :display_name, :name_key, :dob, :phone, :digits, "
        ":intake_date, 'new', 'bench', :data)",
        values,
    ).lastrowid
    con.execute(
        "INSERT INTO plain_fts (rowid, name, phone) VALUES (?, ?, ?)",
        (num, values["fts_name"], values["fts_phone"]),
    )
    con.execute(
        "INSERT INTO record_status (record_num, status, on_date, by_user, at) "
        "VALUES (?, 'new', ?, 'bench', ?)",
        (num, values["intake_date"], values["now"]),
    )
    audit.append(con, key, "bench", audit.CREATE, values["id"], at=values["now"])
    con.execute("COMMIT")


def save_samples(size: int, saves: int) -> dict[str, Any]:
    """``IntakeWizard.save`` of typed intakes, and the plain equivalent, interleaved."""
    from clinic_app.ui.intake.wizard import IntakeWizard

    app()
    out: dict[str, Any] = {"wall": [], "cpu": [], "base_wall": [], "base_cpu": []}
    out.update({"store_wall": [], "store_cpu": []})
    with vault_copy(size) as path, Vault.open(path, USER, PASSPHRASE) as vault:
        records = Records(vault, today=lambda: TODAY)
        key = KeyMaterial(os.urandom(32))
        with plain_copy(vault) as plain:
            for n in range(saves):
                wizard = IntakeWizard(
                    records, USER, site="Bench", today=TODAY, draft_interval_ms=3_600_000
                )
                wizard.session.form.update(
                    client_language="es",
                    given_name=f"Benchmark{n}",
                    family_name="Cliente",
                    date_of_birth=date(1990, 1, 1 + n % 28),
                    phone=f"212-{n % 1000:03d}-{n % 10000:04d}",  # no duplicate to stop the save
                )
                wizard.session.screening_consent_on = TODAY
                wizard.session.answers.update(detained=False, felony_convictions=0)
                for step in wizard.steps:
                    step.load()
                wizard.save_draft()  # there is a draft to discard, as after a real intake
                record = wizard.session.record()
                wall, cpu = repeat_cpu(lambda w=wizard: w.save(), 1, warmup=0)
                assert wizard.saved_id, "the benchmark intake was not saved"
                out["wall"] += wall
                out["cpu"] += cpu
                records.save_draft({"given_name": "x"})
                w2, c2 = repeat_cpu(
                    lambda r=record: (
                        records.likely_duplicates(r),
                        records.create(r, discard_draft=True),
                    ),
                    1,
                    warmup=0,
                )
                out["store_wall"] += w2
                out["store_cpu"] += c2
                plain.execute(
                    "INSERT INTO drafts (user, saved_at, data) VALUES ('bench', 'x', x'00') "
                    "ON CONFLICT DO NOTHING"
                )
                bw, bc = repeat_cpu(lambda r=record: _plain_save(plain, key, r), 1, warmup=0)
                out["base_wall"] += bw
                out["base_cpu"] += bc
                wizard.deleteLater()
    return out
