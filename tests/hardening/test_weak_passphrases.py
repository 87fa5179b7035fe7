"""Finding 1: passphrases that only met the length rule are refused, with the reason."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_app import i18n
from clinic_app.storage import passphrase
from clinic_app.storage.errors import WeakPassphrase
from clinic_app.storage.vault import Vault
from tests.storage.fixtures import PASSPHRASE

# The review's examples: each met the old policy (12 characters).
REVIEW_EXAMPLES = [
    "password1234",
    "123456789012",
    "aaaaaaaaaaaa",
    "passwordpassword",
    " " * 12 + "x",
]


@pytest.fixture
def spanish() -> Iterator[None]:
    i18n.set_language("es")
    yield
    i18n.set_language("en")


@pytest.mark.parametrize("weak", REVIEW_EXAMPLES)
def test_the_review_examples_are_refused_everywhere(tmp_path: Path, weak: str) -> None:
    assert passphrase.meets_policy(weak), "the attack: it passed the length rule"
    assert passphrase.guesses(weak) < passphrase.MIN_GUESSES
    with pytest.raises(WeakPassphrase):
        Vault.create(tmp_path / "a" / "v.vault", "sam", weak)
    assert not (tmp_path / "a" / "v.vault").exists()
    with Vault.create(tmp_path / "b" / "v.vault", "sam", PASSPHRASE) as vault:
        with pytest.raises(WeakPassphrase):
            vault.add_user("ana", "volunteer", weak)
        with pytest.raises(WeakPassphrase):
            vault.change_passphrase(weak)
        assert [u.name for u in vault.users()] == ["sam"]
        assert passphrase.estimate(weak).level <= 1


def test_the_reason_is_in_the_users_language(spanish: None) -> None:
    with pytest.raises(WeakPassphrase) as caught:
        passphrase.check("aaaaaaaaaaaa")
    assert str(caught.value) == (
        "Esta frase de contraseña es demasiado fácil de adivinar: repite caracteres o palabras."
    )
    with pytest.raises(WeakPassphrase) as caught:
        passphrase.check("password1234")
    assert "contraseña" in str(caught.value) and "password" not in str(caught.value)


def test_each_weakness_names_its_kind() -> None:
    assert passphrase.weakness("aaaaaaaaaaaa") == passphrase.WEAK_REASONS["repeat"]
    assert passphrase.weakness("abcdefghijklmnop") == passphrase.WEAK_REASONS["sequence"]
    assert passphrase.weakness("qwertyuiopasdf") is not None
    assert passphrase.weakness("2019-01-01 1999") == passphrase.WEAK_REASONS["date"]
    assert passphrase.weakness("password1234") == passphrase.WEAK_REASONS["dictionary"]


def test_word_passphrases_and_generated_ones_pass() -> None:
    for good in (PASSPHRASE, "tulip marble orbit canyon", passphrase.generate()):
        passphrase.check(good)
    # Longer than zxcvbn takes: judged by its first 72 characters, still accepted.
    passphrase.check(passphrase.generate(20))


def test_the_bar_is_ten_to_the_ten_guesses() -> None:
    assert passphrase.MIN_GUESSES == 10**10


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=12, max_size=100))
def test_check_refuses_exactly_what_zxcvbn_rates_below_the_bar(text: str) -> None:
    try:
        passphrase.check(text)
    except WeakPassphrase:
        assert not passphrase.meets_policy(text) or passphrase.guesses(text) < 1e10
    else:
        assert passphrase.guesses(text) >= 1e10
