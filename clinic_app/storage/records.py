"""The records repository: intake records, their list, search, status and drafts.

Each record is one row of ``records`` (schema v3): the ``IntakeRecord`` as a
JSON document in ``data`` plus the few columns the list needs, and one row of
the FTS5 index ``records_fts`` (folded name tokens and phone digits, keyed
by the record's place in the list; see ``storage/search.py``). The list
pages by key (``page``), never by OFFSET, and a search counts its hits only
up to a cap (``count(flt, cap=...)``), so the work per screenful is bounded
whatever the size of the vault. Everything is inside the SQLCipher
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
from clinic_app.storage import audit, connection, drafts, search, urgency_sql
from clinic_app.storage.audit import AuditEntry
from clinic_app.storage.errors import PermissionDenied
from clinic_app.storage.vault import SUPERVISOR, Vault, guard

Clock = Callable[[], datetime]
CACHE_KIB: Final = 32 * 1024  # page cache for this session: the list index stays in memory
TRAINING_KEY: Final = "training_vault"
DUPLICATES_LIMIT: Final = 20
COUNT_CAP: Final = 1000  # the list says "1,000+" beyond this many hits
MIN_PHONE_DUPLICATE: Final = 7
_ID_ALPHABET: Final = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

_ROW_SQL: Final = (
    "r.id, r.display_name, r.phone, r.intake_date, r.case_status, "
    f"{urgency_sql.level_sql('r.')}, r.volunteer, r.num"
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
    key: int = 0  # its place in the newest-first list (``search.fts_key``)


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
        **urgency.values(),
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
    *urgency_sql.COLUMNS,
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


_NOWHERE: Final = -1  # a skip past the last hit

_FORGET: Final = (
    f"DELETE FROM records_fts WHERE rowid = "  # noqa: S608 - fixed SQL text
    f"(SELECT {search.key_sql()} FROM records WHERE num = ?)"
)


def index_row_values(num: int, values: Mapping[str, Any]) -> tuple[int, str, str, str]:
    """The search-index row of record ``num`` with the columns ``values`` (``_columns``)."""
    return (
        search.fts_key(values["intake_date"], num),
        values["fts_name"],
        values["fts_phone"],
        search.owner_token(values["volunteer"]),
    )


INDEX_INSERT: Final = "INSERT INTO records_fts (rowid, name, phone, volunteer) VALUES (?, ?, ?, ?)"


def index_row(con: Any, num: int, values: Mapping[str, Any]) -> None:
    """Adds record ``num``'s search-index row (keyed by its place in the list)."""
    con.execute(INDEX_INSERT, index_row_values(num, values))


