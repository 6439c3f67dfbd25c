import pytest
from django.utils import translation

from solidarite.shops import hours


@pytest.fixture(autouse=True)
def french_and_fresh_hours_cache():
    """Services speak the site's default language outside a request (a previous test's request may
    have switched the thread to English), and no parsed hours leak from one test to the next."""
    hours.cache.clear()
    with translation.override("fr"):
        yield
