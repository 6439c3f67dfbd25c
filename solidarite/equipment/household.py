"""How a household is recognised with the least data: a keyed hash of its normalised postal address.

A name would tell two people of one household apart, and a person moving would be a new household
anyway: the rule « one device per household » is about a home. The address is normalised (case,
accents, punctuation, usual abbreviations, the complement — building, floor, flat — kept, since a
block of flats holds many households) and hashed with the site's secret key (HMAC, like the
épicerie's codes): a copy of the database alone does not give back the addresses. The hash is what
is kept N years after a handover; the address itself only until the handover.
"""

import re
import unicodedata

from django.utils.crypto import salted_hmac

_SALT = "solidarite.equipment.household"
# The spellings people use for the same street type (La Poste's usual abbreviations).
_WORDS = {
    "av": "avenue",
    "ave": "avenue",
    "bd": "boulevard",
    "bld": "boulevard",
    "bvd": "boulevard",
    "pl": "place",
    "r": "rue",
    "imp": "impasse",
    "all": "allee",
    "rte": "route",
    "ch": "chemin",
    "che": "chemin",
    "sq": "square",
    "res": "residence",
    "bat": "batiment",
    "apt": "appartement",
    "appt": "appartement",
    "st": "saint",
    "ste": "sainte",
}


def normalise(address: str, postal_code: str) -> str:
    text = unicodedata.normalize("NFKD", f"{address} {postal_code}").encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", text)
    return " ".join(_WORDS.get(word, word) for word in words)


def key(address: str, postal_code: str) -> str:
    return salted_hmac(_SALT, normalise(address, postal_code), algorithm="sha256").hexdigest()
