"""A writer for the crash harness: commits notes and bulk batches forever, printing each
acknowledged write ("ACK note <text>" / "ACK batch <tag> <n>") only after its commit returns.

    python tests/crash_writer.py DATA_DIR PASSPHRASE CASE_REF START
"""

import sys
from datetime import UTC, datetime

from ewo_desk.paths import DataPaths
from ewo_desk.store.bulk import insert_rows
from ewo_desk.store.casework import add_note, case_by_ref
from ewo_desk.store.schema import ChronologyEntry
from ewo_desk.store.vault import Vault


def main() -> None:
    root, passphrase, ref, start = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    vault = Vault.open_with_passphrase(DataPaths(__import__("pathlib").Path(root)), passphrase)
    print("READY", flush=True)
    i = start
    while True:
        i += 1
        if i % 10:
            text = f"crash-note-{i}"
            with vault.session() as s:
                add_note(s, ref, text)
            print(f"ACK note {text}", flush=True)
        else:
            tag = f"crash-batch-{i}"
            with vault.session() as s:
                case_id = case_by_ref(s, ref).id
                now = datetime.now(UTC)
                rows = [
                    {"case_id": case_id, "occurred_at": now, "text": f"{tag}-{n}"}
                    for n in range(500)
                ]
                insert_rows(s, ChronologyEntry.__table__, rows)
            print(f"ACK batch {tag} 500", flush=True)


if __name__ == "__main__":
    main()
