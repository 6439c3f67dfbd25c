"""The worker pool computes in another process and gives each household its own answer."""

import pytest

from solidarite.estimate import pool
from solidarite.estimate.situation import Household, Person


@pytest.mark.slow
def test_households_queued_together_get_their_own_amounts_from_the_worker_process():
    alone = Household([Person("demandeur", 40)], housing="autre")
    family = Household(
        [Person("demandeur", 40), Person("enfant", 8), Person("enfant", 12)], housing="locataire_hlm", rent=450
    )
    from solidarite.estimate import engine

    loaded_here = engine._system is not None
    try:
        futures = [pool.submit(alone, "2024-12"), pool.submit(family, "2024-12")]
        first, second = (f.result(timeout=300) for f in futures)
    finally:
        pool.shutdown()
    assert first["allocations_familiales"] == 0
    assert second["allocations_familiales"] > 100  # two children: AF, the single adult none
    assert second["aides_logement"] > 0 and first["aides_logement"] == 0  # the HLM tenant only
    assert first["rsa"] > 0
    assert (engine._system is not None) == loaded_here  # computed in the worker, not in this process
