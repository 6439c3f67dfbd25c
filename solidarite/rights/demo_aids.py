"""Demo guide of aids: real aids, written in plain French from their official pages (the ``source``).

Amounts are left out on purpose: they change every year and the source page gives them. ``checked``
False marks a source whose exact address could not be checked when this was written (local pages
move often): those aids load already due for review, so the first agent to open the guide is asked to
check them — the review loop the guide is built on.
"""

SP = "https://www.service-public.gouv.fr/particuliers/vosdroits/"
CAF_ONLINE = "https://www.caf.fr/allocataires/mes-services-en-ligne/faire-une-demande-de-prestation"
LA = "https://www.loire-atlantique.fr/44/"
ADMIN = "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits"
BUDGET = "difficultes-financieres--prevenir-une-degradation-de-la-situation-financiere"

AIDS = [
    {
        "slug": "rsa",
        "title": "Revenu de solidarité active (RSA)",
        "keywords": "RSA revenu minimum RMI",
        "kind": "aide-financiere",
        "institution": "departement",
        "summary": "Le RSA donne un revenu minimum aux personnes qui n'ont pas ou peu de ressources. "
        "Il est versé chaque mois par la CAF (ou la MSA) et payé par le Département. "
        "Il s'accompagne d'un suivi pour retrouver un emploi ou régler d'autres difficultés.",
        "eligibility": "Avoir au moins 25 ans, ou moins si vous êtes enceinte ou avez un enfant à charge\n"
        "Vivre en France de façon stable (au moins 9 mois par an)\n"
        "Avoir des ressources sous un plafond qui dépend de la composition du foyer\n"
        "Ne pas être étudiant·e (sauf cas particuliers)",
        "documents": "Pièce d'identité ou titre de séjour\nRIB\nMontant des ressources des 3 derniers mois\n"
        "Numéro de sécurité sociale",
        "how_to_apply": "La demande se fait en ligne sur caf.fr (ou msa.fr pour le régime agricole). "
        "Le CCAS et les points d'accueil peuvent vous aider à la remplir.",
        "apply_online_url": CAF_ONLINE,
        "apply_at_place": True,
        "source_url": SP + "N19775",
        "themes": [ADMIN, "difficultes-financieres--acquerir-une-autonomie-budgetaire"],
        "publics": ["minima-sociaux", "faibles-ressources", "demandeur-emploi"],
    },
    {
        "slug": "prime-d-activite",
        "title": "Prime d'activité",
        "keywords": "PPA prime activite complement salaire",
        "kind": "aide-financiere",
        "institution": "caf",
        "summary": "La prime d'activité complète chaque mois les revenus des personnes qui travaillent "
        "et gagnent peu : salarié·es, indépendant·es, apprenti·es et étudiant·es salarié·es sous conditions.",
        "eligibility": "Avoir au moins 18 ans\nExercer une activité professionnelle\n"
        "Avoir des revenus modestes (le calcul tient compte de tout le foyer)\nVivre en France de façon stable",
        "documents": "Fiches de paie des 3 derniers mois\nRIB\nPièce d'identité ou titre de séjour",
        "how_to_apply": "Faites d'abord la simulation sur caf.fr, puis la demande en ligne. "
        "Ensuite, déclarez vos revenus tous les 3 mois.",
        "apply_online_url": CAF_ONLINE,
        "source_url": SP + "F2882",
        "themes": [
            "trouver-un-emploi--maintien-dans-lemploi",
            "difficultes-financieres--acquerir-une-autonomie-budgetaire",
        ],
        "publics": ["actif", "jeune", "faibles-ressources"],
    },
    {
        "slug": "aides-au-logement",
        "title": "Aides au logement (APL, ALF, ALS)",
        "keywords": "APL ALF ALS allocation logement aide au loyer",
        "kind": "aide-financiere",
        "institution": "caf",
        "summary": "Ces aides baissent le loyer ou le remboursement d'un prêt pour la résidence principale. "
        "Une seule des trois est versée, selon le logement et la famille. Elle est souvent payée directement "
        "au propriétaire.",
        "eligibility": "Être locataire, colocataire, sous-locataire déclaré·e ou résident·e d'un foyer\n"
        "Le logement est votre résidence principale (occupé au moins 8 mois par an) et décent\n"
        "Avoir des ressources modestes (calculées sur les 12 derniers mois)",
        "documents": "Bail ou contrat de location\nMontant du loyer et coordonnées du propriétaire\nRIB",
        "how_to_apply": "Faites la simulation puis la demande en ligne sur caf.fr, dès l'entrée dans le logement : "
        "l'aide n'est pas rétroactive.",
        "apply_online_url": CAF_ONLINE,
        "apply_at_place": True,
        "source_url": SP + "F12006",
        "themes": ["logement-hebergement--louer-un-logement", "logement-hebergement--se-maintenir-dans-le-logement"],
        "publics": ["locataire", "etudiant", "faibles-ressources"],
    },
    {
        "slug": "cheque-energie",
        "title": "Chèque énergie",
        "keywords": "cheque energie facture electricite gaz fioul bois",
        "kind": "aide-financiere",
        "institution": "etat",
        "summary": "L'État envoie chaque année un chèque aux foyers aux revenus modestes pour payer "
        "les factures d'électricité, de gaz, de fioul ou de bois, ou des travaux d'économie d'énergie.",
        "eligibility": "Avoir déclaré ses revenus aux impôts, même sans revenu\n"
        "Avoir un revenu fiscal de référence sous le plafond, qui dépend du nombre de personnes du foyer",
        "documents": "Aucun document si vous avez fait votre déclaration de revenus",
        "how_to_apply": "Pas de demande à faire : le chèque arrive par la poste au printemps. Il s'utilise en ligne "
        "ou en l'envoyant au fournisseur. Sans déclaration de revenus, pas de chèque : on vous aide à la faire.",
        "source_url": "https://chequeenergie.gouv.fr/",
        "themes": [BUDGET, "logement-hebergement--se-maintenir-dans-le-logement"],
        "publics": ["faibles-ressources"],
    },
    {
        "slug": "complementaire-sante-solidaire",
        "title": "Complémentaire santé solidaire",
        "keywords": "CSS C2S CMU CMU-C ACS mutuelle",
        "kind": "aide-financiere",
        "institution": "assurance-maladie",
        "summary": "Une mutuelle gratuite, ou à moins d'un euro par jour, pour les personnes aux revenus modestes. "
        "Vous ne payez pas le médecin, et la plupart des lunettes, prothèses dentaires et appareils auditifs "
        "sont pris en charge.",
        "eligibility": "Être assuré·e à l'Assurance maladie\nVivre en France de façon stable et régulière\n"
        "Avoir des ressources sous un plafond (gratuite ou avec une petite participation selon les revenus)",
        "documents": "Avis d'imposition\nRessources des 12 derniers mois\nPièce d'identité ou titre de séjour",
        "how_to_apply": "Demande en ligne sur votre compte ameli, ou formulaire papier à envoyer à la CPAM. "
        "Si vous touchez le RSA, elle est gratuite et la demande est simplifiée.",
        "apply_online_url": "https://www.ameli.fr/",
        "apply_at_place": True,
        "source_url": SP + "F10027",
        "themes": ["sante--acces-aux-soins", ADMIN],
        "publics": ["faibles-ressources", "minima-sociaux"],
    },
    {
        "slug": "allocations-familiales",
        "title": "Allocations familiales",
        "keywords": "AF allocations familiales enfants",
        "kind": "aide-financiere",
        "institution": "caf",
        "summary": "Les allocations familiales sont versées chaque mois aux familles qui ont au moins "
        "deux enfants de moins de 20 ans. Leur montant dépend du nombre d'enfants et des revenus.",
        "eligibility": "Avoir au moins 2 enfants à charge de moins de 20 ans\nVivre en France avec les enfants",
        "documents": "Livret de famille ou actes de naissance\nRIB\nTitre de séjour des parents et des enfants",
        "how_to_apply": "Si vous êtes déjà allocataire, la CAF les verse d'elle-même à la naissance du 2e enfant. "
        "Sinon, déclarez votre situation sur caf.fr.",
        "apply_online_url": CAF_ONLINE,
        "source_url": SP + "F13213",
        "themes": ["famille--soutien-a-la-parentalite-et-a-leducation"],
        "publics": ["famille"],
    },
    {
        "slug": "allocation-de-rentree-scolaire",
        "title": "Allocation de rentrée scolaire (ARS)",
        "keywords": "ARS rentree scolaire fournitures",
        "kind": "aide-financiere",
        "institution": "caf",
        "summary": "Une aide versée fin août pour les dépenses de la rentrée (fournitures, vêtements) "
        "des enfants de 6 à 18 ans, si les revenus de la famille sont modestes.",
        "eligibility": "Avoir un enfant de 6 à 18 ans scolarisé ou en apprentissage\n"
        "Avoir des ressources sous un plafond qui dépend du nombre d'enfants",
        "documents": "Pour un enfant de 16 à 18 ans : déclaration de scolarité sur caf.fr",
        "how_to_apply": "Versée sans démarche si vous touchez déjà une aide de la CAF. Sinon, "
        "créez votre compte sur caf.fr et déclarez vos revenus.",
        "apply_online_url": CAF_ONLINE,
        "source_url": SP + "F1878",
        "themes": ["famille--soutien-a-la-parentalite-et-a-leducation", "equipement-et-alimentation--habillement"],
        "publics": ["famille", "faibles-ressources"],
    },
    {
        "slug": "allocation-adulte-handicape",
        "title": "Allocation aux adultes handicapés (AAH)",
        "keywords": "AAH handicap MDPH allocation adulte",
        "kind": "aide-financiere",
        "institution": "caf",
        "summary": "L'AAH donne un revenu minimum aux adultes en situation de handicap. La MDPH décide "
        "du droit, puis la CAF (ou la MSA) la verse chaque mois.",
        "eligibility": "Avoir au moins 20 ans (16 ans si vous n'êtes plus à la charge de vos parents)\n"
        "Avoir un taux d'incapacité d'au moins 80 %, ou de 50 à 79 % avec une restriction d'accès "
        "à l'emploi reconnue par la MDPH\nAvoir des ressources sous un plafond",
        "documents": "Formulaire de demande à la MDPH\nCertificat médical de moins d'un an\n"
        "Pièce d'identité\nJustificatif de domicile",
        "how_to_apply": "La demande se fait auprès de la MDPH de Loire-Atlantique (en ligne ou sur papier). "
        "Un point d'accueil peut vous aider à remplir le dossier.",
        "apply_at_place": True,
        "source_url": SP + "F12242",
        "themes": ["sante--constituer-un-dossier-mdph-invalidite", ADMIN],
        "publics": ["handicap"],
    },
    {
        "slug": "allocation-education-enfant-handicape",
        "title": "Allocation d'éducation de l'enfant handicapé (AEEH)",
        "keywords": "AEEH enfant handicap MDPH",
        "kind": "aide-financiere",
        "institution": "caf",
        "summary": "L'AEEH aide les parents à payer ce que coûtent l'éducation et les soins d'un enfant "
        "en situation de handicap de moins de 20 ans. Elle ne dépend pas des revenus.",
        "eligibility": "Avoir un enfant de moins de 20 ans à charge\n"
        "Taux d'incapacité de l'enfant d'au moins 80 %, ou de 50 à 79 % avec des soins ou un "
        "établissement adapté",
        "documents": "Formulaire de demande à la MDPH\nCertificat médical\nJustificatif de domicile",
        "how_to_apply": "Dossier à déposer à la MDPH, qui décide ; la CAF verse ensuite l'allocation.",
        "apply_at_place": True,
        "source_url": SP + "F14809",
        "themes": ["sante--constituer-un-dossier-mdph-invalidite", "famille--soutien-aidants"],
        "publics": ["famille", "handicap"],
    },
    {
        "slug": "prestation-de-compensation-du-handicap",
        "title": "Prestation de compensation du handicap (PCH)",
        "keywords": "PCH aide humaine amenagement logement vehicule",
        "kind": "aide-financiere",
        "institution": "departement",
        "summary": "La PCH paie des aides liées au handicap : une aide humaine à domicile, du matériel, "
        "l'aménagement du logement ou du véhicule. Le Département la verse après la décision de la MDPH.",
        "eligibility": "Avoir une difficulté absolue pour une activité essentielle, ou grave pour au moins deux\n"
        "Avoir moins de 60 ans au moment de la demande (sauf exceptions)\nVivre en France de façon stable",
        "documents": "Formulaire de demande à la MDPH\nCertificat médical de moins d'un an\nDevis pour le matériel",
        "how_to_apply": "Dossier à la MDPH de Loire-Atlantique. Une équipe évalue vos besoins, souvent chez vous.",
        "apply_at_place": True,
        "source_url": SP + "F14202",
        "themes": ["sante--constituer-un-dossier-mdph-invalidite", "famille--prise-en-charge-personne-dependante"],
        "publics": ["handicap"],
    },
    {
        "slug": "allocation-personnalisee-d-autonomie-a-domicile",
        "title": "Allocation personnalisée d'autonomie (APA) à domicile",
        "keywords": "APA perte d'autonomie aide a domicile personnes agees",
        "kind": "aide-financiere",
        "institution": "departement",
        "summary": "L'APA aide les personnes de 60 ans et plus qui perdent de l'autonomie à payer "
        "une aide à domicile, du portage de repas ou du matériel, pour rester chez elles.",
        "eligibility": "Avoir 60 ans ou plus\nAvoir besoin d'aide pour les gestes de la vie quotidienne "
        "(niveau GIR 1 à 4, évalué chez vous)\nVivre en Loire-Atlantique de façon stable",
        "documents": "Formulaire de demande d'APA\nPièce d'identité\nDernier avis d'imposition\nRIB",
        "how_to_apply": "Dossier à envoyer au Département de Loire-Atlantique. Le CCAS peut vous le donner "
        "et vous aider à le remplir ; une équipe vient ensuite évaluer vos besoins.",
        "apply_at_place": True,
        "source_url": LA + "seniors-personnes-agees/l-allocation-personnalisee-d-autonomie-apa-a-domicile/c_1273554",
        "themes": ["famille--prise-en-charge-personne-dependante", "famille--soutien-aidants"],
        "publics": ["senior"],
    },
    {
        "slug": "allocation-de-solidarite-aux-personnes-agees",
        "title": "Allocation de solidarité aux personnes âgées (ASPA)",
        "keywords": "ASPA minimum vieillesse retraite",
        "kind": "aide-financiere",
        "institution": "etat",
        "summary": "L'ASPA, l'ancien « minimum vieillesse », complète la retraite des personnes âgées "
        "qui ont peu de revenus. Elle est versée par la caisse de retraite.",
        "eligibility": "Avoir au moins l'âge légal de départ à la retraite (65 ans dans la plupart des cas)\n"
        "Vivre en France de façon stable et régulière\nAvoir des ressources sous un plafond",
        "documents": "Formulaire de demande d'ASPA\nJustificatifs de ressources des 3 derniers mois\nRIB",
        "how_to_apply": "Demande à la caisse de retraite (Carsat en Pays de la Loire pour les salarié·es du privé). "
        "Attention : les sommes versées peuvent être reprises sur une succession importante.",
        "apply_at_place": True,
        "source_url": SP + "F16871",
        "themes": [BUDGET, ADMIN],
        "publics": ["senior", "faibles-ressources"],
    },
    {
        "slug": "fonds-de-solidarite-pour-le-logement",
        "title": "Fonds de solidarité pour le logement (FSL) de Loire-Atlantique",
        "keywords": "FSL depot de garantie dette loyer facture energie eau",
        "kind": "aide-financiere",
        "institution": "departement",
        "summary": "Le FSL du Département aide à entrer dans un logement (dépôt de garantie, premier loyer, "
        "assurance) ou à y rester (dettes de loyer, factures d'eau, d'électricité ou de gaz impayées).",
        "eligibility": "Vivre en Loire-Atlantique\nAvoir des ressources modestes\n"
        "La demande passe par un·e travailleur·se social·e (CCAS, Département, association)",
        "documents": "Justificatifs de ressources\nBail ou promesse de location\nFactures ou relevé de dette",
        "how_to_apply": "Prenez rendez-vous avec un·e travailleur·se social·e du CCAS ou du Département : "
        "il ou elle monte le dossier avec vous.",
        "apply_at_place": True,
        "source_url": LA
        + "habitat-logement/fonds-de-solidarite-pour-le-logement-fsl-aide-a-l-acces-au-logement/c_1303821",
        "themes": [
            "logement-hebergement--reduire-les-impayes-de-loyer",
            "logement-hebergement--se-maintenir-dans-le-logement",
        ],
        "publics": ["locataire", "faibles-ressources"],
    },
    {
        "slug": "aide-juridictionnelle",
        "title": "Aide juridictionnelle",
        "keywords": "avocat justice frais de justice",
        "kind": "aide-financiere",
        "institution": "etat",
        "summary": "L'État paie tout ou partie des frais d'avocat et de justice des personnes aux revenus modestes, "
        "pour un procès ou pour trouver un accord.",
        "eligibility": "Avoir des ressources sous un plafond (aide totale ou partielle)\n"
        "Ne pas avoir d'assurance qui couvre déjà ces frais",
        "documents": "Formulaire de demande\nAvis d'imposition\nPièces sur l'affaire",
        "how_to_apply": "Demande en ligne ou formulaire papier à déposer au tribunal. Un point-justice "
        "peut vous aider gratuitement.",
        "apply_online_url": "https://www.aidejuridictionnelle.justice.fr/",
        "apply_at_place": True,
        "source_url": SP + "F18074",
        "themes": ["difficultes-administratives-ou-juridiques--prendre-en-compte-une-problematique-judiciaire"],
        "publics": ["faibles-ressources"],
    },
    {
        "slug": "domiciliation",
        "title": "Domiciliation : une adresse pour recevoir son courrier",
        "keywords": "domiciliation adresse sans domicile courrier election de domicile",
        "kind": "accompagnement",
        "institution": "ccas",
        "summary": "Sans domicile stable, vous pouvez avoir une adresse au CCAS ou dans une association agréée "
        "pour recevoir votre courrier et faire valoir vos droits (RSA, santé, papiers).",
        "eligibility": "Ne pas avoir de domicile stable\nAvoir un lien avec la commune (y vivre, y travailler, "
        "y être suivi·e…)",
        "documents": "Pièce d'identité si vous en avez une",
        "how_to_apply": "Présentez-vous au CCAS : un entretien permet d'ouvrir la domiciliation, valable un an.",
        "apply_at_place": True,
        "source_url": SP + "F17317",
        "themes": [ADMIN, "logement-hebergement--rechercher-une-solution-dhebergement-temporaire"],
        "publics": ["tous"],
    },
    {
        "slug": "tarification-solidaire-des-transports",
        "title": "Tarification solidaire des transports de Nantes Métropole",
        "keywords": "Naolib TAN tram bus abonnement gratuit reduit transport",
        "kind": "aide-financiere",
        "institution": "metropole",
        "summary": "Les habitant·es de Nantes Métropole aux revenus modestes ont des tickets et abonnements Naolib "
        "(tram, bus, navibus) gratuits ou à prix réduit. Le tarif dépend du quotient familial.",
        "eligibility": "Habiter une commune de Nantes Métropole\nAvoir un quotient familial sous le plafond "
        "(ou toucher certaines aides comme le RSA)",
        "documents": "Attestation de quotient familial de la CAF\nPièce d'identité\nJustificatif de domicile",
        "how_to_apply": "Demande en ligne sur le site Naolib ou en agence, avec l'attestation de la CAF.",
        "apply_online_url": "https://naolib.fr/",
        "source_url": "https://naolib.fr/fr/tarification-solidaire",
        "checked": False,
        "themes": ["mobilite--financer-ma-mobilite", "mobilite--mobilite-douce-partagee-collective"],
        "publics": ["faibles-ressources", "minima-sociaux", "jeune"],
    },
    {
        "slug": "epicerie-sociale",
        "title": "Épicerie sociale",
        "keywords": "epicerie solidaire aide alimentaire courses colis",
        "kind": "aide-materielle",
        "institution": "association",
        "summary": "Faire ses courses à petit prix (souvent 10 à 30 % du prix habituel) pendant quelques mois, "
        "le temps de traverser une période difficile. L'argent économisé sert à un projet : payer une dette, "
        "une facture, un permis.",
        "eligibility": "Habiter la commune\nÊtre orienté·e par un·e travailleur·se social·e (CCAS, Département)\n"
        "Avoir un reste à vivre faible",
        "documents": "Justificatifs de ressources et de charges\nPièce d'identité",
        "how_to_apply": "Parlez-en à un·e travailleur·se social·e du CCAS : il ou elle fait l'orientation. "
        "L'accès est donné pour une durée fixée, renouvelable.",
        "apply_at_place": True,
        "source_url": "https://www.reze.fr/",
        "checked": False,
        "provider": "secours-solidaire-rezeen",
        "themes": [
            "equipement-et-alimentation--alimentation",
            "difficultes-financieres--ameliorer-sa-gestion-budgetaire",
        ],
        "publics": ["faibles-ressources", "famille"],
    },
    {
        "slug": "aide-financiere-du-ccas",
        "title": "Aide financière ponctuelle du CCAS",
        "keywords": "secours aide d'urgence facture CCAS aide facultative",
        "kind": "aide-financiere",
        "institution": "ccas",
        "summary": "Le CCAS peut accorder une aide ponctuelle pour une dépense urgente (facture, alimentation, "
        "frais de santé) quand les autres aides ne suffisent pas. Chaque demande est étudiée en commission.",
        "eligibility": "Habiter la commune\nAvoir fait valoir ses droits aux autres aides\n"
        "Avoir un reste à vivre faible",
        "documents": "Justificatifs de ressources et de charges du foyer\nFacture ou devis concerné\nRIB",
        "how_to_apply": "Prenez rendez-vous au CCAS : un·e travailleur·se social·e fait le point avec vous "
        "et présente la demande.",
        "apply_at_place": True,
        "source_url": "https://www.reze.fr/",
        "checked": False,
        "provider": "ccas-de-reze",
        "themes": [BUDGET, "difficultes-financieres--ameliorer-sa-gestion-budgetaire"],
        "publics": ["faibles-ressources"],
    },
    {
        "slug": "accompagnement-aux-demarches-en-ligne",
        "title": "Aide pour les démarches en ligne",
        "keywords": "numerique internet ordinateur france services conseiller numerique demarches",
        "kind": "accompagnement",
        "institution": "ville",
        "summary": "Un·e conseiller·ère vous aide gratuitement à faire vos démarches sur internet "
        "(CAF, impôts, ameli, France Travail) et à apprendre à utiliser un ordinateur ou un téléphone.",
        "eligibility": "Pour tout le monde, sans condition",
        "documents": "Vos identifiants si vous en avez\nLes courriers de l'organisme concerné",
        "how_to_apply": "Passez aux heures d'accueil ou appelez pour prendre rendez-vous.",
        "apply_at_place": True,
        "source_url": "https://www.reze.fr/",
        "checked": False,
        "provider": "espace-numerique-mediatheque",
        "themes": [
            "numerique--acceder-a-des-services-en-ligne",
            "numerique--maitriser-les-fondamentaux-du-numerique",
            "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives",
        ],
        "publics": ["tous"],
    },
    {
        "slug": "tarifs-au-quotient-familial",
        "title": "Tarifs des services de la ville selon le quotient familial",
        "keywords": "quotient familial tarif reduit cantine centre de loisirs",
        "kind": "aide-financiere",
        "institution": "ville",
        "summary": "La ville calcule ses tarifs (restauration scolaire, accueil périscolaire, centres de loisirs, "
        "école de musique) selon le quotient familial : plus les revenus sont bas, plus le prix baisse.",
        "eligibility": "Habiter la commune\nAvoir un enfant inscrit à un service municipal",
        "documents": "Attestation de quotient familial de la CAF, ou dernier avis d'imposition",
        "how_to_apply": "Donnez votre quotient familial à l'accueil de la mairie ou sur le portail famille, "
        "à chaque rentrée.",
        "apply_at_place": True,
        "source_url": "https://www.reze.fr/",
        "checked": False,
        "provider": "accueil-mairie",
        "themes": ["famille--soutien-a-la-parentalite-et-a-leducation", "famille--garde-denfants"],
        "publics": ["famille"],
    },
    {
        "slug": "compte-personnel-de-formation",
        "title": "Compte personnel de formation (CPF)",
        "keywords": "CPF formation compte personnel",
        "kind": "aide-financiere",
        "institution": "etat",
        "summary": "Chaque personne qui travaille ou a travaillé gagne des droits à la formation sur son compte "
        "personnel de formation (CPF). Ils paient une formation, un bilan de compétences ou le permis.",
        "eligibility": "Avoir au moins 16 ans\nAvoir travaillé (les droits s'accumulent chaque année)",
        "documents": "Identifiants France Connect\nNuméro de sécurité sociale",
        "how_to_apply": "Tout se fait sur moncompteformation.gouv.fr. Méfiez-vous des appels qui proposent "
        "d'utiliser votre CPF : c'est souvent une arnaque.",
        "apply_online_url": "https://www.moncompteformation.gouv.fr/",
        "source_url": "https://www.moncompteformation.gouv.fr/",
        "themes": ["se-former--trouver-sa-formation", "se-former--monter-son-dossier-de-formation"],
        "publics": ["actif", "demandeur-emploi", "jeune"],
    },
]
