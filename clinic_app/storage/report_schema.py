"""Schema for the funder report: the countable facts of each record, kept by triggers.

Reading language, ZIP code, program outcomes and referral needs out of each
record's JSON costs about 5 microseconds per record per report; over 100,000
records that alone misses the 500 ms target. So the categories the report
counts (only those: no name, no date of birth, no answer) are copied into
``report_facts`` when a record is written, by triggers inside the vault, and
deleted with it (``ON DELETE`` trigger, so a purge leaves nothing behind).

Outcomes are packed one letter per program in ``domain.record.PROGRAMS``
order (``OUTCOME_LETTERS``); NULL when the record has no screening result.
"""

from __future__ import annotations

from typing import Final

from clinic_app.domain.record import PROGRAMS

OUTCOME_LETTERS: Final = {
    "likely": "L",
    "possible": "P",
    "unlikely": "U",
    "needs_info": "N",
    "not_applicable": "A",
}
LETTER_OUTCOMES: Final = {v: k for k, v in OUTCOME_LETTERS.items()}


def _letter(program: str) -> str:
    whens = " ".join(f"WHEN '{o}' THEN '{c}'" for o, c in OUTCOME_LETTERS.items())
    path = f"$.screening_result.programs.{program}.outcome"
    return f"(CASE json_extract(t, '{path}') {whens} ELSE 'N' END)"


def _doc(column: str) -> str:
    # Rows written by the provisional v2 API may not be JSON: they count as empty.
    text = f"CAST({column} AS TEXT)"
    return f"CASE WHEN json_valid({text}) THEN {text} ELSE '{{}}' END"


_FACTS: Final = (
    "json_extract(t, '$.client_language'), json_extract(t, '$.zip_code'), "
    "CASE WHEN json_type(t, '$.screening_result') = 'object' THEN "
    + " || ".join(_letter(p) for p in PROGRAMS)
    + " END, json_extract(t, '$.referral_needs')"
)
_COLUMNS: Final = "num, language, zip_code, outcomes, needs"

# Only the fixed text above is joined into these statements.
V_REPORT_FACTS: Final[list[str]] = [
    """CREATE TABLE report_facts (
        num INTEGER PRIMARY KEY,
        language TEXT,
        zip_code TEXT,
        outcomes TEXT,
        needs TEXT
    ) STRICT""",
    f"""INSERT INTO report_facts ({_COLUMNS})
        SELECT num, {_FACTS} FROM (SELECT num, {_doc("data")} AS t FROM records)""",  # noqa: S608
    f"""CREATE TRIGGER report_facts_insert AFTER INSERT ON records BEGIN
        INSERT INTO report_facts ({_COLUMNS})
        SELECT NEW.num, {_FACTS} FROM (SELECT {_doc("NEW.data")} AS t);
    END""",  # noqa: S608
    f"""CREATE TRIGGER report_facts_update AFTER UPDATE OF data ON records BEGIN
        INSERT OR REPLACE INTO report_facts ({_COLUMNS})
        SELECT NEW.num, {_FACTS} FROM (SELECT {_doc("NEW.data")} AS t);
    END""",  # noqa: S608
    """CREATE TRIGGER report_facts_delete AFTER DELETE ON records BEGIN
        DELETE FROM report_facts WHERE num = OLD.num;
    END""",
]

__all__ = ["LETTER_OUTCOMES", "OUTCOME_LETTERS", "V_REPORT_FACTS"]
