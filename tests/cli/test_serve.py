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
