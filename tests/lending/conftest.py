import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def french():
    with translation.override("fr"):
        yield
