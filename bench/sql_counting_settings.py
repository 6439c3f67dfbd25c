"""The daphne settings of bench/post_notify.py: the site's own, plus the SQL statement counter
(bench/sql_counting.py) as the outermost middleware. Only that bench uses it."""

from solidarite.settings import *  # noqa: F403

MIDDLEWARE = ["sql_counting.CountingMiddleware", *MIDDLEWARE]  # noqa: F405
