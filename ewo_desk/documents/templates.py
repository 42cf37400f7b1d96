"""The template engine: finds a letter template, checks it against the merge data, renders it.

Templates are Jinja2 run in an immutable sandbox (a council's template can read the merge data
but call nothing unsafe and change nothing) with StrictUndefined. Everything is checked BEFORE any
PDF is made, and every problem names the template file and line:

- the header (frontmatter.py) must list every field the text uses; a field that does not exist
  ("chld.name") is an unknown field;
- a field under `needs:` with no value in this case, or an `asks:` value not given, is missing;
- a value given that the template does not ask for is refused (a typing mistake on the
  command line must not silently print a letter without it).

Printed values go through `finalize`: dates as dd/mm/yyyy, money as £80.00, lists one per line,
and every value escaped (markup.escape_value) so a name cannot inject markup.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, StrictUndefined, TemplateNotFound, TemplateSyntaxError
from jinja2.exceptions import TemplateError as JinjaError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ewo_desk.documents.errors import DocumentError, TemplateError
from ewo_desk.documents.fieldcheck import check, uses
from ewo_desk.documents.frontmatter import TemplateSpec, parse_spec, split_front_matter
from ewo_desk.documents.markup import BREAK, escape_value
from ewo_desk.documents.resources import shipped_templates_dir
from ewo_desk.documents.values import Money, fmt_date, fmt_datetime

SUFFIX = ".txt"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


class TemplateFolders:
    """The council's own folder (if given) first, then the templates shipped with EWO Desk."""

    def __init__(self, override: Path | None = None, shipped: Path | None = None) -> None:
        self.override = Path(override) if override else None
        self.shipped = Path(shipped) if shipped else shipped_templates_dir()

    def folders(self) -> Iterator[tuple[Path, str]]:
        if self.override is not None and self.override.is_dir():
            yield self.override, "council"
        yield self.shipped, "shipped"

    def find(self, name: str) -> tuple[Path, str]:
        stem = name[: -len(SUFFIX)] if name.endswith(SUFFIX) else name
        if not _NAME.match(stem):
            raise DocumentError(
                f"{name!r} is not a letter template name. `ewo-desk letters` lists them."
            )
        for folder, source in self.folders():
            path = folder / (stem + SUFFIX)
            if path.is_file():
                return path, source
        raise DocumentError(
            f"There is no letter template called {stem!r}. `ewo-desk letters` lists the templates."
        )

    def names(self) -> list[str]:
        found: set[str] = set()
        for folder, _source in self.folders():
            found |= {p.stem for p in folder.glob("*" + SUFFIX) if not p.stem.startswith("_")}
        return sorted(found)


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(
            f"Cannot read the letter template {path.name}: {exc.strerror}."
        ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DocumentError(
            f"The letter template {path.name} is not saved as UTF-8 text. Save "
            "it again as UTF-8 (in Notepad: Save as, Encoding: UTF-8)."
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_spec(folders: TemplateFolders, name: str) -> TemplateSpec:
    path, source = folders.find(name)
    return parse_spec(read_text(path), path, source)


# --- the Jinja environment -------------------------------------------------------------------


class _RequirementFailed(Exception):
    pass


def _require(condition: object, message: str = "a condition in the template is not met") -> str:
    """`{{ require(improvement_weeks >= 3, "...") }}` stops the letter with that message."""
    if not condition:
        raise _RequirementFailed(message)
    return ""


class _PrintsGroup(Exception):
    pass


def finalize(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return escape_value(fmt_datetime(value))
    if isinstance(value, date):
        return escape_value(fmt_date(value))
    if isinstance(value, float):
        return escape_value(f"{value:g}")
    if isinstance(value, list | tuple):
        return BREAK.join(finalize(v) for v in value)
    if isinstance(value, Mapping):
        raise _PrintsGroup()
    return escape_value(str(value))


def _date_filter(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        return fmt_date(value)
    if isinstance(value, date):
        return fmt_date(value)
    return str(value)


def _money_filter(value: Any) -> str:
    if isinstance(value, Money):
        return str(value)
    if isinstance(value, int):
        return str(Money(value))
    return str(value)


class _Loader(BaseLoader):
    """Reads templates (and files they include) with the header lines blanked out, so that Jinja's
    line numbers are the line numbers in the file."""

    def __init__(self, folders: TemplateFolders) -> None:
        self.folders = folders

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Any]:
        try:
            path, _source = self.folders.find(template)
        except DocumentError:
            raise TemplateNotFound(template) from None
        text = read_text(path)
        if text.startswith("---"):
            _values, header_lines = split_front_matter(text, path.name)
            lines = text.split("\n")
            text = "\n" * header_lines + "\n".join(lines[header_lines:])
        text = keep_line_ends(text)
        mtime = path.stat().st_mtime_ns
        return text, str(path), lambda: path.exists() and path.stat().st_mtime_ns == mtime


_BLOCK_TAG = re.compile(r"{%.*?%}")


def keep_line_ends(text: str) -> str:
    """Jinja's trim_blocks removes the new line after every block tag. That is right for a line
    holding only `{% if ... %}`, but a line of text ending in an inline `{% endif %}` would be
    joined to the next line. Such lines get an empty `{{ "" }}` after the tag (same line count,
    so error line numbers stay right)."""
    out = []
    for line in text.split("\n"):
        end = line.rstrip()
        if end.endswith("%}") and not end.endswith("-%}") and _BLOCK_TAG.sub("", end).strip():
            line = end + '{{ "" }}'
        out.append(line)
    return "\n".join(out)


_envs: dict[tuple[str, str], ImmutableSandboxedEnvironment] = {}
_envs_lock = threading.Lock()


def environment(folders: TemplateFolders) -> ImmutableSandboxedEnvironment:
    key = (str(folders.override), str(folders.shipped))
    with _envs_lock:
        env = _envs.get(key)
        if env is None:
            env = ImmutableSandboxedEnvironment(
                loader=_Loader(folders),
                undefined=StrictUndefined,
                finalize=finalize,
                trim_blocks=True,
                lstrip_blocks=True,
                keep_trailing_newline=True,
                autoescape=False,
                auto_reload=True,
            )
            env.globals["require"] = _require
            env.filters["date"] = _date_filter
            env.filters["money"] = _money_filter
            _envs[key] = env
    return env


# --- rendering -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Prepared:
    spec: TemplateSpec
    template: Any  # jinja2.Template
    uses_page_count: bool


def prepare(folders: TemplateFolders, name: str, data: Mapping[str, Any]) -> Prepared:
    """Load, parse and check a template against the data. No PDF is made here."""
    spec = load_spec(folders, name)
    env = environment(folders)
    try:
        source, filename, _up = env.loader.get_source(env, spec.filename)  # type: ignore[union-attr]
        ast = env.parse(source, spec.filename, filename)
        template = env.get_template(spec.filename)
    except TemplateSyntaxError as exc:
        raise TemplateError(
            spec.filename, exc.lineno, f"the template text is wrong here: {exc.message}."
        ) from None
    check(spec, ast, data)
    uses_page_count = any(u.path[0] == "page_count" for u in uses(ast))
    return Prepared(spec, template, uses_page_count)


def render(prepared: Prepared, data: Mapping[str, Any]) -> str:
    spec = prepared.spec
    try:
        return str(prepared.template.render(**data))
    except _RequirementFailed as exc:
        raise TemplateError(spec.filename, _line_of(exc, spec), str(exc)) from None
    except RecursionError:
        raise TemplateError(
            spec.filename, None, "it includes itself, directly or through another template."
        ) from None
    except _PrintsGroup as exc:
        raise TemplateError(
            spec.filename,
            _line_of(exc, spec),
            "it prints a whole group of fields; print one field, like child.name.",
        ) from None
    except (JinjaError, TypeError, ValueError, AttributeError, LookupError, ArithmeticError) as exc:
        # Template text can do arithmetic and indexing: 1/0 or items[9] is the template's mistake.
        message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
        raise TemplateError(spec.filename, _line_of(exc, spec), f"{message}.") from None


def _line_of(exc: BaseException, spec: TemplateSpec) -> int | None:
    """The template line Jinja was on when it failed (from its rewritten traceback)."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if Path(tb.tb_frame.f_code.co_filename).name == spec.filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
