import pytest
from django.utils import translation

from solidarite.intervals import parsed_hours


@pytest.fixture(autouse=True)
def french():
    """Services speak French outside a request."""
    parsed_hours.cache_clear()
    with translation.override("fr"):
        yield
