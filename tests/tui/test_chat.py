"""Pilot tests of the chat screen: every input type, navigation, panes and export, by keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from driver import (
    answer,
    answer_shown,
    choose,
    new_chat,
    new_session,
    opened_chat,
    panes_current,
    shown,
    type_text,
    undone_to,
    until,
)
from test_review_pane import stored_session
from textual.pilot import Pilot
from textual.widgets import Input, Label, OptionList, TextArea

from kansencoach import locations
from kansencoach.core.flows.models import ChoiceStep
from kansencoach.core.sessions.store import Store
from kansencoach.tui.app import KansencoachApp
from kansencoach.tui.screens.chat import ChatScreen
from kansencoach.tui.screens.dialogs import ConfirmDialog, JumpDialog
from kansencoach.tui.screens.export import ExportDialog
from kansencoach.tui.widgets import chatlog
from kansencoach.tui.widgets.allocate import AllocateAnswer, AllocateRow
from kansencoach.tui.widgets.messages import CoachMessage, FoldedMessage, NoticeMessage, OfficerMessage
from kansencoach.tui.widgets.panes import DraftPane, ReviewPane, SuggestionsPane

import helpers
from helpers import MINI_ANSWERS, mini_flow

TITLE = "VVE Overvecht"


async def draft_text(pilot: Pilot[None], app: KansencoachApp) -> str:
    """The draft pane's text once it shows every answer given."""
    await panes_current(pilot)
    pane = app.screen.query_one(DraftPane)
    return "\n".join(str(option.prompt) for option in pane.options)


async def test_every_input_type_by_keyboard_fills_the_draft() -> None:
    app = new_session(title=TITLE)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await new_chat(app, pilot)
        for step_id, value in MINI_ANSWERS.items():
            step = screen.step
            assert step is not None and step.id == step_id
            await answer(pilot, step, value)
        assert screen.step is None
        assert screen.session.answers == MINI_ANSWERS
        text = await draft_text(pilot, app)
        assert "Het verschil: Peuters in Overvecht" in text
        assert "Voor wie?: Kinderen; Ouders" in text
        # The perspective mix as a bar per option, with its points and name.
        for points, name in ((25, "Basis bieden"), (35, "Tegensturen"), (40, "Maatwerk")):
            assert f"░ {points:>3}  {name}" in text
        assert "Hoeveel budget?: € 25.000" in text
        assert "Welke criteria voor partners?: Bereik in de wijk; Ervaring met ouders" in text
        officer = [str(message.render()) for message in shown(screen, OfficerMessage)]
        assert officer[0] == MINI_ANSWERS["verschil"]
        closing = [message.markdown for message in shown(screen, CoachMessage)]
        assert any("Alle vragen zijn beantwoord" in text for text in closing)
        assert sum("Klaar!" in text for text in closing) <= 1  # the flow's own closing may say it, once
        # Below the closing message, what the review still finds: here nothing, of the 3 rules this flow has.
        notices = [str(message.render()) for message in shown(screen, NoticeMessage)]
        assert notices[-1].startswith("De toets vond geen punten: het concept voldoet aan de 3 criteria")


