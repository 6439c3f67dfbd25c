import re

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "solidarite.accounts"
    label = "accounts"
    verbose_name = _("Comptes")

    def ready(self):
        from django.contrib.admin.models import LogEntry
        from django.contrib.auth.signals import user_logged_out

        from solidarite.accounts import notices, personal_data
        from solidarite.accounts.models import ApiToken, User
        from solidarite.notifications import personal_data as notification_data
        from solidarite.notifications.realtime import close_session_sockets

        def on_logout(sender, request, user, **kwargs):
            session_key = request.session.session_key
            if session_key:
                close_session_sockets(session_key)

        # weak=False: a receiver defined in this method would otherwise be collected on return.
        notices.register()
        user_logged_out.connect(on_logout, dispatch_uid="accounts.close_sockets_on_logout", weak=False)

        personal_data.register(
            personal_data.PersonalDataHandler(
                label="notifications",
                models=notification_data.MODELS,
                export=notification_data.export,
                erase=notification_data.erase,
            )
        )
        personal_data.register(
            personal_data.PersonalDataHandler(
                label="compte",
                models=(User, LogEntry),
                export=_export_account,
                erase=_erase_account,
                order=1000,  # last: the user row goes after every app has anonymised its rows
            )
        )
        personal_data.register(
            personal_data.PersonalDataHandler(
                label="jetons_api",
                models=(ApiToken,),
                export=_export_api_tokens,
                erase=lambda user: ApiToken.objects.filter(user=user).delete(),
            )
        )


def _export_account(user):
    return {
        "adresse_email": user.email,
        "nom_affiche": user.display_name,
        "quartier": str(user.quartier) if user.quartier_id else None,
        "telephone": user.phone,
        "partage_email": user.share_email,
        "partage_telephone": user.share_phone,
        "comment_me_joindre": user.contact_note,
        "inscrit_le": user.date_joined,
        "email_confirme_le": user.email_confirmed_at,
        "derniere_connexion": user.last_login,
        "derniere_visite": user.last_seen_on,
        "agent_de_la_ville": user.is_staff,
        "suspendu_le": user.suspended_at,
        "motif_de_suspension": user.suspension_reason,
    }


def _export_api_tokens(user):
    # What the person sees on their profile; never the digest (nor the secret, which is kept nowhere).
    return [
        {
            "nom": token.name,
            "debut_du_jeton": token.prefix,
            "lecture_seule": token.read_only,
            "cree_le": token.created_at,
            "expire_le": token.expires_at,
            "derniere_utilisation": token.last_used_at,
        }
        for token in user.api_tokens.all()
    ]


def _erase_account(user):
    from django.contrib.admin.models import LogEntry

    LogEntry.objects.filter(user=user).delete()
    _scrub_admin_log(user)


def _scrub_admin_log(user):
    """The admin's history keeps a text of each object changed (``object_repr``): the person's
    name or address there (their account, their help offer "Zoé R. — Ragon") becomes "compte
    supprimé"; what was done, when and by whom stays for the town's audit."""
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q

    from solidarite.notifications.kinds import GONE

    gone = str(GONE)
    LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(user), object_id=str(user.pk)).update(
        object_repr=gone
    )
    # A very short name would match unrelated texts; the e-mail is always long enough.
    names = [text for text in (user.display_name, user.email) if len(text) >= 4]
    if not names:
        return
    query = Q()
    for text in names:
        query |= Q(object_repr__icontains=text)
    pattern = re.compile("|".join(re.escape(text) for text in names), re.IGNORECASE)
    for entry in LogEntry.objects.filter(query).only("pk", "object_repr"):
        LogEntry.objects.filter(pk=entry.pk).update(object_repr=pattern.sub(gone, entry.object_repr))
