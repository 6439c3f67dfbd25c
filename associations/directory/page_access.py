"""What the directory's pages share: which association a person may see or manage, and a bad form's 400."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from associations.directory import editing
from associations.directory.models import Association


def render_invalid(request, template, context):
    """Bad input: the form again, with its errors, and a 400."""
    return render(request, template, context, status=400)


def visible_association(request, slug):
    """The page if this person may see it; 404 otherwise (hidden and refused pages are not public)."""
    return get_object_or_404(Association.objects.visible_to(request.user).select_related("quartier"), slug=slug)


def managed_association(request, slug):
    """The page if this person manages it (or is staff acting on it); 403 for others."""
    association = visible_association(request, slug)
    if not editing.can_manage(request.user, association):
        raise PermissionDenied
    return association
