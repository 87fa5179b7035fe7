"""The records repository: intake records, their list, search, status and drafts.

Each record is one row of ``records`` (schema v3): the ``IntakeRecord`` as a
JSON document in ``data`` plus the few columns the list needs, and one row of
the FTS5 index ``records_fts`` (folded name tokens and phone-digit
suffixes, see ``storage/search.py``). Everything is inside the SQLCipher
vault. Screening answers cannot reach it: an ``IntakeRecord`` has no field for
them and drafts are filtered by ``domain.fields.storable``. Urgency is never
stored as a level: it is recomputed for ``today`` (``storage/urgency_sql.py``).
Creating, editing and viewing a record are audited (record id only).
"""

from __future__ import annotations

import copy
import json
import os
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any, Final

from clinic_app.domain.fields import CASE_STATUS
from clinic_app.domain.record import IntakeRecord, RecordError
from clinic_app.i18n import _
from clinic_app.storage import audit, drafts, search, urgency_sql
from clinic_app.storage.audit import AuditEntry
from clinic_app.storage.errors import PermissionDenied
from clinic_app.storage.vault import SUPERVISOR, Vault, guard

Clock = Callable[[], datetime]
CACHE_KIB: Final = 32 * 1024  # page cache for this session: the list index stays in memory
TRAINING_KEY: Final = "training_vault"
DUPLICATES_LIMIT: Final = 20
MIN_PHONE_DUPLICATE: Final = 7
_ID_ALPHABET: Final = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

_ROW_SQL: Final = (
    "r.id, r.display_name, r.phone, r.intake_date, r.case_status, "
    f"{urgency_sql.level_sql('r.')}, r.volunteer"
)


class RecordNotFound(KeyError):
    """No record has that id."""


@dataclass(frozen=True)
class RecordRow:
    """One line of the records list: cheap to load."""

    record_id: str
    display_name: str
    phone: str | None
    intake_date: date
    case_status: str
    urgency: str  # for `today`, recomputed with the rules of screening.urgency_on
    volunteer: str


@dataclass(frozen=True)
class RecordFilter:
    text: str = ""  # name (FTS5, all scripts) or phone digits
    status: str | None = None
    urgency: str | None = None
    intake_from: date | None = None
    intake_to: date | None = None
    # An addition to the agreed API: "newest" (the default) or "urgency" (the
    # queue: most urgent first, newest first within a level).
    order: str = "newest"


ORDERS: Final = {
    "newest": "r.intake_date DESC, r.num DESC",
    "urgency": f"{urgency_sql.level_sql('r.')}, r.intake_date DESC, r.num DESC",
}


def _utcnow() -> datetime:
    return datetime.now(UTC)


def new_record_id() -> str:
    """A random record number, easy to read aloud: ``K7Q4M-X3PZ9`` (50 bits).

    Crockford's alphabet: no I, L, O or U to mistake for 1, 0 or V.
    """
    n = int.from_bytes(os.urandom(7)) >> 6
    text = "".join(_ID_ALPHABET[(n >> (5 * i)) & 31] for i in range(10))
    return f"{text[:5]}-{text[5:]}"


# Languages whose names are written family name first.
FAMILY_FIRST: Final = frozenset({"zh", "zh_Hant", "zh_Hans", "ko", "ja", "vi"})


def _east_asian(text: str) -> bool:
    return all(unicodedata.name(ch, "").startswith(("CJK", "HANGUL")) for ch in text)


def full_name(record: IntakeRecord) -> str:
    """The full name in the order of the client's language.

    "given family" in general; family first for Chinese, Korean, Japanese and
    Vietnamese clients, with no space when both parts are in Han or Hangul (王小明).
    """
    given, family = record.given_name, record.family_name
    if record.client_language in FAMILY_FIRST:
        joiner = "" if _east_asian(given + family) else " "
        return f"{family}{joiner}{given}"
    return f"{given} {family}"


def display_name(record: IntakeRecord) -> str:
    """The preferred name, else the full name."""
    return record.preferred_name or full_name(record)


