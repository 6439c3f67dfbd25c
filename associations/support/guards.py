"""Who may write on a support request: its association's managers, the city's reviewers."""

from django.core.exceptions import PermissionDenied

from associations.support.workflow import (
    MANAGER,
    REFUSED,
    STAFF,
    can_review,
)
from solidarite.accounts.roles import can_post


def require_manager(user, association):
    if not (can_post(user) and association.is_manager(user)):
        raise PermissionDenied(REFUSED[MANAGER])


def require_staff(user):
    if not can_review(user):
        raise PermissionDenied(REFUSED[STAFF])
