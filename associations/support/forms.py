from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from associations.support.drafting import EDITABLE_FIELDS
from associations.support.models import MAX_AMOUNT, ZERO, Envelope, Grant, ReviewTeam, SupportKind, SupportRequest
from solidarite.money import euros
from solidarite.places.models import Quartier


class EurosField(forms.DecimalField):
    """Accepts what people type: « 1 200,50 », « 1200.50 », « 1 200 € »."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("€", "")
            for space in (" ", "\u00a0", "\u202f"):
                value = value.replace(space, "")
        return super().to_python(value)


def _too_much():
    return _("Ce montant dépasse %(limit)s : vérifiez la saisie.") % {"limit": euros(MAX_AMOUNT)}


def euros_field(label, required=True, help_text=""):
    return EurosField(
        label=label,
        required=required,
        min_value=ZERO,
        max_value=MAX_AMOUNT,
        decimal_places=2,
        max_digits=12,
        localize=True,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        # Django's own messages would print the limits as 10000000.00 and 0.00.
        error_messages={
            "max_value": lazy(_too_much, str)(),
            "min_value": _("Un montant ne peut pas être négatif."),
        },
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class SupportRequestForm(forms.ModelForm):
    amount_requested = euros_field(
        _("Montant demandé (€)"), required=False, help_text=_("Pour une aide en numéraire, en euros.")
    )
    action_budget = euros_field(
        _("Budget total de l'action (€)"), required=False, help_text=_("Toutes dépenses comprises, en euros.")
    )

    class Meta:
        model = SupportRequest
        fields = list(EDITABLE_FIELDS)
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 6}),
            "in_kind_details": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        association = self.instance.association if self.instance.association_id else None
        self.limit_actions([association] if association else [])

    def limit_actions(self, associations):
        from associations.directory.models import Action

        self.fields["action"].queryset = Action.objects.filter(association__in=associations).order_by("-starts_at")
        self.fields["action"].help_text = _("Si l'action est déjà publiée sur la fiche de l'association.")


class NewSupportRequestForm(SupportRequestForm):
    association = forms.ModelChoiceField(label=_("Association"), queryset=None, empty_label=None)

    class Meta(SupportRequestForm.Meta):
        fields = ["association", *EDITABLE_FIELDS]

    def __init__(self, *args, associations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["association"].queryset = associations
        self.limit_actions(associations)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif ou commentaire"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Votre message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Note interne (jamais visible par l'association)"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Ajouter une pièce jointe"),
        help_text=_("PDF ou image (PNG, JPEG, WebP), 4 Mo au plus : devis, budget, statuts…"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.webp"}),
    )


class AssignForm(forms.Form):
    reviewer = forms.ModelChoiceField(
        label=_("Instructeur·rice"), queryset=None, required=False, empty_label=_("Personne")
    )
    team = forms.ModelChoiceField(
        label=_("Équipe d'instruction"),
        queryset=None,
        required=False,
        empty_label=_("Aucune"),
        help_text=_("Avec une équipe seulement, chacun de ses membres est prévenu et alerté."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = get_user_model().objects.city_staff_to_notify()
        self.fields["team"].queryset = ReviewTeam.objects.all()


class EnvelopeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, envelope):
        return _("%(label)s (%(year)s) — reste %(remaining)s") % {
            "label": envelope.label,
            "year": envelope.year,
            "remaining": euros(envelope.remaining),
        }


class GrantForm(forms.Form):
    envelope = EnvelopeChoiceField(label=_("Enveloppe"), queryset=None, required=False, empty_label=_("Aucune"))
    amount = euros_field(_("Montant accordé (€)"), required=False)
    in_kind_value = euros_field(
        _("Valeur de l'aide en nature (€)"), required=False, help_text=_("Estimation, pour l'historique.")
    )
    in_kind_description = forms.CharField(
        label=_("Aide en nature accordée"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    payment_terms = forms.ChoiceField(label=_("Conditions de versement"), choices=Grant.PaymentTerms.choices)
    payment_terms_other = forms.CharField(label=_("Précisez les conditions"), required=False, max_length=250)
    payment_start = forms.DateField(label=_("Date (ou début) de versement"), required=False, widget=DateInput())
    payment_end = forms.DateField(label=_("Fin de la période de versement"), required=False, widget=DateInput())
    decision_reference = forms.CharField(
        label=_("Référence de la décision"), max_length=100, help_text=_("Ex. 2026-03-103")
    )
    decision_date = forms.DateField(label=_("Date de la décision"), widget=DateInput())
    confirm_above_request = forms.BooleanField(
        label=_("Je confirme accorder plus que le montant demandé"), required=False
    )
    reason = forms.CharField(
        label=_("Message à l'association"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, support_request, **kwargs):
        kwargs.setdefault("initial", {"decision_date": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["envelope"].queryset = Envelope.objects.filter(kind=support_request.kind).order_by("-year", "label")
        if support_request.kind == SupportKind.MONEY:
            for name in ("in_kind_value", "in_kind_description"):
                del self.fields[name]
            self.fields["envelope"].required = True
            self.fields["envelope"].empty_label = None
            self.fields["amount"].required = True
        else:
            del self.fields["amount"]
            del self.fields["confirm_above_request"]
        if support_request.kind == SupportKind.ROOM:
            from associations.rooms.models import Room

            self.fields["room"] = forms.ModelChoiceField(
                label=_("Salle prêtée gratuitement"), queryset=Room.objects.open(), required=True
            )
            self.fields["room_start"] = forms.DateTimeField(label=_("Début du créneau"), widget=DateTimeInput())
            self.fields["room_end"] = forms.DateTimeField(label=_("Fin du créneau"), widget=DateTimeInput())


class QueueFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("État"), required=False)
    kind = forms.ChoiceField(label=_("Type"), required=False)
    quartier = forms.ModelChoiceField(
        label=_("Quartier"), queryset=Quartier.objects.all(), required=False, empty_label=_("Tous")
    )
    amount_min = euros_field(_("Montant demandé, au moins (€)"), required=False)
    amount_max = euros_field(_("Montant demandé, au plus (€)"), required=False)
    older_than = forms.IntegerField(
        label=_("Déposée depuis au moins (jours)"), required=False, min_value=0, max_value=3650
    )
    stale = forms.BooleanField(label=_("Seulement les demandes sans réponse"), required=False)
    assigned = forms.ChoiceField(
        label=_("Confiées à"),
        required=False,
        choices=[
            ("", _("Toutes")),
            ("mine", _("Moi")),
            ("my_teams", _("Une de mes équipes")),
            ("nobody", _("Personne (ni instructeur·rice ni équipe)")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [
            ("", _("Tous les états en cours")),
            ("all", _("Tous")),
            *SupportRequest.State.choices,
        ]
        self.fields["kind"].choices = [("", _("Tous")), *SupportKind.choices]

    def filter(self, queryset, *, user):
        from datetime import timedelta

        data = self.cleaned_data
        state = data.get("state")
        if not state:
            queryset = queryset.awaiting_decision()
        elif state != "all":
            queryset = queryset.filter(state=state)
        else:
            queryset = queryset.exclude(state=SupportRequest.State.DRAFT)
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        if data.get("quartier"):
            queryset = queryset.filter(association__quartier=data["quartier"])
        if data.get("amount_min") is not None:
            queryset = queryset.filter(amount_requested__gte=data["amount_min"])
        if data.get("amount_max") is not None:
            queryset = queryset.filter(amount_requested__lte=data["amount_max"])
        if data.get("older_than") is not None:
            queryset = queryset.filter(submitted_at__lte=timezone.now() - timedelta(days=data["older_than"]))
        if data.get("stale"):
            queryset = queryset.stale()
        assigned = data.get("assigned")
        if assigned == "mine":
            queryset = queryset.filter(reviewer=user)
        elif assigned == "my_teams":
            queryset = queryset.filter(team__members=user)
        elif assigned == "nobody":
            queryset = queryset.filter(reviewer__isnull=True, team__isnull=True)
        return queryset
