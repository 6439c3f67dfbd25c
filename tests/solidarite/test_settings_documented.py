"""Every variable solidarite/settings.py reads from the environment is in the README's configuration table
and in docs/settings.md (which says why it has its default), nothing else is, and a constant default in
docs/settings.md is the one in the code."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READERS = {"envstr", "envbool", "envint", "envfloat", "envlist"}
NAME = re.compile(r"`([A-Z][A-Z0-9_]+)`")


def env_reads() -> dict[str, ast.expr | None]:
    """Variable -> its default (the expression), for every env reader call of settings.py."""
    tree = ast.parse((ROOT / "solidarite" / "settings.py").read_text())
    reads = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in READERS:
            reads[node.args[0].value] = node.args[1] if len(node.args) > 1 else None
    return reads


def constant(node):
    """The value of a default made of literals (``16 * 1024`` included); None when it depends on anything."""
    if node is None:
        return ""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        value = constant(node.operand)
        return -value if isinstance(value, int | float) else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
        left, right = constant(node.left), constant(node.right)
        return left * right if isinstance(left, int) and isinstance(right, int) else None
    if isinstance(node, ast.List) and not node.elts:
        return ""
    return None


def table_rows(text: str) -> list[list[str]]:
    lines = [line for line in text.splitlines() if line.startswith("| `")]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]


def readme_variables() -> set[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    return {name for row in table_rows(section) for name in NAME.findall(row[0])}


def doc_rows() -> dict[str, list[str]]:
    rows = table_rows((ROOT / "docs" / "settings.md").read_text())
    return {NAME.fullmatch(row[0]).group(1): row for row in rows}


def test_every_variable_read_is_in_the_readme_table():
    assert set(env_reads()) - readme_variables() == set(), "add a row to the README's configuration table"
    assert readme_variables() - set(env_reads()) == set(), "the README lists a variable settings.py no longer reads"


def test_every_variable_read_says_why_in_docs_settings():
    assert set(env_reads()) - set(doc_rows()) == set(), "add a row (default, why) to docs/settings.md"
    assert set(doc_rows()) - set(env_reads()) == set(), "docs/settings.md lists a variable settings.py no longer reads"


def test_the_documented_constant_defaults_are_the_code_s():
    checked = 0
    for name, default in env_reads().items():
        value = constant(default)
        if value is None or name not in doc_rows():
            continue
        cell = doc_rows()[name][1]
        if value in ("", []):
            assert cell.startswith("empty"), f"{name}: the default is empty, docs/settings.md says {cell!r}"
            continue
        shown = re.match(r"`([^`]*)`", cell)
        assert shown, f"{name}: docs/settings.md should show the default {value!r} in backticks"
        if isinstance(value, bool):
            assert shown.group(1) == str(value).lower(), name
        elif isinstance(value, int | float):
            assert float(shown.group(1)) == value, name
        else:
            assert shown.group(1) == value, name
        checked += 1
    assert checked >= 30  # the check does read the table
