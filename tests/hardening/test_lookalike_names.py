"""Finding 6: "аlice" (Cyrillic а) was accepted beside "alice".

A new user name is refused when its Unicode TR39 skeleton (confusables table
from ``confusable-homoglyphs``) equals an existing user's, ignoring case, and
names with control, format or bidi-override characters are refused outright.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_app.cli.main import main
from clinic_app.storage import names
from clinic_app.storage.vault import Vault
from tests.storage.fixtures import OTHER_PASSPHRASE, PASSPHRASE

LOOK_ALIKES = [
    ("alice", "\u0430lice"),  # Cyrillic а
    ("alice", "ALICE"),
    ("alice", "aIice"),  # capital I for l
    ("bill", "bi11"),  # digit one for l
    ("marta", "rnarta"),  # rn for m
    ("olga", "0lga"),  # zero for o
    ("jose", "j\u03bfse"),  # Greek omicron
    ("ana", "\uff41na"),  # fullwidth a
]


@pytest.fixture
def vault(tmp_path: Path) -> Vault:
    v = Vault.create(tmp_path / "v" / "clinic.vault", "sam", PASSPHRASE)
    return v


@pytest.mark.parametrize(("existing", "look_alike"), LOOK_ALIKES)
def test_a_look_alike_of_an_existing_name_is_refused(
    vault: Vault, existing: str, look_alike: str
) -> None:
    with vault:
        vault.add_user(existing, "volunteer", OTHER_PASSPHRASE)
        with pytest.raises(ValueError, match="looks like the existing user"):
            vault.add_user(look_alike, "supervisor", OTHER_PASSPHRASE)
        assert [u.name for u in vault.users()] == ["sam", existing]


def test_the_review_example_on_the_command_line(
    vault: Vault, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with vault:
        vault.add_user("alice", "volunteer", OTHER_PASSPHRASE)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSPHRASE}\n{OTHER_PASSPHRASE}\n"))
    argv = ["admin", "add-user", "--vault", str(vault.path), "--user", "\u0430lice"]
    code = main([*argv, "--role", "supervisor", "--as", "sam"])
    assert code == 2
    assert capsys.readouterr().err == (
        "That name looks like the existing user alice; choose another.\n"
    )


@pytest.mark.parametrize(
    "bad",
    ["ana\u202esam", "ana\u2066", "ana\u200bsam", "ana\u200f", "ana\nsam", "ana\tsam", "a\x00"],
)
def test_control_and_bidi_characters_are_refused(vault: Vault, bad: str) -> None:
    with vault, pytest.raises(ValueError, match="control or separator"):
        vault.add_user(bad, "volunteer", OTHER_PASSPHRASE)


def test_distinct_names_in_other_scripts_are_welcome(vault: Vault) -> None:
    with vault:
        for name in ("José", "Jose María", "Анна", "ছবি", "민준", "فاطمة", "Łukasz"):
            vault.add_user(name, "volunteer", OTHER_PASSPHRASE)
        assert len(vault.users()) == 8


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=20))
def test_a_name_always_looks_like_itself(text: str) -> None:
    assert names.looks_like(text, text)


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"[a-z]{1,8}a[a-z]{0,8}", fullmatch=True), st.sampled_from("\u0430\u03b1"))
def test_swapping_a_latin_a_for_a_look_alike_is_always_caught(name: str, glyph: str) -> None:
    assert names.looks_like(name, name.replace("a", glyph, 1))
