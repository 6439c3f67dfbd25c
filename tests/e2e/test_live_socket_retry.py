"""The page's live socket (static/js/live.js) in Chromium, against a scripted server.

Told "try again later" (4013: the server cannot reach its channel layer) it comes back, later each
time; told "not allowed" (4403: signed out, suspended, deleted; 1008: policy) it stays away. The
page's own WebSocket is replaced by a stand-in the test drives, and the page's clock is Playwright's:
minutes of backoff pass in no time, and nothing else (no server) is needed.
"""

import pytest

from tests.proof.live import ROOT

LIVE_JS = (ROOT / "static" / "js" / "live.js").read_text()

# What the browser's WebSocket does, as far as live.js uses it; the test plays the server.
STAND_IN = """
window.__sockets = [];
class StandInSocket extends EventTarget {
  constructor(url) {
    super();
    this.url = url;
    this.readyState = 0;
    this.createdAt = Date.now();
    window.__sockets.push(this);
  }
  send(data) {}
  close() {}
  accept() { this.readyState = 1; this.dispatchEvent(new Event("open")); }
  say(message) { this.dispatchEvent(new MessageEvent("message", { data: JSON.stringify(message) })); }
  closeWith(code) {
    this.readyState = 3;
    this.closedAt = Date.now();
    this.dispatchEvent(new CloseEvent("close", { code: code }));
  }
}
StandInSocket.OPEN = 1;
window.WebSocket = StandInSocket;
"""
LONG_MS = 10 * 60 * 1000  # far beyond the longest delay


@pytest.fixture
def page(chromium):
    page = chromium.new_page()
    page.clock.install()
    page.set_content('<body data-live-url="/ws/" data-last-id="7"><p id="live-region"></p></body>')
    page.add_script_tag(content=STAND_IN)
    page.add_script_tag(content=LIVE_JS)
    yield page
    page.close()


def _sockets(page) -> int:
    return page.evaluate("window.__sockets.length")


def _accept_then_close(page, code: int) -> None:
    page.evaluate(f"(() => {{ const s = window.__sockets.at(-1); s.accept(); s.closeWith({code}); }})()")


def _next_delay_ms(page) -> int:
    """Let time pass until the script opens its next socket; how long after the close it did."""
    before = _sockets(page)
    page.clock.run_for(LONG_MS)
    assert _sockets(page) == before + 1, "the script did not come back exactly once"
    return page.evaluate("window.__sockets.at(-1).createdAt - window.__sockets.at(-2).closedAt")


def test_try_again_later_brings_the_socket_back_later_each_time_and_replays(page):
    assert _sockets(page) == 1
    delays = []
    for _ in range(5):
        _accept_then_close(page, 4013)  # accepted, then "try again later": the delay keeps growing
        delays.append(_next_delay_ms(page))

    for step, delay in enumerate(delays, start=1):
        assert 500 * 2**step <= delay <= 750 * 2**step, delays

    # The server is back: it answers, and the next loss starts again from the shortest delay. The
    # tab asks for what it missed since the last notification it saw.
    page.evaluate(
        """(() => { const s = window.__sockets.at(-1); s.accept();
        s.say({ type: "notification", id: 9, title: "Bonjour", unread: 1 });
        s.say({ type: "replayed", last_id: 9, unread: 1 }); s.closeWith(1006); })()"""
    )
    assert 1000 <= _next_delay_ms(page) <= 1500
    assert page.evaluate("window.__sockets.at(-1).url").endswith("/ws/?last_id=9")


@pytest.mark.parametrize("code", [4403, 1008])
def test_not_allowed_keeps_the_socket_away(page, code):
    _accept_then_close(page, 4013)
    _next_delay_ms(page)
    _accept_then_close(page, code)
    page.clock.run_for(LONG_MS)
    assert _sockets(page) == 2
