"""The page of a match: its two sides' conversation, contacts once accepted, and the steps each may take."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from solidarite.forms import error_text, show_service_error
from solidarite.help import checks, conversations, matches
from solidarite.help.forms import LOCATION_ALIASES, DoneForm, MessageForm
from solidarite.help.page_access import match_for
from solidarite.help.workflow import MATCH, side_of


@login_required
@require_http_methods(["GET", "POST"])
def match_detail(request, pk):
    match = match_for(request.user, pk)
    form = MessageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                conversations.send_message(match=match, by=request.user, body=form.cleaned_data["body"])
            except ValidationError as error:
                show_service_error(form, error, aliases=LOCATION_ALIASES)
            except checks.RateLimited as limited:
                form.add_error(None, limited.message)
                status = 429
            else:
                return redirect(reverse("help:match", args=[match.pk]) + "#conversation")
    conversation = list(match.messages.select_related("author")) if match.conversation_open else []
    return render(
        request,
        "help/match_detail.html",
        {
            "match": match,
            "side": side_of(match, request.user),
            "transitions": MATCH.available(match, request.user),
            "contacts": matches.contacts_for(match, request.user),
            "conversation": conversation,
            "form": form,
            "done_form": DoneForm(),
        },
        status=status,
    )


@login_required
@require_POST
def match_transition(request, pk, name):
    match = match_for(request.user, pk)
    if MATCH.step(name) is None:
        raise Http404
    try:
        matches.transition(
            match=match,
            by=request.user,
            name=name,
            reason=request.POST.get("reason", "")[:300],
            thanks=request.POST.get("thanks", ""),
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("help:match", match.pk)
    messages.success(request, _("C'est noté."))
    return redirect("help:match", match.pk)
