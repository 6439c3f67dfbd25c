"""The questionnaire: its steps, their forms, and the answers kept in the person's session only.

Answers are a plain dict under one session key (`SESSION_KEY`): nothing is written to any table of ours
until the person chooses to save (not built yet). Closing the session, or « Effacer mes réponses »,
removes them. `household()` turns them into the mapping's Household.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from solidarite.estimate.situation import DEFAULT_DEPCOM, RESOURCES, Household, Person

SESSION_KEY = "estimate"
STEPS = ("foyer", "personnes", "ressources", "logement", "recapitulatif")
STEP_TITLES = {
    "foyer": _("Votre foyer"),
    "personnes": _("Les personnes"),
    "ressources": _("Vos ressources"),
    "logement": _("Votre logement"),
    "recapitulatif": _("Vérifier et calculer"),
}
MAX_CHILDREN = 8


def town_code() -> str:
    return settings.TOWN_INSEE_CODE or DEFAULT_DEPCOM


MAX_AMOUNT = 1_000_000

COUPLE = [
    ("seul", _("Non, je vis seul·e (avec ou sans enfants)")),
    ("marie", _("Oui, marié·e ou pacsé·e")),
    ("union_libre", _("Oui, sans être marié·e ni pacsé·e")),
]
ACTIVITY = [
    ("salarie", _("Salarié·e (y compris intérim, apprentissage)")),
    ("independant", _("Indépendant·e, auto-entrepreneur·e")),
    ("chomeur", _("Au chômage")),
    ("etudiant", _("Étudiant·e")),
    ("retraite", _("Retraité·e")),
    ("inactif", _("Sans activité")),
]
DISABILITY = [
    ("0", _("Non")),
    ("50", _("Oui, taux de 50 à 79 % (reconnu par la MDPH)")),
    ("80", _("Oui, taux de 80 % ou plus (reconnu par la MDPH)")),
]
HOUSING = [
    ("locataire", _("Locataire (logement vide)")),
    ("locataire_hlm", _("Locataire d'un logement social (HLM)")),
    ("locataire_meuble", _("Locataire d'un logement meublé")),
    ("proprietaire", _("Propriétaire (sans prêt en cours)")),
    ("accedant", _("Propriétaire qui rembourse un prêt")),
    ("heberge", _("Hébergé·e gratuitement (famille, amis)")),
    ("sans_domicile", _("Sans domicile")),
    ("autre", _("Autre situation (hôtel, caravane…)")),
]
RESOURCE_LABELS = {
    "salaire": _("Salaires (net reçu)"),
    "chomage": _("Allocations chômage"),
    "retraite": _("Retraites"),
    "pension_alimentaire": _("Pension alimentaire reçue"),
}


def amount_field(label):
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=0,
        max_value=MAX_AMOUNT,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
    )


class GroupedForm(forms.Form):
    """A form whose fields are shown in one fieldset per person."""

    groups: list

    def grouped(self):
        return [(label, [self[name] for name in names]) for label, names in self.groups]


class FoyerForm(forms.Form):
    couple = forms.ChoiceField(label=_("Vivez-vous en couple ?"), choices=COUPLE, widget=forms.RadioSelect)
    children = forms.IntegerField(
        label=_("Combien d'enfants à votre charge vivent avec vous ?"),
        min_value=0,
        max_value=MAX_CHILDREN,
        initial=0,
    )
    depcom = forms.CharField(
        label=_("Code de votre commune (code officiel à 5 chiffres)"),
        max_length=5,
        validators=[RegexValidator(r"^(\d{5}|2[AB]\d{3})$", _("Le code compte 5 chiffres, par exemple 44143."))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The town's own code by default (TOWN_INSEE_CODE): most people asking live here.
        self.fields["depcom"].initial = town_code()
        self.fields["depcom"].help_text = _("%(town)s : %(code)s. C'est le code INSEE, différent du code postal.") % {
            "town": settings.TOWN_NAME,
            "code": town_code(),
        }


def people_of(answers: dict) -> list[tuple[str, str]]:
    """(key, French label) of each person the foyer step announced."""
    foyer = answers.get("foyer") or {}
    people = [("p0", str(_("Vous")))]
    if foyer.get("couple") in ("marie", "union_libre"):
        people.append(("p1", str(_("Votre conjoint·e"))))
    for n in range(int(foyer.get("children") or 0)):
        people.append((f"e{n}", str(_("Enfant %(n)s")) % {"n": n + 1}))
    return people


class PersonnesForm(GroupedForm):
    def __init__(self, *args, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = []
        for key, label in people_of(answers):
            names = [f"{key}_age"]
            self.fields[f"{key}_age"] = forms.IntegerField(
                label=_("%(who)s : âge") % {"who": label}, min_value=0, max_value=120
            )
            if not key.startswith("e"):
                self.fields[f"{key}_activity"] = forms.ChoiceField(
                    label=_("%(who)s : activité") % {"who": label}, choices=ACTIVITY
                )
                self.fields[f"{key}_disability"] = forms.ChoiceField(
                    label=_("%(who)s : handicap reconnu ?") % {"who": label}, choices=DISABILITY, initial="0"
                )
                self.fields[f"{key}_worked_two_years"] = forms.BooleanField(
                    required=False,
                    label=_(
                        "%(who)s, si moins de 25 ans : a travaillé au moins 2 ans à temps plein ces 3 dernières années"
                    )
                    % {"who": label},
                )
                names += [f"{key}_activity", f"{key}_disability", f"{key}_worked_two_years"]
            self.groups.append((label, names))

    def clean(self):
        data = super().clean()
        if (data.get("p0_age") or 0) < 16 and "p0_age" in data:
            self.add_error("p0_age", _("La personne qui fait la demande a au moins 16 ans."))
        return data


class RessourcesForm(GroupedForm):
    def __init__(self, *args, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = []
        for key, label in people_of(answers):
            if key.startswith("e"):
                continue
            names = []
            for kind in RESOURCES:
                for span, span_label in (("3", _("3 derniers mois")), ("12", _("12 derniers mois"))):
                    name = f"{key}_{kind}_{span}"
                    self.fields[name] = amount_field(
                        _("%(who)s — %(kind)s, total des %(span)s (€)")
                        % {"who": label, "kind": RESOURCE_LABELS[kind], "span": span_label}
                    )
                    names.append(name)
            self.groups.append((label, names))

    def clean(self):
        data = super().clean()
        for name in list(data):
            year = name[:-2] + "_12"
            if name.endswith("_3") and data.get(name) and data.get(year) not in (None, "") and data[year] < data[name]:
                self.add_error(year, _("Le total sur 12 mois comprend les 3 derniers mois."))
        return data


class LogementForm(forms.Form):
    housing = forms.ChoiceField(label=_("Vous êtes :"), choices=HOUSING, widget=forms.RadioSelect)
    rent = amount_field(_("Loyer (ou remboursement du prêt) par mois, sans les charges (€)"))
    colocation = forms.BooleanField(label=_("En colocation"), required=False)

    def clean(self):
        data = super().clean()
        pays_rent = data.get("housing") in ("locataire", "locataire_hlm", "locataire_meuble", "accedant")
        if pays_rent and not data.get("rent"):
            self.add_error("rent", _("Indiquez le loyer mensuel, sans les charges."))
        return data


FORMS = {"foyer": FoyerForm, "personnes": PersonnesForm, "ressources": RessourcesForm, "logement": LogementForm}


def form_for(step: str, answers: dict, data=None):
    cls = FORMS[step]
    initial = answers.get(step) or None
    kwargs = {"initial": initial} if initial else {}
    if step in ("personnes", "ressources"):
        kwargs["answers"] = answers
    return cls(data, **kwargs)


def to_session(cleaned: dict) -> dict:
    """JSON-ready (the session is JSON): decimals as strings."""
    return {k: (str(v) if v is not None and not isinstance(v, (bool, int, str)) else v) for k, v in cleaned.items()}


def complete(answers: dict) -> bool:
    return all(answers.get(step) for step in FORMS)


def _amount(value) -> float:
    try:
        return float(value or 0)
    except (TypeError, ValueError):
        return 0.0


def household(answers: dict) -> Household:
    foyer, people, money, housing = (answers.get(s) or {} for s in ("foyer", "personnes", "ressources", "logement"))
    out = []
    for key, _label in people_of(answers):
        if key.startswith("e"):
            out.append(Person("enfant", int(people.get(f"{key}_age") or 0)))
            continue
        out.append(
            Person(
                "demandeur" if key == "p0" else "conjoint",
                int(people.get(f"{key}_age") or 0),
                people.get(f"{key}_activity") or "inactif",
                disability=int(people.get(f"{key}_disability") or 0),
                worked_two_years=bool(people.get(f"{key}_worked_two_years")),
                resources={
                    kind: (_amount(money.get(f"{key}_{kind}_3")), _amount(money.get(f"{key}_{kind}_12")))
                    for kind in RESOURCES
                },
            )
        )
    return Household(
        out,
        housing=housing.get("housing") or "autre",
        rent=_amount(housing.get("rent")),
        depcom=foyer.get("depcom") or town_code(),
        married=foyer.get("couple") == "marie",
        colocation=bool(housing.get("colocation")),
    )
