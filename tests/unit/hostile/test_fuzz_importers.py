"""Hostile input: mutated and random files give a full result or our clean error, never a crash,
and an import that fails writes nothing."""

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ewo_desk.errors import EwoDeskError
from ewo_desk.importers import ParsedImport, parse_import
from ewo_desk.store.marks import import_parsed
from ewo_desk.store.schema import AttendanceImport, AttendanceMark, Child

DATA = Path(__file__).resolve().parents[2] / "data" / "attendance"
SEEDS = [(DATA / name).read_bytes() for name in ("register_sample.csv", "ctf_example.xml")]
TODAY = date(2026, 11, 22)


@st.composite
def mutated(draw):
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["flip", "cut", "insert", "dup"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif op == "cut":
            del data[at : at + draw(st.integers(1, 200))]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=40))
        else:
            data[at:at] = data[at : at + draw(st.integers(1, 300))]
    return bytes(data)


def parse_or_clean_error(data: bytes) -> ParsedImport | None:
    try:
        return parse_import(data, "fuzzed.file", not_after=TODAY)
    except EwoDeskError as error:
        assert str(error).strip(), "an error must say what is wrong"
        return None


@settings(max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck))
@given(mutated())
def test_mutated_files_never_crash_the_parsers(data):
    parse_or_clean_error(data)


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_never_crash_the_parsers(data):
    parse_or_clean_error(data)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=mutated())
def test_an_import_is_whole_or_absent(vault, data):
    parsed = parse_or_clean_error(data)
    if parsed is None:
        return
    with vault.reader() as s:
        before = (
            s.scalar(sa.select(sa.func.count(AttendanceMark.id))),
            s.scalar(sa.select(sa.func.count(AttendanceImport.id))),
        )
    try:
        with vault.session() as s:
            report = import_parsed(s, parsed, TODAY)
    except EwoDeskError:
        with vault.reader() as s:
            after = (
                s.scalar(sa.select(sa.func.count(AttendanceMark.id))),
                s.scalar(sa.select(sa.func.count(AttendanceImport.id))),
            )
        assert after == before
        return
    with vault.reader() as s:
        stored = s.scalar(
            sa.select(sa.func.count(AttendanceMark.id)).where(
                AttendanceMark.import_id == report.import_id
            )
        )
        assert stored == report.marks == sum(len(r) for r in parsed.registers.values())
        assert s.scalar(sa.select(sa.func.count(Child.id))) >= len(parsed.registers)


@pytest.mark.parametrize("name", ["ctf_entity_expansion.xml", "ctf_external_entity.xml"])
def test_entity_tricks_are_refused(name):
    with pytest.raises(EwoDeskError):
        parse_import((DATA / name).read_bytes(), name, not_after=TODAY)
