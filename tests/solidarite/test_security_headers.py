import pytest
from django.test import override_settings
from django.urls import reverse

from solidarite.middleware import ContentSecurityPolicyMiddleware

pytestmark = pytest.mark.django_db


def policy_of(response) -> dict[str, list[str]]:
    directives = {}
    for directive in response["Content-Security-Policy"].split(";"):
        name, *values = directive.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("url", ["/", "/compte/connexion/", "/api/v1/quartiers/", "/api/v1/docs/"])
def test_the_csp_forbids_inline_scripts_and_other_hosts(client, url):
    response = client.get(url)
    policy = policy_of(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["img-src"] == ["'self'", "data:"]  # test settings serve tiles from our own host


@override_settings(MAP_TILES_URL="https://{s}.tile.openstreetmap.fr/osmfr/{z}/{x}/{y}.png")
def test_the_map_tiles_host_is_the_only_other_one_and_for_images_only():
    middleware = ContentSecurityPolicyMiddleware(lambda request: None)
    directives = dict(d.split(" ", 1) for d in middleware.policy.split("; "))
    assert directives["img-src"] == "'self' data: https://*.tile.openstreetmap.fr"
    assert "openstreetmap" not in directives["script-src"] + directives["connect-src"] + directives["default-src"]


def test_other_security_headers(client):
    response = client.get(reverse("home"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_session_and_csrf_cookies_are_http_only_and_same_site(client, user):
    csrf = client.get(reverse("accounts:login")).cookies["csrftoken"]
    assert csrf["samesite"] == "Lax"
    client.post(reverse("accounts:login"), {"username": user.email, "password": "motdepasse-solide-42"})
    session = client.cookies["sessionid"]
    assert session["httponly"] and session["samesite"] == "Lax"


def test_plain_http_is_redirected_to_https_except_the_health_check(db):
    from django.test import Client

    with override_settings(SECURE_SSL_REDIRECT=True):
        client = Client()
        home = client.get("/")
        assert home.status_code == 301 and home.url == "https://testserver/"
        assert client.get("/healthz").status_code == 200
