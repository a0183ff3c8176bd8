"""Count the ``# fmt: skip`` markers and refuse those that are not on data tables.

    python tools/fmt_skip.py cinebridge tests benchmarks

The code reads as the formatter writes it. A marker is allowed only on a *data table*: an
assignment of a module or class (not inside a function) whose value is a literal list, tuple, set or dict whose items are
themselves literals, names, attributes, nested tables or calls of those (``Column("eidr",
_("EIDR"))``), laid out by hand so that its columns line up. A marker anywhere else packs
code the formatter would spread out: the check lists each one (file, line, statement) and
exits 1.
"""

from __future__ import annotations

import ast
import io
import sys
import tokenize
from collections.abc import Iterator
from pathlib import Path

MARKER = "fmt: skip"


def _is_data(node: ast.AST) -> bool:
    """True for a literal, a name, an attribute, or a table or call made of those."""
    if isinstance(node, ast.Constant | ast.Name | ast.Attribute):
        return True
    if isinstance(node, ast.UnaryOp):
        return _is_data(node.operand)
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return all(_is_data(item) for item in node.elts)
    if isinstance(node, ast.Dict):
        return all(k is None or _is_data(k) for k in node.keys) and all(
            _is_data(v) for v in node.values
        )
    if isinstance(node, ast.Call):
        return (
            _is_data(node.func)
            and all(_is_data(arg) for arg in node.args)
            and all(_is_data(keyword.value) for keyword in node.keywords)
        )
    return False


def _is_table(statement: ast.stmt) -> bool:
    value = statement.value if isinstance(statement, ast.Assign | ast.AnnAssign) else None
    return isinstance(value, ast.List | ast.Tuple | ast.Set | ast.Dict) and _is_data(value)


def _marker_lines(source: str) -> list[int]:
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return [
        token.start[0]
        for token in tokens
        if token.type == tokenize.COMMENT and token.string.lstrip("# ").startswith(MARKER)
    ]


def _table_spans(tree: ast.Module) -> list[tuple[int, int]]:
    """(first, last line) of the data tables of the module and of its classes."""
    spans: list[tuple[int, int]] = []
    bodies = [tree.body]
    while bodies:
        for statement in bodies.pop():
            if isinstance(statement, ast.ClassDef):
                bodies.append(statement.body)
            elif _is_table(statement):
                spans.append((statement.lineno, statement.end_lineno or statement.lineno))
    return spans


def _innermost_statement(tree: ast.AST, line: int) -> ast.stmt | None:
    """The smallest statement spanning ``line``."""
    spanning = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.stmt) and node.lineno <= line <= (node.end_lineno or 0)
    ]
    return min(spanning, key=lambda n: (n.end_lineno or 0) - n.lineno, default=None)


def markers(path: Path) -> Iterator[tuple[int, bool, str]]:
    """(line, on a data table, the statement's first line) of each marker in ``path``."""
    source = path.read_text(encoding="utf-8")
    lines = _marker_lines(source)
    if not lines:
        return
    tree = ast.parse(source, filename=str(path))
    tables = _table_spans(tree)
    text = source.splitlines()
    for line in lines:
        statement = _innermost_statement(tree, line)
        first = text[statement.lineno - 1].strip() if statement is not None else ""
        yield line, any(start <= line <= end for start, end in tables), first


def main(argv: list[str]) -> int:
    roots = [Path(arg) for arg in argv] or [Path(".")]
    files = sorted(p for root in roots for p in ([root] if root.is_file() else root.rglob("*.py")))
    tables = 0
    refused: list[str] = []
    for path in files:
        if "migrations" in path.parts:
            continue
        for line, table, first in markers(path):
            if table:
                tables += 1
            else:
                refused.append(f"{path}:{line}: not a data table: {first}")
    for problem in refused:
        print(problem)
    print(
        f"fmt: skip: {tables + len(refused)} markers, {tables} on data tables, "
        f"{len(refused)} elsewhere"
    )
    return 1 if refused else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
