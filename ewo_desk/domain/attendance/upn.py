"""Unique Pupil Numbers: shape and check letter (ctf-attendance.md §2.3, VERIFIED).

Thirteen characters: a check letter, eleven digits, then a digit (or, for a temporary UPN, a
letter). The check letter is sum(character at position p x p, for p = 2..13) mod 23, indexed into
the 23-letter alphabet below; a letter in position 13 counts as its index in that alphabet. Real
files contain UPNs that fail the check, so a failure is a warning, never a rejection.
"""

from __future__ import annotations

import re

ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ"  # no I, O or S
_SHAPE = re.compile(rf"[{ALPHABET}][0-9]{{11}}[0-9{ALPHABET}]")


def is_upn_shape(text: str) -> bool:
    return _SHAPE.fullmatch(text) is not None


def is_temporary(upn: str) -> bool:
    return is_upn_shape(upn) and not upn[12].isdigit()


def check_letter(upn: str) -> str:
    """The check letter the UPN should start with (the first character is ignored)."""
    if not is_upn_shape(upn):
        raise ValueError(f"{upn!r} is not shaped like a UPN")
    total = sum(int(ch) * weight for weight, ch in enumerate(upn[1:12], start=2))
    last = upn[12]
    total += 13 * (int(last) if last.isdigit() else ALPHABET.index(last))
    return ALPHABET[total % 23]


def upn_check_letter_ok(upn: str) -> bool:
    return is_upn_shape(upn) and check_letter(upn) == upn[0]
