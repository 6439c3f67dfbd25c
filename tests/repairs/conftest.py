import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def french():
    """Services speak French outside a request."""
    with translation.override("fr"):
        yield
