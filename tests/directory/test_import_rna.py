from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from associations.directory.models import Association
from tests.directory.factories import make_manager

pytestmark = pytest.mark.django_db
SAMPLE = Path(__file__).resolve().parents[2] / "associations/directory/fixtures/rna_waldec_sample.csv"


def run(path=SAMPLE, **options):
    out, err = StringIO(), StringIO()
    call_command("import_rna", str(path), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_it_imports_the_towns_active_associations_and_reports_the_rest():
    out, err = run()
    assert "créées : 6, mises à jour : 0, inchangées : 0, ignorées : 3, rejetées : 4" in out
    assert set(Association.objects.values_list("rna", flat=True)) == {
        "W443000101",
        "W443000102",
        "W443000103",
        "W443000104",
        "W443000105",
        "W443000111",
    }
    theatre = Association.objects.get(rna="W443000102")
    assert theatre.siret == "73282932000074" and theatre.address == "5 AV DE LA HOUSSAIS"
    assert theatre.website == "https://www.theatre-houssais.fr" and theatre.status == Association.Status.PENDING
    # Malformed rows are named by their line number and did not stop the import.
    assert "ligne 10 rejetée" in err and "W suivi de 9 chiffres" in err
    assert "ligne 11 rejetée : titre vide" in err
    assert "ligne 12 rejetée" in err and "clé de contrôle" in err
    assert "ligne 13 rejetée : nombre de colonnes incorrect" in err
    assert "] 13/13" in err  # the progress bar, on stderr


def test_running_it_twice_creates_nothing_twice():
    run(no_progress=True)
    out, _err = run(no_progress=True)
    assert "créées : 0, mises à jour : 0, inchangées : 6" in out
    assert Association.objects.count() == 6


def test_it_updates_unmanaged_pages_but_respects_managers_edits():
    run(no_progress=True)
    free = Association.objects.get(rna="W443000101")
    free.purpose = "ancien objet"
    free.save()
    owned = Association.objects.get(rna="W443000105")
    owned.name = "Tennis de table Trentemoult"
    owned.save()
    make_manager(owned)
    out, _err = run(no_progress=True)
    assert "mises à jour : 1" in out
    free.refresh_from_db()
    owned.refresh_from_db()
    assert free.purpose.startswith("favoriser l'éducation populaire")
    assert owned.name == "Tennis de table Trentemoult"


def test_another_insee_code_can_be_given():
    out, _err = run(insee="44109", no_progress=True)
    assert "créées : 1" in out
    assert Association.objects.get().city == "Nantes"


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Lecture impossible"):
        run(tmp_path / "absent.csv")
    bad = tmp_path / "bad.csv"
    bad.write_text("a;b\n1;2\n", encoding="utf-8")
    with pytest.raises(CommandError, match="colonnes manquantes"):
        run(bad)
