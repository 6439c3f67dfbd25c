"""The parts of ``bench/digital.py``: one module per digital-inclusion service (devices, places).

Each module exposes:

- ``seed(args, rng) -> state``: rows at the issue's scale, through bulk inserts (seeding is not measured);
- ``measure(args, rng, state, timed) -> dict``: samples of the real entry points (the services the views,
  the API and the sockets call), returned as ``{"<name>_ms": [floats…], …}``, plus any printed detail.

``bench/digital.py`` creates the throw-away database, runs every part in order and prints the last line.
"""
