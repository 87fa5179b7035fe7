"""Review queue (urgency, then age), filters, assignment, marking, and "due soon"."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from clinic_app.domain.record import PROGRAMS, IntakeRecord, ScreeningOutcome
from clinic_app.storage.errors import PermissionDenied
from clinic_app.storage.queue import Queue, QueueFilter, due_soon
from clinic_app.storage.vault import Vault

TODAY = date(2026, 11, 27)


def outcome(
    *,
    deadlines: tuple[tuple[str, date], ...] = (),
    fixed: tuple[str, ...] = (),
    daca: str = "unlikely",
) -> ScreeningOutcome:
    data: dict[str, Any] = {
        "rules_as_of": "2026-11-15",
        "programs": {
            p: {
                "outcome": daca if p == "daca" else "not_applicable",
                "reasons": ["daca_renewal"] if p == "daca" and daca == "likely" else [],
                "missing": [],
            }
            for p in PROGRAMS
        },
        "needs_representation": True,
        "deadlines": [{"kind": k, "date": d.isoformat()} for k, d in deadlines],
        "urgency_reasons": list(fixed),
    }
    return ScreeningOutcome.from_dict(data)


def record(name: str, days_ago: int, result: ScreeningOutcome | None, **more: Any) -> IntakeRecord:
    values: dict[str, Any] = {
        "record_id": "new",
        "given_name": name,
        "family_name": "Test",
        "client_language": "es",
        "intake_date": TODAY - timedelta(days=days_ago),
        "site": "Sunset Park",
        "volunteer": "sam",
        "screening_result": result,
    }
    values.update(more)
    return IntakeRecord(**values)


@pytest.fixture
def queue(vault: Vault) -> Queue:
    vault.add_user("lee", "volunteer", "another long passphrase here")
    q = Queue(vault, today=lambda: TODAY)
    q.records.create_many(
        [
            record("Old routine", 40, None),
            record("New routine", 2, outcome(), client_language="bn"),
            record("Detained", 1, outcome(fixed=("detained",))),
            record("Hearing soon", 5, outcome(deadlines=(("hearing", TODAY + timedelta(10)),))),
            record("Hearing later", 30, outcome(deadlines=(("hearing", TODAY + timedelta(60)),))),
            record(
                "Renewal",
                3,
                outcome(deadlines=(("daca_expiration", TODAY + timedelta(170)),), daca="likely"),
                volunteer="lee",
            ),
        ]
    )
    return q


def names(q: Queue, flt: QueueFilter | None = None) -> list[str]:
    return [r.display_name.removesuffix(" Test") for r in q.rows(flt or QueueFilter())]


def test_order_is_urgency_then_age(queue: Queue) -> None:
    assert names(queue) == [
        "Detained",
        "Hearing soon",
        "Hearing later",
        "Old routine",
        "Renewal",
        "New routine",
    ]
    assert queue.counts(QueueFilter()) == {"emergency": 1, "urgent": 1, "priority": 1, "routine": 3}
    assert queue.rows(QueueFilter())[3].waiting_days == 40


def test_filters(queue: Queue) -> None:
    assert names(queue, QueueFilter(volunteer="lee")) == ["Renewal"]
    assert names(queue, QueueFilter(language="bn")) == ["New routine"]
    assert names(queue, QueueFilter(program="daca", outcome="likely")) == ["Renewal"]
    with pytest.raises(ValueError):
        queue.rows(QueueFilter(program="daca"))
    with pytest.raises(ValueError):
        queue.rows(QueueFilter(status="lost"))


def test_assign_refer_close(queue: Queue) -> None:
    first = queue.rows(QueueFilter())[0]
    queue.assign(first.record_id, "lee")
    assert names(queue, QueueFilter(volunteer="lee")) == ["Detained", "Renewal"]
    with pytest.raises(ValueError):
        queue.assign(first.record_id, "nobody")
    queue.mark_referred(first.record_id, "Legal Aid Society")
    assert names(queue, QueueFilter(status="referred")) == ["Detained"]
    with pytest.raises(ValueError):
        queue.mark_referred(first.record_id, "  ")
    queue.mark_closed(first.record_id)
    assert "Detained" not in names(queue)
    assert names(queue, QueueFilter(status="closed")) == ["Detained"]
    assert queue.records.status_history(first.record_id)[-1] == ("closed", TODAY)
    edits = [e for e in queue.vault.audit_entries() if e.record_id == first.record_id]
    assert [e.action for e in edits].count("edit") == 3


def test_due_soon_in_one_list(queue: Queue) -> None:
    items = due_soon(queue.vault, TODAY, 30)
    assert [(i.display_name, i.kind) for i in items] == [
        ("Hearing soon Test", "hearing"),
        ("Renewal Test", "daca_renewal_opens"),
    ]
    longer = due_soon(queue.vault, TODAY, 200)
    assert [i.kind for i in longer] == [
        "hearing",
        "daca_renewal_opens",
        "hearing",
        "daca_expiration",
    ]


def test_volunteers_have_no_queue(queue: Queue, vault_path: Path) -> None:
    with Vault.open(vault_path, "lee", "another long passphrase here") as v:
        with pytest.raises(PermissionDenied):
            Queue(v)
        with pytest.raises(PermissionDenied):
            due_soon(v, TODAY, 30)
