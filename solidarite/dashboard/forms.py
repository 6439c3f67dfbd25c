"""The dashboard's period: a plain GET form, validated like any other input."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from solidarite.dashboard.figures import Period

MONTH_COUNTS = (3, 6, 12, 24)
DEFAULT = "12"
# Calendar years offered: this one and the previous ones.
YEARS = 5


class PeriodForm(forms.Form):
    period = forms.ChoiceField(label=gettext_lazy("Période"))

    def __init__(self, data, *, now=None):
        """``data`` is the request's GET; without a period, the last twelve months."""
        self.now = timezone.localtime(now or timezone.now())
        value = data.get("period", "") or DEFAULT
        super().__init__({"period": value})
        years = [self.now.year - back for back in range(YEARS)]
        months = [
            (str(count), ngettext("le dernier mois", "les %(count)s derniers mois", count) % {"count": count})
            for count in MONTH_COUNTS
        ]
        self.fields["period"].choices = [
            (_("Derniers mois"), months),
            (_("Années civiles"), [(str(year), _("l'année %(year)s") % {"year": year}) for year in years]),
        ]
        self.fields["period"].error_messages["invalid_choice"] = _(
            "Cette période n'existe pas : choisissez les 3, 6, 12 ou 24 derniers mois, ou une année de %(first)s "
            "à %(last)s."
        ) % {"first": years[-1], "last": years[0]}

    def get_period(self) -> Period:
        value = int(self.cleaned_data["period"])
        if value in MONTH_COUNTS:
            return Period.last_months(value, self.now)
        return Period.calendar_year(value, self.now)
