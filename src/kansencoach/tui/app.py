"""The kansencoach Textual app: a start screen and one chat screen per session.

Slow work (opening the store, loading the knowledge base) runs in workers, so the first screen is
drawn at once and fills in when its data is there. For the same reason the core (pydantic, the
matcher) is imported only where it is first needed, never at the top of this module.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen

from kansencoach import locations
from kansencoach.core.common.terminal import visible
from kansencoach.i18n import one_line_path, t
from kansencoach.tui.actions import APP, bindings, palette
from kansencoach.tui.contract import KeysInOrder
from kansencoach.tui.frame_clock import mend_skipped_ticks
from kansencoach.tui.screens.start import StartScreen
from kansencoach.tui.signals import FilesChanged, KnowledgeLoaded

if TYPE_CHECKING:
    from kansencoach.core.draft.review import RuleBook
    from kansencoach.core.flows.loader import LoadedFlow
    from kansencoach.core.knowledge.base import KnowledgeBase
    from kansencoach.core.sessions.session import Session
    from kansencoach.core.sessions.store import Store

LIGHT, DARK = "textual-light", "textual-dark"


class KansencoachApp(App[None]):
    """Chat-style coach for equal-opportunity proposals."""

    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = t("tui.app_title")
    BINDINGS: ClassVar[list[BindingType]] = [*bindings(APP)]

    def __init__(
        self,
        store_path: Path | None = None,
        resume: str | None = None,
        new_flow: LoadedFlow | None = None,
        title: str | None = None,
        watch: bool = False,
        preview: bool = False,
    ) -> None:
        """Open on the start screen, or straight into a session (`resume`) or a new one (`new_flow`).

        `watch` reloads flows and knowledge when their files change; `preview` marks a throwaway
        store (the caller deletes it afterwards), so an author can walk a flow without saving.
        """
        mend_skipped_ticks()  # the frame after a late one on the next tick of the 60 fps grid
        super().__init__()
        self.reload_on_change = watch
        self.preview = preview
        if preview:
            self.sub_title = t("tui.preview")
        self._seen_files: dict[Path, tuple[int, int, int, int]] = {}
        self.store_path = store_path or locations.store_path()
        self.resume = resume
        self.new_flow = new_flow
        self.new_title = title
        self.knowledge: KnowledgeBase | None = None
        """Loaded in a worker; it hands out the matchers (None until then, or when it is broken)."""
        self._rules: tuple[RuleBook | None] | None = None
        """The review rules once loaded (see `rules`); None until then."""

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A notification, shown as plain text with control characters made visible: messages
        quote titles, answers and file contents, which must neither inject markup nor escapes."""
        super().notify(
            visible(message), title=visible(title), severity=severity, timeout=timeout, markup=markup
        )

    @cached_property
    def store(self) -> Store:
        """Opened on first use, which is in the start screen's loading worker."""
        from kansencoach.core.sessions.store import Store

        return Store(self.store_path)

    @property
    def rules(self) -> RuleBook | None:
        """The review rules (None when there are none or they are broken), loaded on first use: the
        start screen needs none, and loading them imports pydantic, which a start from current
        caches otherwise never does. Broken rules are said once, and the review is left out."""
        if self._rules is None:
            from kansencoach.core.catalog import load_review_rules

            try:
                self._rules = (load_review_rules(),)
            except Exception as error:  # the questions work without the review, so go on
                self._rules = (None,)
                self.notify(self._not_loaded(error, "tui.rules_broken"), severity="error", timeout=20)
            else:
                self._say_rules_left_out()
        return self._rules[0]

    def _say_rules_left_out(self) -> None:
        """Tell the aanjaagteam which own review rules were left out for a mistake (the shipped
        rules and the rest still review the draft), as `kb validate` and `sessions review` do."""
        from kansencoach.core.catalog import review_rules

        combined = review_rules()
        if combined is not None and combined.problems:
            first = combined.problems[0]
            message = t("tui.rules_left_out", count=len(combined.problems), problem=str(first))
            self.notify(message, severity="warning", timeout=15)

    async def on_event(self, event: events.Event) -> None:
        """Keys for a screen that reads them in order go to it as they arrive (`KeysInOrder`).

        Textual hands a key straight to the focused widget's own queue, and a priority key such as
        Ctrl+S runs at once: on the chat screen, keys typed in a burst then overtook each other
        while one question gave way to the next.
        """
        if isinstance(event, events.Key) and not event.is_forwarded and self._screen_stack:
            screen = self.screen
            if isinstance(screen, KeysInOrder):
                if not await self._check_bindings(event.key, priority=True):
                    screen.key_arrived(event)
                return
        await super().on_event(event)

    def get_default_screen(self) -> StartScreen:
        """The start screen as the bottom of the stack, not pushed onto Textual's empty default
        screen: that one was mounted, styled and laid out again on every resize for nothing."""
        return StartScreen()

    def on_mount(self) -> None:
        _freeze_once()
        self.call_after_refresh(self.load_knowledge)
        if self.reload_on_change:
            self.call_after_refresh(self._start_watching)
        if self.resume or self.new_flow is not None:
            self._open_requested()

    def _open_requested(self) -> None:
        from kansencoach.core.catalog import flow_for_session
        from kansencoach.core.common.problems import ProblemsError
        from kansencoach.core.sessions.session import Session
        from kansencoach.core.sessions.store import StoreError

        try:
            if self.resume:
                info = self.store.session(self.resume)
                self.open_session(Session(self.store, info, flow_for_session(info.flow_id, info.flow_source)))
            elif self.new_flow is not None:
                self.open_session(Session.start(self.store, self.new_flow, self.new_title))
        except (StoreError, ProblemsError, LookupError) as error:
            self.notify(str(error).strip("'"), severity="error", timeout=15)

    @work(thread=True, group="knowledge")
    def load_knowledge(self) -> None:
        self._read_knowledge()

    def _read_knowledge(self) -> None:
        """Load the knowledge base and rules (in a worker's thread) and hand them to the app.

        The watcher calls this in its own worker rather than starting another knowledge worker,
        which would cancel the first load half-way and leave anyone waiting on it with nothing."""
        from kansencoach.core.catalog import load_kb

        try:
            knowledge = load_kb()
            # Build both indexes here, in the worker, not on the first answer.
            _ = knowledge.matcher, knowledge.indicator_matcher
        except Exception as error:  # the questions work without the knowledge base, so go on
            message = self._not_loaded(error, "tui.kb_broken")
            self.call_from_thread(self.notify, message, severity="error", timeout=20)
            return
        self.call_from_thread(self._knowledge_ready, knowledge)

    def _not_loaded(self, error: Exception, broken: str) -> str:
        """What the officer is told when the knowledge base or the review rules did not load: the
        problem in a file (the text `broken`), the file that cannot be read, or (a bug, logged) to
        start again."""
        from kansencoach.core.common.problems import ProblemsError

        if isinstance(error, ProblemsError):
            return t(broken, problem=str(error.problems[0]) if error.problems else "")
        if isinstance(error, OSError):
            where = one_line_path(str(error.filename)) if error.filename else t("tui.kb_folder")
            return t("tui.kb_unreadable", path=where)
        self.log.error("the knowledge base did not load", repr(error))
        return t("tui.kb_failed")

    def _knowledge_ready(self, knowledge: KnowledgeBase) -> None:
        self.knowledge = knowledge
        if knowledge.problems:
            # Broken own interventions are left out, never fatal; the aanjaagteam is told which.
            # Counted by file: one intervention with two mistakes is one left out, not two.
            files = len({problem.position.path for problem in knowledge.problems})
            first = t("tui.kb_only_problem" if len(knowledge.problems) == 1 else "tui.kb_first_problem")
            message = t("tui.kb_left_out", count=files, problem=f"{first} {knowledge.problems[0]}")
            self.notify(message, severity="warning", timeout=15)
        for screen in self.screen_stack:
            screen.post_message(KnowledgeLoaded())

    def _start_watching(self) -> None:
        from kansencoach.core.catalog import watched_files

        self._seen_files = watched_files()
        self.set_interval(1.0, self._watch_tick)

    def _watch_tick(self) -> None:
        # A check still running is left to finish: cancelling it for the next tick would, on a slow
        # machine or with many files, mean a changed flow is never reloaded.
        if not any(worker.group == "watch" and worker.is_running for worker in self.workers):
            self._check_files()

    @work(thread=True, group="watch")
    def _check_files(self) -> None:
        from kansencoach.core.catalog import forget_loaded, scan_flows, watched_files

        now = watched_files()
        if now == self._seen_files:
            return
        self._seen_files = now
        forget_loaded()
        broken = [problem for entry in scan_flows() for problem in entry.problems]
        if broken:
            self.call_from_thread(
                self.notify, t("tui.watch_broken", problem=str(broken[0])), severity="error", timeout=15
            )
        self._read_knowledge()
        self.call_from_thread(self._files_reloaded, bool(broken))

    def _files_reloaded(self, some_broken: bool) -> None:
        self._rules = None  # read again on their next use: the changed files may be among theirs
        for screen in self.screen_stack:
            screen.post_message(FilesChanged())
        # Beside 'not reloaded' for a broken flow, 'flows reloaded' read as if the fix had worked.
        self.notify(t("tui.watch_others_reloaded" if some_broken else "tui.watch_reloaded"))

    def open_session(self, session: Session) -> None:
        """Show a session in a chat screen, holding its lock while it is open."""
        from kansencoach.core.sessions.store import SessionLocked
        from kansencoach.tui.screens.chat import ChatScreen

        try:
            lock = self.store.lock(session.info.id).acquire()
        except SessionLocked as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        self.push_screen(ChatScreen(session, lock), callback=self._chat_closed)

    def _chat_closed(self, _: None) -> None:
        start = self.screen
        if isinstance(start, StartScreen):
            start.refresh_lists()

    async def action_quit(self) -> None:
        """Quit, keeping first what was typed and not sent in any open session (README: all is saved)."""
        for screen in self.screen_stack:
            keep_unsent = getattr(screen, "keep_unsent", None)
            if keep_unsent is not None:
                keep_unsent()
        self.exit()

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK

    def action_command_palette(self) -> None:
        from kansencoach.tui.palette import DutchCommandPalette

        if self.use_command_palette and not isinstance(self.screen, DutchCommandPalette):
            self.push_screen(DutchCommandPalette())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        # Not Textual's own commands: they are English, and its theme picker and screenshot
        # only confuse an officer. The registry's actions are all the app needs.
        for title, help_text, action in palette(screen):
            yield SystemCommand(title, help_text, lambda action=action: screen.run_action(action))


@cache
def _freeze_once() -> None:
    """Leave what exists by now (Textual's and our modules, the app: some 37,000 objects) out of every
    later garbage collection: it lives as long as the app. Without this the start ran one full
    collection (25-30 ms of CPU), and each later one rescans it all (about 27 ms instead of 5).
    Once per process: in a test run, the later apps' objects are left to the collector.

    The youngest objects are collected after YOUNG_COLLECTION allocations instead of Python's 700:
    a frame allocates thousands (strips, segments, styles), nearly all freed at once by their
    reference counts, so at 700 the collector ran some five times between Ctrl+S and the next
    question on screen (1-3 ms of the officer's wait) and found next to nothing. Over the chat
    benchmark's session at 2,000 steps the collector's CPU time falls by about half (154-256 ms to
    75-124 ms, on a loaded machine) and its longest pause is shorter than the full collections
    that 700 set off (26-49 ms against 30-82 ms)."""
    from kansencoach.core.common.frozen import freeze_for_good

    freeze_for_good()
    gc.set_threshold(YOUNG_COLLECTION, *gc.get_threshold()[1:])


YOUNG_COLLECTION = 10_000
"""Allocations (less deallocations) of tracked objects between two collections of the youngest."""
