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

from kansencoach.cli.serve import public_address, server

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
        terminal, _ = server.communicate(timeout=20)
    assert b"Kansencoach" in text.replace(b" ", b"") or b"Kansencoach" in text
    # What the terminal that runs `serve` shows: the Dutch line, none of textual-serve's English.
    assert terminal.decode().splitlines() == [f"Open http://127.0.0.1:{port} in je browser. Stop met Ctrl+C."]


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


def page_addresses(public_url: str | None) -> list[str]:
    """Every address in the page `kansencoach serve --host 0.0.0.0` gives a browser."""

    async def page() -> str:
        app = await server("0.0.0.0", 8123, public_url)._make_app()
        async with TestClient(TestServer(app)) as client:
            response = await client.get("/")
            assert response.status == 200
            return await response.text()

    html = asyncio.run(page())
    return re.findall(r"[a-z]+://[^\s\"')]+", html) + re.findall(r'(?:src|href)="([^"]*)"', html)


def test_behind_a_proxy_the_page_sends_browsers_to_the_public_url() -> None:
    # Listening on every address, the page would send a colleague's browser to 0.0.0.0.
    assert any(address.startswith("ws://0.0.0.0:8123/") for address in page_addresses(None))
    addresses = page_addresses(public_address("https://kansen.gemeente.nl/coach/"))
    assert len(addresses) >= 5
    assert [a for a in addresses if not a.startswith(("https://kansen.gemeente.nl/coach/", "wss://"))] == []
    assert "wss://kansen.gemeente.nl/coach/ws" in addresses


@pytest.mark.parametrize(
    "url",
    ["kansen.gemeente.nl", "ftp://kansen.gemeente.nl", "https://", "http://host:poort", "https://x/?a=1"],
)
def test_serve_refuses_a_public_url_a_browser_cannot_open(url: str) -> None:
    result = kansencoach("serve", "--public-url", url)
    assert result.returncode == 2
    assert f"--public-url {url} is geen webadres" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_on_every_address_without_a_public_url_says_to_give_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[str | None] = []
    monkeypatch.setattr("textual_serve.server.Server.serve", lambda self: started.append(self.public_url))
    port = str(free_port())  # serve tries the port before it says where to open it
    result = kansencoach("serve", "--host", "0.0.0.0", "--port", port)
    assert result.returncode == 0
    assert "--public-url" in result.stderr and "0.0.0.0" in result.stderr
    result = kansencoach(
        "serve", "--host", "0.0.0.0", "--port", port, "--public-url", "https://kansen.gemeente.nl/"
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "Open https://kansen.gemeente.nl in je browser" in result.stdout
    assert started == [f"http://0.0.0.0:{port}", "https://kansen.gemeente.nl"]


def test_serve_on_a_port_in_use_says_so_before_announcing_anything() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = kansencoach("serve", "--port", str(port))
    assert result.returncode == 2
    assert result.stdout == ""  # no 'Open ... in je browser' for a server that never listened
    assert result.stderr == (
        f"kansencoach: poort {port} is al in gebruik, door een ander programma of een kansencoach serve"
        f" die nog loopt; kies een andere poort, bijvoorbeeld --port {port + 1}\n"
    )


@pytest.mark.parametrize(
    ("host", "told"),
    [
        ("geen-server.invalid", "is niet te vinden: het is geen adres en geen naam die deze computer kent"),
        ("192.0.2.1", "is een adres dat niet bij deze computer hoort"),  # TEST-NET-1: never ours
    ],
)
def test_serve_on_a_host_that_is_not_this_computer_says_so(host: str, told: str) -> None:
    result = kansencoach("serve", "--host", host, "--port", str(free_port()))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"kansencoach: --host {host} {told}; laat --host weg")
    assert "Traceback" not in result.stderr
