"""The start screen: begin a new session from a flow, or carry on with one."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.style import Style
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from kansencoach.core.common.terminal import visible
from kansencoach.core.sessions.described import last_used
from kansencoach.i18n import t
from kansencoach.tui.contract import coach
from kansencoach.tui.signals import FilesChanged
from kansencoach.tui.widgets.fittedlist import FittedList
from kansencoach.tui.widgets.keyfooter import KeyFooter

LISTED_WITHIN_S = 0.3
"""How long the first frame waits for the lists. From current caches they take some 15 ms, and a
first frame drawn with "Laden…" in them had to be laid out and drawn again (a second frame, its
footer's keys changed by the focus: 30-50 ms before the lists were shown); a slower listing (a cold
cache after an update, a store another process holds) shows the loading lines after this long."""

SHORT = 30
"""Below this many rows the start screen packs tighter."""

BROKEN = "broken:"
"""Before the place of a broken flow in the list, as its option's id."""

TITLE, DETAIL, BROKEN_STYLE = Style(bold=True), Style(dim=True), Style(foreground=Color(0, 0, 0, ansi=1))
"""How an option's parts look. Options are Textual Content, not Rich Text: an option list turns each
Rich Text into Content before it can measure it, which for fifty sessions was a quarter of filling
the lists."""

if TYPE_CHECKING:
    from kansencoach.core.catalog import FlowEntry
    from kansencoach.core.sessions.store import SessionInfo, Store


class SessionRow(NamedTuple):
    info: SessionInfo
    flow_title: str
    """The title of the session's flow, shown instead of its id ("" when the flow is gone)."""
    done: int
    total: int
    problem: str = ""


def session_rows(store: Store, flows: list[FlowEntry]) -> list[SessionRow]:
    """Every stored session with its progress; a session whose flow is gone says so.

    `flows` is the one `scan_flows()` of this listing: flows are read once, not once per session.
    The sessions come from one query, and only those changed since the last listing are replayed.
    """
    from kansencoach.core.sessions.described import session_flow
    from kansencoach.core.sessions.progress import ProgressBook

    book = ProgressBook(store)
    rows = []
    for info, last_event in store.listing():
        found = session_flow(info.flow_id, info.flow_source, flows)
        if isinstance(found, list):
            problem = t("tui.session_flow_broken", problem=found[0]) if found else t("tui.flow_missing")
            rows.append(SessionRow(info, "", 0, 0, visible(problem)))
            continue
        entry, flow_title = found
        rows.append(SessionRow(info, flow_title, *book.of(info, last_event, entry)))
    book.save()
    return rows


