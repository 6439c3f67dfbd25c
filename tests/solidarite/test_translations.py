"""Nothing user-facing is left untranslated: every catalog is complete, compiled and up to date.

English is complete everywhere. Arabic (docs/languages.md) is complete for the pages a newcomer meets
first, which tests/solidarite/test_first_pages_translated.py renders; its catalogs hold every msgid of
the code (so a translator sees what is left) and none may be fuzzy or stale."""

import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
SKIP_DIRS = {".venv", ".git", "node_modules", "staticfiles", "media", "__pycache__"}
DJANGO_ADMIN = Path(sys.executable).with_name("django-admin")


def catalogs() -> list[Path]:
    found = []
    for directory, subdirs, files in os.walk(ROOT):
        subdirs[:] = [d for d in subdirs if d not in SKIP_DIRS]
        found += [Path(directory) / f for f in files if f.endswith(".po")]
    return sorted(found)


def msgids(po: Path) -> set[str]:
    """The msgids of a catalog (minus the header), joined across continuation lines."""
    entries = set()
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        if re.search(r"^#~", block, re.M):  # obsolete entries do not count
            continue
        match = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if match:
            msgid = "".join(re.findall(r'^"(.*)"$', match.group(1), re.M))
            if msgid:
                entries.add(msgid)
    return entries


def statistics(po: Path, mo: Path) -> str:
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(mo), str(po)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stderr


pytestmark = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) is not installed")

CATALOGS = catalogs()
ENGLISH = [po for po in CATALOGS if po.parts[-3] == "en"]
FRENCH = ROOT / "locale/fr/LC_MESSAGES/django.po"
# Languages translated page by page: complete for the pages test_first_pages_translated.py checks.
PARTIAL = {"ar"}
COMPLETE = [po for po in CATALOGS if po.parts[-3] not in PARTIAL]
ADDED = [po for po in CATALOGS if po.parts[-3] in PARTIAL]


def test_the_project_catalog_exists():
    assert ROOT / "locale/en/LC_MESSAGES/django.po" in CATALOGS


def test_every_app_the_project_catalog_skips_has_its_own():
    """scripts/messages leaves associations/ and three apps of solidarite/ out of the project catalog: an app
    there without a catalog has its text in none (the agenda's, once moved out of the directory, was)."""
    skipped = [path.parent for path in (ROOT / "associations").glob("*/apps.py")]
    skipped += [ROOT / "solidarite" / name for name in ("help", "shops", "dashboard")]
    missing = [str(app.relative_to(ROOT)) for app in skipped if app / "locale/en/LC_MESSAGES/django.po" not in CATALOGS]
    assert missing == [], "run scripts/messages (it makes a catalog for an app with a locale/ directory) and translate"


@pytest.mark.parametrize("po", COMPLETE, ids=[str(p.relative_to(ROOT)) for p in COMPLETE])
def test_every_entry_is_translated_and_none_is_fuzzy(po, tmp_path):
    stats = statistics(po, tmp_path / "check.mo")
    assert "fuzzy" not in stats and "untranslated" not in stats, stats


@pytest.mark.parametrize("po", ADDED, ids=[str(p.relative_to(ROOT)) for p in ADDED])
def test_an_added_language_has_no_fuzzy_entry_and_its_header(po, tmp_path):
    """A fuzzy entry is left out of the .mo; so is a fuzzy header, and with it the plural rule."""
    stats = statistics(po, tmp_path / "check.mo")
    assert "fuzzy" not in stats, stats
    with (tmp_path / "check.mo").open("rb") as mo:
        info = gettext.GNUTranslations(mo).info()
    assert info["language"] == po.parts[-3] and "plural-forms" in info, info


@pytest.mark.parametrize("po", ENGLISH, ids=[str(p.relative_to(ROOT)) for p in ENGLISH])
def test_every_english_catalog_has_its_arabic_sibling(po):
    """scripts/messages makes both: an app with its own catalog has its strings in each language."""
    assert po.parents[2].joinpath("ar/LC_MESSAGES/django.po") in CATALOGS


def test_arabic_takes_its_six_plural_forms():
    singular, plural = "%(counter)s aide", "%(counter)s aides"  # the guide's count of aids
    with translation.override("ar"):
        forms = [translation.ngettext(singular, plural, n) % {"counter": n} for n in (0, 1, 2, 3, 11, 100)]
    assert forms == ["0 مساعدة", "مساعدة واحدة", "مساعدتان", "3 مساعدات", "11 مساعدة", "100 مساعدة"]


