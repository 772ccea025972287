"""Hidden panes are left as they are after an answer; brought up, a pane shows the draft as it is now."""

from __future__ import annotations

from driver import answer_shown, knowledge_loaded, new_chat, new_session

from kansencoach.tui.widgets.panes import DraftPane, ReviewPane, SuggestionsPane

from helpers import MINI_ANSWERS


def prompts(pane: DraftPane | ReviewPane | SuggestionsPane) -> list[str]:
    return [str(option.prompt) for option in pane.options]


async def test_a_hidden_pane_is_left_until_it_is_brought_up() -> None:
    app = new_session()
    async with app.run_test(size=(80, 24)) as pilot:  # narrow: every pane hidden at the start
        screen = await new_chat(app, pilot)
        await knowledge_loaded(app, pilot)
        draft, review = screen.query_one(DraftPane), screen.query_one(ReviewPane)
        suggestions = screen.query_one(SuggestionsPane)
        assert not draft.display and not review.display and not suggestions.display
        await answer_shown(pilot, screen, MINI_ANSWERS["verschil"])
        await pilot.pause()
        # Hidden, the panes were not filled in (not even the suggestions were looked for).
        assert draft.option_count == review.option_count == suggestions.option_count == 0

        await pilot.press("ctrl+o")  # the draft pane
        await pilot.pause()
        assert draft.display
        assert any(MINI_ANSWERS["verschil"] in prompt for prompt in prompts(draft))
        assert "○ Welk domein? — open" in prompts(draft)  # the questions still to come

        await pilot.press("escape")  # back to the answer box; the shown pane follows each answer
        await answer_shown(pilot, screen, MINI_ANSWERS["domein"])
        await pilot.pause()
        shown = prompts(draft)
        assert "○ Welk domein? — open" not in shown
        assert any(prompt.startswith("Welk domein") for prompt in shown), shown
        assert review.option_count == suggestions.option_count == 0  # still hidden, still empty
