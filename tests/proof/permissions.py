"""THE permissions table: who may reach each route (read by tests/proof/test_permissions_matrix.py).

Roles (see the test's docstring for who they are in the demo world):
    visitor · neighbour (author of the help request, one side of its match) · other (another neighbour)
    manager (of another association) · shopkeeper (of another shop) · staff (city staff)

Each route maps HTTP methods to the roles allowed, in the order of ROLES ("nobody" when none is).
POST routes are sent an empty form: an allowed role gets a form error or a redirect, a refused one a
403/404 or the sign-in page. A new route fails the test until it is added here.
"""

ROLES = ["visitor", "neighbour", "other", "manager", "shopkeeper", "staff"]
ALL = " ".join(ROLES)
SIGNED_IN = "neighbour other manager shopkeeper staff"

METHODS_BODY = {"POST": {"data": {}}}

# Routes the matrix does not request, and why.
SKIPPED = {
    "accounts:logout": "signs the client out (tested in tests/foundation)",
    "accounts:confirm_email": "needs a one-time token (tested in tests/foundation and the e2e journey)",
    "accounts:password_reset_confirm": "needs a one-time token (Django's own view)",
    "accounts:delete_account": "deletes the account (tested in tests/foundation and the e2e journey)",
    "set_language": "Django's language switch, no data",
    "api:api-root": "DRF's index of the API routes",
}

ROUTES: dict[str, dict[str, str]] = {}
