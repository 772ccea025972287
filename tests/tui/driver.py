"""Answering any step the way an officer would: with the keyboard only."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, OptionList, TextArea

from kansencoach import locations
from kansencoach.core.catalog import load_vocabulary
from kansencoach.core.dutch.numbers import format_amount
from kansencoach.core.flows.loader import load_flow
from kansencoach.core.flows.models import (
    AllocateStep,
    AnswerValue,
    ChoiceStep,
    ConfirmStep,
    ListStep,
    MultiStep,
    NumberStep,
    QuestionStep,
    ScaleStep,
    TextStep,
)
from kansencoach.core.sessions.session import Session
from kansencoach.core.sessions.store import Store
from kansencoach.i18n import t
from kansencoach.tui.app import KansencoachApp
from kansencoach.tui.screens.chat import ChatScreen
from kansencoach.tui.screens.dialogs import TextPrompt
from kansencoach.tui.screens.start import StartScreen
from kansencoach.tui.widgets.allocate import AllocateAnswer
from kansencoach.tui.widgets.panes import SuggestionsPane

from helpers import MINI_ANSWERS, answer_current, mini_flow

Shown = TypeVar("Shown", bound=Widget)


async def undone_to(pilot: Pilot[None], screen: ChatScreen, step_id: str) -> None:
    """Press Ctrl+Z; then `step_id` is asked again and its answer is no longer in force."""
    await pilot.press("ctrl+z")
    await pilot.pause()
    assert screen.step is not None and screen.step.id == step_id
    assert step_id not in screen.session.answers


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type short text key by key; paste long text, as an officer pastes from a document.

    The keys come in one burst, as a terminal delivers a quick typist's keys: each is the key event
    `pilot.press` would make, handed to the app as its driver hands it one, but without waiting for
    the app to go idle and draw a frame after every key (a whole session types some 660 keys)."""
    if len(text) <= 30 and "\n" not in text:
        for char in text:
            key = events.Key(_character_to_key(char), char)
            key.set_sender(pilot.app)
            pilot.app.post_message(key)
        # The app hands each key to the focused box's queue while it works through its own: one
        # pause lets the app hand them all on, the next lets the box take them, so that a priority
        # key pressed next (Ctrl+S, which the app handles itself) comes after the text.
        await pilot.pause()
    else:
        # The app forwards a paste to the focused widget, as the terminal's bracketed paste does.
        pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def answer(pilot: Pilot[None], step: QuestionStep, value: AnswerValue) -> None:
    """Give `value` as the answer to the step on screen, by keyboard."""
    await pilot.pause()
    if value is None:
        if isinstance(step, TextStep | NumberStep):
            await pilot.press("ctrl+s")
        return
    if isinstance(step, TextStep):
        assert isinstance(value, str)
        await type_text(pilot, value)
        await pilot.press("ctrl+s")
    elif isinstance(step, ChoiceStep | ScaleStep):
        values = (
            [o.value for o in step.options]
            if isinstance(step, ChoiceStep)
            else list(range(step.min, step.max + 1))
        )
        index = [str(choice) for choice in values].index(str(value))
        await pilot.press("home", *["down"] * index, "enter")
    elif isinstance(step, MultiStep):
        assert isinstance(value, list)
        await pilot.press("home")
        for option in step.options:
            if option.value in value:
                await pilot.press("space")
            await pilot.press("down")
        await pilot.press("ctrl+s")
    elif isinstance(step, NumberStep):
        assert isinstance(value, int | float)
        await type_text(pilot, format_amount(value))  # written the Dutch way: 25.000, 3,5
        await pilot.press("enter")
    elif isinstance(step, ConfirmStep):
        await pilot.press("j" if value else "n")
    elif isinstance(step, ListStep):
        assert isinstance(value, list)
        for item in value:
            await type_text(pilot, item)
            await pilot.press("enter")
        await pilot.press("enter")
    elif isinstance(step, AllocateStep):
        assert isinstance(value, dict)
        widget = pilot.app.screen.query_one(AllocateAnswer)
        for option in step.options[:-1]:
            target = value.get(option.value, 0)
            while widget.points[option.value] != target:
                await pilot.press("right" if widget.points[option.value] < target else "left")
            await pilot.press("down")
        await pilot.press("enter")
    await pilot.pause()