def forget_index_row(con: Any, num: int) -> None:
    """Removes record ``num``'s search-index row; call before its intake date changes."""
    con.execute(_FORGET, (num,))


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
        self._read_con: Any = None  # set on a reader (``open_reader``)
        with guard():
            vault.con.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        self.purge_stale_drafts()

    # --- writing -------------------------------------------------------------

    def _append_audit(self, con: Any, action: str, record_id: str, at: str) -> None:
        # In the caller's transaction, so a record never exists without its audit row.
        audit.append(con, self.vault._head_key, self.vault.user, action, record_id, at=at)

    def create(self, record: IntakeRecord, *, discard_draft: bool = False) -> str:
        """Stores a new record under a new record number (returned); audits "create".

        The record's own ``record_id`` is a placeholder and is replaced. With
        ``discard_draft`` the user's draft goes in the same transaction: a
        crash cannot leave both the record and the draft that would make it
        again, and the save costs one commit (one fsync), not two.
        """
        return self.create_many([record], discard_draft=discard_draft)[0]

    def create_many(
        self, records: Iterable[IntakeRecord], *, discard_draft: bool = False
    ) -> list[str]:
        """Stores several new records in one transaction (demo data, imports)."""
        ids: list[str] = []
        now = audit.now_iso()
        with self.vault.transaction() as con:
            if discard_draft:
                con.execute("DELETE FROM drafts WHERE user = ?", (self.vault.user,))
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
        index_row(con, num, values)

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
        # The index row is keyed by the old intake date: removed before it changes.
        con.execute(_FORGET, (num,))
        con.execute(_UPDATE, {**values, "num": num, "now": now})
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

    def _where(self, flt: RecordFilter | None) -> _Query | None:
        """FROM and WHERE for a filter, with parameters; None when nothing can match."""
        query = _Query("records AS r", [], urgency_sql.params(self._today()))
        matches: list[str] = []
        if flt is not None and flt.text.strip():
            match = search.fts_query(flt.text)
            if not match:
                return None
            matches.append(match)
        if self._owner is not None:
            # The index finds the volunteer's own records in list order; the
            # WHERE on the record itself is the rule that counts.
            matches.append(search.owner_match(self._owner))
            query.where.append("r.volunteer = :owner")
            query.params["owner"] = self._owner
        if matches:
            # CROSS JOIN keeps the full-text index outermost (the plan starts
            # from MATCH, in rowid order: the list's order); each hit is then
            # looked up in the covering index.
            query.source = (
                "records_fts CROSS JOIN records AS r INDEXED BY records_list "
                f"ON r.num = {search.num_sql('records_fts.rowid')}"
            )
            query.text = True
            query.where.insert(0, "records_fts MATCH :q")
            query.params["q"] = " AND ".join(matches)
        if flt is None:
            return query
        query.filtered = any(
            v is not None for v in (flt.status, flt.urgency, flt.intake_from, flt.intake_to)
        )
        if flt.status is not None:
            query.where.append("r.case_status = :status")
            query.params["status"] = flt.status
        if flt.urgency is not None:
            if flt.urgency not in urgency_sql.LEVELS:
                raise ValueError(f"unknown urgency: {flt.urgency}")
            query.where.append(f"{urgency_sql.level_sql('r.')} = :level")
            query.params["level"] = urgency_sql.LEVELS.index(flt.urgency)
        if flt.intake_from is not None:
            query.where.append("r.intake_date >= :intake_from")
            query.params["intake_from"] = flt.intake_from.isoformat()
        if flt.intake_to is not None:
            query.where.append("r.intake_date <= :intake_to")
            query.params["intake_to"] = flt.intake_to.isoformat()
        return query

    def count(self, flt: RecordFilter | None = None, *, cap: int | None = None) -> int:
        """How many records the filter matches; with ``cap``, at most ``cap + 1``.

        A capped count stops reading hits after ``cap + 1``: the list shows
        "1,000+" for a common prefix instead of counting every hit.
        """
        query = self._where(flt)
        if query is None:
            return 0
        sql = f"SELECT count(*) FROM {query.sql()}"  # noqa: S608 - only fixed SQL text is joined
        if query.text and not query.filtered:
            # Every condition is in the MATCH (a volunteer's too): count index
            # rows alone, without looking up each hit's record.
            source = "records_fts WHERE records_fts MATCH :q"
            sql = f"SELECT count(*) FROM {source}"  # noqa: S608
            if cap is not None:
                sql = f"SELECT count(*) FROM (SELECT 1 FROM {source} LIMIT {int(cap) + 1})"  # noqa: S608
        elif cap is not None:
            sql = f"SELECT count(*) FROM (SELECT 1 FROM {query.sql()} LIMIT {int(cap) + 1})"  # noqa: S608
        with guard():
            return int(self._reader.execute(sql, query.params).fetchone()[0])

    def _order(self, flt: RecordFilter | None, query: _Query) -> str:
        name = flt.order if flt is not None else "newest"
        if name not in ORDERS:
            raise ValueError(f"unknown order: {name}")
        return "records_fts.rowid" if query.text and name == "newest" else ORDERS[name]

    def rows_sql(self, flt: RecordFilter | None = None) -> tuple[str, dict[str, Any]] | None:
        """The SELECT behind ``rows`` (tests read its query plan)."""
        query = self._where(flt)
        if query is None:
            return None
        order = self._order(flt, query)
        return (
            f"SELECT {_ROW_SQL} FROM {query.sql()} "  # noqa: S608 - only fixed SQL text is joined
            f"ORDER BY {order} LIMIT :limit OFFSET :offset",
            query.params,
        )

    def rows(self, offset: int, limit: int, flt: RecordFilter | None = None) -> list[RecordRow]:
        """One page of the list, newest intake first (or most urgent first, by ``flt.order``).

        OFFSET reads every row it skips: the list itself pages with ``page``.
        """
        found = self.rows_sql(flt)
        if found is None:
            return []
        sql, params = found
        with guard():
            rows = self._reader.execute(
                sql, {**params, "limit": max(0, limit), "offset": max(0, offset)}
            ).fetchall()
        return [_row(r) for r in rows]

    def page_sql(
        self, flt: RecordFilter | None, after: int | None, *, backward: bool = False
    ) -> tuple[str, dict[str, Any]] | None:
        """The SELECT behind ``page`` (tests read its query plan)."""
        if flt is not None and flt.order != "newest":
            raise ValueError("only the newest-first list pages by key")
        query = self._where(flt)
        if query is None:
            return None
        where = list(query.where)
        params = dict(query.params)
        if query.text:
            order = "records_fts.rowid DESC" if backward else "records_fts.rowid"
            if after is not None:
                where.append(f"records_fts.rowid {'<' if backward else '>'} :key")
                params["key"] = after
        else:
            order = "r.intake_date, r.num" if backward else ORDERS["newest"]
            if after is not None:
                where.append(f"(r.intake_date, r.num) {'>' if backward else '<'} (:kdate, :knum)")
                params["kdate"], params["knum"] = search.key_parts(after)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        return (
            f"SELECT {_ROW_SQL} FROM {query.source}{clause} "  # noqa: S608 - fixed SQL text
            f"ORDER BY {order} LIMIT :limit OFFSET :offset",
            params,
        )

    def page(
        self,
        flt: RecordFilter | None,
        after: int | None,
        limit: int,
        *,
        skip: int = 0,
        backward: bool = False,
    ) -> list[RecordRow]:
        """Up to ``limit`` rows of the newest-first list after the row keyed ``after``.

        ``after`` None starts at the top (at the bottom when ``backward``).
        ``backward`` reads the rows before ``after`` instead, nearest last, and
        returns them in list order. ``skip`` jumps that many rows first (a
        scrollbar dragged far from any row already read).
        """
        if skip > 0:
            after, skip = self._skip_in_index(flt, after, skip, backward)
            if after == _NOWHERE:
                return []
        found = self.page_sql(flt, after, backward=backward)
        if found is None:
            return []
        sql, params = found
        with guard():
            rows = self._reader.execute(
                sql, {**params, "limit": max(0, limit), "offset": max(0, skip)}
            ).fetchall()
        out = [_row(r) for r in rows]
        return out[::-1] if backward else out

    def _skip_in_index(
        self, flt: RecordFilter | None, after: int | None, skip: int, backward: bool
    ) -> tuple[int | None, int]:
        """Where a skip lands, found in the search index alone when it can be.

        OFFSET over a search would look up every skipped hit's record; when
        every condition is in the MATCH, the key ``skip`` hits on is read
        from the index instead, and the page starts after it.
        """
        query = self._where(flt)
        if query is None or not query.text or query.filtered:
            return after, skip
        where = ["records_fts MATCH :q"]
        params: dict[str, Any] = {"q": query.params["q"], "skip": skip - 1}
        if after is not None:
            where.append(f"rowid {'<' if backward else '>'} :key")
            params["key"] = after
        sql = (
            f"SELECT rowid FROM records_fts WHERE {' AND '.join(where)} "  # noqa: S608
            f"ORDER BY rowid {'DESC' if backward else ''} LIMIT 1 OFFSET :skip"
        )
        with guard():
            row = self._reader.execute(sql, params).fetchone()
        return (_NOWHERE, 0) if row is None else (int(row[0]), 0)

    @property
    def _reader(self) -> Any:
        return self._read_con if self._read_con is not None else self.vault.con

    def open_reader(self) -> tuple[Records, Any]:
        """A copy of this repository that counts and pages through a new connection.

        For a search thread (an SQLite connection belongs to the thread that
        made it): call it in that thread, close the connection when done.
        Same key, same pragmas, same visibility rule; it only reads.
        """
        con = connection.connect(self.vault.path, self.vault.db_key)
        reader = copy.copy(self)
        reader._read_con = con
        return reader, con

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


@dataclass
class _Query:
    source: str
    where: list[str]
    params: dict[str, Any]
    text: bool = False
    filtered: bool = False  # a condition beyond the index's MATCH (status, urgency, dates)

    def sql(self) -> str:
        return self.source + (f" WHERE {' AND '.join(self.where)}" if self.where else "")


def _row(r: tuple[Any, ...]) -> RecordRow:
    return RecordRow(
        record_id=r[0],
        display_name=r[1],
        phone=r[2],
        intake_date=_day(r[3]),
        case_status=r[4],
        urgency=urgency_sql.LEVELS[int(r[5])],
        volunteer=r[6],
        key=search.fts_key(r[3], int(r[7])),
    )


__all__ = ["RecordFilter", "RecordNotFound", "RecordRow", "Records", "new_record_id"]
