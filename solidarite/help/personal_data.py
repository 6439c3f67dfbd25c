"""What neighbourhood help holds about a person: export and erase (RGPD)."""

from django.utils.translation import gettext as _

from solidarite.accounts.personal_data import PersonalDataHandler


def export(user):
    from solidarite.help.models import HelpOffer, HelpRequest, Match, Message, Report

    def post(p, extra):
        return {
            "id": p.pk,
            "description": p.description,
            "mots_cles": sorted(p.tags.names()),
            "quartier": p.quartier.name,
            "latitude": p.latitude,
            "longitude": p.longitude,
            "etat": p.status,
            "publiee_le": p.created_at,
            **extra,
        }

    requests = [
        post(
            r,
            {
                "categorie": r.category.name,
                "du": r.window_start,
                "au": r.window_end,
                "urgence": r.urgency,
                "habitant_nom": r.resident_name,
                "habitant_telephone": r.resident_phone,
                "consentement_le": r.consent_recorded_at,
            },
        )
        for r in HelpRequest.objects.filter(author=user).select_related("category", "quartier")
    ]
    offers = [
        post(
            o,
            {
                "categories": [c.name for c in o.categories.all()],
                "rayon_km": o.radius_km,
                "disponible_du": o.available_from,
                "disponible_au": o.available_until,
                "creneaux": o.weekly_slots,
                "alertes": o.alerts,
            },
        )
        for o in HelpOffer.objects.filter(author=user).select_related("quartier")
    ]
    matches = list(
        Match.objects.involving(user)
        .order_by("id")
        .values("id", "request_id", "offer_id", "status", "explanation", "created_at", "thanks")
    )
    messages = list(Message.objects.filter(author=user).order_by("id").values("match_id", "body", "created_at"))
    reports = list(
        Report.objects.filter(reporter=user).order_by("id").values("reason", "details", "status", "created_at")
    )
    return {
        "demandes": requests,
        "propositions": offers,
        "mises_en_relation": matches,
        "messages": messages,
        "signalements": reports,
    }


def erase(user):
    """Delete what was only the person's; anonymise what the other side of a conversation keeps.

    First, what was live ends (``erasure.end_live_help``: posts closed, pending matches withdrawn,
    the other sides told). A post with an accepted or finished match stays for the helper/helped
    person, closed, stripped of its author, text, exact point and resident details; the person's
    messages there stay as a neutral line so the conversation still reads (their thanks go). Everything
    else is deleted.
    """
    from solidarite.help.erasure import end_live_help
    from solidarite.help.models import HelpOffer, HelpRequest, Match, MatchTransition, Message, Report

    end_live_help(user)  # closes their posts, withdraws pending matches, tells the other sides
    kept = [Match.Status.ACCEPTED, Match.Status.DONE]
    erased = _("(effacé à la demande de son auteur·rice)")
    Message.objects.filter(author=user).update(author=None, body=erased)
    MatchTransition.objects.filter(by=user).update(by=None, reason="")
    Report.objects.filter(reporter=user).update(reporter=None, details="")
    Report.objects.filter(resolved_by=user).update(resolved_by=None)
    HelpRequest.objects.filter(consent_recorded_by=user).exclude(author=user).update(consent_recorded_by=None)
    for model in (HelpRequest, HelpOffer):
        own = model.objects.filter(author=user)
        shared = own.filter(matches__status__in=kept).distinct()
        for post in shared:
            post.author = None
            post.description = erased
            post.latitude, post.longitude = post.public_latitude, post.public_longitude
            if model is HelpRequest:
                post.resident_name = post.resident_phone = ""
            post.save()
            post.tags.clear()
        own.exclude(pk__in=[p.pk for p in shared]).delete()


def handler() -> PersonalDataHandler:
    from solidarite.help.models import HelpOffer, HelpRequest, MatchTransition, Message, Report

    return PersonalDataHandler(
        label="entraide",
        models=(HelpRequest, HelpOffer, Message, Report, MatchTransition),
        export=export,
        erase=erase,
        order=50,
    )
