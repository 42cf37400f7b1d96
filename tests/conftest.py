"""Isolation for every test: offscreen Qt, a temporary data folder, an in-memory keyring."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# A missed fixture must never reach a developer's real keychain.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"

import keyring  # noqa: E402
import keyring.backend  # noqa: E402
import keyring.errors  # noqa: E402
import pytest  # noqa: E402


class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.secrets[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError(username) from None


@pytest.fixture(autouse=True)
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Every test gets its own data folder; nothing touches the real profile."""
    folder = tmp_path / "data"
    monkeypatch.setenv("EWO_DESK_DATA_DIR", str(folder))
    monkeypatch.delenv("EWO_DESK_PASSPHRASE", raising=False)
    return folder


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch):
    """Real scrypt, tiny cost: the calibrated half-second would make the suite crawl."""
    from ewo_desk.store import vault
    from ewo_desk.store.keyslots import ScryptCost

    monkeypatch.setattr(vault, "passphrase_cost", lambda: ScryptCost(n=1 << 10))


@pytest.fixture
def paths(data_dir):
    from ewo_desk.paths import resolve_data_dir

    return resolve_data_dir(data_dir)


PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def vault(paths):
    from ewo_desk.store.vault import Vault

    opened, _code = Vault.create(paths, PASSPHRASE)
    yield opened
    opened.close()
