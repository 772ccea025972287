"""One officer's session: the flow, its log in the store, and the moves a UI can make.

The TUI and the plain line mode both drive a session through this class, so they cannot differ in
what an answer, a step back or an undo means. Every move is written to the store before the method
returns; the UI acknowledges only after that.
"""

from __future__ import annotations

import contextlib
from collections.abc import Container
from dataclasses import dataclass, replace

from kansencoach.core.catalog import source_of
from kansencoach.core.draft.draft import Draft, Drafter, Remark
from kansencoach.core.draft.findings import Finding
from kansencoach.core.draft.review import Case, RuleBook, review, reviewed
from kansencoach.core.dutch.clock import written_date
from kansencoach.core.flows.answers import InvalidAnswer
from kansencoach.core.flows.engine import Engine, Route
from kansencoach.core.flows.loader import LoadedFlow
from kansencoach.core.flows.models import AnswerValue, InfoStep, QuestionStep
from kansencoach.core.flows.steptypes import check_answer
from kansencoach.core.knowledge.base import KnowledgeBase
from kansencoach.core.knowledge.fit import Query
from kansencoach.core.knowledge.matcher import Matcher
from kansencoach.core.knowledge.models import Accepted
from kansencoach.core.knowledge.suggestion import Suggestion
from kansencoach.core.sessions.events import Event, Fold, SessionState, Unsent
from kansencoach.core.sessions.store import SessionInfo, Store
from kansencoach.core.sessions.suggest import Offer, facet_steps, offer, query_from_answers


@dataclass(frozen=True)
class Orphan:
    """An answer kept in the log that the current flow cannot use: its step is gone (or is no longer
    a question), or the answer no longer passes the step's checks (an option renamed, a range
    narrowed, the type changed), so the question is asked again."""

    step_id: str
    value: AnswerValue


class _Passed(Container[str]):
    """The steps answered on a route, or on its path before `current`; looked up, never listed."""

    def __init__(self, route: Route, current: str) -> None:
        self.route = route
        self.current = route.place(current) if route.contains(current) else None

    def __contains__(self, step_id: object) -> bool:
        if not isinstance(step_id, str):
            return False
        if step_id in self.route.answered_ids:
            return True
        place = self.route.place(step_id)
        return (
            self.current is not None
            and place is not None
            and place < self.current
            and self.route.contains(step_id)
        )


def _same(unsent: Unsent | None, value: AnswerValue) -> bool:
    """Whether `unsent` is `value` (text the same but for the spaces around it)."""
    if isinstance(unsent, str) and isinstance(value, str):
        return unsent.strip() == value.strip()
    return unsent == value


def _fits(step: QuestionStep | InfoStep, value: AnswerValue) -> bool:
    """Whether `value`, stored for `step` under an earlier version of the flow, is still an answer to it."""
    if isinstance(step, InfoStep):
        return False
    try:
        check_answer(step, value)
    except InvalidAnswer:
        return False
    return True


