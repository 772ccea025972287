"""Pilot tests of the start screen: flows to start, sessions to resume, rename and delete."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from driver import highlight, loaded_start, prompt_answered, stored_session, until
from textual.widgets import OptionList

from kansencoach import locations
from kansencoach.core import catalog
from kansencoach.core.catalog import load_vocabulary
from kansencoach.core.flows.loader import load_flow
from kansencoach.core.sessions import store as store_module
from kansencoach.core.sessions.session import Session
from kansencoach.core.sessions.store import Store
from kansencoach.i18n import t
from kansencoach.tui.app import KansencoachApp
from kansencoach.tui.screens import start
from kansencoach.tui.screens.chat import ChatScreen
from kansencoach.tui.screens.dialogs import ConfirmDialog, TextPrompt
from kansencoach.tui.screens.start import StartScreen
from kansencoach.tui.widgets.keyfooter import KeyFooter

from helpers import DATA


@pytest.fixture
def flow_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The mini flow and a broken one, as a user's flow directory might hold."""
    directory = tmp_path / "flows"
    directory.mkdir()
    shutil.copy(DATA / "flows" / "mini.yaml", directory / "mini.yaml")
    (directory / "kapot.yaml").write_text("id: kapot\ntitle: Kapot\nversion: 1\nsteps: []\n")
    monkeypatch.setattr(catalog, "flow_dirs", lambda: [directory])
    return directory


def prompts(options: OptionList) -> list[str]:
    return [str(option.prompt) for option in options.options]


async def test_lists_flows_with_broken_ones_shown_not_hidden(flow_dir: Path) -> None:
    app = KansencoachApp()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded_start(app, pilot)
        flows = screen.query_one("#flows", OptionList)
        texts = prompts(flows)
        assert any("Kapot" not in text and "Mini-voorstel" in text and "~5 min" in text for text in texts)
        broken = [option for option in flows.options if "kapot" in str(option.prompt)]
        assert broken and not broken[0].disabled  # reachable, to read what is wrong
        assert "kan niet geladen worden" in str(broken[0].prompt)
        assert "Nog geen sessies" in prompts(screen.query_one("#sessions", OptionList))[0]