async def answer_shown(pilot: Pilot[None], screen: ChatScreen, *values: AnswerValue) -> None:
    """Give each of `values` as the answer to the question `screen` shows then; fails when it
    shows none."""
    for value in values:
        step = screen.step
        assert step is not None, "no question on screen"
        await answer(pilot, step, value)


def new_session(flow: Path | None = None, title: str | None = None) -> KansencoachApp:
    """The app, to open straight into a new session of the flow in `flow` (the mini flow without);
    `new_chat` is its chat screen once it runs."""
    loaded = mini_flow() if flow is None else load_flow(flow, load_vocabulary())
    return KansencoachApp(new_flow=loaded, title=title)


async def new_chat(app: KansencoachApp, pilot: Pilot[None]) -> ChatScreen:
    """The chat screen of the new session the app was started on (`new_flow=`), once it is drawn."""
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ChatScreen), f"the app shows {screen!r}, not the chat"
    return screen


async def answered_up_to(pilot: Pilot[None], app: KansencoachApp, step_id: str) -> ChatScreen:
    """The chat screen with the mini flow answered by MINI_ANSWERS up to (not including) `step_id`."""
    screen = await new_chat(app, pilot)
    keys = list(MINI_ANSWERS)
    for key in keys[: keys.index(step_id)]:
        await answer_shown(pilot, screen, MINI_ANSWERS[key])
    return screen


def stored_session(title: str, *answers: AnswerValue) -> str:
    """A session of the mini flow in the user's store, its first questions answered with `answers`
    (none by default); its id."""
    with Store(locations.store_path()) as store:
        session = Session.start(store, mini_flow(), title)
        for value in answers:
            answer_current(session, value)
        return session.info.id


def highlight(options: OptionList, option_id: str) -> None:
    """Highlight the option `option_id` of `options`, as the arrow keys would."""
    options.highlighted = [option.id for option in options.options].index(option_id)


async def choose(pilot: Pilot[None], options: OptionList, option_id: str) -> None:
    """Pick the option `option_id` of `options` with Enter, as from a pane."""
    highlight(options, option_id)
    await pilot.press("enter")
    await pilot.pause()


async def prompt_answered(app: KansencoachApp, pilot: Pilot[None], key: str, text: str) -> None:
    """Press `key`, which opens a text prompt, write `text` over what it offers and send it; returns
    once the app has done what was asked."""
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(app.screen, TextPrompt), f"{key} opened {app.screen!r}, not a text prompt"
    await pilot.press("ctrl+a", "ctrl+k")
    await type_text(pilot, text)
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def loaded_start(app: KansencoachApp, pilot: Pilot[None]) -> StartScreen:
    """The start screen once its lists have loaded: its loading worker starts after the first
    frame, so one `wait_for_complete` can return before it has even begun."""
    loading = t("tui.loading")
    for _ in range(100):
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StartScreen), f"the app shows {screen!r}, not the start screen"
        if str(screen.query_one("#flows", OptionList).options[0].prompt) != loading:
            return screen
    raise AssertionError("the start screen's lists never loaded")


async def knowledge_loaded(app: KansencoachApp, pilot: Pilot[None]) -> None:
    """Wait until the knowledge base is in: its worker starts after the first frame, so one
    `wait_for_complete` can return before it has even begun."""
    for _ in range(100):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if app.knowledge is not None:
            return
    raise AssertionError("the knowledge base never loaded")


async def opened_chat(app: KansencoachApp, pilot: Pilot[None]) -> ChatScreen:
    """The chat screen of a resumed session once its workers are done and the knowledge is in."""
    await knowledge_loaded(app, pilot)
    assert isinstance(app.screen, ChatScreen)
    return app.screen


