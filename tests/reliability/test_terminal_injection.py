"""Every class of control and bidi character, written into answers, titles, flows and knowledge:
none of them reaches the terminal, from the CLI, plain mode or the app; each is shown visibly."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kansencoach.core.common.terminal import visible
from kansencoach.core.sessions.session import Session
from kansencoach.core.sessions.store import Store
from kansencoach.tui.app import KansencoachApp
from kansencoach.tui.screens.chat import ChatScreen

from helpers import DATA, HANG, answer_current, found, kansencoach_bytes, mini_flow

SEQUENCES = {
    "osc-title": "\x1b]0;gekaapt\x07",
    "osc-clipboard": "\x1b]52;c;aGFjaw==\x07",
    "csi-clear": "\x1b[2J\x1b[H",
    "dcs": "\x1bP1$r\x1b\\",
    "c1-csi": "\x9b31m",
    "c1-osc": "\x9d0;t\x9c",
    "bell-backspace-delete": "\x07\x08\x7f",
    "nul-and-cr": "\x00 \r",
    "rtl-override": "\u202eesrever\u202c",
    "isolates-and-marks": "\u2066\u2067\u2068\u2069\u200e\u200f\u061c",
    "line-separators": "\u2028\u2029",
}
EVERYTHING = "begin " + " | ".join(SEQUENCES.values()) + " eind"
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)
"""Every character the sanitiser hides; newline and tab are the only controls a terminal gets."""


def assert_clean(output: bytes | str, where: str) -> None:
    text = output.decode("utf-8", errors="strict") if isinstance(output, bytes) else output
    found = sorted({f"U+{ord(char):04X}" for char in FORBIDDEN.findall(text)})
    assert not found, f"{where} wrote {found}"


def test_the_sanitiser_shows_every_class_visibly() -> None:
    shown = visible(EVERYTHING)
    assert_clean(shown, "visible()")
    assert "␛]0;gekaapt␇" in shown and "⟨U+202E⟩" in shown and "⟨U+009B⟩" in shown and "␀" in shown
    assert visible("regel\n\tingesprongen") == "regel\n\tingesprongen"
    assert visible(shown) == shown


def run(*args: str | Path, stdin: bytes = b"", env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    """The command in a process of its own: all it writes, the interpreter's own words included."""
    return subprocess.run(
        [sys.executable, "-m", "kansencoach", *map(str, args)],
        input=stdin,
        capture_output=True,
        env={**os.environ, **env},
        timeout=HANG,
        check=False,
    )


@pytest.fixture
def hostile_world(tmp_path: Path) -> dict[str, str]:
    """A home, and a user flow and intervention whose texts hold every sequence (as YAML escapes)."""
    flows, knowledge = tmp_path / "flows", tmp_path / "knowledge" / "interventions"
    flows.mkdir()
    knowledge.mkdir(parents=True)
    escaped = EVERYTHING.encode("unicode_escape").decode("ascii").replace('"', '\\"')
    flow = (DATA / "flows" / "mini.yaml").read_text(encoding="utf-8")
    (flows / "vijandig.yaml").write_text(
        flow.replace("id: mini", "id: vijandig").replace("title: Mini-voorstel", f'title: "{escaped}"'),
        encoding="utf-8",
    )
    (knowledge / "vijandig.yaml").write_text(
        "id: vijandig\n"
        f'name: "{escaped}"\n'
        "summary: Een samenvatting.\nproblem: Een probleem.\napproach: Een aanpak.\n"
        "target_group: Een doelgroep.\ndomains: [onderwijs]\nwie: [jonge-kinderen]\nwaar: [school]\n"
        "perspective: A\nevidence: {level: onbekend}\nsources: [{document: Een bron}]\n",
        encoding="utf-8",
    )
    return {
        "KANSENCOACH_HOME": str(tmp_path / "home"),
        "KANSENCOACH_FLOWS": str(flows),
        "KANSENCOACH_KNOWLEDGE": str(tmp_path / "knowledge"),
    }


def test_no_control_byte_reaches_stdout_or_stderr(hostile_world: dict[str, str]) -> None:
    answer = EVERYTHING.replace("\r", "").encode("utf-8")
    started = run(
        "run", "vijandig", "--plain", "--title", EVERYTHING.replace("\x00", ""),
        stdin=answer + b"\n1\nstop\n", env=hostile_world,
    )  # fmt: skip
    assert started.returncode == 0, started.stderr
    session_id = found(r"sessie ([0-9a-f]{8})", started.stdout.decode(errors="replace"))
    # The other commands pass the same sanitiser on the same streams: they run in this process.
    outputs = {
        "plain mode": started,
        "sessions list": kansencoach_bytes("sessions", "list", env=hostile_world),
        "sessions show": kansencoach_bytes("sessions", "show", session_id, env=hostile_world),
        "sessions review": kansencoach_bytes("sessions", "review", session_id, env=hostile_world),
        "plain resume": kansencoach_bytes(
            "run", "--resume", session_id, "--plain", stdin=b"terug\nstop\n", env=hostile_world
        ),
        "plain menu": kansencoach_bytes("--plain", stdin=b"\n", env=hostile_world),
        "flows list": kansencoach_bytes("flows", "list", env=hostile_world),
        "kb list": kansencoach_bytes("kb", "list", env=hostile_world),
        "kb search": kansencoach_bytes("kb", "search", "begin", "eind", env=hostile_world),
    }
    for name, result in outputs.items():
        assert result.returncode == 0, (name, result.stderr)
        assert_clean(result.stdout, f"{name} (stdout)")
        assert_clean(result.stderr, f"{name} (stderr)")
    assert "␛]0;gekaapt␇".encode() in outputs["sessions list"].stdout  # shown, not hidden
    assert "⟨U+202E⟩esrever".encode() in outputs["sessions show"].stdout
    assert "␛]52;c;".encode() in outputs["flows list"].stdout
    with Store(Path(hostile_world["KANSENCOACH_HOME"]) / "kansencoach.db") as store:
        # What the officer typed is stored as typed: only its display is made safe.
        stored = str(store.state(session_id).answers["verschil"])
    assert stored.startswith("begin \x1b]0;gekaapt\x07 | \x1b]52;c;") and "\u202eesrever" in stored


def screen_text(app: KansencoachApp) -> str:
    """Everything the app would write to the terminal for its current screen."""
    return app.screen._compositor.render_full_update().render_segments(app.console)


async def test_no_control_character_reaches_the_apps_output(
    hostile_world: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in hostile_world.items():
        monkeypatch.setenv(name, value)
    with Store(Path(hostile_world["KANSENCOACH_HOME"]) / "kansencoach.db") as store:
        session = Session.start(store, mini_flow(), EVERYTHING)
        answer_current(session, EVERYTHING)
        session_id = session.info.id
    app = KansencoachApp(resume=session_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen), app.screen
        await pilot.press("ctrl+b")  # back to the hostile answer: shown in the conversation
        await pilot.pause()
        chat = screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ChatScreen)
        start = screen_text(app)
    for name, output in (("chat", chat), ("start", start)):
        # Textual's own output is CSI styling; nothing else of the answer or title may come through.
        without_styling = re.sub(r"\x1b\[[0-9;:?]*[A-Za-z]", "", output)
        assert_clean(without_styling.replace("\n", ""), f"the app's {name} screen")
    assert "␛]0;gekaapt␇" in re.sub(r"\x1b\[[0-9;:?]*[A-Za-z]", "", chat)
