"""docs/architecture.md stays true: every import under solidarite/ and associations/ (inside functions too)
and every migration dependency is one its table allows, the table names every part, and its debt list
names exactly the cycles and exceptions the code has."""

import ast
import re
from functools import cache
from pathlib import Path

from django.apps import apps
from django.db.migrations.loader import MigrationLoader

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "architecture.md"
PACKAGES = ("solidarite", "associations")
WIRING = {"urls", "routing", "asgi"}  # the only modules that may import views and consumers
LAYER_USERS = {"solidarite.notifications.realtime", "solidarite.views"}

ROW = re.compile(r"^\| `([\w.]+)` \|[^|]*\|([^|]*)\|$")
CYCLE = re.compile(r"^- `([\w.]+)` ↔ `([\w.]+)`")
MIGRATION_DEBT = re.compile(r"^- `([\w.]+)`'s? migrations → ([^:]+):")
VIEW_DEBT = re.compile(r"^- `([\w.]+)` imports `([\w.]+)`")


def part_of(module: str) -> str | None:
    """``solidarite.help.matches`` -> ``help``; ``solidarite.api`` -> ``api.py``; None if not ours."""
    bits = module.split(".")
    if bits[0] not in PACKAGES or len(bits) < 2:
        return None
    return bits[1] if (ROOT / bits[0] / bits[1]).is_dir() else bits[1] + ".py"


def code_parts() -> set[str]:
    apps_ = {path.parent.name for package in PACKAGES for path in (ROOT / package).glob("*/apps.py")}
    modules = {path.name for package in PACKAGES for path in (ROOT / package).glob("*.py") if path.stem != "__init__"}
    return apps_ | modules


@cache
def imports() -> list[tuple[str, int, str, str]]:
    """(file, line, importing module, imported module) for every import of one of our modules."""
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.Import):
                    targets = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    # ``from solidarite import env`` imports the module solidarite.env
                    is_root = node.module in PACKAGES
                    targets = [f"{node.module}.{alias.name}" for alias in node.names] if is_root else [node.module]
                else:
                    assert not isinstance(node, ast.ImportFrom), f"{path}:{node.lineno}: relative import"
                    continue
                found += [(str(path.relative_to(ROOT)), node.lineno, module, target) for target in targets]
    return found


def edges() -> dict[tuple[str, str], list[str]]:
    """(part, part it imports) -> where."""
    found = {}
    for file, line, module, target in imports():
        source, imported = part_of(module), part_of(target)
        if imported and imported != source:
            found.setdefault((source, imported), []).append(f"{file}:{line}")
    return found


@cache
def doc():
    allowed, cycles, migration_debt, view_debt = {}, set(), set(), set()
    for line in DOC.read_text().splitlines():
        if match := ROW.match(line):
            cell = match.group(2).strip()
            allowed[match.group(1)] = {"any"} if cell == "any" else set(re.findall(r"`([\w.]+)`", cell))
        elif match := CYCLE.match(line):
            cycles.add(frozenset(match.groups()))
        elif match := MIGRATION_DEBT.match(line):
            migration_debt |= {(match.group(1), part) for part in re.findall(r"`([\w.]+)`", match.group(2))}
        elif match := VIEW_DEBT.match(line):
            view_debt.add(match.groups())
    return allowed, cycles, migration_debt, view_debt


def allows(source: str, imported: str) -> bool:
    granted = doc()[0].get(source, set())
    return "any" in granted or imported in granted


def test_the_table_names_every_part_and_only_parts():
    allowed = doc()[0]
    assert set(allowed) == code_parts(), "add the new part to the table of docs/architecture.md (or remove a gone one)"
    named = {part for granted in allowed.values() for part in granted} - {"any"}
    assert named <= code_parts()


def test_every_import_is_one_the_table_allows():
    refused = [
        f"{where[0]}: {source} imports {imported}"
        for (source, imported), where in sorted(edges().items())
        if not allows(source, imported)
    ]
    assert not refused, "not allowed by docs/architecture.md (move the code, or change the doc and say why):\n" + (
        "\n".join(refused)
    )