async def answer_focused(pilot: Pilot[None]) -> None:
    """Wait until the answer box has the focus: it takes it after a refresh, which a busy machine
    can delay past the moment `settled` sees the focus at rest (a snapshot would then show the box
    without its cursor)."""
    for _ in range(500):
        focused = pilot.app.focused
        inputs = pilot.app.screen.query(".answer-input")
        if focused is not None and inputs and inputs.first() in focused.ancestors_with_self:
            return
        await pilot.pause()
    raise AssertionError(f"the answer box never took the focus (it is on {pilot.app.focused!r})")


def shown(screen: ChatScreen, kind: type[Shown]) -> list[Shown]:
    """The conversation's messages of `kind`, top to bottom: not the two it keeps hidden for the
    next answer (`ChatLog.make_ready`)."""
    return [message for message in screen.chat_log.messages if isinstance(message, kind)]


async def settled(pilot: Pilot[None]) -> None:
    """Wait until the conversation's scrolling and the focus have come to rest: it scrolls after
    layout and the answer box takes focus after a refresh, so a frame taken earlier can show either
    half-way (the snapshots would then differ by a scrollbar's position or colour). Then the text
    cursor is made still: it blinks on a half-second clock, so a frame could catch it on or off."""
    await pilot.wait_for_scheduled_animations()
    seen: list[tuple[float, float, object]] = []
    for _ in range(100):
        await pilot.pause()
        conversations = pilot.app.screen.query("#conversation")
        first = conversations.first() if conversations else None
        seen.append(
            (first.scroll_y, first.max_scroll_y, pilot.app.focused) if first else (0, 0, pilot.app.focused)
        )
        if len(seen) >= 3 and len(set(seen[-3:])) == 1:
            # At rest. Only now, with the focus where it stays, is the cursor stopped: a box that
            # stops blinking before it has the focus never shows its cursor. A TextArea's cached
            # lines do not tell a still cursor from one blinked off, so they are drawn again.
            for box in [*pilot.app.screen.query(Input), *pilot.app.screen.query(TextArea)]:
                box.cursor_blink = False
                box.notify_style_update()
                box.refresh()
            if first is not None:
                # The view at the very end, as the anchor would put it. Its scrollbar is left out
                # of the picture: its thumb and colour still race the frame.
                first.styles.scrollbar_size_vertical = 0
                first.scroll_end(animate=False, immediate=True)
            await pilot.wait_for_scheduled_animations()
            await pilot.pause()
            return
    raise AssertionError(f"the conversation or the focus kept moving: {seen[-3:]}")


async def panes_current(pilot: Pilot[None]) -> None:
    """Wait until the chat's side panes show every answer given: they catch up only after the next
    question is drawn, so a pane read right after Ctrl+S can still show the state before it."""

    def current() -> bool:
        screen = pilot.app.screen
        return isinstance(screen, ChatScreen) and screen.panes_current

    assert await until(pilot, current, frames=500), "the side panes never caught up with the answers"


async def until(pilot: Pilot[None], holds: Callable[[], bool], frames: int = 200) -> bool:
    """Whether `holds` comes true within `frames` frames, letting workers finish in between: the
    app starts some work (a reload, the focus after a list loads, a scroll after layout) only after
    the next frame, which a busy machine can delay well past one pause."""
    for _ in range(frames):
        if holds():
            return True
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    return holds()


async def suggestions_open(
    pilot: Pilot[None], app: KansencoachApp, case: str
) -> tuple[ChatScreen, SuggestionsPane]:
    """The mini flow's first question answered with `case` and its domain with onderwijs, then
    Ctrl+T: the chat screen and its suggestions pane."""
    await knowledge_loaded(app, pilot)
    screen = app.screen
    assert isinstance(screen, ChatScreen) and screen.step is not None
    await answer(pilot, screen.step, case)
    assert screen.step is not None
    await answer(pilot, screen.step, "onderwijs")
    await pilot.press("ctrl+t")
    await pilot.pause()
    return screen, screen.query_one(SuggestionsPane)
