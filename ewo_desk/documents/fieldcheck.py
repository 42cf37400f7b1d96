"""Which merge fields a template uses, and whether this case has them: checked before any PDF.

The Jinja syntax tree gives every field the text reads, with its line. Each must exist in the merge
data (else it is an unknown field, e.g. a typing mistake), must be listed in the template's header
(so the list of templates tells the truth about what a letter needs), and a field under `needs:`
must have a value in this case (else it is missing).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import nodes

from ewo_desk.documents.asks import is_empty
from ewo_desk.documents.errors import TemplateError
from ewo_desk.documents.frontmatter import TemplateSpec

RESERVED = ("page_count",)  # filled in by the PDF layer (the s.9 statement's page-count header)
_DICT_METHODS = frozenset(dir(dict))
_JINJA_GLOBALS = frozenset(
    {
        "range",
        "loop",
        "require",
        "namespace",
        "dict",
        "lipsum",
        "cycler",
        "joiner",
        "self",
        "super",
        "varargs",
        "kwargs",
        "caller",
    }
)


@dataclass(frozen=True)
class Use:
    path: tuple[str, ...]
    line: int


def _chain(node: nodes.Node) -> tuple[nodes.Name, list[str]] | None:
    attrs: list[str] = []
    while True:
        if isinstance(node, nodes.Getattr):
            attrs.append(node.attr)
            node = node.node
        elif (
            isinstance(node, nodes.Getitem)
            and isinstance(node.arg, nodes.Const)
            and isinstance(node.arg.value, str)
        ):
            attrs.append(node.arg.value)
            node = node.node
        elif isinstance(node, nodes.Name):
            return node, list(reversed(attrs))
        else:
            return None


def uses(ast: nodes.Template) -> list[Use]:
    """Every merge field the template reads, with its line (loop and set variables excluded)."""
    local = {n.name for n in ast.find_all(nodes.Name) if n.ctx in ("store", "param")}
    found: list[Use] = []

    def walk(node: nodes.Node) -> None:
        if isinstance(node, nodes.Getattr | nodes.Getitem | nodes.Name):
            chain = _chain(node)
            if chain is not None:
                root, attrs = chain
                if root.ctx == "load" and root.name not in local | _JINJA_GLOBALS:
                    found.append(Use((root.name, *attrs), node.lineno))
                if isinstance(node, nodes.Getitem):
                    walk(node.arg)
                return
        for child in node.iter_child_nodes():
            walk(child)

    walk(ast)
    return found


def _resolve(data: Mapping[str, Any], path: tuple[str, ...]) -> tuple[str, Any, str | None]:
    """(the field's dotted name, its value, or the part that is not a field)."""
    value: Any = data
    name: list[str] = []
    for part in path:
        if isinstance(value, Mapping):
            if part not in value and part in _DICT_METHODS:
                break  # child.items() and the like: a method, not a field
            if part not in value:
                return ".".join(name + [part]), None, ".".join(name + [part])
            value = value[part]
            name.append(part)
        else:
            break  # an attribute or method of a value (e.g. name.upper): not a field
    return ".".join(name), value, None


def _unknown_message(data: Mapping[str, Any], bad: str) -> str:
    group, _, _leaf = bad.rpartition(".")
    container: Any = data
    for part in group.split(".") if group else []:
        container = container.get(part, {}) if isinstance(container, Mapping) else {}
    known = (
        sorted(k for k in container if not k.startswith("_"))
        if isinstance(container, Mapping)
        else []
    )
    where = f"{group} has" if group else "the fields are"
    return f"{bad!r} is not a merge field ({where}: {', '.join(known)})."


def check(spec: TemplateSpec, ast: nodes.Template, data: Mapping[str, Any]) -> None:
    """Unknown, undeclared and missing fields, each with its line. Raises on the first."""
    for ref in (*spec.needs, *spec.optional):
        name, value, bad = _resolve(data, tuple(ref.path.split(".")))
        if bad:
            raise TemplateError(spec.filename, ref.line, _unknown_message(data, bad))
    for use in uses(ast):
        if use.path[0] in RESERVED:
            continue
        name, value, bad = _resolve(data, use.path)
        if bad:
            raise TemplateError(spec.filename, use.line, _unknown_message(data, bad))
        if not spec.declared(name):
            raise TemplateError(
                spec.filename,
                use.line,
                f"it uses {name}, which the header does "
                "not list; add it to needs: (or optional: if it may be empty).",
            )
    for ref in spec.needs:
        _name, value, _bad = _resolve(data, tuple(ref.path.split(".")))
        if is_empty(value) or (isinstance(value, Mapping) and all(map(is_empty, value.values()))):
            raise TemplateError(spec.filename, ref.line, missing_message(ref.path, data))


def missing_message(path: str, data: Mapping[str, Any]) -> str:
    root = path.split(".")[0]
    if root == "parent" and is_empty((data.get("parent") or {}).get("id")):
        return (
            f"it needs {path}, so it must be made for one parent or carer: choose one "
            "(on the command line: --parent ID; `ewo-desk case REF --json` shows the ids)."
        )
    hints = {
        "school": "The case has no school, or the school's record lacks it; add it first.",
        "officer": "Fill in your details (name, role, telephone, email) in the settings.",
        "council": "Fill in the council's details in the settings.",
        "child": "Add it to the child's record.",
        "parent": "Add it to the parent or carer's record.",
    }
    return f"it needs {path}, but this case has no value for it. {hints.get(root, '')}".strip()
