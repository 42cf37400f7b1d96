"""What every command shares: unlocking, passphrases, JSON out, and registering commands."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ewo_desk.errors import EwoDeskError, KeyringUnavailable, VaultError
from ewo_desk.paths import DataPaths

ENV_PASSPHRASE = "EWO_DESK_PASSPHRASE"


class Commands:
    """Registers `name` or `group name` subcommands; each takes (args, paths) -> exit code."""

    def __init__(self, sub: Any) -> None:
        self._sub = sub
        self._groups: dict[str, Any] = {}

    @property
    def subparsers(self) -> Any:
        return self._sub

    def group(self, name: str, help: str) -> None:
        parser = self._sub.add_parser(name, help=help, description=help)
        self._groups[name] = parser.add_subparsers(dest=f"{name}_command", required=True)

    def __call__(self, name: str, func: Callable[..., int], help: str) -> argparse.ArgumentParser:
        group, _, leaf = name.rpartition(" ")
        where = self._groups[group] if group else self._sub
        parser: argparse.ArgumentParser = where.add_parser(leaf, help=help, description=help)
        parser.set_defaults(func=func)
        return parser


def read_passphrase(args: argparse.Namespace, prompt: str = "Passphrase: ") -> str:
    if args.passphrase_file:
        try:
            return Path(args.passphrase_file).read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise VaultError(f"Cannot read the passphrase file: {exc.strerror}.") from None
    if os.environ.get(ENV_PASSPHRASE):
        return os.environ[ENV_PASSPHRASE]
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt)
    raise VaultError(
        f"A passphrase is needed: set {ENV_PASSPHRASE} or pass --passphrase-file FILE."
    )


def unlock(args: argparse.Namespace, paths: DataPaths) -> Any:
    """The keyring where council policy allows it, else the passphrase."""
    from ewo_desk.store.vault import Vault

    try:
        return Vault.open_with_keyring(paths)
    except KeyringUnavailable:
        return Vault.open_with_passphrase(paths, read_passphrase(args))


def write_whole(out: Path, content: bytes) -> None:
    """Write beside the target and rename: a failed write never leaves half a file."""
    if not out.parent.is_dir():
        raise EwoDeskError(f"The folder {out.parent} does not exist; choose another place.")
    temp = out.with_name(f".{out.name}.part")
    try:
        temp.write_bytes(content)
        os.replace(temp, out)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise EwoDeskError(f"Could not write {out}: {exc.strerror}.") from None


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