@pytest.mark.parametrize("po", CATALOGS, ids=[str(p.relative_to(ROOT)) for p in CATALOGS])
def test_the_compiled_catalog_matches_the_source(po, tmp_path):
    committed = po.with_suffix(".mo")
    assert committed.exists(), f"{committed} is missing: run msgfmt (or scripts/messages)"
    statistics(po, tmp_path / "fresh.mo")
    with committed.open("rb") as old, (tmp_path / "fresh.mo").open("rb") as new:
        assert gettext.GNUTranslations(old)._catalog == gettext.GNUTranslations(new)._catalog, (
            f"{committed} is stale: recompile it"
        )


def _copy(source: Path, target: Path) -> None:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(*SKIP_DIRS, "*.sqlite3*", "*.pyc"))


@pytest.mark.slow
@pytest.mark.parametrize("po", ENGLISH + ADDED, ids=[str(p.relative_to(ROOT)) for p in ENGLISH + ADDED])
def test_every_string_in_the_code_is_in_its_catalog(po, tmp_path):
    """makemessages, run on a copy of the code, finds no msgid that the committed catalog lacks."""
    owner = po.parents[3]  # <dir>/locale/<language>/LC_MESSAGES/django.po
    language = po.parts[-3]
    copy = tmp_path / "copy"
    ignores = []
    if owner == ROOT:
        _copy(ROOT, copy)
        # The directories that keep their own catalog, and those the README assigns one to.
        own = {p.parents[3].relative_to(ROOT) for p in CATALOGS if p.parents[3] != ROOT}
        own |= {Path("associations"), Path("solidarite/help"), Path("solidarite/shops"), Path("solidarite/dashboard")}
        ignores = [f"--ignore={d}/*" for d in sorted(own)] + ["--ignore=tests", "--ignore=bench"]
    else:
        _copy(owner, copy)
    result = subprocess.run(
        [str(DJANGO_ADMIN), "makemessages", "-l", language, "--no-obsolete", *ignores],
        cwd=copy,
        env={**os.environ, "PYTHONPATH": str(ROOT), "DJANGO_SETTINGS_MODULE": "solidarite.settings_test"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    fresh = copy / f"locale/{language}/LC_MESSAGES/django.po"
    missing = msgids(fresh) - msgids(po)
    assert sorted(missing) == [], f"new strings not in {po.relative_to(ROOT)}: run scripts/messages and translate them"


def test_french_takes_the_singular_for_zero_and_one():
    """The msgids are French: the French catalog holds only plural entries, each mapped to itself."""
    with FRENCH.with_suffix(".mo").open("rb") as mo:
        french = gettext.GNUTranslations(mo)
    assert french.info()["language"] == "fr"
    assert [french.plural(n) for n in (0, 1, 2, 10)] == [0, 0, 1, 1]
    forms = {key: text for key, text in french._catalog.items() if isinstance(key, tuple)}
    assert forms and len(forms) == 2 * len(msgids(FRENCH))
    for (msgid, index), text in forms.items():
        if index == 0:
            assert text == msgid.split("\x04")[-1], f"{msgid!r} must stay itself in the singular"


def test_django_uses_the_french_rule_for_an_app_string():
    """All "django" catalogs of a language merge: the project-level French one serves the apps' strings too."""
    singular, plural = "%(counter)s personne vient", "%(counter)s personnes viennent"  # associations/directory
    with translation.override("fr"):
        assert [translation.ngettext(singular, plural, n) for n in (0, 1, 2)] == [singular, singular, plural]
    with translation.override("en"):
        assert translation.ngettext(singular, plural, 0) == "%(counter)s people are coming"


@pytest.mark.slow
def test_every_plural_string_in_the_code_is_in_the_french_catalog(tmp_path):
    fresh = tmp_path / "django.po"
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts/french-plurals"), "--output", str(fresh)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert sorted(msgids(fresh) - msgids(FRENCH)) == [], (
        "plural strings not in the French catalog: run scripts/french-plurals"
    )
    assert sorted(msgids(FRENCH) - msgids(fresh)) == [], "stale French plural entries: run scripts/french-plurals"
