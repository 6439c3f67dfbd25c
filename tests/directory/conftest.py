import re

import pytest
from django.core import mail
from django.urls import reverse

from associations.directory import invitations

TOKEN_RE = re.compile(r"/invitations/([A-Za-z0-9_-]+)/")


@pytest.fixture
def invite(django_capture_on_commit_callbacks):
    """Invite someone as the pages do (e-mail sent after commit); returns the invitation and its link."""

    def make(association, by, email):
        with django_capture_on_commit_callbacks(execute=True):
            invitation = invitations.invite_manager(association=association, by=by, email=email)
        token = TOKEN_RE.search(mail.outbox[-1].body).group(1)
        return invitation, reverse("directory:invitation", kwargs={"token": token})

    return make
