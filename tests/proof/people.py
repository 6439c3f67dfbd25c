"""A person using the live server without a browser: an HTTP session and its socket."""

from __future__ import annotations

import asyncio
import json
import re

import requests
import websockets


class Person:
    def __init__(self, base_url: str, email: str, password: str):
        self.base_url = base_url
        self.email = email
        self.http = requests.Session()
        self.http.headers["Referer"] = base_url + "/"
        page = self.http.get(base_url + "/compte/connexion/", timeout=10)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        done = self.http.post(
            base_url + "/compte/connexion/",
            data={"csrfmiddlewaretoken": token, "username": email, "password": password},
            timeout=10,
            allow_redirects=False,
        )
        assert done.status_code == 302, f"sign-in of {email} failed ({done.status_code})"
        self.session = self.http.cookies["sessionid"]

    def csrf(self, path: str) -> str:
        page = self.http.get(self.base_url + path, timeout=10)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)

    def post_form(self, path: str, data: dict) -> requests.Response:
        token = self.csrf(path)
        return self.http.post(
            self.base_url + path, data={"csrfmiddlewaretoken": token, **data}, timeout=10, allow_redirects=False
        )

    async def socket(self, last_id: int | None = None):
        """Open /ws/ as this person's browser tab would (cookie + our own Origin)."""
        url = self.base_url.replace("http://", "ws://") + "/ws/"
        if last_id is not None:
            url += f"?last_id={last_id}"
        return await websockets.connect(
            url,
            origin=self.base_url,
            additional_headers={"Cookie": f"sessionid={self.session}"},
            open_timeout=10,
        )


async def notifications_until_replayed(socket, timeout: float = 10.0) -> list[int]:
    """Ids of the notifications a socket receives up to the "replayed" frame."""
    ids = []
    while True:
        message = json.loads(await asyncio.wait_for(socket.recv(), timeout))
        if message["type"] == "notification":
            ids.append(message["id"])
        elif message["type"] == "replayed":
            return ids


async def next_notification(socket, timeout: float = 10.0) -> dict:
    while True:
        message = json.loads(await asyncio.wait_for(socket.recv(), timeout))
        if message["type"] == "notification":
            return message
