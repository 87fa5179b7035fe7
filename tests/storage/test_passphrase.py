from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_app.storage import passphrase


def test_policy_examples() -> None:
    assert passphrase.meets_policy("twelve chars")
    assert not passphrase.meets_policy("elevenchars")
    assert passphrase.meets_policy("cat dog sun map")
    assert not passphrase.meets_policy("a b c d e f")  # six "words", eleven characters
    assert passphrase.meets_policy("tulip owl fig ant")


def test_the_word_list_is_the_eff_large_list() -> None:
    words = passphrase.wordlist()
    assert len(words) == 7776 == len(set(words))
    assert words[0] == "abacus" and words[-1] == "zoom"


def test_generated_passphrases_meet_the_policy_and_rate_strong() -> None:
    seen = set()
    for _ in range(50):
        p = passphrase.generate()
        assert passphrase.meets_policy(p)
        assert passphrase.word_count(p) == passphrase.GENERATED_WORDS
        assert passphrase.estimate(p).bits > 77
        assert passphrase.estimate(p).level >= 3
        seen.add(p)
    assert len(seen) == 50


def test_strength_labels() -> None:
    assert passphrase.estimate("").level == 0
    assert passphrase.estimate("password").level <= 1
    assert passphrase.estimate("aaaaaaaaaaaaaaaa").level <= 1
    assert passphrase.estimate("Correct-Horse-Battery-Staple-9").level >= 3


@settings(max_examples=200)
@given(st.text(max_size=80))
def test_a_weak_passphrase_never_rates_above_weak(text: str) -> None:
    strength = passphrase.estimate(text)
    assert 0 <= strength.level <= 4
    if not passphrase.meets_policy(text):
        assert strength.level <= 1
