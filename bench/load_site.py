"""The client side of bench/load.py (and bench/pages.py): one HTTP request, the people's sockets and the
frames they receive, the servers' CPU."""

from __future__ import annotations

import asyncio
import json
import os
import random
import secrets
import time
from pathlib import Path

import websockets

CONNECTING = 100
IDLE_CPU_SHARE = 0.15  # a server using less than this of a core is idle again after a step


async def http(port: int, method: str, path: str, *, cookies: dict, body: bytes = b"") -> int:
    """One HTTP/1.1 request on its own connection; returns the status code."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
        head = [
            f"{method} {path} HTTP/1.1",
            f"Host: 127.0.0.1:{port}",
            f"Cookie: {cookie}",
            "Connection: close",
            "Accept-Language: fr",
        ]
        if body:
            head += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}"]
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        await writer.drain()
        status_line = await reader.readline()
        status = int(status_line.split()[1])
        while await reader.read(65536):  # drain the body: the page is really served
            pass
        return status
    finally:
        writer.close()


def cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Site:
    """The people, their open sockets and the frames they received, over the whole run."""

    def __init__(self, ports: list[int], pids: list[int], people: list[list]):
        self.ports = ports
        self.pids = pids
        self.people = people  # [user id, session key]
        self.csrf = secrets.token_hex(16)  # a CSRF secret of our own, as the cookie and the form field
        self.sockets: dict[int, object] = {}
        self.socket_errors = 0
        self.arrivals: dict[int, list[float]] = {}
        self.closing = False
        self.posters: list[int] = []
        self.next_poster = 0

    def port_of(self, index: int) -> int:
        return self.ports[index % len(self.ports)]

    async def open_sockets(self, count: int) -> None:
        async def listen(socket, index):
            try:
                async for frame in socket:
                    message = json.loads(frame)
                    if message.get("type") == "notification" and message.get("kind", "").endswith("profile_updated"):
                        self.arrivals.setdefault(index, []).append(time.monotonic())
            except websockets.ConnectionClosed as closed:
                if not self.closing and (closed.rcvd is None or closed.rcvd.code not in (1000, 1001)):
                    self.socket_errors += 1

        connecting = asyncio.Semaphore(CONNECTING)  # people arrive in waves, not in the same millisecond

        async def arrive(index: int) -> None:
            _, key = self.people[index]
            port = self.port_of(index)
            async with connecting:
                try:
                    socket = await websockets.connect(
                        f"ws://127.0.0.1:{port}/ws/",
                        origin=f"http://127.0.0.1:{port}",
                        additional_headers={"Cookie": f"sessionid={key}"},
                        open_timeout=120,
                        max_queue=None,
                    )
                except Exception as error:
                    self.socket_errors += 1
                    if self.socket_errors <= 3:
                        print(f"# socket {index} refused: {error!r}", flush=True)
                    return
            self.sockets[index] = socket
            asyncio.get_running_loop().create_task(listen(socket, index))

        started = time.monotonic()
        await asyncio.gather(*(arrive(i) for i in range(count)))
        print(f"# {len(self.sockets)}/{count} sockets open in {time.monotonic() - started:.1f} s", flush=True)
        self.posters = list(self.sockets)
        random.shuffle(self.posters)

    def take_posters(self, count: int) -> list[int]:
        """People with an open socket, in turn: within a step each posts at most once, so each frame pairs
        with its post; across steps the turn comes back only after everyone else's."""
        count = min(count, len(self.posters))
        taken = [self.posters[(self.next_poster + k) % len(self.posters)] for k in range(count)]
        self.next_poster = (self.next_poster + count) % max(1, len(self.posters))
        return taken

    async def close(self) -> None:
        self.closing = True
        await asyncio.gather(*(socket.close() for socket in self.sockets.values()), return_exceptions=True)

    async def idle(self, limit_s: float = 30) -> None:
        """Wait until the servers have drained what a step left (an overloaded step leaves a queue)."""
        deadline = time.monotonic() + limit_s
        await asyncio.sleep(1)
        while time.monotonic() < deadline:
            before = [cpu_s(pid) for pid in self.pids]
            await asyncio.sleep(0.5)
            if all((cpu_s(pid) - was) / 0.5 < IDLE_CPU_SHARE for pid, was in zip(self.pids, before, strict=True)):
                return
