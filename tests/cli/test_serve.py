"""`kansencoach serve`: the app reaches a browser over textual-serve's websocket."""

from __future__ import annotations

import asyncio
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from kansencoach.cli.serve import server

from helpers import kansencoach

ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def screen_text(port: int, wanted: bytes, limit: float) -> bytes:
    """What the app draws in the browser's terminal, until `wanted` shows (or the limit passes)."""
    seen = b""
    async with aiohttp.ClientSession() as client:
        for _ in range(int(limit * 10)):  # the server may still be starting on a busy machine
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                await asyncio.sleep(0.1)
        page = await client.get(f"http://127.0.0.1:{port}/")
        assert page.status == 200
        assert "Kansencoach" in await page.text()
        async with client.ws_connect(f"http://127.0.0.1:{port}/ws?width=100&height=30") as socket_:
            await socket_.send_json(["resize", {"width": 100, "height": 30}])

            async def read() -> None:
                nonlocal seen
                async for message in socket_:
                    if message.type == aiohttp.WSMsgType.BINARY:
                        seen += message.data
                        if wanted in ANSI.sub(b"", seen).replace(b" ", b""):
                            return

            await asyncio.wait_for(read(), limit)
    return ANSI.sub(b"", seen)


@pytest.mark.slow
def test_the_start_screen_arrives_over_the_websocket(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "KANSENCOACH_HOME": str(tmp_path)}
    server = subprocess.Popen(
        [sys.executable, "-m", "kansencoach", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        text = asyncio.run(screen_text(port, b"Nieuwvoorstel", limit=120))
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert b"Kansencoach" in text.replace(b" ", b"") or b"Kansencoach" in text


def test_serve_refuses_a_port_that_does_not_exist() -> None:
    result = kansencoach("serve", "--port", "70000")
    assert result.returncode == 2
    assert "70000" in result.stderr


def test_the_browser_page_is_dutch_and_loads_nothing_from_elsewhere() -> None:
    # textual-serve's own page is English and fetches its font from Google: a municipality's closed
    # network would not load it, and Google would see who opens the app.
    async def page() -> str:
        app = await server("127.0.0.1", 8123)._make_app()
        async with TestClient(TestServer(app)) as client:
            response = await client.get("/")
            assert response.status == 200
            return await response.text()

    html = asyncio.run(page())
    assert '<html lang="nl">' in html
    assert "<title>Kansencoach</title>" in html
    assert "Even geduld, de kansencoach wordt gestart" in html
    assert "De kansencoach is gestopt, of de verbinding is verbroken." in html
    assert ">Opnieuw starten</button>" in html and ">Starten</button>" in html
    for english in ("Session ended", "Restart", "Textual Application", ">Start<"):
        assert english not in html
    # Every address in the page is this server's own (its public URL, the one textual-serve uses),
    # also those given without a scheme (src, href, CSS url()).
    own = ("http://127.0.0.1:8123/", "ws://127.0.0.1:8123/")
    addresses = re.findall(r"[a-z]+://[^\s\"')]+", html)
    addresses += re.findall(r'(?:src|href)="([^"]*)"', html) + re.findall(r'url\("?([^")]*)', html)
    assert len(addresses) >= 5
    assert [address for address in addresses if not address.startswith(own)] == []
    assert "googleapis" not in html and "fonts.gstatic" not in html
    assert "fonts/RobotoMono-VariableFont_wght.ttf" in html  # the terminal's font, served here
