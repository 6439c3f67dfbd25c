"""Digital inclusion at scale: refurbished devices allocated to the waiting list, places of digital help.

Seeds a throw-away database (``--database-url postgres://…``, else the configured one, a SQLite file by
default), then measures each service through its real entry points (``bench/digital_parts/``):

- ``devices``: 10,000 equipment requests and 2,000 devices; a new device allocated by the priority rules;
- ``places``: places of digital help; the public map's answer.

Baseline in the same run: a one-row primary-key query and a bare one-row insert in a transaction.
Last line:

    digital requests=10000 allocate_p50_ms=… map_p50_ms=…

    .venv/bin/python bench/digital.py [--database-url postgres://…] [--requests 10000] [--devices 2000]
                                      [--only places|devices]
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import parts  # noqa: E402

# The part modules and the figure of the last line each one gives (its samples' key).
PARTS = {"devices": "allocate_ms", "places": "map_ms"}


def main():
    options = parts.parser(seed=19019, parts=PARTS)
    options.add_argument("--requests", type=int, default=10_000)
    options.add_argument("--devices", type=int, default=2000)
    args = options.parse_args()
    parts.main(args, label="digital", package="digital_parts", parts=PARTS, head=f"digital requests={args.requests}")


if __name__ == "__main__":
    main()
