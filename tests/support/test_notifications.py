from associations.support import review


def test_submitting_tells_the_city_and_deciding_tells_the_association(
    draft, manager, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        review.transition(support_request=draft, name="submit", by=manager)
    assert reviewer.notifications.filter(kind="support.submit").count() == 1
    assert mailoutbox[-1].to == [reviewer.email]
    review.transition(support_request=draft, name="start_review", by=reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        review.transition(support_request=draft, name="refuse", by=reviewer, reason="Budget épuisé cette année.")
    notification = manager.notifications.get(kind="support.refuse")
    assert "refusée" in notification.title and notification.body == "Budget épuisé cette année."
    assert notification.url == draft.get_absolute_url()
    assert mailoutbox[-1].to == [manager.email] and "Budget épuisé" in mailoutbox[-1].body


def test_no_mail_leaves_before_the_transaction_commits(draft, manager, reviewer, mailoutbox):
    review.transition(support_request=draft, name="submit", by=manager)
    assert mailoutbox == []  # the on-commit callback never ran inside the test transaction


def test_assigning_a_reviewer_tells_them(in_review, reviewer):
    from tests.factories import UserFactory

    colleague = UserFactory(staff=True)
    review.assign(support_request=in_review, by=reviewer, reviewer=colleague)
    assert colleague.notifications.filter(kind="support.assigned").exists()
    in_review.refresh_from_db()
    assert in_review.reviewer == colleague
