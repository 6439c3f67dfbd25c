"""The parts of ``bench/commons.py``: one module per commons service (loans, gifts, gardens).

Each module exposes:

- ``seed(args, rng) -> state``: rows at the issue's scale, through bulk inserts (seeding is not measured);
- ``measure(args, rng, state, timed) -> dict``: samples of the real entry points (the services the views,
  the API and the sockets call), returned as ``{"<name>_ms": [floats…], …}``, plus any printed detail.

``bench/commons.py`` creates the throw-away database, runs every part in order and prints the last line.
"""