async def test_invalid_answer_is_shown_inline_and_not_stored() -> None:
    app = new_session(title=TITLE)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await new_chat(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        validation = screen.query_one("#validation", Label)
        assert validation.display
        assert "nodig om verder te gaan" in str(validation.render())
        assert screen.session.answers == {}
        assert screen.step is not None and screen.step.id == "verschil"
        await type_text(pilot, "Nu wel")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.session.answers == {"verschil": "Nu wel"}
        assert not screen.query_one("#validation", Label).display


async def test_back_and_edit_change_the_draft() -> None:
    app = new_session(title=TITLE)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await new_chat(app, pilot)
        await answer_shown(pilot, screen, "Eerste versie", "onderwijs")
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert screen.step is not None and screen.step.id == "domein"
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert screen.step is not None and screen.step.id == "verschil"
        assert screen.query_one("#text-answer", TextArea).text == "Eerste versie"
        screen.query_one("#text-answer", TextArea).clear()
        await type_text(pilot, "Tweede versie")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Het verschil: Tweede versie" in await draft_text(pilot, app)
        # Back at the first open question: 'groepen', not the edited step's neighbour.
        assert screen.step is not None and screen.step.id == "groepen"
        assert any("Terug naar" in str(notice.render()) for notice in screen.query(NoticeMessage))


async def test_the_went_back_notice_has_a_blank_line_above_it_as_other_messages_do() -> None:
    app = new_session(title=TITLE)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await new_chat(app, pilot)
        await answer_shown(pilot, screen, "Een verschil")
        left = screen.question
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("home", "enter")
        await pilot.pause()
        notice = screen.query(NoticeMessage).last()
        assert "Terug naar: " in str(notice.render())
        assert left is not None
        # Right under the question left unanswered, a blank line between them.
        assert notice.region.y == left.region.bottom + 1
        assert screen.question is not None and screen.question.region.y == notice.region.bottom + 1


async def jump_dialog(app: KansencoachApp, pilot: Pilot[None]) -> JumpDialog:
    """The jump dialog, opened with Ctrl+G."""
    await pilot.press("ctrl+g")
    await pilot.pause()
    assert isinstance(app.screen, JumpDialog)
    return app.screen


async def test_the_jump_list_cuts_a_long_answer_at_a_word_with_an_ellipsis() -> None:
    app = new_session(title=TITLE)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await new_chat(app, pilot)
        long = "Peuters in Overvecht gaan veel minder vaak naar de voorschool dan gemiddeld in de stad"
        await answer_shown(pilot, screen, long)
        dialog = await jump_dialog(app, pilot)
        first = str(dialog.query_one("#jump-list", OptionList).options[0].prompt)
        # It was cut mid-word without a sign that more followed ('... dan gem').
        shown = first.removeprefix("Het verschil: ").removesuffix(" …")
        assert first.endswith(" …") and long.startswith(shown + " "), first


async def test_every_jump_list_entry_is_one_line_at_80_columns() -> None:
    # A long question name beside an answer cut to 60 characters wrapped onto a second line: the
    # answer now gets what the name leaves, and a name is cut only when it is long.
    app = KansencoachApp(resume=stored_session("voorstel", "voorstel-zwak"))
    async with app.run_test(size=(80, 24)) as pilot:
        await opened_chat(app, pilot)
        entries = (await jump_dialog(app, pilot)).query_one("#jump-list", OptionList)
        prompts = [str(option.prompt) for option in entries.options]
        assert entries.virtual_size.height == entries.option_count, prompts
        assert "Beelden en aannames over de doelgroep: Geen" in prompts  # cut only where it must be
        long_answer = [prompt for prompt in prompts if prompt.startswith("Hoe ik aan mijn informatie kwam: ")]
        assert long_answer and long_answer[0].endswith(" …"), prompts
        # No side effect chosen ('risico-bijeffecten: []') read "Mogelijke bijeffecten:" with nothing
        # after it, as if the answer had gone missing; it reads as the draft says it.
        assert "Mogelijke bijeffecten: Geen van deze" in prompts, prompts


async def test_typing_in_the_jump_dialog_narrows_the_list_and_enter_goes_there() -> None:
    app = new_session(title=TITLE)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await new_chat(app, pilot)
        await answer_shown(pilot, screen, "Een verschil", "gezondheid")
        dialog = await jump_dialog(app, pilot)
        entries = dialog.query_one("#jump-list", OptionList)
        everything = [option.id for option in entries.options]
        assert len(everything) >= 3
        await type_text(pilot, "GEZONDHEID")  # the answer's word, in capitals: case does not count
        assert [option.id for option in entries.options] == ["domein"]
        await type_text(pilot, "xyz")
        assert entries.option_count == 0 and not entries.display  # no empty box left standing
        assert "Geen vraag of antwoord met 'GEZONDHEIDxyz'" in str(
            dialog.query_one("#jump-none", Label).render()
        )
        await pilot.press("enter")  # nothing to go to: the dialog stays
        await pilot.pause()
        assert app.screen is dialog
        await pilot.press("backspace", "backspace", "backspace")
        await pilot.pause()
        assert [option.id for option in entries.options] == ["domein"]
        assert str(dialog.query_one("#jump-none", Label).render()) == ""
        await pilot.press("enter")
        await pilot.pause()
        assert screen.step is not None and screen.step.id == "domein"


async def test_jump_dialog_and_draft_pane_go_to_an_answered_question() -> None:
    app = new_session(title=TITLE)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await new_chat(app, pilot)
        await answer_shown(pilot, screen, "Een verschil", "gezondheid")
        await jump_dialog(app, pilot)
        await pilot.press("home", "down", "enter")
        await pilot.pause()
        assert screen.step is not None and screen.step.id == "domein"
        await answer(pilot, screen.step, "onderwijs")
        pane = screen.query_one(DraftPane)
        pane.focus()
        await choose(pilot, pane, "verschil")
        assert screen.step is not None and screen.step.id == "verschil"


async def test_resume_after_restart_returns_to_the_exact_step(kansencoach_home: Path) -> None:
    app = new_session(title="Hervatten")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await new_chat(app, pilot)
        await answer_shown(pilot, screen, "Een verschil", "onderwijs", ["ouders"])
        await pilot.press("ctrl+b")
        await pilot.pause()
        session_id = screen.session.info.id
        assert screen.step is not None and screen.step.id == "groepen"
    resumed = KansencoachApp(resume=session_id)
    async with resumed.run_test(size=(100, 30)) as pilot:
        screen = await opened_chat(resumed, pilot)
        assert screen.step is not None and screen.step.id == "groepen"
        assert screen.session.answers["groepen"] == ["ouders"]
        assert len(shown(screen, OfficerMessage)) == 2


async def test_panes_toggle_and_help_shows_the_source() -> None:
    app = new_session(title=TITLE)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await new_chat(app, pilot)
        assert not screen.query_one(DraftPane).display
        await pilot.press("ctrl+o")
        assert screen.query_one(DraftPane).display
        await pilot.press("ctrl+o")
        assert not screen.query_one(DraftPane).display
        assert not screen.query_one("#side").display
        await pilot.press("ctrl+t")
        assert screen.query_one(SuggestionsPane).display
        await pilot.press("ctrl+t", "ctrl+r")
        assert screen.query_one(ReviewPane).display
        await pilot.press("ctrl+r", "f1")
        await pilot.pause()
        helps = [message for message in shown(screen, CoachMessage) if message.has_class("help")]
        assert helps and "Bron: test" in helps[0].markdown


async def test_export_dialog_writes_and_confirms_overwrite(fixed_world: Path) -> None:
    app = new_session(title="Export test")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await new_chat(app, pilot)
        await answer_shown(pilot, screen, "Tekst met # en | erin")
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        target = fixed_world / "export-test.md"
        assert app.screen.query_one("#export-path", Input).value == str(target)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Tekst met \\# en \\| erin" in target.read_text()
        message = str(app.screen.query_one("#export-message", Label).render())
        assert f"Geschreven: {target}" in message
        target.write_text("ouder bestand")
        app.screen.query_one("#export-path").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert target.read_text() == "ouder bestand"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("j")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Tekst met" in target.read_text()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)


async def test_export_as_html_changes_the_suffix(fixed_world: Path) -> None:
    app = new_session(title="Html")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#export-format").focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert dialog.query_one("#export-path", Input).value.endswith("html.html")
        dialog.query_one("#export").focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        assert (fixed_world / "html.html").read_text().startswith("<!DOCTYPE html>")


async def test_allocate_always_sums_to_the_total() -> None:
    app = new_session(title=TITLE)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await new_chat(app, pilot)
        await answer_shown(pilot, screen, "x", "onderwijs", ["ouders"])
        widget = screen.query_one(AllocateAnswer)
        assert widget.points == {"A": 35, "B": 35, "C": 30}
        for key in ["right"] * 20 + ["down"] + ["left"] * 3 + ["down"] + ["right"] * 50:
            await pilot.press(key)
            assert sum(widget.points.values()) == 100
        assert widget.points["C"] == 100


async def test_an_allocate_label_that_starts_with_its_letter_shows_the_letter_once(tmp_path: Path) -> None:
    # The shipped flow labels its options "A. Een basis bieden"; beside the letter that read "A  A. …"
    flow = tmp_path / "lettered.yaml"
    lettered = (helpers.DATA / "flows" / "mini.yaml").read_text(encoding="utf-8")
    for letter, label in (("A", "Basis bieden"), ("B", "Tegensturen"), ("C", "Maatwerk")):
        lettered = lettered.replace(f"label: {label}}}", f'label: "{letter}. {label}"}}')
    flow.write_text(lettered, encoding="utf-8")
    app = new_session(flow, title=TITLE)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await new_chat(app, pilot)
        await answer_shown(pilot, screen, "x", "onderwijs", ["ouders"])
        rows = [str(row.render()).splitlines()[0] for row in screen.query(AllocateRow)]
        assert rows == ["A  Basis bieden", "B  Tegensturen", "C  Maatwerk"]
        await pilot.press("enter")
        assert await until(pilot, lambda: len(shown(screen, OfficerMessage)) == 4)
        mix = str(shown(screen, OfficerMessage)[-1].render())
        assert "A. " not in mix and mix.splitlines()[0].endswith("  Basis bieden"), mix


async def test_suggestions_can_be_accepted_and_appear_in_the_draft() -> None:
    app = new_session(title=TITLE)
    async with app.run_test(size=(120, 40)) as pilot:
        # Fails when the knowledge base does not load, instead of passing without testing anything.
        screen = await opened_chat(app, pilot)
        assert app.knowledge is not None and app.knowledge.interventions
        assert screen.step is not None
        await answer(pilot, screen.step, "Peuters gaan weinig naar de voorschool")
        assert screen.step is not None
        await answer(pilot, screen.step, "onderwijs")
        await pilot.press("ctrl+t")
        pane = screen.query_one(SuggestionsPane)
        assert pane.option_count > 0
        first = pane.get_option_at_index(0).id
        pane.highlighted = 0
        await pilot.press("a")
        await pilot.pause()
        assert screen.session.state.suggestions == {first: "accepted"}
        assert any(first != option.id for option in pane.options)
        assert "✓" in await draft_text(pilot, app)


async def test_escape_goes_back_to_start_and_releases_the_lock() -> None:
    app = new_session(title=TITLE)
    async with app.run_test(size=(100, 30)) as pilot:
        session_id = (await new_chat(app, pilot)).session.info.id
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ChatScreen)
        with Store(locations.store_path()) as store, store.lock(session_id):
            pass


