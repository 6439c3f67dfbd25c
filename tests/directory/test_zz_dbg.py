import pytest
from associations.directory.forms import AssociationForm
from tests.directory.test_request_association import form
pytestmark = pytest.mark.django_db
def test_dbg(user):
    f = AssociationForm(form(), initial={"city": "Rezé"})
    print("VALID", f.is_valid(), f.errors, f.service_fields())
