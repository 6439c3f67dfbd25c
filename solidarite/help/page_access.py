"""What the help pages share to find an object for the person asking (a 404 for anyone who must not learn
it exists). Views import no other views: what two of them need lives here."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from solidarite.help.models import Match


def match_for(user, pk) -> Match:
    """A match, for its two sides only: anyone else gets a 404 (they must not learn it exists)."""
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(
        Match.objects.involving(user).select_related(
            "request__category", "request__quartier", "request__author", "offer__author", "offer__quartier"
        ),
        pk=pk,
    )
