import pytest
from django.utils import translation

from solidarite.shops import hours


@pytest.fixture(autouse=True)
def french_and_fresh_hours_cache():
    """Services speak French outside a request, and no parsed opening hours leak between tests."""
    hours.cache.clear()
    with translation.override("fr"):
        yield