def test_options_from_flow_are_numbered() -> None:
    from kansencoach.tui.widgets.answer_inputs import _numbered

    step = next(step for step in mini_flow().flow.steps if step.id == "domein")
    assert isinstance(step, ChoiceStep)
    assert _numbered(step) == [("onderwijs", 1, "1. ", "Onderwijs"), ("gezondheid", 2, "2. ", "Gezondheid")]


async def test_a_question_mark_as_answer_shows_the_help_instead() -> None:
    app = new_session(title=TITLE)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await new_chat(app, pilot)
        await type_text(pilot, "?")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.session.answers == {}
        assert screen.query_one("#text-answer", TextArea).text == ""
        assert any(message.has_class("help") for message in shown(screen, CoachMessage))
        await answer_shown(pilot, screen, "Een verschil")
        await pilot.press("question_mark")
        await pilot.pause()
        assert len([m for m in shown(screen, CoachMessage) if m.has_class("help")]) == 2


async def test_ctrl_z_takes_back_the_latest_answer_and_asks_it_again() -> None:
    app = new_session(title=TITLE)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await new_chat(app, pilot)
        assert screen.step is not None
        await answer(pilot, screen.step, "Eerste versie")
        assert screen.step is not None
        await answer(pilot, screen.step, "gezondheid")
        assert screen.step is not None and screen.step.id == "groepen"
        await undone_to(pilot, screen, "domein")
        assert "Welk domein? — open" in await draft_text(pilot, app)
        notices = [str(notice.render()) for notice in screen.query(NoticeMessage)]
        assert any("Je antwoord op 'Welk domein?' is teruggenomen" in notice for notice in notices)
        # Undo again: the first answer goes too, and the log still holds both.
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen.step is not None and screen.step.id == "verschil"
        assert screen.session.answers == {}
        kinds = [event.kind for event in screen.session.store.events(screen.session.info.id)]
        assert kinds.count("set") == 2 and kinds.count("undo") == 2


