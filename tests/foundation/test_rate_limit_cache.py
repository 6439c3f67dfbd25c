"""The cache holds rate-limit counters: it must not drop them when many people are active."""

from django.core.cache import cache


def test_counters_survive_when_hundreds_of_people_are_active(db):
    cache.set("a-rate-limit-counter", 4, 600)
    for i in range(400):  # Django's default would cull a third of the rows past 300
        cache.set(f"someone-{i}", 1, 600)
    assert cache.get("a-rate-limit-counter") == 4