class StartScreen(Screen[None]):
    """Flows to start and sessions to resume, listed in a worker; the first frame waits a moment
    for them (`LISTED_WITHIN_S`), so from current caches it is drawn once, with the lists in it.

    The core is imported inside the methods that use it, in the worker's thread; so are the
    dialogs, which only an action opens.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "rename", t("tui.rename")),
        Binding("d,delete", "delete", t("tui.delete")),
        Binding("n", "new_from", t("tui.new_from")),
        Binding("i", "import", t("tui.import")),
        Binding("ctrl+q", "app.quit", t("tui.quit")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.flows: list[FlowEntry] = []
        self.rows: list[SessionRow] = []
        self._listed = asyncio.Event()
        """Set once the lists show what the listing found."""

    def compose(self) -> ComposeResult:
        self._fit(self.app.size.height)  # before the first layout, so it is not laid out twice
        with Vertical(id="start"):
            yield Static(t("tui.welcome"), id="welcome")
            yield Label(t("tui.new_session"), classes="list-title")
            yield FittedList(Option(t("tui.loading"), disabled=True), id="flows")
            yield Label(t("tui.resume_session"), classes="list-title")
            yield FittedList(Option(t("tui.loading"), disabled=True), id="sessions")
        yield KeyFooter()

    async def on_mount(self) -> None:
        # The screen draws nothing while this waits: its first frame shows the lists when they come
        # within LISTED_WITHIN_S, and "Laden…" otherwise (the worker fills them in later).
        self.refresh_lists()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._listed.wait(), LISTED_WITHIN_S)

    @on(FilesChanged)
    def _files_changed(self) -> None:
        self.refresh_lists()

    @work(thread=True, exclusive=True, group="load")
    def refresh_lists(self) -> None:
        from kansencoach import locations
        from kansencoach.core.catalog import scan_flows
        from kansencoach.core.sessions.store import StoreError

        flows = scan_flows()
        try:
            store = coach(self).store
            rows = session_rows(store, flows)
            damaged, store.damaged[:] = list(store.damaged), []
        except StoreError as error:
            damaged, rows = [str(error)], []
        for message in damaged:
            self.app.call_from_thread(self.app.notify, message, severity="error", timeout=30)
        # A team folder on a network drive not connected: its flows are missing from the list.
        for message in locations.every_settings_problem():
            self.app.call_from_thread(self.app.notify, message, severity="warning", timeout=30)
        self.app.call_from_thread(self._show, flows, rows)

    def _show(self, flows: list[FlowEntry], rows: list[SessionRow]) -> None:
        # The long, complete flow first: it is what most officers come for.
        flows = sorted(
            flows, key=lambda entry: (-(entry.summary.minutes or 0) if entry.summary else 0, entry.id)
        )
        self.flows, self.rows = flows, rows
        flow_list = self.query_one("#flows", OptionList)
        flow_list.set_options(
            [_flow_option(entry, place) for place, entry in enumerate(flows)]
            or [Option(t("tui.no_flows"), disabled=True)]
        )
        session_list = self.query_one("#sessions", OptionList)
        if rows:
            session_list.set_options(_session_option(row) for row in rows)
        else:
            session_list.set_options([Option(t("tui.no_sessions"), disabled=True)])
        # An empty list is no Tab stop: focus there would be invisible.
        session_list.disabled = not rows
        flow_list.disabled = not flows
        # Both highlighted, not only the one with the focus: Tab to the other, then Enter, did nothing.
        for options in (flow_list, session_list):
            options.highlighted = next(
                (index for index, option in enumerate(options.options) if not option.disabled), None
            )
        (session_list if rows else flow_list).focus()
        self._listed.set()

    @on(OptionList.OptionSelected, "#flows")
    def _flow_chosen(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id.startswith(BROKEN):
            self._say_broken(self.flows[int(option_id.removeprefix(BROKEN))])
            return
        entry = next((entry for entry in self.flows if entry.id == option_id), None)
        if entry is not None and entry.summary is not None:
            self.start_session(entry)

    def _say_broken(self, entry: FlowEntry) -> None:
        """What is wrong with a flow file that cannot be loaded, where, and how to check it again."""
        problems = "\n".join(str(problem) for problem in entry.problems[:3])
        text = t("tui.flow_broken_detail", path=entry.path, count=len(entry.problems), problems=problems)
        self.app.notify(visible(text), severity="error", timeout=30)

    @work(exclusive=True, group="open")
    async def start_session(self, entry: FlowEntry) -> None:
        from kansencoach.core.sessions.session import Session
        from kansencoach.tui.screens.dialogs import TextPrompt

        assert entry.summary is not None
        title = await self.app.push_screen_wait(TextPrompt(t("tui.title_question"), entry.summary.title))
        if title is None:
            return
        loaded = entry.loaded  # made from the cache now, not when the list was shown
        if loaded is None:  # its cache entry damaged and the file broken since the list was made
            self.app.notify(t("tui.flow_missing"), severity="error")
            return
        session = Session.start(coach(self).store, loaded, title)
        coach(self).open_session(session)

    @on(OptionList.OptionSelected, "#sessions")
    def _session_chosen(self, event: OptionList.OptionSelected) -> None:
        from kansencoach.core.catalog import flow_for_session
        from kansencoach.core.common.problems import ProblemsError
        from kansencoach.core.sessions.session import Session
        from kansencoach.core.sessions.store import SessionLocked, StoreError

        row = self._row(event.option.id)
        if row is None:
            return
        if row.problem:
            self.app.notify(row.problem, severity="error")
            return
        store: Store = coach(self).store
        try:
            loaded = flow_for_session(row.info.flow_id, row.info.flow_source)
            coach(self).open_session(Session(store, store.session(row.info.id), loaded))
        except (SessionLocked, StoreError, ProblemsError, LookupError) as error:
            self.app.notify(_message(error), severity="error", timeout=10)

    def on_resize(self) -> None:
        self._fit(self.size.height)

    def _fit(self, height: int) -> None:
        # At 80x24 both lists must fit with their borders; Textual CSS has no media queries.
        self.set_class(height < SHORT, "short")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Rename and delete apply to the highlighted session: hidden unless there is one."""
        if action in ("rename", "delete", "new_from"):
            return self._highlighted_row() is not None
        return True

    @on(OptionList.OptionHighlighted)
    @on(events.DescendantFocus)
    def _selection_moved(self) -> None:
        self.refresh_bindings()

    def _row(self, session_id: str | None) -> SessionRow | None:
        return next((row for row in self.rows if row.info.id == session_id), None)

    def _highlighted_row(self) -> SessionRow | None:
        sessions = self.query_one("#sessions", OptionList)
        if not sessions.has_focus or sessions.highlighted_option is None:
            return None
        return self._row(sessions.highlighted_option.id)

    @work(exclusive=True, group="edit")
    async def action_rename(self) -> None:
        from kansencoach.tui.screens.dialogs import TextPrompt

        row = self._highlighted_row()
        if row is None:
            return
        title = await self.app.push_screen_wait(TextPrompt(t("tui.rename_question"), row.info.title))
        from kansencoach.core.sessions.store import StoreError

        if title:
            try:
                coach(self).store.rename(row.info.id, title)
            except StoreError as error:
                self.app.notify(str(error), severity="error", timeout=10)
            self.refresh_lists()

    @work(exclusive=True, group="edit")
    async def action_new_from(self) -> None:
        """A new proposal on the highlighted one's flow, each of its answers offered again."""
        from kansencoach.core.catalog import flow_for_session
        from kansencoach.core.common.problems import ProblemsError
        from kansencoach.core.sessions.reuse import start_from
        from kansencoach.core.sessions.store import StoreError
        from kansencoach.tui.screens.dialogs import TextPrompt

        row = self._highlighted_row()
        if row is None or row.problem:
            return
        title = await self.app.push_screen_wait(
            TextPrompt(t("tui.new_from_question", title=row.info.title), row.info.title)
        )
        if title is None:
            return
        store: Store = coach(self).store
        try:
            loaded = flow_for_session(row.info.flow_id, row.info.flow_source)
            session = start_from(store, loaded, title, store.state(row.info.id).answers)
        except (StoreError, ProblemsError, LookupError) as error:
            self.app.notify(_message(error), severity="error", timeout=10)
            return
        coach(self).open_session(session)

    @work(exclusive=True, group="edit")
    async def action_import(self) -> None:
        """Read a session file (from the aanjaagteam, a colleague) in as a new session."""
        from kansencoach.core.common.problems import ProblemsError
        from kansencoach.core.sessions.sessionfile import import_file, import_notes
        from kansencoach.core.sessions.store import StoreError
        from kansencoach.tui.screens.dialogs import TextPrompt

        raw, refused = "", ""
        while True:
            # A file that cannot be read in asks again with the path as typed and why: the officer
            # mends a typo instead of typing the whole path again.
            prompt = TextPrompt(t("tui.import_question"), raw, t("tui.import_required"), refused)
            typed = await self.app.push_screen_wait(prompt)
            if typed is None:
                return
            raw = typed
            try:
                outcome = import_file(coach(self).store, Path(raw).expanduser())
                break
            except (StoreError, ProblemsError) as error:
                refused = _message(error)
        notes = import_notes(outcome)
        told = (
            notes
            if outcome.copy_avoided
            else [t("sessionfile.imported_here", title=outcome.session.info.title), *notes]
        )
        self.app.notify("\n".join(told), timeout=15 if notes else 5)
        self.refresh_lists()

    @work(exclusive=True, group="edit")
    async def action_delete(self) -> None:
        from kansencoach.tui.screens.dialogs import ConfirmDialog

        row = self._highlighted_row()
        if row is None:
            return
        question = t("tui.delete_question", title=row.info.title)
        from kansencoach.core.sessions.store import StoreError

        if await self.app.push_screen_wait(ConfirmDialog(question, t("tui.delete"))):
            try:
                coach(self).store.delete(row.info.id)
            except StoreError as error:
                self.app.notify(str(error), severity="error", timeout=10)
            else:
                self.app.notify(t("cli.deleted", id=row.info.id, title=row.info.title))
            self.refresh_lists()


