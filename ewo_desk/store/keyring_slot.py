"""A copy of the database key in the OS keyring (Credential Manager, Keychain, Secret Service).

The keyring is a convenience, never the only holder of the key. Backends that only pretend to keep
a secret (the null and fail backends, keyrings.alt's base64 "plaintext" file) count as no keyring.
The backend's name is recorded so that a change of backend is noticed rather than trusted.
"""

from __future__ import annotations

import contextlib
import logging

import keyring
import keyring.errors

from ewo_desk.errors import KeyringUnavailable
from ewo_desk.store.keyslots import KeyringRecord, key_from_hex, key_to_hex

SERVICE = "EWO Desk caseload"
_NOT_A_KEYRING = (
    "keyring.backends.fail.",
    "keyring.backends.null.",
    "keyrings.alt.",
)
log = logging.getLogger(__name__)


def backend_name() -> str:
    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


def usable() -> bool:
    return not backend_name().startswith(_NOT_A_KEYRING)


def store_key(vault_id: str, key: bytes) -> KeyringRecord | None:
    """Put a copy of the key in the keyring. None when there is no usable keyring."""
    if not usable():
        return None
    record = KeyringRecord(backend_name(), SERVICE, vault_id)
    try:
        keyring.set_password(record.service, record.account, key_to_hex(key))
    except (keyring.errors.KeyringError, RuntimeError, OSError) as exc:
        log.warning("keyring refused the key: %s", type(exc).__name__)
        return None
    return record


def load_key(record: KeyringRecord | None) -> bytes:
    """The key from the keyring, or KeyringUnavailable saying why and what to do instead."""
    if record is None:
        raise KeyringUnavailable(
            "This caseload's key is not in the system keyring. Enter your passphrase."
        )
    current = backend_name()
    if current != record.backend:
        raise KeyringUnavailable(
            "The system keyring has changed since this caseload was set up, so EWO Desk will not "
            "trust it. Enter your passphrase; the keyring can be set up again in Settings."
        )
    try:
        stored = keyring.get_password(record.service, record.account)
    except (keyring.errors.KeyringError, RuntimeError, OSError):
        stored = None
    if stored is None:
        raise KeyringUnavailable(
            "The system keyring is locked or no longer holds this caseload's key. "
            "Enter your passphrase."
        )
    try:
        return key_from_hex(stored)
    except Exception:
        raise KeyringUnavailable(
            "The key in the system keyring is damaged. Enter your passphrase."
        ) from None


def forget_key(record: KeyringRecord | None) -> None:
    if record is None:
        return
    with contextlib.suppress(keyring.errors.KeyringError, RuntimeError, OSError):
        keyring.delete_password(record.service, record.account)
