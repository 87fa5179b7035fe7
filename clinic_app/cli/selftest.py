"""``clinic-intake --self-test``: one line per check, exit 0 when all pass.

Site IT runs it after installing; CI runs it on the packaged executable. It
touches no vault and writes no file.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from typing import TextIO

from clinic_app import __version__
from clinic_app.cli.exitcodes import FAILED, OK

Check = Callable[[], str]


def check_resources() -> str:
    from clinic_app.resources import font_files, missing_resources, root

    missing = missing_resources()
    if missing:
        raise RuntimeError(f"missing under {root()}: {', '.join(missing)}")
    return f"{len(font_files())} fonts and the translations under {root()}"


def check_sqlcipher() -> str:
    import os

    import sqlcipher3

    con = sqlcipher3.connect(":memory:")
    try:
        con.execute(f"PRAGMA key = \"x'{os.urandom(32).hex()}'\"")
        version = con.execute("PRAGMA cipher_version").fetchone()
        con.execute("CREATE TABLE t (x)")
        con.execute("INSERT INTO t VALUES (1)")
        if not version or not version[0]:
            raise RuntimeError("SQLCipher did not report a cipher version")
        # The OpenSSL that sqlcipher3's wheel links in (docs/security.md: follow its advisories).
        provider = con.execute("PRAGMA cipher_provider_version").fetchone()
        crypto = provider[0] if provider else "unknown"
        return f"cipher version {version[0]}, SQLite {sqlcipher3.sqlite_version}, {crypto}"
    finally:
        con.close()


def check_reportlab() -> str:
    from reportlab import Version
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    from clinic_app.resources import fonts_dir

    pdfmetrics.registerFont(TTFont("SelfTestNotoSans", str(fonts_dir() / "NotoSans-Regular.ttf")))
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.setFont("SelfTestNotoSans", 12)
    canvas.drawString(72, 720, "Clinic Intake self-test — María, Иванов")
    canvas.showPage()
    canvas.save()
    if not buffer.getvalue().startswith(b"%PDF"):
        raise RuntimeError("reportlab did not produce a PDF")
    return f"reportlab {Version} rendered a page in memory ({len(buffer.getvalue())} bytes)"


def check_babel() -> str:
    import babel

    from clinic_app.i18n import LANGUAGES
    from clinic_app.i18n.locales import CLDR_FALLBACK, format_date, format_number, missing_cldr

    missing = missing_cldr()
    if missing:
        raise RuntimeError(f"no CLDR data for {', '.join(missing)}")
    for code in LANGUAGES:  # loads each locale's data, as a screen would
        format_date(date(2026, 1, 31), code, "long")
        format_number(1234.5, code)
    fallbacks = ", ".join(f"{k} formats as {v}" for k, v in CLDR_FALLBACK.items())
    return (
        f"Babel {babel.__version__}: CLDR data for all {len(LANGUAGES)} languages "
        f"(ht is a stub without month or day names: {fallbacks})"
    )


def check_translations() -> str:
    from clinic_app.i18n import LANGUAGES, SOURCE_LANGUAGE, has_catalogue

    missing = [c for c in LANGUAGES if c != SOURCE_LANGUAGE and not has_catalogue(c)]
    if missing:
        raise RuntimeError(f"no compiled catalogue for {', '.join(missing)}")
    return f"compiled catalogues for {len(LANGUAGES) - 1} languages besides English"


def check_referral_print() -> str:
    from clinic_app.referrals.selfcheck import check_printing

    return check_printing()


def check_vault_keys() -> str:
    """Word list, and a key slot wrapped and unwrapped with the production Argon2id."""
    import os
    import time

    from clinic_app.storage import keyslots, passphrase
    from clinic_app.storage.keymaterial import KeyMaterial

    words = passphrase.wordlist()
    secret = passphrase.generate()
    key = KeyMaterial(os.urandom(keyslots.KEY_BYTES))
    slot = keyslots.wrap(key, "self-test", secret, "self-test")
    started = time.perf_counter()
    back = keyslots.unwrap(slot, secret, "self-test")
    seconds = time.perf_counter() - started
    if back is None or back.bytes() != key.bytes():
        raise RuntimeError("a key slot did not unwrap to its key")
    back.wipe()
    key.wipe()
    from clinic_app.storage.names import looks_like

    # Both read data files that a bundle must carry (zxcvbn's lists, TR39's table).
    if passphrase.weakness("password1234") is None:
        raise RuntimeError("the passphrase estimator accepted password1234")
    if not looks_like("alice", "\u0430lice"):
        raise RuntimeError("the look-alike table did not match a Cyrillic a")
    p = slot.params
    return (
        f"{len(words)} words; Argon2id {p.memory_kib // 1024} MiB, t={p.time_cost}, "
        f"p={p.parallelism}: unlock takes {seconds:.2f} s here"
    )


def check_referral_pdf() -> str:
    from clinic_app.referrals.selfcheck import check_rendering

    return check_rendering()


def check_rules() -> str:
    from clinic_app.screening import load_rules

    rules = load_rules()
    active = sum(1 for entry in rules.tps.values() if entry.status == "active")
    return (
        f"rules as of {rules.as_of.isoformat()}: {len(rules.tps)} TPS entries "
        f"({active} active), DACA initial requests granted: {rules.daca.initial_requests_granted}"
    )


def check_search() -> str:
    import sqlcipher3

    from clinic_app.domain.textfold import FTS5_TOKENIZE, index_tokens, match_query

    con = sqlcipher3.connect(":memory:")
    try:
        con.execute(f'CREATE VIRTUAL TABLE s USING fts5(t, tokenize="{FTS5_TOKENIZE}")')
        names = ["María", "王小明", "أحمد", "মুহাম্মদ"]
        con.executemany("INSERT INTO s(t) VALUES (?)", [(index_tokens(n),) for n in names])
        for typed in ("maria", "小明", "احمد", "মুহাম্মদ"):
            if con.execute(
                "SELECT count(*) FROM s WHERE s MATCH ?", (match_query(typed),)
            ).fetchone() != (1,):
                raise RuntimeError(f"FTS5 name search failed for {typed!r}")
        return f"FTS5 name search works for {len(names)} scripts"
    finally:
        con.close()


CHECKS: list[tuple[str, Check]] = [
    ("resources", check_resources),
    ("sqlcipher", check_sqlcipher),
    ("reportlab", check_reportlab),
    ("babel", check_babel),
    ("translations", check_translations),
    ("vault-keys", check_vault_keys),
    ("search", check_search),
    ("referral-pdf", check_referral_pdf),
    # ("qt", ...) goes here: the desktop entry point (clinic_app.app_main) supplies it,
    # because the command line may not import the ui package.
    ("rules", check_rules),
    ("referral-print", check_referral_print),
]


def checks(qt: Check | None = None) -> list[tuple[str, Check]]:
    """The checks in order; ``qt`` (the GUI's own check) runs after the referral PDF."""
    if qt is None:
        return list(CHECKS)
    at = [name for name, _ in CHECKS].index("referral-pdf") + 1
    return [*CHECKS[:at], ("qt", qt), *CHECKS[at:]]


def run_self_test(out: TextIO, qt: Check | None = None) -> int:
    failed = 0
    out.write(f"Clinic Intake {__version__} self-test\n")
    for name, check in checks(qt):
        try:
            detail = check()
        except Exception as exc:  # a check reports; it never stops the others
            failed += 1
            out.write(f"FAIL {name}: {type(exc).__name__}: {exc}\n")
        else:
            out.write(f"PASS {name}: {detail}\n")
    out.write("self-test passed\n" if not failed else f"self-test failed: {failed} check(s)\n")
    out.flush()
    return FAILED if failed else OK
