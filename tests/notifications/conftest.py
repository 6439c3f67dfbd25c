# Every socket test of this package runs under the settings of tests/sockets.py.
from tests.sockets import live_settings  # noqa: F401
