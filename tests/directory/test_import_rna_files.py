"""Issue 13, item 8: the RNA import on files like the published ones, made here byte by byte.

"W 443 009 048" was stored with its spaces (and broke the API schema, maxLength 10); a Latin-1 byte was
stored as "REZ\ufffd"; dates were ignored, so dissolved associations stayed as they were.
"""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from associations.directory.models import Association, AssociationEvent
from solidarite.notifications.models import Notification
from tests.directory.factories import make_manager

pytestmark = pytest.mark.django_db

# The waldec header as the ministry publishes it.
HEADER = (
    "id;id_ex;siret;rup_mi;gestion;date_creat;date_decla;date_publi;date_disso;nature;groupement;titre;"
    "titre_court;objet;objet_social1;objet_social2;adrs_complement;adrs_numvoie;adrs_repetition;"
    "adrs_typevoie;adrs_libvoie;adrs_distrib;adrs_codeinsee;adrs_codepostal;adrs_libcommune;"
    "adrg_declarant;adrg_complemid;adrg_complemgeo;adrg_libvoie;adrg_distrib;adrg_codepostal;"
    "adrg_achemine;adrg_pays;dir_civilite;siteweb;publiweb;observation;position;maj_time"
)
COLUMNS = HEADER.split(";")


def line(**values) -> str:
    row = {
        "id_ex": "443000000",
        "gestion": "441S",
        "date_creat": "2012-01-05",
        "date_decla": "2021-02-17",
        "date_publi": "2012-02-01",
        "date_disso": "0001-01-01",
        "nature": "D",
        "groupement": "S",
        "objet": "entraide entre voisins, ateliers et sorties",
        "adrs_numvoie": "12",
        "adrs_typevoie": "RUE",
        "adrs_libvoie": "JEAN JAURES",
        "adrs_codeinsee": "44143",
        "adrs_codepostal": "44400",
        "adrs_libcommune": "REZE",
        "publiweb": "0",
        "position": "A",
        "maj_time": "2024-01-15 10:12:00",
    } | values
    return ";".join(row.get(column, "") for column in COLUMNS)


def write(tmp_path, lines, encoding="cp1252", name="rna_waldec_20261101_dpt_44.csv", bom=False):
    path = tmp_path / name
    text = "\r\n".join([HEADER, *lines]) + "\r\n"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding))
    return path


def run(path, **options):
    out, err = StringIO(), StringIO()
    call_command("import_rna", str(path), stdout=out, stderr=err, no_progress=True, **options)
    return out.getvalue(), err.getvalue()


def test_identifiers_are_normalised_and_what_still_does_not_match_is_rejected_by_line(tmp_path, client):
    path = write(
        tmp_path,
        [
            line(id="W 443 009 048", titre="LES AMIS DU RAGON"),  # line 2
            line(id=" w443009049\t", titre="CLUB DES AINES"),  # line 3
            line(id="W\u00a0443\u00a0009\u00a0050", titre="ENTRAIDE PONT ROUSSEAU"),  # line 4: no-break spaces
            line(id="W 443 009 05", titre="TROP COURT"),  # line 5
            line(id="443009052", titre="SANS W"),  # line 6
            line(id="W44300905X", titre="UNE LETTRE"),  # line 7
        ],
    )

    out, err = run(path)

    assert sorted(Association.objects.values_list("rna", flat=True)) == ["W443009048", "W443009049", "W443009050"]
    for number in (5, 6, 7):
        assert f"ligne {number} rejetée" in err and "W suivi de 9 chiffres" in err
    assert "créées : 3" in out and "rejetées : 3" in out
    # The API schema says maxLength 10: what is stored fits it.
    listed = client.get("/api/v1/associations/", {"limit": 10}).json()["results"]
    assert {len(item["rna"]) for item in listed} <= {10}


def test_a_windows_1252_file_is_detected_and_no_replacement_character_is_stored(tmp_path):
    path = write(
        tmp_path,
        [
            line(id="W443009060", titre="AMICALE DE REZÉ", objet="l’entraide et les œuvres sociales à Rezé"),
            line(id="W443009061", titre="CAFÉ DES ÂGES", adrs_libcommune="REZÉ"),
        ],
        encoding="cp1252",
    )
    assert b"REZ\xc9" in path.read_bytes()  # a Latin-1 byte, invalid in UTF-8

    out, _err = run(path)

    assert "cp1252" in out and "créées : 2" in out
    amicale = Association.objects.get(rna="W443009060")
    assert amicale.name == "AMICALE DE REZÉ"
    assert amicale.purpose == "l’entraide et les œuvres sociales à Rezé"
    assert Association.objects.get(rna="W443009061").city == "REZÉ"
    for row in Association.objects.values("name", "purpose", "city", "address", "search_text"):
        assert not any("\ufffd" in value for value in row.values())


def test_a_plain_latin1_file_and_a_utf8_file_with_its_bom_are_read_right(tmp_path):
    latin1 = write(tmp_path, [line(id="W443009070", titre="ÉCOLE DE MUSIQUE")], encoding="latin-1", name="a.csv")
    utf8 = write(tmp_path, [line(id="W443009071", titre="CŒUR DE REZÉ")], encoding="utf-8", name="b.csv", bom=True)

    assert "créées : 1" in run(latin1)[0]
    out, _err = run(utf8)

    assert "utf-8-sig" in out and "créées : 1" in out
    assert set(Association.objects.values_list("name", flat=True)) == {"ÉCOLE DE MUSIQUE", "CŒUR DE REZÉ"}


