"""The commons of a large town: the library of things, giveaways and shared gardens at scale.

Seeds a throw-away database (``--database-url postgres://…``, else the configured one, a SQLite file by
default), then measures each service through its real entry points (``bench/commons_parts/``):

- ``loans``: 2,000 items and 50,000 past loans; a loan booked for a free period of one item;
- ``gifts``: 20,000 gifts and wishes; a gift offered and matched live against the open wishes;
- ``gardens``: gardens with plots and waiting lists; a freed plot offered to the next applicant.

Baseline in the same run: a one-row primary-key query and a bare one-row insert in a transaction.
Last line:

    commons items=2000 loan_p50_ms=… gift_match_p50_ms=… garden_offer_p50_ms=…

    .venv/bin/python bench/commons.py [--database-url postgres://…] [--items 2000] [--loans 50000]
                                      [--gifts 20000] [--only loans|gifts|gardens]
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import parts  # noqa: E402

# The part modules and the figure of the last line each one gives (its samples' key).
PARTS = {"loans": "loan_ms", "gifts": "gift_match_ms", "gardens": "garden_offer_ms"}


def main():
    options = parts.parser(seed=18018, parts=PARTS)
    options.add_argument("--items", type=int, default=2000)
    options.add_argument("--loans", type=int, default=50_000)
    options.add_argument("--gifts", type=int, default=20_000)
    args = options.parse_args()
    parts.main(args, label="commons", package="commons_parts", parts=PARTS, head=f"commons items={args.items}")


if __name__ == "__main__":
    main()
