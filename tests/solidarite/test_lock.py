"""requirements.lock pins everything solidarite[test] installs, at the versions installed here."""

from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
# The installer itself (pip-audit needs pip): scripts/test upgrades it before installing the rest.
INSTALLER = {"pip", "setuptools", "wheel"}


def locked() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version
    return pins


def installed_requirements(name: str, extras: frozenset = frozenset(), seen=None) -> dict[str, str]:
    """Name -> installed version of every distribution ``name[extras]`` needs, transitively."""
    seen = {} if seen is None else seen
    for text in metadata.requires(name) or []:
        requirement = Requirement(text)
        wanted = any(
            requirement.marker is None or requirement.marker.evaluate({**default_environment(), "extra": extra})
            for extra in (extras or {""})
        )
        key = canonicalize_name(requirement.name)
        if not wanted or key in seen:
            continue
        seen[key] = metadata.version(requirement.name)
        installed_requirements(requirement.name, frozenset(requirement.extras), seen)
    return seen


def test_the_lock_pins_every_installed_dependency_at_its_installed_version():
    pins = locked()
    needed = installed_requirements("solidarite", frozenset({"test"}))
    assert {name: v for name, v in needed.items() if name not in INSTALLER and pins.get(name) != v} == {}


def test_the_lock_pins_exact_versions_only():
    assert all(version and "," not in version for version in locked().values())
