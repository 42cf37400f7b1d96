"""Errors an officer can cause or meet. Each message is written for the officer, not a developer.

The UI and the CLI show `str(error)` as it is, so say what is wrong and what to do next.
"""


class EwoDeskError(Exception):
    """Base for every error whose message is shown to the officer."""


class VaultError(EwoDeskError):
    """The caseload cannot be opened, created or changed."""


class WrongPassphrase(VaultError):
    pass


class VaultNotFound(VaultError):
    pass


class VaultExists(VaultError):
    pass


class KeyringUnavailable(VaultError):
    """The OS keyring cannot give the key; the passphrase is needed instead."""


class NewerDatabase(VaultError):
    pass


class ImportError_(EwoDeskError):
    """A file could not be imported; nothing was written."""


class NotFound(EwoDeskError):
    pass
