"""A changed answer that changes the route: the conversation follows the new route, also on resume."""

from __future__ import annotations

from driver import answer_shown, highlight, new_chat, opened_chat, shown
from textual.pilot import Pilot
from textual.widgets import OptionList

from kansencoach.core.flows.models import InfoStep
from kansencoach.core.sessions.conversation import Conversation
from kansencoach.tui.app import KansencoachApp
from kansencoach.tui.screens.chat import ChatScreen
from kansencoach.tui.screens.dialogs import JumpDialog
from kansencoach.tui.widgets.messages import CoachMessage, HistoryMessage

from helpers import mini_flow

UP_TO_PARTNERS = ("Een verschil", "gezondheid", ["ouders"], {"A": 30, "B": 30, "C": 40}, 3, None)
"""The mini flow's answers before `partners`; on `gezondheid` the route passes no info."""


async def jumped_to(pilot: Pilot[None], app: KansencoachApp, step_id: str) -> None:
    """Go to the answered question `step_id` with Ctrl+G, as an officer picks it from the list."""
    await pilot.press("ctrl+g")
    await pilot.pause()
    assert isinstance(app.screen, JumpDialog)
    highlight(app.screen.query_one("#jump-list", OptionList), step_id)
    await pilot.press("enter")
    await pilot.pause()


def conversation_texts(screen: ChatScreen) -> list[str]:
    """The conversation's messages as the officer reads them, top to bottom."""
    return [str(message.render()) for message in screen.chat_log.messages]


async def test_resume_after_a_route_change_shows_the_new_route_in_order() -> None:
    app = KansencoachApp(new_flow=mini_flow(), title="Andere route")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await new_chat(app, pilot)
        # No partners: the flow goes on at 'stoppen', past 'criteria'.
        await answer_shown(pilot, screen, *UP_TO_PARTNERS, False, ["Losse taalcursussen"])
        assert screen.step is None
        await jumped_to(pilot, app, "partners")
        await answer_shown(pilot, screen, True)
        assert screen.step is not None and screen.step.id == "criteria"
        session_id = screen.session.info.id
        await pilot.press("ctrl+q")
    resumed = KansencoachApp(resume=session_id)
    async with resumed.run_test(size=(100, 30)) as pilot:
        screen = await opened_chat(resumed, pilot)
        assert screen.step is not None and screen.step.id == "criteria"
        labels = [str(message.render()) for message in screen.query(HistoryMessage)]
        route = screen.session.route().questions
        before = [Conversation.label(step) for step in route[: route.index(screen.step)]]
        assert labels == before  # 'stoppen', answered on the old route, is not above the question
        texts = conversation_texts(screen)
        assert screen.question is not None
        assert texts.index(str(screen.question.render())) > texts.index(labels[-1])
        assert not any("Losse taalcursussen" in text for text in texts)


async def test_a_changed_domain_shows_the_info_of_the_new_domain() -> None:
    app = KansencoachApp(new_flow=mini_flow(), title="Ander domein")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await new_chat(app, pilot)
        await answer_shown(pilot, screen, *UP_TO_PARTNERS)
        info = next(step for step in mini_flow().flow.steps if step.id == "onderwijs-info")
        assert isinstance(info, InfoStep)
        assert not any(info.say in text for text in conversation_texts(screen))
        await jumped_to(pilot, app, "domein")
        await answer_shown(pilot, screen, "onderwijs")
        await pilot.pause()
        assert screen.step is not None and screen.step.id == "partners"
        coach_texts = [str(message.render()) for message in shown(screen, CoachMessage)]
        assert any(info.say.strip() in text for text in coach_texts[-2:]), coach_texts[-2:]