class Session:
    """A session bound to its loaded flow and its store."""

    def __init__(self, store: Store, info: SessionInfo, loaded: LoadedFlow) -> None:
        self.store = store
        self.info = info
        self._fold = Fold(store.events(info.id))
        self.loaded: LoadedFlow
        self.engine: Engine
        self._drafter: Drafter
        self._facet_steps: tuple[QuestionStep, ...]
        self._has_orphans: bool
        self._unfit: dict[str, AnswerValue]
        self._route: Route | None
        self.reload(loaded)

    @classmethod
    def start(cls, store: Store, loaded: LoadedFlow, title: str | None = None) -> Session:
        """A new session of `loaded`, called `title`; without one (or a blank one) after its flow."""
        named = (title or "").strip() or loaded.flow.title
        info = store.create_session(named, loaded.id, loaded.flow.version, loaded.digest, source_of(loaded))
        return cls(store, info, loaded)

    def reload(self, loaded: LoadedFlow) -> None:
        """Run on a new version of the flow (after an edit); answers stay, orphans are kept apart."""
        self.loaded = loaded
        self.engine = Engine(loaded.flow.steps)
        self._drafter = Drafter(loaded.flow)
        self._undrafted: set[str] = set()
        """The answers changed since the drafter's last draft (it has none yet after a reload)."""
        self._facet_steps = facet_steps(loaded.flow)
        # Checked once per version of the flow: an answer given since was checked as it was given.
        self._unfit = {
            key: value
            for key, value in self._fold.state.answers.items()
            if self.engine.has(key) and not _fits(self.engine.step(key), value)
        }
        self._has_orphans = bool(self._unfit) or any(
            not self.engine.has(key) for key in self._fold.state.answers
        )
        self._route = None

    @property
    def state(self) -> SessionState:
        return self._fold.state

    @property
    def answers(self) -> dict[str, AnswerValue]:
        """Answers to steps the flow still has (orphans are kept apart, never dropped)."""
        if not self._has_orphans:
            return self.state.answers
        return {key: value for key, value in self.state.answers.items() if not self._kept_apart(key, value)}

    @property
    def orphans(self) -> list[Orphan]:
        answers = self.state.answers.items()
        return [Orphan(key, value) for key, value in answers if self._kept_apart(key, value)]

    def _kept_apart(self, key: str, value: AnswerValue) -> bool:
        """Whether the answer `value` to `key` is an orphan: its step is gone, or it is the answer
        that did not fit this version of the flow (an answer given again since is used)."""
        return not self.engine.has(key) or (key in self._unfit and self._unfit[key] == value)

    @property
    def flow_changed(self) -> bool:
        return self.info.flow_hash != self.loaded.digest

    def route(self) -> Route:
        if self._route is None:
            self._route = self.engine.route(self.answers)
        return self._route

    def current(self) -> QuestionStep | None:
        """Where the officer stands: the step they went back to, else the first open question."""
        cursor = self.state.cursor
        if cursor is not None and self.engine.has(cursor) and self.route().contains(cursor):
            step = self.engine.step(cursor)
            if not isinstance(step, InfoStep):
                return step
        return self.route().next

    def infos_before(self, step: QuestionStep | None) -> list[InfoStep]:
        return self.engine.infos_before(self.route(), step.id if step else None)

    def answered_before(self, step: QuestionStep | None) -> list[QuestionStep]:
        """The questions answered on the path before `step` (all of them when None), in route order.

        What a resumed conversation shows above the question: an answer further down the path
        (kept from before the route changed) comes after it, so it is not among them.
        """
        route = self.route()
        before: list[QuestionStep] = []
        for question in route.questions:
            if step is not None and question.id == step.id:
                break
            if question.id in route.answered_ids:
                before.append(question)
        return before

    def answer(self, step: QuestionStep, value: AnswerValue) -> None:
        """Store a checked answer (InvalidAnswer if it does not fit); `current()` then gives the next."""
        checked = check_answer(step, value)
        self._record(Event("set", step.id, checked))

    def undo(self) -> str | None:
        """Take back the latest answer still in effect (repeat to go further back).

        The officer then stands at that question again, when it is on the path. Returns the id of
        the step whose answer was taken back; None when there is nothing to undo.
        """
        step_id = self._fold.undoable
        if step_id is None:
            return None
        self._record(Event("undo"))
        on_path = self.engine.has(step_id) and self.route().contains(step_id)
        if on_path and not isinstance(self.engine.step(step_id), InfoStep):
            self._record(Event("visit", step_id))
        return step_id

    def back(self) -> QuestionStep | None:
        """Go to the question before the current one; None when already at the first."""
        current = self.current()
        previous = self.engine.previous(self.route(), current.id if current else None)
        if previous is not None:
            self._record(Event("visit", previous.id))
        return previous

    def jump(self, step_id: str) -> QuestionStep:
        """Go to a question on the current path, to read or change its answer."""
        step = self.engine.step(step_id)
        if isinstance(step, InfoStep) or not self.route().contains(step_id):
            raise KeyError(step_id)
        self._record(Event("visit", step_id))
        return step

    def decide(self, intervention_id: str, accept: bool) -> None:
        self._record(Event("accept" if accept else "dismiss", intervention_id))

    def prefill(self, step_id: str, value: AnswerValue) -> None:
        """Offer an earlier proposal's answer for a step; the officer still confirms or changes it."""
        self.engine.step(step_id)
        self._record(Event("prefill", step_id, value))

    def comment(self, step_id: str, author: str, text: str) -> None:
        """Add a remark to a question of this flow (KeyError for a step it does not have)."""
        self.engine.step(step_id)
        self._record(Event("comment", step_id, {"author": author, "text": text}))

    def resolve(self, number: int) -> None:
        """Mark comment `number` as done (KeyError when there is no such comment)."""
        if not any(comment.number == number for comment in self.state.comments):
            raise KeyError(number)
        self._record(Event("resolve", str(number)))

    def keep_unsent(self, step: QuestionStep, unsent: Unsent) -> None:
        """Store what was typed or ticked for `step` but not sent, so quitting or a crash does not lose it.

        What the question offers anyway (its answer, the earlier proposal's), blank text and no
        ticks where none are offered end an earlier one; the same again records nothing.
        """
        offered = self.offered(step)
        kept: Unsent | None = unsent
        if _same(unsent, offered) or (not unsent and offered is None) or _same(unsent, ""):
            kept = None
        if _same(kept, self.state.unsent.get(step.id)):
            return
        self._record(Event("unsent", step.id, kept))

    def unsent(self, step_id: str) -> Unsent | None:
        """What was typed or ticked for `step_id` and not sent (None: nothing)."""
        return self.state.unsent.get(step_id)

    def offered(self, step: QuestionStep) -> AnswerValue:
        """What the question starts with: its answer, else the answer an undo took back, else the
        earlier proposal's (either only if it still fits the step).

        Undo puts the answer back where it was before it was sent, ready to change and send again.
        A session started from an earlier proposal asks every question again, with the earlier
        answer ready to confirm or change; nothing counts as answered until the officer says so.
        """
        if step.id in self.answers:
            return self.answers[step.id]
        for earlier in (self.state.withdrawn, self.state.prefill):
            if step.id in earlier:
                with contextlib.suppress(InvalidAnswer):
                    return check_answer(step, earlier[step.id])
        return None

    def draft(
        self, knowledge: KnowledgeBase | None = None, rules: RuleBook | None = None, live: bool = False
    ) -> Draft:
        """The draft, with the accepted interventions and, given rules, the review's findings.

        `live` is the review while answering: a finding waits until its questions have been passed.
        """
        accepted = knowledge.accepted(self.state.accepted) if knowledge else []
        route = self.route()
        draft = self._draft(route, accepted)
        draft = replace(
            draft,
            provenance=self._drafter.provenance(route, self.loaded.digest),
            remarks=self._remarks(),
        )
        if rules is None:
            return draft
        findings, checked = reviewed(rules, self._case(knowledge, draft, live))
        return replace(draft, findings=tuple(findings), coverage=checked)

    def _draft(self, route: Route, accepted: list[Accepted]) -> Draft:
        changed, self._undrafted = self._undrafted, set()
        return self._drafter.draft(self.answers, self.info.title, route, accepted, changed)

    def _remarks(self) -> tuple[Remark, ...]:
        def question(step_id: str) -> str:
            step = self.engine.step(step_id) if self.engine.has(step_id) else None
            return step.label or step.ask.strip() if isinstance(step, QuestionStep) else step_id

        return tuple(
            Remark(question(c.step_id), c.author, written_date(c.at), c.text, c.done)
            for c in self.state.comments
        )

    def review(
        self, rules: RuleBook, knowledge: KnowledgeBase | None, draft: Draft | None = None, live: bool = False
    ) -> list[Finding]:
        return review(rules, self._case(knowledge, draft, live))

    def _case(self, knowledge: KnowledgeBase | None, draft: Draft | None, live: bool) -> Case:
        route = self.route()
        draft = draft or self._draft(route, [])
        passed = self._passed() if live else None
        return Case.from_draft(draft, self.state.accepted, knowledge, self._query(), route, passed)

    def _passed(self) -> Container[str] | None:
        """The questions the officer has passed: answered, or before where they stand (None: all)."""
        current = self.current()
        return None if current is None else _Passed(self.route(), current.id)

    def indicators(self, matcher: Matcher, limit: int = 5) -> list[Suggestion]:
        """Indicators that fit this case, for the monitoring questions (`suggest: indicators`)."""
        return matcher.search(self._query(), limit)

    def _query(self) -> Query:
        """The matcher query from the answers on the current path (not those of steps passed by)."""
        on_path = self.route().answered_ids
        answers = self.answers
        steps = self._facet_steps
        return query_from_answers(steps, {step.id: answers[step.id] for step in steps if step.id in on_path})

    def suggestions(self, matcher: Matcher, limit: int = 10) -> Offer:
        """Interventions for this case, leaving out those already accepted or dismissed; when none
        is left, why."""
        route = self.route()
        to_come = (s for s in self._facet_steps if s.id not in route.answered_ids and route.contains(s.id))
        return offer(matcher, self._query(), self.state.suggestions, next(to_come, None), limit)

    def _record(self, event: Event) -> None:
        changed = (
            self._fold.undoable
            if event.kind == "undo"
            else event.key
            if event.kind in ("set", "clear")
            else None
        )
        self._fold.apply(self.store.append(self.info.id, event))
        if changed is not None and self._route is not None:
            # From the route before, walking only what this answer can change (same as a full route).
            self._route = self.engine.reroute(self._route, self.answers, changed)
        if changed is not None:
            self._undrafted.add(changed)
