"""The guide's vocabulary: data·inclusion v1 thematiques, publics, institutions, ways to apply.

The thematiques are the data·inclusion v1 codes (``data_inclusion.schema.v1.Thematique``, package
data-inclusion-schema 1.0.10) with their French labels, so that the guide's themes and the services
export speak the national hubs' language; ``tests/rights/test_vocabulary.py`` fails when they drift.
The package itself is a test dependency only (it brings pydantic and pendulum): the app keeps the codes.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# (category code, label, ((thematique code, label), …)): data·inclusion v1, in the schema's order.
CATEGORIES = (
    (
        "choisir-un-metier",
        _("Choisir un métier"),
        (
            ("choisir-un-metier--confirmer-son-choix-de-metier", _("Confirmer son choix de métier")),
            ("choisir-un-metier--connaitre-les-opportunites-demploi", _("Connaître les opportunités d’emploi")),
            (
                "choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite",
                _("Découvrir un métier ou un secteur d’activité"),
            ),
            (
                "choisir-un-metier--identifier-ses-points-forts-et-ses-competences",
                _("Identifier ses points forts et ses compétences"),
            ),
        ),
    ),
    (
        "creer-une-entreprise",
        _("Créer une entreprise"),
        (
            (
                "creer-une-entreprise--definir-son-projet-de-creation-dentreprise",
                _("Définir son projet de création d’entreprise"),
            ),
            ("creer-une-entreprise--developper-son-entreprise", _("Développer son entreprise")),
            (
                "creer-une-entreprise--structurer-son-projet-de-creation-dentreprise",
                _("Structurer son projet de création d’entreprise"),
            ),
        ),
    ),
    (
        "difficultes-administratives-ou-juridiques",
        _("Difficultés administratives ou juridiques"),
        (
            (
                "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives",
                _("Accompagnement aux démarches administratives"),
            ),
            (
                "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-a-la-citoyennete",
                _("Accompagnement pour l’accès à la citoyenneté"),
            ),
            (
                "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits",
                _("Accompagnement pour l’accès aux droits"),
            ),
            (
                "difficultes-administratives-ou-juridiques--beneficier-dune-mesure-daccompagnement-adapte",
                _("Bénéficier d’une mesure d’accompagnement adapté"),
            ),
            (
                "difficultes-administratives-ou-juridiques--connaitre-ses-droits-face-a-une-discrimination",
                _("Connaître ses droits face à une discrimination"),
            ),
            (
                "difficultes-administratives-ou-juridiques--prendre-en-compte-une-problematique-judiciaire",
                _("Prendre en compte une problématique judiciaire"),
            ),
        ),
    ),
    (
        "difficultes-financieres",
        _("Difficultés financières"),
        (
            ("difficultes-financieres--acquerir-une-autonomie-budgetaire", _("Acquérir une autonomie budgétaire")),
            ("difficultes-financieres--ameliorer-sa-gestion-budgetaire", _("Améliorer sa gestion budgétaire")),
            (
                "difficultes-financieres--mettre-en-place-une-mesure-de-protection-financiere",
                _("Mettre en place une mesure de protection financière"),
            ),
            (
                "difficultes-financieres--prevenir-une-degradation-de-la-situation-financiere",
                _("Prévenir une dégradation de la situation financière"),
            ),
            (
                "difficultes-financieres--situation-dendettement-surendettement",
                _("Situation d’endettement ou de surendettement"),
            ),
        ),
    ),
    (
        "equipement-et-alimentation",
        _("Équipement et alimentation"),
        (
            ("equipement-et-alimentation--aide-menagere", _("Aide ménagère")),
            ("equipement-et-alimentation--alimentation", _("Alimentation")),
            ("equipement-et-alimentation--electromenager", _("Électroménager")),
            ("equipement-et-alimentation--habillement", _("Habillement")),
        ),
    ),
    (
        "famille",
        _("Famille"),
        (
            ("famille--garde-denfants", _("Garde d’enfants")),
            ("famille--prise-en-charge-personne-dependante", _("Prise en charge d’une personne dépendante")),
            ("famille--soutien-a-la-parentalite-et-a-leducation", _("Soutien à la parentalité et à l’éducation")),
            ("famille--soutien-aidants", _("Soutien aux aidants")),
            (
                "famille--surmonter-conflits-separation-violence",
                _("Surmonter les conflits liés à la séparation ou à la violence"),
            ),
        ),
    ),
    (
        "lecture-ecriture-calcul",
        _("Lecture, écriture et calcul"),
        (
            ("lecture-ecriture-calcul--maitriser-le-calcul", _("Maîtriser le calcul")),
            ("lecture-ecriture-calcul--maitriser-le-francais", _("Maîtriser le français")),
        ),
    ),
    (
        "logement-hebergement",
        _("Logement et hébergement"),
        (
            ("logement-hebergement--acheter-un-logement", _("Acheter un logement")),
            ("logement-hebergement--changer-de-logement", _("Changer de logement")),
            ("logement-hebergement--louer-un-logement", _("Louer un logement")),
            (
                "logement-hebergement--rechercher-une-solution-dhebergement-temporaire",
                _("Rechercher une solution d’hébergement temporaire"),
            ),
            ("logement-hebergement--reduire-les-impayes-de-loyer", _("Réduire les impayés de loyer")),
            ("logement-hebergement--se-maintenir-dans-le-logement", _("Se maintenir dans le logement")),
            (
                "logement-hebergement--sinformer-sur-les-demarches-liees-a-lacces-au-logement",
                _("S’informer sur les démarches liées à l’accès au logement"),
            ),
        ),
    ),
    (
        "mobilite",
        _("Mobilité"),
        (
            ("mobilite--acceder-a-un-vehicule", _("Accéder à un véhicule")),
            ("mobilite--entretenir-reparer-son-vehicule", _("Entretenir et réparer son véhicule")),
            ("mobilite--etre-accompagne-dans-son-parcours-mobilite", _("Être accompagné dans son parcours mobilité")),
            ("mobilite--financer-ma-mobilite", _("Financer ma mobilité")),
            ("mobilite--preparer-un-permis", _("Préparer un permis")),
            (
                "mobilite--mobilite-douce-partagee-collective",
                _("Utiliser des services de mobilité douce, partagée ou collective"),
            ),
        ),
    ),
    (
        "numerique",
        _("Numérique"),
        (
            ("numerique--acceder-a-des-services-en-ligne", _("Accéder à des services en ligne")),
            ("numerique--acceder-a-une-connexion-internet", _("Accéder à une connexion Internet")),
            ("numerique--acquerir-un-equipement", _("Acquérir un équipement")),
            ("numerique--maitriser-les-fondamentaux-du-numerique", _("Maîtriser les fondamentaux du numérique")),
        ),
    ),
    (
        "preparer-sa-candidature",
        _("Préparer sa candidature"),
        (
            ("preparer-sa-candidature--developper-son-reseau", _("Développer son réseau")),
            (
                "preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi",
                _("Organiser ses démarches de recherche d’emploi"),
            ),
            (
                "preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation",
                _("Réaliser un CV et/ou une lettre de motivation"),
            ),
            ("preparer-sa-candidature--valoriser-ses-competences", _("Valoriser ses compétences")),
        ),
    ),
    (
        "remobilisation",
        _("Remobilisation"),
        (
            ("remobilisation--activites-sportives-et-culturelles", _("Activités sportives et culturelles")),
            ("remobilisation--benevolat-action-citoyenne", _("Bénévolat et action citoyenne")),
            ("remobilisation--bien-etre-confiance-en-soi", _("Bien-être et confiance en soi")),
            ("remobilisation--lien-social", _("Lien social")),
        ),
    ),
    (
        "sante",
        _("Santé"),
        (
            ("sante--acces-aux-soins", _("Accès aux soins")),
            ("sante--addictions", _("Addictions")),
            ("sante--constituer-un-dossier-mdph-invalidite", _("Constituer un dossier MDPH pour invalidité")),
            ("sante--sante-mentale", _("Santé mentale")),
            ("sante--sante-sexuelle", _("Santé sexuelle")),
        ),
    ),
    (
        "se-former",
        _("Se former"),
        (
            ("se-former--monter-son-dossier-de-formation", _("Monter son dossier de formation")),
            ("se-former--trouver-sa-formation", _("Trouver sa formation")),
        ),
    ),
    (
        "souvrir-a-linternational",
        _("S’ouvrir à l’international"),
        (
            (
                "souvrir-a-linternational--connaitre-les-opportunites-demploi-a-letranger",
                _("Connaître les opportunités d’emploi à l’étranger"),
            ),
            (
                "souvrir-a-linternational--sinformer-sur-les-aides-pour-travailler-a-letranger",
                _("S’informer sur les aides pour travailler à l’étranger"),
            ),
            (
                "souvrir-a-linternational--sorganiser-suite-a-son-retour-en-france",
                _("S’organiser suite à son retour en France"),
            ),
        ),
    ),
    (
        "trouver-un-emploi",
        _("Trouver un emploi"),
        (
            ("trouver-un-emploi--convaincre-un-recruteur-en-entretien", _("Convaincre un recruteur en entretien")),
            ("trouver-un-emploi--faire-des-candidatures-spontanees", _("Faire des candidatures spontanées")),
            ("trouver-un-emploi--maintien-dans-lemploi", _("Maintien dans l’emploi")),
            ("trouver-un-emploi--repondre-a-des-offres-demploi", _("Répondre à des offres d’emploi")),
            (
                "trouver-un-emploi--suivre-ses-candidatures-et-relancer-les-employeurs",
                _("Suivre ses candidatures et relancer les employeurs"),
            ),
        ),
    ),
)

CATEGORY_LABELS = {code: label for code, label, _subs in CATEGORIES}
THEMATIQUE_LABELS = {code: label for _cat, _label, subs in CATEGORIES for code, label in subs}
THEMATIQUE_CHOICES = [(str(label), list(subs)) for _code, label, subs in CATEGORIES]


def category_of(code: str) -> str:
    return code.split("--", 1)[0]


class Public(models.TextChoices):
    """Who an aid is for, in the words of a CCAS desk (each maps to a data·inclusion public)."""

    ALL = "tous", _("tout le monde")
    FAMILY = "famille", _("familles et parents")
    SENIOR = "senior", _("personnes âgées")
    YOUNG = "jeune", _("jeunes (16-25 ans)")
    STUDENT = "etudiant", _("étudiant·es")
    DISABLED = "handicap", _("personnes en situation de handicap")
    TENANT = "locataire", _("locataires")
    JOBSEEKER = "demandeur-emploi", _("demandeur·ses d'emploi")
    WORKER = "actif", _("personnes qui travaillent")
    LOW_INCOME = "faibles-ressources", _("personnes aux faibles ressources")
    MINIMA = "minima-sociaux", _("bénéficiaires du RSA ou d'un autre minimum social")


# data·inclusion v1 ``Public`` codes; None: no equivalent (a tenant is not a public of the schema).
DATA_INCLUSION_PUBLICS = {
    Public.ALL: "tous-publics",
    Public.FAMILY: "familles",
    Public.SENIOR: "seniors",
    Public.YOUNG: "jeunes",
    Public.STUDENT: "etudiants",
    Public.DISABLED: "personnes-en-situation-de-handicap",
    Public.TENANT: None,
    Public.JOBSEEKER: "demandeurs-emploi",
    Public.WORKER: "actifs",
    Public.LOW_INCOME: None,
    Public.MINIMA: "beneficiaires-des-minimas-sociaux",
}


class Institution(models.TextChoices):
    """Who grants the aid (not who helps with the paperwork: that is the points d'accueil).

    Labels are generic; ``institution_name`` names them for this town (settings), e.g. "CAF de Loire-Atlantique".
    """

    STATE = "etat", _("État et organismes nationaux")
    DEPARTEMENT = "departement", _("Département")
    CAF = "caf", _("CAF (caisse d'allocations familiales)")
    HEALTH_INSURANCE = "assurance-maladie", _("Assurance maladie")
    METROPOLE = "metropole", _("Métropole")
    TOWN = "ville", _("Ville")
    CCAS = "ccas", _("CCAS (centre communal d'action sociale)")
    ASSOCIATION = "association", _("Association")

    @classmethod
    def local(cls) -> set[str]:
        """The town's own aids: what the town publishes as data·inclusion services."""
        return {cls.TOWN, cls.CCAS, cls.ASSOCIATION}

    @classmethod
    def public_bodies(cls) -> set[str]:
        return {cls.STATE, cls.DEPARTEMENT, cls.CAF, cls.HEALTH_INSURANCE, cls.METROPOLE, cls.TOWN, cls.CCAS}


def institution_name(code: str) -> str:
    """The institution as residents of this town know it: "Département de Loire-Atlantique", "CCAS de Rezé"."""
    from django.conf import settings

    names = {
        Institution.DEPARTEMENT: _("Département de %(name)s") % {"name": settings.TOWN_DEPARTEMENT_NAME},
        Institution.CAF: _("CAF de %(name)s") % {"name": settings.TOWN_DEPARTEMENT_NAME},
        Institution.METROPOLE: settings.TOWN_EPCI_NAME,
        Institution.TOWN: _("Ville de %(name)s") % {"name": settings.TOWN_NAME},
        Institution.CCAS: _("CCAS de %(name)s") % {"name": settings.TOWN_NAME},
    }
    if code in names:
        return str(names[code])
    return str(dict(Institution.choices).get(code, code))


class AidKind(models.TextChoices):
    """data·inclusion v1 ``TypeService`` codes that fit an aid."""

    MONEY = "aide-financiere", _("aide financière")
    MATERIAL = "aide-materielle", _("aide matérielle")
    SUPPORT = "accompagnement", _("accompagnement")
    INFORMATION = "information", _("information")
