"""A refused request (403) is one line at INFO in the server log, never a warning with a traceback.

Django logs a 403 as a warning, and one from ``PermissionDenied`` with the whole traceback: a
refusal is the platform doing its job. Pages and the API alike; other answers keep their levels."""

import logging

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from solidarite.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


def _server_lines(records) -> list[str]:
    """The records as the server's console handler writes them (settings.LOGGING)."""
    formatter = logging.Formatter(settings.LOGGING["formatters"]["plain"]["format"])
    return [formatter.format(record) for record in records]


def _request_records(caplog, status: int) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "django.request" and getattr(r, "status_code", None) == status]


def test_a_page_refused_with_permission_denied_is_one_info_line(client_for, user, caplog):
    with caplog.at_level(logging.DEBUG):
        response = client_for(user).get("/tableau-de-bord/")  # staff only: PermissionDenied

    assert response.status_code == 403
    records = _request_records(caplog, 403)
    assert [(r.levelno, r.exc_info) for r in records] == [(logging.INFO, None)]
    (line,) = _server_lines(records)
    assert "\n" not in line and "Traceback" not in line
    assert "INFO django.request Forbidden (Permission denied): /tableau-de-bord/" in line


def test_an_api_permission_refusal_is_one_info_line(user, caplog):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {ApiToken.objects.issue(user=user, name='t', read_only=True)[1]}")
    with caplog.at_level(logging.DEBUG):
        response = client.post("/api/v1/notifications/mark-read/", {"all": True}, format="json")  # read-only token

    assert response.status_code == 403
    records = _request_records(caplog, 403)
    assert [(r.levelno, r.exc_info) for r in records] == [(logging.INFO, None)]
    (line,) = _server_lines(records)
    assert "\n" not in line and "/api/v1/notifications/mark-read/" in line


def test_other_client_errors_keep_their_warning(client, caplog):
    with caplog.at_level(logging.DEBUG):
        assert client.get("/cette-page-n-existe-pas/").status_code == 404

    assert [r.levelno for r in _request_records(caplog, 404)] == [logging.WARNING]
