"""Take the browser screenshot in docs/images/serve.png: `kansencoach serve` seen in headless Chromium.

Usage: python scripts/serve_screenshot.py [OUT.png]. Needs Debian's chromium. It starts the server
on a free local port with an empty store, lets Chromium load the page, waits until the start screen
has been drawn, and saves what the browser shows.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import aiohttp

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1280,800",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def wait_for_port(port: int) -> None:
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            await asyncio.sleep(0.1)
    raise SystemExit(f"nothing listens on port {port}")


async def screenshot(app_port: int, debug_port: int, out: Path) -> None:
    await wait_for_port(debug_port)
    async with aiohttp.ClientSession() as client:
        targets = await (await client.get(f"http://127.0.0.1:{debug_port}/json")).json()
        page = next(target for target in targets if target["type"] == "page")
        async with client.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as cdp:
            counter = 0

            async def call(method: str, **params: object) -> dict[str, object]:
                nonlocal counter
                counter += 1
                await cdp.send_str(json.dumps({"id": counter, "method": method, "params": params}))
                async for message in cdp:
                    reply = json.loads(message.data)
                    if reply.get("id") == counter:
                        return dict(reply.get("result", {}))
                raise SystemExit("Chromium closed the connection")

            await call("Page.navigate", url=f"http://127.0.0.1:{app_port}/")
            drawn = "document.body.classList.contains('-first-byte') && document.body.innerText.includes('Nieuw voorstel')"
            for _ in range(300):
                result = await call("Runtime.evaluate", expression=drawn)
                if dict(result.get("result", {})).get("value") is True:
                    break
                await asyncio.sleep(0.1)
            await asyncio.sleep(1)  # the terminal fades in over 0.3 s
            shot = await call("Page.captureScreenshot", format="png")
            out.write_bytes(base64.b64decode(str(shot["data"])))


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/images/serve.png")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 2
    app_port, debug_port = free_port(), free_port()
    with tempfile.TemporaryDirectory() as home, tempfile.TemporaryDirectory() as profile:
        env = {**os.environ, "KANSENCOACH_HOME": home}
        server = subprocess.Popen(
            [sys.executable, "-m", "kansencoach", "serve", "--port", str(app_port)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        browser = subprocess.Popen(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--remote-debugging-port={debug_port}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            asyncio.run(wait_for_port(app_port))
            asyncio.run(screenshot(app_port, debug_port, out))
        finally:
            browser.terminate()
            server.terminate()
            browser.wait(timeout=20)
            server.wait(timeout=20)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
