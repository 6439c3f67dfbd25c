"""Reports of neighbours on posts and messages, and city staff's moderation pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from solidarite.accounts.roles import require_city_staff
from solidarite.forms import show_service_error
from solidarite.help import reporting
from solidarite.help.forms import LOCATION_ALIASES, ModerationForm, ReportForm
from solidarite.help.models import HelpOffer, HelpRequest, Message, Report
from solidarite.help.page_access import match_for

PAGE_SIZE = 30


def _report_target(user, kind, pk):
    if kind == "demande":
        return get_object_or_404(HelpRequest.objects.visible_to(user), pk=pk)
    if kind == "proposition":
        return get_object_or_404(HelpOffer.objects.visible_to(user), pk=pk)
    if kind == "message":
        message = get_object_or_404(Message.objects.select_related("match"), pk=pk)
        match_for(user, message.match_id)  # only the two sides can see (hence report) a message
        return message
    raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def report_new(request, kind, pk):
    target = _report_target(request.user, kind, pk)
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                reporting.report(by=request.user, target=target, **form.cleaned_data)
            except ValidationError as error:
                show_service_error(form, error, aliases=LOCATION_ALIASES)
            else:
                messages.success(request, _("Merci, l'équipe de la ville va regarder."))
                return redirect("help:feed")
    return render(request, "help/report_form.html", {"form": form, "kind": kind, "target": target}, status=status)


@login_required
@require_http_methods(["GET"])
def moderation(request):
    require_city_staff(request.user)
    reports = Report.objects.filter(status=Report.Status.OPEN).select_related(
        "reporter", "request__author", "offer__author", "message__author"
    )
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "help/moderation.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def moderate(request, pk):
    require_city_staff(request.user)
    report = get_object_or_404(Report.objects.select_related("request", "offer", "message"), pk=pk)
    form = ModerationForm(request.POST or None)
    if request.method == "GET":
        return render(request, "help/moderate_form.html", {"form": form, "report": report})
    if form.is_valid():
        try:
            reporting.moderate(report=report, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_service_error(form, error, aliases=LOCATION_ALIASES)
        else:
            messages.success(request, _("Décision enregistrée ; la personne est prévenue."))
            return redirect("help:moderation")
    return render(request, "help/moderate_form.html", {"form": form, "report": report}, status=400)