def _flow_option(entry: FlowEntry, place: int) -> Option:
    """The flow as a line to choose; a broken one says so, and choosing it tells what is wrong."""
    if entry.summary is None:
        first = entry.problems[0] if entry.problems else ""
        problem = visible(t("tui.flow_broken", problem=str(first)))
        text = Content.assemble((visible(f"{entry.id} "), TITLE), (problem, BROKEN_STYLE))
        # Reachable by the arrow keys (a disabled option is skipped, and below the fold at 80x24
        # it could not be scrolled to); its id is its place, since a broken file may share its name
        # with a working flow (two user folders).
        return Option(text, id=f"{BROKEN}{place}")
    flow = entry.summary
    minutes = f" · {t('cli.minutes', minutes=flow.minutes)}" if flow.minutes else ""
    description = visible(f"\n{flow.description.strip()}") if flow.description else ""
    text = Content.assemble((visible(flow.title), TITLE), (minutes + description, DETAIL))
    return Option(text, id=entry.id)


def _session_option(row: SessionRow) -> Option:
    info = row.info
    when = last_used(info.updated)
    detail = row.problem or t(
        "tui.session_detail", flow=row.flow_title, done=row.done, total=row.total, when=when
    )
    return Option(Content.assemble((visible(info.title), TITLE), "\n", (visible(detail), DETAIL)), id=info.id)


def _message(error: Exception) -> str:
    problems = getattr(error, "problems", None)
    if problems is not None:
        return "\n".join(str(problem) for problem in problems[:3])
    return str(error).strip("'")
