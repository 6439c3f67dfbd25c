import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from associations.rooms.models import PARIS, BookingSeries

ONCE = "once"
MYSELF = "me"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", attrs={"step": 900}, **kwargs)


class BookingForm(forms.Form):
    holder = forms.ChoiceField(label=_("Au nom de"))
    title = forms.CharField(
        label=_("Objet"), max_length=150, required=False, help_text=_("Ex. « Atelier couture », « Assemblée générale »")
    )
    day = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Heure de début"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Heure de fin"), widget=TimeInput())
    repeat = forms.ChoiceField(
        label=_("Répéter"),
        choices=[(ONCE, _("une seule fois")), *BookingSeries.Frequency.choices],
        initial=ONCE,
    )
    until = forms.DateField(
        label=_("Jusqu'au (pour une série)"),
        required=False,
        widget=DateInput(),
        help_text=_("Une série dure un an au plus."),
    )
    is_public = forms.BooleanField(
        label=_("Afficher le nom de l'association sur le planning public"), required=False, initial=True
    )
    skip_unavailable = forms.BooleanField(
        label=_("Si certaines dates sont prises ou fermées, réserver quand même les autres"), required=False
    )

    def __init__(self, *args, associations, neighbour_allowed: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.associations = {str(a.pk): a for a in associations}
        choices = [(pk, a.name) for pk, a in self.associations.items()]
        if neighbour_allowed:
            choices.append((MYSELF, _("moi-même (habitant·e)")))
        self.fields["holder"].choices = choices

    def clean(self):
        data = super().clean()
        if all(data.get(name) for name in ("day", "start_time", "end_time")):
            data["start"] = dt.datetime.combine(data["day"], data["start_time"]).replace(tzinfo=PARIS)
            data["end"] = dt.datetime.combine(data["day"], data["end_time"]).replace(tzinfo=PARIS)
        return data

    @property
    def holder_kwargs(self) -> dict:
        holder = self.cleaned_data["holder"]
        return {"neighbour": None, "association": self.associations[holder]} if holder != MYSELF else {}


class CancelForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("Que voulez-vous annuler ?"),
        choices=[("one", _("cette date seulement")), ("rest", _("cette date et les suivantes de la série"))],
        initial="one",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Motif (facultatif)"), max_length=500, required=False)


class DecisionForm(forms.Form):
    message = forms.CharField(
        label=_("Message à l'association"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Obligatoire pour un refus."),
    )


class DayForm(forms.Form):
    date = forms.DateField(label=_("Jour"), widget=DateInput(), required=False)