async def test_a_long_sitting_folds_the_oldest_messages_into_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two or three widgets per answer made each next answer slower to lay out as the sitting went
    # on; past FOLD_AT messages the oldest become lines of one message (small numbers here).
    monkeypatch.setattr(chatlog, "FOLD_AT", 10)
    monkeypatch.setattr(chatlog, "KEPT", 4)
    steps = "".join(
        f"  - {{id: v{n}, type: text, multiline: false, ask: Vraag nummer {n}?, draft: a}}\n"
        for n in range(12)
    )
    path = tmp_path / "lang.yaml"
    path.write_text(f"id: lang\ntitle: Lang\nversion: 1\nsections:\n  - {{id: a, title: A}}\nsteps:\n{steps}")
    app = new_session(path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await new_chat(app, pilot)
        for number in range(8):
            await answer_shown(pilot, screen, f"antwoord {number}")
        for _ in range(50):
            if len(screen.chat_log.messages) <= 10:
                break
            await pilot.pause()
        messages = screen.chat_log.messages
        assert isinstance(messages[0], FoldedMessage) and len(messages) <= 10
        folded = messages[0].text.splitlines()
        assert folded[:2] == ["1/12 · Vraag nummer 0?", "    antwoord 0"]
        question = screen.question
        assert isinstance(question, CoachMessage) and question is messages[-1] and "9/12" in question.markdown
        assert screen.session.answers["v7"] == "antwoord 7"


async def test_an_answer_and_the_next_question_are_shown_in_the_widgets_mounted_for_them() -> None:
    """Once the panes are up to date, an answer and a question wait hidden at the end of the
    conversation; the next answer is shown in them (not mounted then), an info on the way between
    the two, and none of them is drawn before."""
    app = new_session()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await new_chat(app, pilot)
        await answer_shown(pilot, screen, "Een verschil")
        await panes_current(pilot)
        assert await until(pilot, lambda: len(screen.chat_log.children) > len(screen.chat_log.messages))
        ready = [message for message in screen.chat_log.children if message not in screen.chat_log.messages]
        assert [type(message) for message in ready] == [OfficerMessage, CoachMessage]
        assert not any(message.display for message in ready)
        assert all(message not in app.screen._compositor.visible_widgets for message in ready)
        await answer_shown(pilot, screen, "onderwijs")
        answer, info, question = screen.chat_log.messages[-3:]
        assert answer is ready[0] and isinstance(answer, OfficerMessage) and answer.text == "Onderwijs"
        assert isinstance(info, CoachMessage) and "schooladviezen" in info.markdown
        assert question is ready[1] is screen.question
        assert isinstance(question, CoachMessage) and "Voor wie?" in question.markdown
        assert all(message.display for message in (answer, info, question))