def test_parts_import_each_other_only_where_the_debt_says_so():
    cycles = doc()[1]
    found = {frozenset(pair) for pair in edges() if pair[::-1] in edges()}
    assert found - cycles == set(), "a new cycle: break it, or list it as debt in docs/architecture.md"
    assert cycles - found == set(), "debt paid: strike it from docs/architecture.md"
    allowed = doc()[0]
    granted = {frozenset((a, b)) for a in allowed for b in allowed[a] if a in allowed.get(b, ())}
    assert granted <= cycles, "the table allows a cycle that is not listed as debt"


def test_only_the_wiring_imports_views_and_consumers():
    view_debt = doc()[3]
    found = {
        (module, target)
        for _file, _line, module, target in imports()
        if target.rsplit(".", 1)[-1] in {"views", "consumers"}
        and part_of(target)
        and module.rsplit(".", 1)[-1] not in WIRING
    }
    assert found - view_debt == set(), "a view or consumer imported outside urls/routing/asgi"
    assert view_debt - found == set(), "debt paid: strike it from docs/architecture.md"


def test_only_realtime_and_the_health_check_reach_the_channel_layer():
    users = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.ImportFrom) and any(a.name == "get_channel_layer" for a in node.names):
                    users.add(".".join(path.relative_to(ROOT).with_suffix("").parts))
    assert users == LAYER_USERS


@cache
def migration_edges() -> dict[tuple[str, str], list[str]]:
    """(part, part it depends on) -> the migrations that do."""
    found = {}
    for (label, name), migration in MigrationLoader(None, ignore_no_migrations=True).disk_migrations.items():
        source = part_of(apps.get_app_config(label).name)
        if source is None:
            continue
        for dependency_label, _ in migration.dependencies:
            imported = part_of(apps.get_app_config(dependency_label).name)
            if imported is not None and imported != source:
                found.setdefault((source, imported), []).append(f"{label}.{name} depends on {dependency_label}")
    return found


def test_migrations_depend_only_on_parts_their_app_may_import():
    migration_debt = doc()[2]
    found, refused = set(), []
    for (source, imported), where in sorted(migration_edges().items()):
        if (source, imported) in migration_debt:
            found.add((source, imported))
        elif not allows(source, imported):
            refused += where
    assert not refused, refused
    assert migration_debt - found == set(), "debt paid: strike it from docs/architecture.md"


def test_the_checks_do_see_the_code():
    """A scan that found nothing would pass every test above."""
    assert ("help", "notifications") in edges()
    assert ("settings.py", "env.py") in edges()
    assert ("rooms", "uploads.py") in edges()
    assert ("shops", "directory") in migration_edges() and ("places", "fragments") in migration_edges()
    assert len(doc()[0]) >= 20
    # The debt list may run out (a paid debt is struck): the parsers must still read its three shapes.
    assert CYCLE.match("- `accounts` ↔ `notifications`: why")
    assert MIGRATION_DEBT.match("- `fragments`' migrations → `accounts`, `help`: why")
    assert VIEW_DEBT.match("- `associations.directory.api` imports `associations.directory.views`: why")


def module_imports() -> set[tuple[str, str]]:
    """(module, module it imports), naming the module itself in ``from package import module``."""
    ours = {module for _file, _line, module, _target in imports()}
    found = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    for alias in node.names:
                        target = f"{node.module}.{alias.name}"
                        found.add((module, target if target in ours else node.module))
                elif isinstance(node, ast.Import):
                    found |= {(module, alias.name) for alias in node.names}
    return found


# Known, and to be paid (none left).
MODULE_LOOPS = set()


def test_no_two_modules_import_each_other():
    """A module that imports the one importing it (``support/files.py`` ↔ ``services.py`` did, from
    inside a function) hides which one is the lower: move what both need below both."""
    found = module_imports()
    loops = {frozenset(pair) for pair in found if pair[::-1] in found and pair[0] != pair[1]}
    assert loops - MODULE_LOOPS == set()
    assert MODULE_LOOPS - loops == set(), "loop broken: strike it from MODULE_LOOPS"


def test_feed_pushes_go_through_the_one_after_commit_helper():
    """A service pushes to a page feed with ``realtime.push_feed_event_on_commit`` (zulip's
    ``send_event_on_commit``), never its own ``on_commit(lambda: push_feed_event(…))``."""
    callers = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            tree = ast.parse(path.read_text())
            names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
            attributes = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
            if "push_feed_event" in names | attributes:
                callers.add(".".join(path.relative_to(ROOT).with_suffix("").parts))
    assert callers == {"solidarite.notifications.realtime"}
