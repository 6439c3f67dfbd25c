from associations.support import conversation, personal_data, review
from associations.support.models import Message, Transition
from solidarite.accounts.personal_data import covered_models


def test_every_support_model_pointing_to_a_person_is_covered():
    from associations.support.models import Attachment, Grant, PrivateNote, SupportRequest

    assert {SupportRequest, Message, PrivateNote, Attachment, Transition, Grant} <= covered_models()


def test_export_then_erase_keeps_the_record_without_the_person(manager, draft):
    review.transition(support_request=draft, name="submit", by=manager)
    conversation.post_message(support_request=draft, by=manager, body="Merci de votre attention.")
    exported = personal_data.export(manager)
    assert exported["messages"][0]["message"] == "Merci de votre attention."
    assert exported["demandes_creees"][0]["objet"] == draft.title
    personal_data.erase(manager)
    draft.refresh_from_db()
    assert draft.created_by is None
    assert Message.objects.get().author is None and Message.objects.get().body == "Merci de votre attention."
    assert Transition.objects.get().by is None