def test_a_wrong_encoding_given_by_hand_is_refused_with_the_line_and_imports_nothing(tmp_path):
    path = write(tmp_path, [line(id="W443009080", titre="AMICALE"), line(id="W443009081", titre="REZÉ SPORTS")])
    with pytest.raises(CommandError, match=r"ligne 3 : des octets ne sont pas du utf-8"):
        run(path, encoding="utf-8")
    assert not Association.objects.exists()
    with pytest.raises(CommandError, match="Lecture impossible"):
        run(path, encoding="klingon")


def test_a_replacement_character_already_in_the_file_rejects_its_line(tmp_path):
    path = write(
        tmp_path,
        [line(id="W443009090", titre="AMICALE DE REZ\ufffd"), line(id="W443009091", titre="BON")],
        encoding="utf-8",
    )
    out, err = run(path)
    assert "ligne 2 rejetée : caractère illisible (U+FFFD) dans titre" in err
    assert list(Association.objects.values_list("rna", flat=True)) == ["W443009091"]


def test_dates_are_read_and_malformed_ones_rejected_with_their_line(tmp_path):
    path = write(
        tmp_path,
        [
            line(id="W443009100", titre="BONNES DATES", date_creat="1998-03-12", maj_time="2024-07-01 09:30:00"),
            line(id="W443009101", titre="MOIS 13", date_creat="2019-13-01"),  # line 3
            line(id="W443009102", titre="A LA FRANCAISE", date_disso="30/06/2023"),  # line 4
            line(id="W443009103", titre="MAJ ILLISIBLE", maj_time="hier"),  # line 5
            line(id="W443009104", titre="COMPACTE", date_creat="19980312"),  # line 6
            line(id="W443009105", titre="AN 682", date_creat="0682-11-10"),  # line 7
            line(id="W443009106", titre="SANS DATES", date_creat="0001-01-01", maj_time=""),
        ],
    )

    out, err = run(path)

    assert "créées : 2" in out and "rejetées : 5" in out
    assert "ligne 3 rejetée : date_creat : « 2019-13-01 » n'est pas une date" in err
    assert "ligne 4 rejetée : date_disso : « 30/06/2023 »" in err
    assert "ligne 5 rejetée : maj_time : « hier »" in err
    assert "ligne 6 rejetée : date_creat" in err and "ligne 7 rejetée : date_creat" in err
    good = Association.objects.get(rna="W443009100")
    assert good.founded_on == dt.date(1998, 3, 12)
    assert timezone.localtime(good.rna_updated_at).replace(tzinfo=None) == dt.datetime(2024, 7, 1, 9, 30)
    assert good.rna_updated_at.utcoffset() == dt.timedelta(0)  # stored in UTC: 09:30 in Paris is 07:30 UTC
    assert good.rna_updated_at.hour == 7
    none = Association.objects.get(rna="W443009106")
    assert none.founded_on is None and none.rna_updated_at is None


def test_dissolved_associations_are_hidden_and_their_managers_told(tmp_path, client_for, staff):
    active = [
        line(id="W443009110", titre="DISSOUTE AVEC DATE"),
        line(id="W443009111", titre="SUPPRIMEE SANS DATE"),
        line(id="W443009112", titre="DATE SEULE"),
    ]
    run(write(tmp_path, active, name="before.csv"))
    managed = Association.objects.get(rna="W443009110")
    manager = make_manager(managed)
    later = [
        line(id="W443009110", titre="DISSOUTE AVEC DATE", position="D", date_disso="2025-03-01"),
        line(id="W443009111", titre="SUPPRIMEE SANS DATE", position="S", maj_time="2025-05-20 08:00:00"),
        line(id="W443009112", titre="DATE SEULE", position="A", date_disso="2025-04-02"),
        line(id="W443009113", titre="JAMAIS VUE", position="D", date_disso="2024-01-01"),
    ]

    out, _err = run(write(tmp_path, later, name="after.csv"))

    assert "dissoutes : 3" in out and "ignorées : 1" in out
    assert not Association.objects.filter(rna="W443009113").exists()
    dissolved = {a.rna: a for a in Association.objects.all()}
    assert dissolved["W443009110"].dissolved_on == dt.date(2025, 3, 1)
    assert dissolved["W443009111"].dissolved_on == dt.date(2025, 5, 20)  # the record that says so
    assert dissolved["W443009112"].dissolved_on == dt.date(2025, 4, 2)
    assert all(a.hidden for a in dissolved.values())
    assert not Association.objects.listed().exists()
    assert AssociationEvent.objects.filter(association=managed, kind="dissolved", message="01/03/2025").exists()
    notice = Notification.objects.get(user=manager, kind="directory.dissolved")
    assert "dissoute selon le RNA" in notice.title
    queue = client_for(staff).get(reverse("directory:verification")).content.decode()
    assert "dissoute le 1 mars 2025 selon le RNA" in queue

    again, _err = run(write(tmp_path, later, name="again.csv"))
    assert "dissoutes : 0" in again and "inchangées : 3" in again
    assert Notification.objects.filter(kind="directory.dissolved").count() == 1


def test_contact_details_the_model_refuses_are_left_out_with_a_warning(tmp_path):
    path = write(
        tmp_path,
        [line(id="W443009120", titre="SITE BIZARRE", siteweb="www.asso fr", adrs_codepostal="4440")],
    )
    out, err = run(path)
    association = Association.objects.get()
    assert (association.website, association.postal_code) == ("", "")
    assert "ligne 2 : code postal « 4440 » ignoré" in err and "ligne 2 : site web « https://www.asso fr » ignoré" in err
    association.full_clean()  # what was stored passes the model's own checks
