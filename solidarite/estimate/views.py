"""The questionnaire's pages: one step per page, without JavaScript, answers in the session only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from solidarite.estimate import (
    claims,
    engine,
    jobs,
    mandate_estimates,
    pages,
    questionnaire,
    reminders,
    results,
    services,
    tally,
)
from solidarite.estimate.models import Claim, SavedEstimate
from solidarite.estimate.questionnaire import SESSION_KEY, STEP_TITLES, STEPS

REFRESH_SECONDS = 2


def _answers(request) -> dict:
    return request.session.get(SESSION_KEY) or {}


def _save(request, answers: dict) -> None:
    request.session[SESSION_KEY] = answers


def _under_mandate(request, answers):
    """The mandate the session's questionnaire is filled under (None: one's own). Checked on every page:
    once the mandate has ended (or never covered it), the answers are dropped and the page refused (403)."""
    pk = answers.get("mandate")
    if pk is None:
        return None
    try:
        return mandate_estimates.current(request.user, pk)
    except PermissionDenied:
        request.session.pop(SESSION_KEY, None)
        raise


def _progress(step):
    index = STEPS.index(step)
    return {
        "number": index + 1,
        "total": len(STEPS),
        "steps": [(s, STEP_TITLES[s], i < index, s == step) for i, s in enumerate(STEPS)],
    }


def _first_missing(answers):
    return next((s for s in questionnaire.FORMS if not answers.get(s)), None)


@require_GET
def start(request):
    answers = _answers(request)
    mandate = _under_mandate(request, answers) if answers.get("mandate") else None
    from solidarite.rights import mandates

    choices = mandates.for_act(request.user, mandate_estimates.SCOPE) if request.user.is_authenticated else []
    return render(
        request,
        "estimate/start.html",
        {"answers": answers, "mandate": mandate, "mandates": [(m.pk, mandates.mandate_label(m)) for m in choices]},
    )


@require_http_methods(["GET", "POST"])
def step(request, step):
    if step not in STEPS:
        raise Http404
    answers = _answers(request)
    _under_mandate(request, answers)
    index = STEPS.index(step)
    missing = _first_missing(answers)
    # A step needs the ones before it (the people depend on the foyer): go to the first one missing.
    if missing and STEPS.index(missing) < index:
        return redirect("estimate:step", step=missing)
    if step == "recapitulatif":
        return render(
            request,
            "estimate/recap.html",
            {
                "step": step,
                "progress": _progress(step),
                "previous": STEPS[index - 1],
                "people": [
                    (label, (answers.get("personnes") or {}).get(f"{key}_age"))
                    for key, label in questionnaire.people_of(answers)
                ],
            },
        )
    form = questionnaire.form_for(step, answers, request.POST if request.method == "POST" else None)
    going_back = request.POST.get("direction") == "back"
    if request.method == "POST":
        if form.is_valid():
            before = questionnaire.people_of(answers)
            answers[step] = questionnaire.to_session(form.cleaned_data)
            if questionnaire.people_of(answers) != before:  # the foyer changed: its people are asked again
                answers.pop("personnes", None)
                answers.pop("ressources", None)
            _save(request, answers)
            return redirect("estimate:step", step=STEPS[index - 1 if going_back else index + 1])
        if going_back and index:  # going back never loses the earlier answers; this page's errors wait
            return redirect("estimate:step", step=STEPS[index - 1])
    return render(
        request,
        "estimate/step.html",
        {
            "step": step,
            "title": STEP_TITLES[step],
            "form": form,
            "progress": _progress(step),
            "previous": STEPS[index - 1] if index else None,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def compute(request):
    answers = _answers(request)
    _under_mandate(request, answers)
    if not questionnaire.complete(answers):
        return redirect("estimate:step", step=_first_missing(answers) or "foyer")
    token, month = jobs.start(answers)
    answers["job"] = {"token": token, "month": month}
    answers.pop("result", None)
    _save(request, answers)
    return redirect("estimate:progress")


@require_GET
def progress(request):
    answers = _answers(request)
    _under_mandate(request, answers)
    job = answers.get("job")
    if not job:
        return redirect("estimate:step", step="recapitulatif")
    state, amounts = jobs.take(job["token"])
    if state == "unknown":  # computed by another process, or it restarted: compute again
        token, month = jobs.start(answers)
        answers["job"] = {"token": token, "month": month}
        _save(request, answers)
        state = "running"
    if state == "done":
        answers["result"] = {"amounts": amounts, "month": job["month"], "version": engine.legislation_version()}
        tally.count(amounts, job["month"])  # anonymous: the month and the aids found, nothing else
        if answers.get("mandate"):
            mandate_estimates.computed(by=request.user, pk=answers["mandate"])
        answers.pop("job")
        _save(request, answers)
        return redirect("estimate:result")
    return render(
        request,
        "estimate/progress.html",
        {"failed": state == "failed", "refresh": REFRESH_SECONDS, "url": reverse("estimate:progress")},
        status=500 if state == "failed" else 200,
    )


@require_GET
def result(request):
    answers = _answers(request)
    mandate = _under_mandate(request, answers)
    found = answers.get("result")
    if not found:
        return redirect("estimate:start")
    return render(
        request,
        "estimate/result.html",
        {
            "lines": results.lines(found["amounts"]),
            "month": found["month"],
            "version": found["version"],
            "mandate": mandate,
        },
    )


@require_POST
def forget(request):
    request.session.pop(SESSION_KEY, None)
    return redirect("estimate:start")


# --- saved estimates: only when the person asks, theirs alone


@login_required
@require_POST
def save(request):
    answers = _answers(request)
    if _under_mandate(request, answers) is not None:
        try:
            mandate_estimates.save(by=request.user, pk=answers["mandate"], answers=answers)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("estimate:result")
        request.session.pop(SESSION_KEY, None)  # done for this person: the mediator's session keeps nothing
        messages.success(request, _("Estimation enregistrée pour la personne."))
        return redirect("estimate:mandate", pk=answers["mandate"])
    try:
        saved = services.save(user=request.user, answers=answers)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("estimate:result")
    messages.success(request, _("Estimation enregistrée. Vous pouvez la supprimer quand vous voulez."))
    return redirect("estimate:saved_detail", pk=saved.pk)


@login_required
@require_GET
def saved_list(request):
    return render(request, "estimate/saved_list.html", {"estimates": SavedEstimate.objects.filter(user=request.user)})


def _mine(request, pk):
    return get_object_or_404(SavedEstimate, pk=pk, user=request.user)


@login_required
@require_GET
def saved_detail(request, pk):
    saved = _mine(request, pk)
    return render(
        request,
        "estimate/saved_detail.html",
        {
            "saved": saved,
            "lines": results.lines(saved.amounts),
            "month": saved.month,
            "version": saved.legislation,
            "sharing": pages.sharing_context(saved),
        },
    )


@login_required
@require_POST
def saved_resume(request, pk):
    saved = _mine(request, pk)
    _save(request, dict(saved.answers))
    return redirect("estimate:step", step="recapitulatif")


@login_required
@require_POST
def saved_delete(request, pk):
    try:
        services.delete(user=request.user, pk=pk)
    except PermissionDenied as error:
        raise Http404 from error
    messages.success(request, _("Estimation supprimée."))
    return redirect("estimate:saved")


# --- « mes démarches »


@login_required
@require_POST
def follow(request, pk):
    saved = _mine(request, pk)
    made = claims.follow(user=request.user, saved=saved)
    messages.success(request, _("%(n)s aide(s) ajoutée(s) à vos démarches.") % {"n": len(made)})
    return redirect("estimate:claims")


@login_required
@require_GET
def claim_list(request):
    mine = list(Claim.objects.filter(user=request.user))
    return render(
        request, "estimate/claims.html", {"rows": pages.claim_rows(mine, request.user), "choices": reminders.CHOICES}
    )


@login_required
@require_POST
def claim_step(request, pk, step):
    try:
        claims.take_step(user=request.user, pk=pk, url_name=step)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _back(request)


@login_required
@require_POST
def claim_reminder(request, pk):
    try:
        reminders.choose(user=request.user, pk=pk, days=request.POST.get("jours"))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("C'est noté pour le rappel."))
    return _back(request)


def _back(request):
    """Back to the page the form was on: one's démarches, a mandate's page or a shared estimate's."""
    for field, name in (("mandat", "estimate:mandate"), ("partage", "estimate:shared")):
        value = request.POST.get(field, "")
        if value.isdigit() and len(value) < 19:
            return redirect(name, pk=int(value))
    return redirect("estimate:claims")
