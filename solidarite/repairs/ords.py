"""The Open Repair Data Standard v0.3 codelists (Open Repair Alliance, CC BY-SA 4.0).

Source: https://github.com/openrepair/datastandard (``standard.rst``: « Product category values »,
« Repair status values », « Repair barrier values »). The English texts are the ones the export writes
(the standard's codelists); the French ones are what volunteers read. The Table Schema the export is
checked against in the tests is ``fixtures/ords_v0.3_tableschema.json`` (written from the same list).
"""

from django.utils.translation import gettext_lazy as _

VERSION = "0.3"
COUNTRY = "FRA"

# (ORDS id, ORDS text, French label)
PRODUCT_CATEGORIES = [
    (1, "Aircon/dehumidifier", _("Climatiseur, déshumidificateur")),
    (2, "Battery/charger/adapter", _("Batterie, chargeur, adaptateur")),
    (3, "Decorative or safety lights", _("Guirlande, éclairage de vélo")),
    (4, "Desktop computer", _("Ordinateur de bureau")),
    (5, "Digital compact camera", _("Appareil photo compact")),
    (6, "DSLR/video camera", _("Appareil photo reflex, caméscope")),
    (7, "Fan", _("Ventilateur")),
    (8, "Flat screen", _("Écran plat, télévision")),
    (9, "Hair & beauty item", _("Lisseur, rasoir, brosse à dents")),
    (10, "Handheld entertainment device", _("Baladeur, console portable")),
    (11, "Headphones", _("Casque, écouteurs")),
    (12, "Hi-Fi integrated", _("Chaîne hi-fi compacte")),
    (13, "Hi-Fi separates", _("Ampli, enceinte, platine")),
    (14, "Kettle", _("Bouilloire")),
    (15, "Lamp", _("Lampe")),
    (16, "Laptop", _("Ordinateur portable")),
    (17, "Large home electrical", _("Gros appareil (tondeuse, appareil de sport)")),
    (18, "Misc", _("Autre appareil électrique")),
    (19, "Mobile", _("Téléphone mobile")),
    (20, "Musical instrument", _("Instrument de musique électrique")),
    (21, "Paper shredder", _("Destructeur de documents")),
    (22, "PC accessory", _("Souris, clavier, webcam")),
    (23, "Portable radio", _("Radio, radio-réveil")),
    (24, "Power tool", _("Outil électrique, outil de jardin")),
    (25, "Printer/scanner", _("Imprimante, scanner")),
    (26, "Projector", _("Projecteur")),
    (27, "Sewing machine", _("Machine à coudre")),
    (28, "Small home electrical", _("Petit appareil de la maison")),
    (29, "Small kitchen item", _("Petit appareil de cuisine")),
    (30, "Tablet", _("Tablette, liseuse, GPS")),
    (31, "Toaster", _("Grille-pain")),
    (32, "Toy", _("Jouet électrique")),
    (33, "TV and gaming-related accessories", _("Décodeur, lecteur DVD, manette")),
    (34, "Vacuum", _("Aspirateur")),
    (35, "Watch/clock", _("Montre, horloge")),
    (36, "Coffee maker", _("Cafetière, machine à expresso")),
    (37, "Food processor", _("Robot, mixeur, blender")),
    (38, "Games console", _("Console de jeu")),
    (39, "Hair dryer", _("Sèche-cheveux")),
    (40, "Iron", _("Fer à repasser")),
]
CATEGORY_TEXT = {number: text for number, text, _label in PRODUCT_CATEGORIES}

# Repair status: 0 Unknown, 1 Fixed, 2 Repairable, 3 End of life.
UNKNOWN, FIXED, REPAIRABLE, END_OF_LIFE = 0, 1, 2, 3
REPAIR_STATUSES = [
    (UNKNOWN, "Unknown", _("Inconnu")),
    (FIXED, "Fixed", _("Réparé")),
    (REPAIRABLE, "Repairable", _("Réparable (pièce ou aide à trouver)")),
    (END_OF_LIFE, "End of life", _("Fin de vie")),
]
STATUS_TEXT = {number: text for number, text, _label in REPAIR_STATUSES}

# Repair barrier, only when the status is « End of life ».
REPAIR_BARRIERS = [
    (1, "Spare parts not available", _("Pièces détachées introuvables")),
    (2, "Spare parts too expensive", _("Pièces détachées trop chères")),
    (3, "No way to open product", _("Impossible d'ouvrir l'appareil")),
    (4, "Repair information not available", _("Pas d'information pour réparer")),
    (5, "Lack of equipment", _("Manque d'outillage")),
    (6, "Item too worn out", _("Appareil trop usé")),
]
BARRIER_TEXT = {number: text for number, text, _label in REPAIR_BARRIERS}

# The columns of the ORDS CSV, in the order of the Open Repair Alliance's published datasets.
COLUMNS = [
    "id",
    "data_provider",
    "country",
    "partner_product_category",
    "product_category",
    "product_category_id",
    "brand",
    "year_of_manufacture",
    "product_age",
    "repair_status",
    "repair_barrier_if_end_of_life",
    "group_identifier",
    "event_date",
    "problem",
    "record_date",
]


def choices(codelist) -> list[tuple[int, str]]:
    return [(number, label) for number, _text, label in codelist]
