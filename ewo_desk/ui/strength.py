"""A rough passphrase strength estimate for the meter. Plain Python, no Qt: easy to test.

It only guides the officer; the vault itself enforces the minimum length (keyslots).
"""

from __future__ import annotations

import math
import string
from dataclasses import dataclass

from ewo_desk.store.keyslots import MIN_PASSPHRASE_LENGTH

_COMMON = (
    "password", "passw0rd", "qwerty", "letmein", "welcome", "123456", "abc123", "iloveyou",
    "monkey", "dragon", "football", "sunshine", "council", "school", "attendance", "education",
)  # fmt: skip

LABELS = ("Too short", "Weak", "Fair", "Good", "Strong")


@dataclass(frozen=True)
class Strength:
    score: int  # 0 (not accepted) to 4
    label: str
    hint: str


def estimate(passphrase: str) -> Strength:
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        missing = MIN_PASSPHRASE_LENGTH - len(passphrase)
        return Strength(0, LABELS[0], f"{missing} more character{'s' * (missing != 1)} needed.")
    bits = _entropy_bits(passphrase)
    lowered = passphrase.lower()
    if any(word in lowered for word in _COMMON):
        bits -= 20
    if len(set(passphrase)) <= 3:
        bits = min(bits, 20)
    if bits < 45:
        return Strength(1, LABELS[1], "Easy to guess. Add another unrelated word or two.")
    if bits < 60:
        return Strength(2, LABELS[2], "Acceptable. One more word would make it much stronger.")
    if bits < 80:
        return Strength(3, LABELS[3], "A good passphrase.")
    return Strength(4, LABELS[4], "A strong passphrase.")


def _entropy_bits(passphrase: str) -> float:
    pool = 0
    if any(c in string.ascii_lowercase for c in passphrase):
        pool += 26
    if any(c in string.ascii_uppercase for c in passphrase):
        pool += 26
    if any(c in string.digits for c in passphrase):
        pool += 10
    if any(c in string.punctuation or c == " " for c in passphrase):
        pool += 33
    if any(ord(c) > 127 for c in passphrase):
        pool += 100
    # A character repeated in a row adds little: count each run once.
    effective = 1 + sum(1 for a, b in zip(passphrase, passphrase[1:], strict=False) if a != b)
    return effective * math.log2(max(pool, 2)) * 0.75  # discount: people choose words, not noise