async def test_a_slow_listing_shows_the_loading_lines_first_and_the_lists_when_they_come(
    flow_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first frame waits for the lists only briefly: a listing that takes longer (a cold cache,
    a busy store) leaves "Laden…" on screen until it is done, and then fills the lists."""
    release = threading.Event()
    real_scan = catalog.scan_flows

    def held_scan() -> list[catalog.FlowEntry]:
        assert release.wait(timeout=30), "the test never let the listing go on"
        return real_scan()

    monkeypatch.setattr(catalog, "scan_flows", held_scan)
    monkeypatch.setattr(start, "LISTED_WITHIN_S", 0.01)
    app = KansencoachApp()
    async with app.run_test(size=(100, 30)) as pilot:
        loading = t("tui.loading")
        assert await until(pilot, lambda: isinstance(app.screen, StartScreen) and app.screen.is_mounted)
        screen = app.screen
        assert isinstance(screen, StartScreen)
        await pilot.pause()
        assert prompts(screen.query_one("#flows", OptionList)) == [loading]
        assert prompts(screen.query_one("#sessions", OptionList)) == [loading]
        release.set()
        await loaded_start(app, pilot)
        assert any("Mini-voorstel" in text for text in prompts(screen.query_one("#flows", OptionList)))


async def test_a_broken_own_flow_below_the_shipped_ones_is_reached_by_keyboard_at_80x24(
    flow_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (flow_dir / "mini.yaml").unlink()
    monkeypatch.setattr(catalog, "flow_dirs", lambda: [flow_dir, locations.shipped_flows_dir()])
    app = KansencoachApp()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded_start(app, pilot)
        flows = screen.query_one("#flows", OptionList)
        assert "kapot" in prompts(flows)[-1], "the broken flow comes after the shipped ones"
        assert app.focused is flows
        assert flows.highlighted == 0
        await pilot.press(*["down"] * (len(flows.options) - 1))
        await pilot.pause()
        assert flows.highlighted == len(flows.options) - 1
        # Scrolled into view: the list draws it.
        assert any(
            "kan niet geladen worden" in flows.render_line(row).text for row in range(flows.size.height)
        )
        await pilot.press("enter")
        await pilot.pause()
        notices = [str(notification.message) for notification in app._notifications]
        assert any("kapot.yaml" in notice and "flows validate" in notice for notice in notices), notices
        assert isinstance(app.screen, StartScreen)


async def test_new_session_asks_a_title_and_opens_the_chat(flow_dir: Path) -> None:
    app = KansencoachApp()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded_start(app, pilot)
        flows = screen.query_one("#flows", OptionList)
        flows.focus()
        highlight(flows, "mini")
        await prompt_answered(app, pilot, "enter", "Mijn plan")
        assert isinstance(app.screen, ChatScreen)
        assert app.screen.session.info.title == "Mijn plan"


async def test_a_session_whose_flow_is_gone_says_so_without_its_id(flow_dir: Path, tmp_path: Path) -> None:
    gone = tmp_path / "weg.yaml"
    gone.write_text((DATA / "flows" / "mini.yaml").read_text().replace("id: mini", "id: verdwenen", 1))
    with Store(locations.store_path()) as store:
        Session.start(store, load_flow(gone, load_vocabulary()), "Verweesd")
    gone.unlink()
    app = KansencoachApp()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded_start(app, pilot)
        texts = prompts(screen.query_one("#sessions", OptionList))
        assert any(
            "Verweesd" in text and "flow van deze sessie is niet meer te vinden" in text for text in texts
        )
        assert not any("verdwenen" in text for text in texts), texts


async def test_a_session_whose_flow_is_broken_says_what_is_wrong_not_that_it_is_gone(
    flow_dir: Path, tmp_path: Path
) -> None:
    # An author's typo in the flow of a running session had the start screen say the flow was no
    # longer to be found, while the file was there: the officer looked for a file, not a fault.
    own = tmp_path / "eigen.yaml"
    own.write_text((DATA / "flows" / "mini.yaml").read_text().replace("id: mini", "id: eigen", 1))
    with Store(locations.store_path()) as store:
        Session.start(store, load_flow(own, load_vocabulary()), "Halverwege")
    own.write_text(own.read_text().replace("title:", "titel:", 1))
    app = KansencoachApp()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded_start(app, pilot)
        texts = prompts(screen.query_one("#sessions", OptionList))
        row = next(text for text in texts if "Halverwege" in text)
        assert "de flow van deze sessie bevat een fout" in row and "je antwoorden blijven bewaard" in row
        assert f"{own}:2:1: onbekend veld 'titel' — bedoelde je 'title'?" in row, row
        assert "niet meer te vinden" not in row


@pytest.mark.usefixtures("amsterdam_time")
async def test_a_session_row_says_when_it_was_last_used_on_the_officers_clock(
    flow_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "now", lambda: "2026-07-01T12:00:00+00:00")
    stored_session("Zomer")
    app = KansencoachApp()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded_start(app, pilot)
        texts = prompts(screen.query_one("#sessions", OptionList))
        assert any("Zomer" in text and "laatst 1 jul 2026 14:00" in text for text in texts), texts


async def test_resume_rename_and_delete_a_session(flow_dir: Path) -> None:
    first = stored_session("Eerste", "Een verschil")
    stored_session("Tweede")
    app = KansencoachApp()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded_start(app, pilot)
        sessions = screen.query_one("#sessions", OptionList)
        assert sessions.has_focus
        texts = prompts(sessions)
        # The flow's title, never its id.
        assert any("Eerste" in text and "Mini-voorstel · 1/9 vragen beantwoord" in text for text in texts)
        assert not any("mini ·" in text for text in texts), texts
        highlight(sessions, first)
        await prompt_answered(app, pilot, "r", "Hernoemd")
        assert any("Hernoemd" in text for text in prompts(sessions))
        highlight(sessions, first)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert len(sessions.options) == 2
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("j")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(sessions.options) == 1 and "Tweede" in prompts(sessions)[0]
        sessions.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)
        assert app.screen.session.info.title == "Tweede"


async def test_a_session_open_elsewhere_is_refused_with_a_message(flow_dir: Path) -> None:
    session_id = stored_session("Bezet")
    with Store(locations.store_path()) as store, store.lock(session_id):
        app = KansencoachApp()
        async with app.run_test(size=(100, 30)) as pilot:
            screen = await loaded_start(app, pilot)
            screen.query_one("#sessions", OptionList).highlighted = 0
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, StartScreen)
            assert any("al geopend" in str(note.message) for note in app._notifications)


async def test_theme_toggle_and_quit(flow_dir: Path) -> None:
    app = KansencoachApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded_start(app, pilot)
        before = app.theme
        await pilot.press("f10")
        assert app.theme != before
        await pilot.press("f10")
        assert app.theme == before
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


def footer_actions(app: KansencoachApp) -> set[str]:
    """The actions the footer shows now."""
    return {
        binding.action for _, binding, enabled, *_ in app.active_bindings.values() if binding.show and enabled
    }


async def test_without_sessions_the_empty_list_is_no_tab_stop_and_rename_is_hidden(flow_dir: Path) -> None:
    app = KansencoachApp()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded_start(app, pilot)
        flows = screen.query_one("#flows", OptionList)
        assert app.focused is flows
        await pilot.press("tab")
        assert app.focused is flows
        assert not {"rename", "delete"} & footer_actions(app)


async def test_rename_and_delete_show_only_on_a_highlighted_session_and_tab_enter_starts_one(
    flow_dir: Path,
) -> None:
    stored_session("Plan Noord")
    app = KansencoachApp()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded_start(app, pilot)
        assert app.focused is screen.query_one("#sessions", OptionList)
        assert {"rename", "delete"} <= footer_actions(app)
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is screen.query_one("#flows", OptionList)
        assert not {"rename", "delete"} & footer_actions(app)
        # A flow is highlighted too: Enter starts a session without an arrow key first.
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt), "Enter on the flows did nothing"


def shipped_flows_in(flow_dir: Path) -> None:
    for shipped in locations.shipped_flows_dir().glob("*.yaml"):
        if not shipped.name.endswith(".test.yaml"):
            shutil.copy(shipped, flow_dir / shipped.name)
    shutil.copytree(locations.shipped_flows_dir() / "blocks", flow_dir / "blocks")


def shows_all(options: OptionList) -> bool:
    return options.virtual_size.height <= options.content_region.height


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("sessions", [1, 3, 12])
async def test_the_lists_use_the_height_there_is_and_neither_is_cut_off(
    flow_dir: Path, size: tuple[int, int], sessions: int
) -> None:
    shipped_flows_in(flow_dir)
    for number in range(sessions):
        stored_session(f"Plan {number}")
    app = KansencoachApp()
    async with app.run_test(size=size) as pilot:
        screen = await loaded_start(app, pilot)
        await pilot.pause()
        flows = screen.query_one("#flows", OptionList)
        listed = screen.query_one("#sessions", OptionList)
        footer = screen.query_one(KeyFooter)
        assert listed.region.bottom <= footer.region.y, "the bottom border is under the footer"
        # Each session takes two lines (title and progress): at least two whole ones show, and the
        # flows list shows more than its first flow's title.
        assert listed.content_region.height >= min(4, 2 * sessions)
        assert flows.content_region.height >= 4
        empty_rows = screen.query_one("#start").content_region.bottom - listed.region.bottom
        if not (shows_all(flows) and shows_all(listed)):
            assert empty_rows == 0, f"{empty_rows} rows stay empty while a list is cut off"
        if sessions == 1:
            assert shows_all(listed), "one session shows whole"
        if size == (120, 40) and sessions < 12:
            assert shows_all(flows) and shows_all(listed)


async def test_the_title_prompt_says_which_keys_to_use(flow_dir: Path) -> None:
    app = KansencoachApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded_start(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        hints = [str(label.render()) for label in app.screen.query(".keys-hint")]
        assert hints == ["Enter bevestig · Esc annuleer"]


async def test_a_session_open_in_another_window_is_named_by_its_title_not_its_id() -> None:
    ident = stored_session("VVE Overvecht")
    with Store(locations.store_path()) as store, store.lock(ident):  # the other window
        app = KansencoachApp(resume=ident)
        async with app.run_test(size=(100, 30)) as pilot:
            assert await until(pilot, lambda: bool(app._notifications))
            notices = [str(notification.message) for notification in app._notifications]
            named = "de sessie ‘VVE Overvecht’ (Mini-voorstel, laatst gebruikt "
            assert any(named in notice for notice in notices), notices
            assert not any(ident in notice for notice in notices)
            assert not isinstance(app.screen, ChatScreen)


async def test_a_team_folder_that_is_not_there_is_told_on_the_start_screen(
    kansencoach_home: Path, tmp_path: Path
) -> None:
    # The team's flows on a network drive that is not connected: they are missing from the list,
    # and the officer is told why instead of looking for them in vain.
    config = kansencoach_home / "config"
    config.mkdir(exist_ok=True)
    gone = tmp_path / "S-schijf" / "flows"
    (config / "team.toml").write_text(f"flows = ['{gone}']\n", encoding="utf-8")
    app = KansencoachApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [str(note.message) for note in app._notifications]
        assert messages == [
            f"{gone} is geen map (genoemd in {config / 'team.toml'}:1); wat daarin zou staan"
            " wordt niet gelezen — controleer het pad, en of de netwerkschijf bereikbaar is"
        ]