def document(record: IntakeRecord) -> bytes:
    """The stored JSON of a record (unknown values left out)."""
    values = {k: v for k, v in record.to_mapping().items() if v is not None}
    return json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _columns(record: IntakeRecord) -> dict[str, Any]:
    urgency = urgency_sql.columns_for(record.screening_result)
    digits = search.phone_digits(record.phone)
    return {
        "display_name": display_name(record),
        "name_key": search.name_key(record.given_name, record.family_name),
        "date_of_birth": record.date_of_birth.isoformat() if record.date_of_birth else None,
        "phone": record.phone,
        "phone_digits": digits,
        "intake_date": record.intake_date.isoformat(),
        "case_status": record.case_status,
        "volunteer": record.volunteer,
        "urgency_floor": urgency.floor,
        "hearing": urgency.hearing,
        "asylum": urgency.asylum,
        "daca_from": urgency.daca_from,
        "daca_until": urgency.daca_until,
        "data": document(record),
        # In the order the name is written, so 王小明 is found as typed.
        "fts_name": search.name_tokens(full_name(record), record.preferred_name),
        "fts_phone": search.phone_tokens(digits),
    }


# Only these fixed names are ever joined into SQL text.
_LIST_COLUMNS: Final = (
    "display_name",
    "name_key",
    "date_of_birth",
    "phone",
    "phone_digits",
    "intake_date",
    "case_status",
    "volunteer",
    "urgency_floor",
    "hearing",
    "asylum",
    "daca_from",
    "daca_until",
    "data",
)
_INSERT: Final = (
    "INSERT INTO records (id, created_at, created_by, updated_at, "  # noqa: S608
    + ", ".join(_LIST_COLUMNS)
    + ") VALUES (:id, :now, :user, :now, "
    + ", ".join(f":{c}" for c in _LIST_COLUMNS)
    + ")"
)
_UPDATE: Final = (
    "UPDATE records SET updated_at = :now, "  # noqa: S608
    + ", ".join(f"{c} = :{c}" for c in _LIST_COLUMNS)
    + " WHERE num = :num"
)


def _day(text: str) -> date:
    # Rows written by the provisional v2 API have no intake date.
    return date.fromisoformat(text) if text else date.min


