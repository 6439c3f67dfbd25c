"""Pages for associations (ask, complete, talk) and for city staff (queue, review, decide).

Thin: parse, check permission, call ``services``, render. A refused rule re-renders with 400.
"""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from associations.directory.models import Association
from associations.support import conversation, decisions, drafting, opendata, review, workflow
from associations.support.forms import (
    AssignForm,
    AttachmentForm,
    GrantForm,
    MessageForm,
    NewSupportRequestForm,
    NoteForm,
    QueueFilterForm,
    ReasonForm,
    SupportRequestForm,
)
from associations.support.models import ZERO, Envelope, Grant, SupportRequest
from associations.support.workflow import SupportError, can_manage, can_review

PAGE_SIZE = 30


def _get_visible(request, pk) -> SupportRequest:
    """The request if this person may see it; 404 otherwise (its existence is nobody else's business)."""
    return get_object_or_404(SupportRequest.objects.visible_to(request.user).select_related("association"), pk=pk)


def _require_reviewer(request):
    if not can_review(request.user):
        raise PermissionDenied


def _error_text(error: SupportError) -> str:
    return " ".join(error.messages)


# --- association side ---------------------------------------------------------------------------


@login_required
@require_GET
def my_requests(request):
    associations = Association.objects.managed_by(request.user)
    requests = (
        SupportRequest.objects.filter(association__in=associations)
        .select_related("association", "grant")
        .order_by("-updated_at")
    )
    totals = Grant.objects.filter(request__association__in=associations).aggregate(
        money=Sum("amount", default=ZERO), in_kind=Sum("in_kind_value", default=ZERO)
    )
    context = {
        "requests": requests,
        "totals": totals,
        "has_associations": associations.exists(),
        "is_reviewer": can_review(request.user),
    }
    return render(request, "support/my_requests.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def new_request(request):
    associations = Association.objects.managed_by(request.user)
    if not associations.exists():
        raise PermissionDenied
    form = NewSupportRequestForm(request.POST or None, associations=associations)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in drafting.EDITABLE_FIELDS}
        try:
            created = drafting.create_request(association=form.cleaned_data["association"], by=request.user, **fields)
        except SupportError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("Brouillon enregistré. Vous pouvez le compléter puis le déposer."))
            return redirect(created)
    return render(
        request,
        "support/request_form.html",
        {"form": form, "support_request": None},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit_request(request, pk):
    support_request = _get_visible(request, pk)
    if not can_manage(request.user, support_request):
        raise PermissionDenied
    form = SupportRequestForm(request.POST or None, instance=support_request)
    if not support_request.is_editable:
        messages.error(request, _("Cette demande ne peut plus être modifiée."))
        return redirect(support_request)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in drafting.EDITABLE_FIELDS}
        try:
            drafting.update_request(support_request=support_request, by=request.user, **fields)
        except SupportError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("Demande enregistrée."))
            return redirect(support_request)
    return render(
        request,
        "support/request_form.html",
        {"form": form, "support_request": support_request},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def upload_attachment(request, pk):
    support_request = _get_visible(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, support_request, status=400, attachment_form=form)
    try:
        conversation.add_attachment(support_request=support_request, by=request.user, upload=form.cleaned_data["file"])
    except SupportError as error:
        form.add_error("file", _error_text(error))
        return _detail(request, support_request, status=400, attachment_form=form)
    messages.success(request, _("Pièce jointe ajoutée."))
    return redirect(support_request)


@login_required
@require_POST
def delete_attachment(request, pk, attachment_pk):
    support_request = _get_visible(request, pk)
    attachment = get_object_or_404(support_request.attachments, pk=attachment_pk)
    try:
        conversation.remove_attachment(attachment=attachment, by=request.user)
    except SupportError as error:
        return _detail(request, support_request, status=400, error=_error_text(error))
    messages.success(request, _("Pièce jointe retirée."))
    return redirect(support_request)


@login_required
@require_GET
def download_attachment(request, pk, attachment_pk):
    support_request = _get_visible(request, pk)
    attachment = get_object_or_404(support_request.attachments, pk=attachment_pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=attachment.name, content_type=attachment.content_type)


# --- both sides ------------------------------------------------------------------------------------


def _detail(request, support_request, *, status=200, **forms):
    user = request.user
    reviewer = can_review(user)
    manager = can_manage(user, support_request)
    steps = workflow.available_steps(user, support_request)
    grant_form = None
    if reviewer and workflow.SUPPORT.can(support_request, "grant"):
        grant_form = forms.get("grant_form") or GrantForm(support_request=support_request)
    context = {
        "support_request": support_request,
        "is_reviewer": reviewer,
        "is_manager": manager,
        "attachments": support_request.attachments.all(),
        "conversation": support_request.messages.select_related("author"),
        "history": (
            support_request.transitions if reviewer else support_request.transitions.for_association()
        ).select_related("by", "assigned_reviewer", "assigned_team"),
        "decision": Grant.objects.filter(request=support_request)
        .select_related("envelope", "room_booking__room")
        .first(),
        "steps": steps,
        "may_message": workflow.may_message(user, support_request),
        "reason_form": forms.get("reason_form") or ReasonForm(),
        "failed_step": forms.get("failed_step", ""),
        "error": forms.get("error", ""),
        "message_form": forms.get("message_form") or MessageForm(),
        "attachment_form": (forms.get("attachment_form") or AttachmentForm())
        if manager and support_request.is_editable
        else None,
        "missing": drafting.missing_for_submission(support_request)
        if manager and workflow.SUPPORT.can(support_request, "submit")
        else [],
        "is_stale": support_request.is_stale(),
        "grant_form": grant_form,
    }
    # Private notes reach the template only for staff: it cannot leak what it never gets.
    context["private_notes"] = support_request.private_notes.select_related("author") if reviewer else None
    context["note_form"] = (forms.get("note_form") or NoteForm()) if reviewer else None
    context["assign_form"] = (
        (
            forms.get("assign_form")
            or AssignForm(initial={"reviewer": support_request.reviewer_id, "team": support_request.team_id})
        )
        if reviewer
        else None
    )
    return render(request, "support/detail.html", context, status=status)


@login_required
@require_GET
def detail(request, pk):
    return _detail(request, _get_visible(request, pk))


@login_required
@require_POST
def take_step(request, pk, name):
    support_request = _get_visible(request, pk)
    if name not in workflow.SIMPLE_STEPS:
        raise Http404
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _detail(request, support_request, status=400, reason_form=form, failed_step=name)
    try:
        review.transition(
            support_request=support_request, name=name, by=request.user, reason=form.cleaned_data["reason"]
        )
    except SupportError as error:
        form.add_error("reason", _error_text(error))
        return _detail(
            request, support_request, status=400, reason_form=form, failed_step=name, error=_error_text(error)
        )
    support_request.refresh_from_db()
    messages.success(
        request, _("C'est fait : la demande est « %(state)s ».") % {"state": support_request.get_state_display()}
    )
    return redirect(support_request)


@login_required
@require_POST
def post_message(request, pk):
    support_request = _get_visible(request, pk)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            conversation.post_message(support_request=support_request, by=request.user, body=form.cleaned_data["body"])
        except SupportError as error:
            form.add_error("body", _error_text(error))
    if form.errors:
        return _detail(request, support_request, status=400, message_form=form)
    messages.success(request, _("Message envoyé."))
    return redirect(f"{support_request.get_absolute_url()}#messages")


# --- staff side ------------------------------------------------------------------------------------


@login_required
@require_POST
def add_note(request, pk):
    _require_reviewer(request)
    support_request = _get_visible(request, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            conversation.add_private_note(
                support_request=support_request, by=request.user, body=form.cleaned_data["body"]
            )
        except SupportError as error:
            form.add_error("body", _error_text(error))
    if form.errors:
        return _detail(request, support_request, status=400, note_form=form)
    messages.success(request, _("Note enregistrée."))
    return redirect(f"{support_request.get_absolute_url()}#notes")


@login_required
@require_POST
def assign(request, pk):
    _require_reviewer(request)
    support_request = _get_visible(request, pk)
    form = AssignForm(request.POST)
    if form.is_valid():
        try:
            review.assign(support_request=support_request, by=request.user, **form.cleaned_data)
        except SupportError as error:
            form.add_error(None, _error_text(error))
    if form.errors:
        return _detail(request, support_request, status=400, assign_form=form)
    messages.success(request, _("Instruction confiée."))
    return redirect(support_request)


@login_required
@require_POST
def decide_grant(request, pk):
    _require_reviewer(request)
    support_request = _get_visible(request, pk)
    form = GrantForm(request.POST, support_request=support_request)
    if form.is_valid():
        data = {key: value for key, value in form.cleaned_data.items() if value is not None}
        try:
            decisions.grant(support_request=support_request, by=request.user, **data)
        except SupportError as error:
            form.add_error(None, _error_text(error))
    if form.errors:
        return _detail(request, support_request, status=400, grant_form=form)
    messages.success(request, _("Aide accordée. L'association est prévenue."))
    return redirect(support_request)


@login_required
@require_GET
def queue(request):
    _require_reviewer(request)
    form = QueueFilterForm(request.GET or None)
    queryset = SupportRequest.objects.visible_to(request.user).select_related(
        "association", "association__quartier", "reviewer", "team"
    )
    if form.is_bound and form.is_valid():
        queryset = form.filter(queryset, user=request.user)
    else:
        queryset = queryset.awaiting_decision()
    page = Paginator(queryset.order_by("waiting_since", "-submitted_at", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "support/queue.html",
        {"form": form, "page": page, "query": query.urlencode()},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def envelopes(request):
    _require_reviewer(request)
    context = {"envelopes": Envelope.objects.all(), "open_data_problem": opendata.town_siret_problem()}
    return render(request, "support/envelopes.html", context)


# --- open data -------------------------------------------------------------------------------------


@require_GET
def scdl_csv(request):
    problem = opendata.town_siret_problem()
    if problem:
        return HttpResponse(problem, status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="subventions.csv"'
    writer = csv.writer(response, lineterminator="\r\n")
    writer.writerow(opendata.COLUMNS)
    for row in opendata.rows():
        writer.writerow([row[column] for column in opendata.COLUMNS])
    return response
