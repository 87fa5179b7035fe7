"""Rules-file loading and validation, and the shipped file itself."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from clinic_app.resources import resource_path
from clinic_app.screening import RulesError, load_rules, parse_rules
from clinic_app.screening.rules import iso_3166_alpha2
from tests.screening.support import RULES_DATA, rules_text


def data() -> dict[str, Any]:
    return copy.deepcopy(RULES_DATA)


def problems(doc: dict[str, Any] | str) -> tuple[str, ...]:
    text = doc if isinstance(doc, str) else json.dumps(doc)
    with pytest.raises(RulesError) as caught:
        parse_rules(text, "bad.json")
    return caught.value.problems


def test_valid_file_parses_completely() -> None:
    rules = parse_rules(rules_text(), "ok")
    assert rules.as_of == date(2026, 11, 15)
    assert sorted(rules.tps) == ["HT", "LB", "SY", "UA"]
    ua = rules.tps["UA"]
    assert ua.initial_registration is not None and ua.initial_registration.end == date(2026, 10, 19)
    assert rules.tps["LB"].reregistration is None
    assert rules.tps["HT"].designated_until is None
    assert rules.daca.initial_requests_granted is False


def test_load_rules_from_a_path(tmp_path: Path) -> None:
    path = tmp_path / "rules.json"
    path.write_text(rules_text(), encoding="utf-8")
    assert load_rules(path).as_of == date(2026, 11, 15)
    assert load_rules(str(path)).as_of == date(2026, 11, 15)


def test_missing_file_and_bad_json(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="cannot be read"):
        load_rules(tmp_path / "absent.json")
    assert "not valid JSON" in problems("{")[0]
    assert problems("[]") == (": must be an object",)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.pop("as_of"), "as_of: required"),
        (lambda d: d.update(as_of="2026-13-01"), "as_of: must be a date written YYYY-MM-DD"),
        (lambda d: d.update(as_of="20261101"), "as_of: must be a date written YYYY-MM-DD"),
        (lambda d: d.update(sources=[]), "sources: must be a non-empty list of sources"),
        (
            lambda d: d["sources"][0].update(url="uscis.gov"),
            "sources[0].url: must be a web address",
        ),
        (lambda d: d["sources"][0].pop("retrieved"), "sources[0].retrieved: required"),
        (
            lambda d: d["daca"].pop("initial_requests_granted"),
            "daca.initial_requests_granted: required",
        ),
        (
            lambda d: d["daca"].update(initial_requests_granted="no"),
            "daca.initial_requests_granted: must be true or false",
        ),
        (lambda d: d["daca"].update(note=""), "daca.note: must be a non-empty text"),
        (lambda d: d.update(extra=1), "extra: unknown field"),
        (
            lambda d: d["tps"].update(
                XX={"name": "X", "status": "terminated", "litigation": False}
            ),
            "tps.XX: not an ISO 3166-1 alpha-2 country code",
        ),
        (
            lambda d: d["tps"].update(ua=d["tps"]["UA"]),
            "tps.ua: not an ISO 3166-1 alpha-2 country code",
        ),
        (lambda d: d["tps"]["UA"].pop("designated_until"), "tps.UA.designated_until: required"),
        (lambda d: d["tps"]["UA"].pop("reregistration"), "tps.UA.reregistration: required"),
        (lambda d: d["tps"]["UA"].pop("verified"), "tps.UA.verified: required"),
        (
            lambda d: d["tps"]["UA"].update(status="paused"),
            'tps.UA.status: must be "active" or "terminated"',
        ),
        (lambda d: d["tps"]["UA"].update(litigation=0), "tps.UA.litigation: must be true or false"),
        (
            lambda d: d["tps"]["UA"].update(designated_untill="2026-10-19"),
            "tps.UA.designated_untill: unknown field",
        ),
        (
            lambda d: d["tps"]["UA"].update(
                initial_registration={"start": "2026-10-20", "end": "2026-10-19"}
            ),
            "tps.UA.initial_registration: starts after it ends",
        ),
        (
            lambda d: d["tps"]["UA"]["reregistration"].pop("end"),
            "tps.UA.reregistration.end: required",
        ),
        (
            lambda d: d["tps"]["UA"].update(continuous_residence_since="2023-10-21"),
            "tps.UA: continuous_residence_since is after continuous_presence_since",
        ),
        (
            lambda d: d["tps"]["UA"].update(unverified=["reregistration"]),
            "tps.UA: verified is true but some fields are listed as unverified",
        ),
        (
            lambda d: d["tps"]["LB"].update(unverified=["colour"]),
            "tps.LB.unverified: colour is not a field",
        ),
        (
            lambda d: d["tps"]["HT"].update(designated_until="soon"),
            "tps.HT.designated_until: must be a date written YYYY-MM-DD",
        ),
        (lambda d: d["tps"]["HT"].pop("litigation"), "tps.HT.litigation: required"),
        (lambda d: d["tps"]["HT"].pop("name"), "tps.HT.name: required"),
    ],
)
def test_each_problem_is_reported(change: Any, expected: str) -> None:
    doc = data()
    change(doc)
    assert expected in problems(doc)


def test_terminated_entries_need_only_name_status_and_litigation() -> None:
    doc = data()
    doc["tps"]["HT"] = {
        "name": "Haiti",
        "status": "terminated",
        "litigation": True,
        "designated_until": "2026-02-03",
    }
    assert parse_rules(json.dumps(doc)).tps["HT"].designated_until == date(2026, 2, 3)


def test_every_problem_in_one_error_and_no_half_valid_rules() -> None:
    doc = data()
    doc["as_of"] = "yesterday"
    doc["tps"]["UA"]["initial_registration"]["end"] = "2020-01-01"
    doc["tps"]["HT"]["litigation"] = "yes"
    doc["tps"]["ZZ"] = {"name": "Nowhere", "status": "terminated", "litigation": False}
    found = problems(doc)
    assert found == (
        "as_of: must be a date written YYYY-MM-DD",
        "tps.UA.initial_registration: starts after it ends",
        "tps.HT.litigation: must be true or false",
        "tps.ZZ: not an ISO 3166-1 alpha-2 country code",
    )
    with pytest.raises(RulesError) as caught:
        parse_rules(json.dumps(doc), "bad.json")
    message = str(caught.value)
    assert message.startswith("The rules file bad.json cannot be used (4 problems):")
    assert all(f"- {p}" in message for p in found)
    assert isinstance(caught.value, ValueError)


def test_duplicate_keys_are_a_problem() -> None:
    text = rules_text().replace(
        '"as_of": "2026-11-15"', '"as_of": "2026-11-15", "as_of": "2026-11-16"'
    )
    assert "as_of: given more than once" in problems(text)


def test_iso_codes_come_from_cldr_without_the_extras() -> None:
    codes = iso_3166_alpha2()
    assert len(codes) == 249
    assert {"UA", "SV", "MM", "SS", "VE"} <= codes
    assert not {"EU", "UN", "XK", "ZZ"} & codes


# The shipped file.


def test_shipped_rules_load_and_are_found_through_resources() -> None:
    assert resource_path("rules", "rules.json").is_file()
    rules = load_rules()
    assert rules.as_of == date(2026, 8, 21)  # the newest sourced fact, not today
    assert rules.daca.initial_requests_granted is False
    assert rules.daca.note
    assert rules.sources


ACTIVE = {"SV", "SD", "UA", "LB"}
TERMINATED_SINCE_2025 = {
    "VE",
    "AF",
    "CM",
    "NP",
    "HN",
    "NI",
    "HT",
    "SY",
    "SS",
    "MM",
    "ET",
    "SO",
    "YE",
}


def test_shipped_tps_entries_match_the_facts() -> None:
    tps = load_rules().tps
    assert {c for c, e in tps.items() if e.status == "active"} == ACTIVE
    assert {c for c, e in tps.items() if e.status == "terminated"} == TERMINATED_SINCE_2025
    ua = tps["UA"]
    assert (ua.continuous_residence_since, ua.continuous_presence_since) == (
        date(2023, 8, 16),
        date(2023, 10, 20),
    )
    assert ua.designated_until == date(2026, 10, 19)
    assert tps["SV"].designated_until == date(2026, 9, 9)
    assert tps["LB"].designated_until == date(2026, 11, 27)
    assert tps["SD"].designated_until == date(2026, 10, 19)
    for code in ("HN", "NI", "ET", "SO"):
        assert tps[code].litigation, code


def test_shipped_entries_say_what_is_verified() -> None:
    for code, entry in load_rules().tps.items():
        assert entry.note, code
        assert entry.sources, code
        assert entry.verified == (not entry.unverified), code
    raw = json.loads(resource_path("rules", "rules.json").read_text(encoding="utf-8"))
    assert all("verified" in entry for entry in raw["tps"].values())


def test_stale_after_90_days() -> None:
    rules = parse_rules(rules_text())  # as of 2026-11-15
    assert not rules.stale_on(date(2027, 2, 13))  # 90 days
    assert rules.stale_on(date(2027, 2, 14))  # 91 days
    assert load_rules().stale_on(date(2026, 11, 27))  # the shipped file is already old