class Records:
    """The records of one unlocked vault, for its signed-in user.

    A volunteer sees only the records they took in; a supervisor sees all
    (confidentiality.md: the screen is "for the record's volunteer or a
    supervisor"). The rule lives here so that no screen can forget it.
    """

    def __init__(
        self, vault: Vault, *, today: Callable[[], date] = date.today, clock: Clock = _utcnow
    ) -> None:
        self.vault = vault
        # None: every record; otherwise only this volunteer's own.
        self._owner = None if vault.role == SUPERVISOR else vault.user
        self._today = today
        self._clock = clock
        with guard():
            vault.con.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        self.purge_stale_drafts()

    # --- writing -------------------------------------------------------------

    def _append_audit(self, con: Any, action: str, record_id: str, at: str) -> None:
        # In the caller's transaction, so a record never exists without its audit row.
        audit.append(con, self.vault._head_key, self.vault.user, action, record_id, at=at)

    def create(self, record: IntakeRecord) -> str:
        """Stores a new record under a new record number (returned); audits "create".

        The record's own ``record_id`` is a placeholder and is replaced.
        """
        return self.create_many([record])[0]

    def create_many(self, records: Iterable[IntakeRecord]) -> list[str]:
        """Stores several new records in one transaction (demo data, imports)."""
        ids: list[str] = []
        now = audit.now_iso()
        with self.vault.transaction() as con:
            for record in records:
                record_id = self._unused_id(con)
                stored = _with_id(record, record_id)
                values = _columns(stored)
                cursor = con.execute(
                    _INSERT, {**values, "id": record_id, "now": now, "user": self.vault.user}
                )
                num = int(cursor.lastrowid)
                self._index(con, num, values)
                self._status_row(con, num, stored.case_status, stored.intake_date, now)
                self._append_audit(con, audit.CREATE, record_id, now)
                ids.append(record_id)
        return ids

    def _unused_id(self, con: Any) -> str:
        while True:
            record_id = new_record_id()
            if con.execute("SELECT 1 FROM records WHERE id = ?", (record_id,)).fetchone() is None:
                return record_id

    def _index(self, con: Any, num: int, values: Mapping[str, Any]) -> None:
        con.execute(
            "INSERT INTO records_fts (rowid, name, phone) VALUES (?, ?, ?)",
            (num, values["fts_name"], values["fts_phone"]),
        )

    def _status_row(self, con: Any, num: int, status: str, on: date, now: str) -> None:
        con.execute(
            "INSERT INTO record_status (record_num, status, on_date, by_user, at) "
            "VALUES (?, ?, ?, ?, ?)",
            (num, status, on.isoformat(), self.vault.user, now),
        )

    def _stored(self, con: Any, record_id: str) -> tuple[int, IntakeRecord]:
        row = con.execute(
            "SELECT num, data, volunteer FROM records WHERE id = ?", (record_id,)
        ).fetchone()
        if row is None:
            raise RecordNotFound(record_id)
        self._check_visible(row[2])
        return int(row[0]), _decode(bytes(row[1]))

    def _check_visible(self, volunteer: str) -> None:
        if self._owner is not None and volunteer != self._owner:
            raise PermissionDenied(_("This record belongs to another volunteer's client."))

    def _require_visible(self, record_id: str) -> None:
        with guard():
            row = self.vault.con.execute(
                "SELECT volunteer FROM records WHERE id = ?", (record_id,)
            ).fetchone()
        if row is not None:
            self._check_visible(row[0])

    def _rewrite(self, con: Any, num: int, record: IntakeRecord, now: str) -> None:
        values = _columns(record)
        con.execute(_UPDATE, {**values, "num": num, "now": now})
        con.execute("DELETE FROM records_fts WHERE rowid = ?", (num,))
        self._index(con, num, values)

    def update(self, record: IntakeRecord) -> None:
        """Replaces a stored record; audits "edit". A changed status is dated today."""
        now = audit.now_iso()
        with self.vault.transaction() as con:
            num, old = self._stored(con, record.record_id)
            self._rewrite(con, num, record, now)
            if record.case_status != old.case_status:
                self._status_row(con, num, record.case_status, self._today(), now)
            self._append_audit(con, audit.EDIT, record.record_id, now)

    def set_status(
        self,
        record_id: str,
        status: str,
        on: date,
        outcome: str | None = None,
        services: tuple[str, ...] | None = None,
    ) -> None:
        """Sets the case status as of ``on`` and keeps it in the dated history; audits "edit".

        Closing may also record the case outcome and the services delivered.
        """
        if status not in CASE_STATUS:
            raise ValueError(f"unknown case status: {status}")
        now = audit.now_iso()
        with self.vault.transaction() as con:
            num, old = self._stored(con, record_id)
            closed_on = on if status == "closed" else None
            new = replace(old, case_status=status, case_closed_on=closed_on)
            if status == "closed" and outcome is not None:
                new = replace(new, case_outcome=outcome)
            if status == "closed" and services is not None:
                new = replace(new, services_delivered=services)
            self._rewrite(con, num, new, now)
            self._status_row(con, num, status, on, now)
            self._append_audit(con, audit.EDIT, record_id, now)

    # --- reading -------------------------------------------------------------

    def get(self, record_id: str) -> IntakeRecord | None:
        """One record, or None; a found record is audited as "view"."""
        with guard():
            row = self.vault.con.execute(
                "SELECT data, volunteer FROM records WHERE id = ?", (record_id,)
            ).fetchone()
        if row is None:
            return None
        self._check_visible(row[1])
        record = _decode(bytes(row[0]))
        self.vault.audit(audit.VIEW, record_id)
        return record

    def status_history(self, record_id: str) -> list[tuple[str, date]]:
        """Every status the case has had, oldest first, with the date it took effect."""
        self._require_visible(record_id)
        with guard():
            rows = self.vault.con.execute(
                "SELECT s.status, s.on_date FROM record_status s "
                "JOIN records r ON r.num = s.record_num WHERE r.id = ? ORDER BY s.seq",
                (record_id,),
            ).fetchall()
        return [(str(r[0]), date.fromisoformat(r[1])) for r in rows]

    def history(self, record_id: str) -> list[AuditEntry]:
        """The audit log's rows about this record, oldest first."""
        self._require_visible(record_id)
        with guard():
            rows = self.vault.con.execute(
                "SELECT seq, at, user, action, record_id FROM audit_log "
                "WHERE record_id = ? ORDER BY seq",
                (record_id,),
            ).fetchall()
        return [AuditEntry(int(r[0]), r[1], r[2], r[3], r[4]) for r in rows]

    def _where(self, flt: RecordFilter | None) -> tuple[str, dict[str, Any]] | None:
        """FROM and WHERE for a filter, with parameters; None when nothing can match."""
        params: dict[str, Any] = urgency_sql.params(self._today())
        source = "records AS r"
        where: list[str] = []
        if self._owner is not None:
            where.append("r.volunteer = :owner")
            params["owner"] = self._owner
        if flt is not None:
            if flt.text.strip():
                query = search.fts_query(flt.text)
                if not query:
                    return None
                # CROSS JOIN keeps the full-text index outermost (the plan starts
                # from MATCH); each hit is then looked up in the covering index.
                source = (
                    "records_fts CROSS JOIN records AS r INDEXED BY records_list "
                    "ON r.num = records_fts.rowid"
                )
                where.append("records_fts MATCH :q")
                params["q"] = query
            if flt.status is not None:
                where.append("r.case_status = :status")
                params["status"] = flt.status
            if flt.urgency is not None:
                if flt.urgency not in urgency_sql.LEVELS:
                    raise ValueError(f"unknown urgency: {flt.urgency}")
                where.append(f"{urgency_sql.level_sql('r.')} = :level")
                params["level"] = urgency_sql.LEVELS.index(flt.urgency)
            if flt.intake_from is not None:
                where.append("r.intake_date >= :intake_from")
                params["intake_from"] = flt.intake_from.isoformat()
            if flt.intake_to is not None:
                where.append("r.intake_date <= :intake_to")
                params["intake_to"] = flt.intake_to.isoformat()
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        return source + clause, params

    def count(self, flt: RecordFilter | None = None) -> int:
        """How many records the filter matches."""
        found = self._where(flt)
        if found is None:
            return 0
        sql, params = found
        with guard():
            return int(self.vault.con.execute(f"SELECT count(*) FROM {sql}", params).fetchone()[0])  # noqa: S608

    def rows_sql(self, flt: RecordFilter | None = None) -> tuple[str, dict[str, Any]] | None:
        """The SELECT behind ``rows`` (tests read its query plan)."""
        found = self._where(flt)
        if found is None:
            return None
        sql, params = found
        order = ORDERS.get(flt.order if flt is not None else "newest")
        if order is None:
            raise ValueError(f"unknown order: {flt.order if flt else ''}")
        return (
            f"SELECT {_ROW_SQL} FROM {sql} "  # noqa: S608 - only fixed SQL text is joined
            f"ORDER BY {order} LIMIT :limit OFFSET :offset",
            params,
        )

    def rows(self, offset: int, limit: int, flt: RecordFilter | None = None) -> list[RecordRow]:
        """One page of the list, newest intake first (or most urgent first, by ``flt.order``)."""
        found = self.rows_sql(flt)
        if found is None:
            return []
        sql, params = found
        with guard():
            rows = self.vault.con.execute(
                sql, {**params, "limit": max(0, limit), "offset": max(0, offset)}
            ).fetchall()
        return [_row(r) for r in rows]

    def likely_duplicates(self, record: IntakeRecord) -> list[RecordRow]:
        """Stored records with the same folded name and birth date, or the same phone digits.

        Another volunteer's record comes back without its name and phone.
        """
        tests: list[str] = []
        params: dict[str, Any] = urgency_sql.params(self._today())
        if record.date_of_birth is not None:
            tests.append("(r.name_key = :name_key AND r.date_of_birth = :dob)")
            params["name_key"] = search.name_key(record.given_name, record.family_name)
            params["dob"] = record.date_of_birth.isoformat()
        digits = search.phone_digits(record.phone)
        if digits and len(digits) >= MIN_PHONE_DUPLICATE:  # "0" or "911" is no one's number
            tests.append("r.phone_digits = :digits")
            params["digits"] = digits
        if not tests:
            return []
        params["id"] = record.record_id
        params["limit"] = DUPLICATES_LIMIT
        sql = (
            f"SELECT {_ROW_SQL} FROM records AS r WHERE ({' OR '.join(tests)}) "  # noqa: S608
            "AND r.id != :id ORDER BY r.intake_date DESC, r.num DESC LIMIT :limit"
        )
        with guard():
            found = [_row(r) for r in self.vault.con.execute(sql, params).fetchall()]
        # A volunteer learns that another volunteer's record may be the same
        # client (so no second record is made), but not that client's details.
        return [
            r if self._owner in (None, r.volunteer) else replace(r, display_name="", phone=None)
            for r in found
        ]

    def optimize_index(self) -> None:
        """Rewrites the search index so that deleted or edited names leave it.

        FTS5 deletes by adding tombstones: the old tokens stay in older index
        segments until they are merged. The retention purge must call this
        after deleting records (secure_delete then zeroes the freed pages).
        """
        with self.vault.transaction() as con:
            con.execute("INSERT INTO records_fts (records_fts) VALUES ('optimize')")

    # --- training vaults -----------------------------------------------------

    def is_training(self) -> bool:
        """Whether this vault holds demo data: every screen and sheet must say so."""
        with guard():
            row = self.vault.con.execute(
                "SELECT value FROM meta WHERE key = ?", (TRAINING_KEY,)
            ).fetchone()
        return row is not None and row[0] == "1"

    def mark_training(self) -> None:
        """Marks the vault as a training vault, for good (there is no way back)."""
        with self.vault.transaction() as con:
            con.execute(
                "INSERT INTO meta (key, value) VALUES (?, '1') "
                "ON CONFLICT (key) DO UPDATE SET value = '1'",
                (TRAINING_KEY,),
            )

    # --- drafts --------------------------------------------------------------

    def _cutoff(self) -> str:
        return (self._clock() - drafts.MAX_AGE).astimezone(UTC).isoformat(timespec="microseconds")

    def save_draft(self, form: Mapping[str, Any]) -> None:
        """Keeps the signed-in user's unsaved intake (storable fields only), replacing any."""
        data = drafts.encode(form)
        saved_at = self._clock().astimezone(UTC).isoformat(timespec="microseconds")
        with self.vault.transaction() as con:
            con.execute(
                "INSERT INTO drafts (user, saved_at, data) VALUES (?, ?, ?) "
                "ON CONFLICT (user) DO UPDATE SET saved_at = excluded.saved_at, "
                "data = excluded.data",
                (self.vault.user, saved_at, data),
            )

    def load_draft(self) -> dict[str, Any] | None:
        """The signed-in user's draft if it is less than 24 hours old."""
        self.purge_stale_drafts()
        with guard():
            row = self.vault.con.execute(
                "SELECT data FROM drafts WHERE user = ?", (self.vault.user,)
            ).fetchone()
        return drafts.decode(bytes(row[0])) if row else None

    def discard_draft(self) -> None:
        with self.vault.transaction() as con:
            con.execute("DELETE FROM drafts WHERE user = ?", (self.vault.user,))

    def purge_stale_drafts(self) -> int:
        """Deletes every user's draft older than 24 hours; returns how many."""
        with self.vault.transaction() as con:
            cursor = con.execute("DELETE FROM drafts WHERE saved_at < ?", (self._cutoff(),))
            return int(cursor.rowcount)


def _with_id(record: IntakeRecord, record_id: str) -> IntakeRecord:
    """``record`` under a new id, without validating every field again (bulk saves)."""
    if not record_id.isascii() or not record_id.replace("-", "").isalnum():
        raise RecordError("record_id: not a record number")
    copied = copy.copy(record)
    object.__setattr__(copied, "record_id", record_id)
    return copied


def _decode(data: bytes) -> IntakeRecord:
    try:
        values = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise RecordError("the stored record is not an intake record") from None
    if not isinstance(values, dict):
        raise RecordError("the stored record is not an intake record")
    return IntakeRecord.from_mapping(values)


def _row(r: tuple[Any, ...]) -> RecordRow:
    return RecordRow(
        record_id=r[0],
        display_name=r[1],
        phone=r[2],
        intake_date=_day(r[3]),
        case_status=r[4],
        urgency=urgency_sql.LEVELS[int(r[5])],
        volunteer=r[6],
    )


__all__ = ["RecordFilter", "RecordNotFound", "RecordRow", "Records", "new_record_id"]
