"""The database key and the slots that hold it wrapped, beside the database.

The caseload is encrypted with a random 256-bit key, never with a passphrase: a passphrase change
re-wraps the key and leaves the database alone. The key file holds one AES-256-GCM wrapping per
slot (passphrase, recovery code), each under a key derived with scrypt (memory-hard). The slot's
name and the vault id are bound in as associated data, so slots cannot be swapped between files.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import secrets
import time
from dataclasses import dataclass, field, replace
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from ewo_desk.errors import VaultError, WrongPassphrase

FORMAT = "ewo-desk-keyslots"
FORMAT_VERSION = 1
KEY_BYTES = 32
MIN_PASSPHRASE_LENGTH = 10
_HEX_KEY = re.compile(r"[0-9a-f]{64}")
_B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def new_database_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def key_to_hex(key: bytes) -> str:
    hex_key = key.hex()
    if not _HEX_KEY.fullmatch(hex_key):
        raise VaultError("The database key has the wrong format. The key file may be damaged.")
    return hex_key


def key_from_hex(text: str) -> bytes:
    if not isinstance(text, str) or not _HEX_KEY.fullmatch(text):
        raise VaultError("The stored database key has the wrong format.")
    return bytes.fromhex(text)


def key_check(key: bytes) -> str:
    """A short tag that tells whether a key (say, from the keyring) belongs to this vault."""
    return hmac.new(key, b"ewo-desk key check", hashlib.sha256).hexdigest()[:32]


@dataclass(frozen=True)
class ScryptCost:
    n: int
    r: int = 8
    p: int = 1

    def derive(self, secret: bytes, salt: bytes) -> bytes:
        maxmem = 132 * self.n * self.r * self.p + (1 << 20)
        return hashlib.scrypt(
            secret, salt=salt, n=self.n, r=self.r, p=self.p, maxmem=maxmem, dklen=32
        )


# The recovery code carries 160 random bits, so a modest cost is enough there.
RECOVERY_COST = ScryptCost(n=1 << 14)


def calibrate(
    target_seconds: float = 0.5, floor: int = 1 << 15, ceiling: int = 1 << 19
) -> ScryptCost:
    """Pick the scrypt N (a power of two) that takes about `target_seconds` on this machine."""
    probe = ScryptCost(n=1 << 14)
    started = time.perf_counter()
    probe.derive(b"calibration", b"\0" * 16)
    elapsed = max(time.perf_counter() - started, 1e-4)
    n = probe.n
    while n < ceiling and elapsed * (n / probe.n) * 2 <= target_seconds * 1.4:
        n *= 2
    return ScryptCost(n=max(floor, min(n, ceiling)))


@dataclass(frozen=True)
class WrappedKey:
    cost: ScryptCost
    salt: bytes
    nonce: bytes
    ciphertext: bytes

    @classmethod
    def wrap(cls, key: bytes, secret: bytes, cost: ScryptCost, aad: bytes) -> WrappedKey:
        salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
        sealed = AESGCM(cost.derive(secret, salt)).encrypt(nonce, key, aad)
        return cls(cost, salt, nonce, sealed)

    def unwrap(self, secret: bytes, aad: bytes) -> bytes | None:
        try:
            return AESGCM(self.cost.derive(secret, self.salt)).decrypt(
                self.nonce, self.ciphertext, aad
            )
        except InvalidTag:
            return None

    def to_json(self) -> dict[str, Any]:
        return {
            "kdf": "scrypt",
            "n": self.cost.n,
            "r": self.cost.r,
            "p": self.cost.p,
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "ciphertext": _b64(self.ciphertext),
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> WrappedKey:
        if raw.get("kdf") != "scrypt":
            raise VaultError("The key file uses a key derivation this version does not know.")
        return cls(
            ScryptCost(int(raw["n"]), int(raw["r"]), int(raw["p"])),
            _unb64(raw["salt"]),
            _unb64(raw["nonce"]),
            _unb64(raw["ciphertext"]),
        )


@dataclass(frozen=True)
class KeyringRecord:
    """Which OS keyring backend holds a copy of the key, under which service and account."""

    backend: str
    service: str
    account: str


@dataclass(frozen=True)
class KeySlots:
    vault_id: str
    key_check: str
    passphrase: WrappedKey
    recovery: WrappedKey
    keyring: KeyringRecord | None = None
    # Council policy mirrored here because it must be known before the database is open.
    keyring_unlock_allowed: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def aad(self, slot: str) -> bytes:
        return f"{FORMAT}/{self.vault_id}/{slot}".encode()

    @classmethod
    def create(
        cls, vault_id: str, key: bytes, passphrase: str, cost: ScryptCost
    ) -> tuple[KeySlots, str]:
        """New slots for `key`. Returns them and the recovery code, to be shown once."""
        check_new_passphrase(passphrase)
        code = new_recovery_code()
        base = cls(vault_id, key_check(key), _PLACEHOLDER, _PLACEHOLDER)
        slots = replace(
            base,
            passphrase=WrappedKey.wrap(key, passphrase.encode(), cost, base.aad("passphrase")),
            recovery=WrappedKey.wrap(
                key, normalise_recovery_code(code).encode(), RECOVERY_COST, base.aad("recovery")
            ),
        )
        return slots, code

    def unlock_with_passphrase(self, passphrase: str) -> bytes:
        key = self.passphrase.unwrap(passphrase.encode(), self.aad("passphrase"))
        if key is None:
            raise WrongPassphrase(
                "That passphrase does not open this caseload. Check Caps Lock and try again; "
                "nothing has been changed. If you have forgotten it, use your recovery code."
            )
        return self._checked(key)

    def unlock_with_recovery_code(self, code: str) -> bytes:
        key = self.recovery.unwrap(normalise_recovery_code(code).encode(), self.aad("recovery"))
        if key is None:
            raise WrongPassphrase(
                "That recovery code does not open this caseload. Check each group of letters "
                "and digits; nothing has been changed."
            )
        return self._checked(key)

    def with_passphrase(self, key: bytes, new_passphrase: str, cost: ScryptCost) -> KeySlots:
        check_new_passphrase(new_passphrase)
        wrapped = WrappedKey.wrap(key, new_passphrase.encode(), cost, self.aad("passphrase"))
        return replace(self, passphrase=wrapped)

    def matches(self, key: bytes) -> bool:
        return hmac.compare_digest(key_check(key), self.key_check)

    def _checked(self, key: bytes) -> bytes:
        if not self.matches(key):
            raise VaultError("The key file is damaged: its slots disagree about the key.")
        return key

    def to_bytes(self) -> bytes:
        doc = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "vault_id": self.vault_id,
            "key_check": self.key_check,
            "keyring_unlock_allowed": self.keyring_unlock_allowed,
            "keyring": None if self.keyring is None else vars(self.keyring),
            "slots": {"passphrase": self.passphrase.to_json(), "recovery": self.recovery.to_json()},
            **self.extra,
        }
        return json.dumps(doc, indent=2, sort_keys=True).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> KeySlots:
        try:
            doc = json.loads(data)
            if doc.get("format") != FORMAT:
                raise ValueError("not a key file")
            if int(doc["version"]) > FORMAT_VERSION:
                raise VaultError(
                    "This caseload's key file was written by a newer version of EWO Desk. "
                    "Install the newer version to open it."
                )
            ring = doc.get("keyring")
            return cls(
                vault_id=str(doc["vault_id"]),
                key_check=str(doc["key_check"]),
                passphrase=WrappedKey.from_json(doc["slots"]["passphrase"]),
                recovery=WrappedKey.from_json(doc["slots"]["recovery"]),
                keyring=None if ring is None else KeyringRecord(**ring),
                keyring_unlock_allowed=bool(doc.get("keyring_unlock_allowed", False)),
            )
        except VaultError:
            raise
        except (ValueError, KeyError, TypeError) as exc:
            raise VaultError(
                "The caseload's key file is damaged or is not an EWO Desk key file, so the "
                "caseload cannot be opened. Restore the key file from a backup; the database "
                f"itself is untouched. ({type(exc).__name__})"
            ) from None


def check_new_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise VaultError(
            f"Choose a passphrase of at least {MIN_PASSPHRASE_LENGTH} characters. "
            "A few unrelated words are easy to remember and hard to guess."
        )


def new_recovery_code() -> str:
    """160 random bits as 32 base-32 characters in groups of four: ABCD-EFGH-…"""
    raw = base64.b32encode(secrets.token_bytes(20)).decode()
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def normalise_recovery_code(code: str) -> str:
    """Forgive case, spaces, dashes and the digits people read for letters (0→O, 1→I, 8→B)."""
    cleaned = re.sub(r"[\s\-]", "", code.upper()).translate(str.maketrans("018", "OIB"))
    if len(cleaned) != 32 or any(ch not in _B32 for ch in cleaned):
        return "INVALID"
    return cleaned


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode(), validate=True)


_PLACEHOLDER = WrappedKey(ScryptCost(n=2), b"", b"", b"")
