import pytest

from ewo_desk.store.keyslots import MIN_PASSPHRASE_LENGTH
from ewo_desk.ui.strength import estimate


def test_below_the_vault_minimum_is_too_short_and_says_how_many_more():
    result = estimate("a" * (MIN_PASSPHRASE_LENGTH - 2))
    assert result.score == 0 and result.hint == "2 more characters needed."
    assert estimate("a" * (MIN_PASSPHRASE_LENGTH - 1)).hint == "1 more character needed."


@pytest.mark.parametrize(
    ("passphrase", "score"),
    [
        ("aaaaaaaaaaaa", 1),
        ("passwordpassword", 1),
        ("correct horse battery staple", 4),
        ("Zoë likes 3 red kites!", 4),
    ],
)
def test_scores(passphrase, score):
    assert estimate(passphrase).score == score


def test_longer_is_never_weaker():
    words = "plum kettle harbour violin meadow"
    scores = [estimate(words[:n]).score for n in range(MIN_PASSPHRASE_LENGTH, len(words) + 1)]
    assert scores == sorted(scores)
