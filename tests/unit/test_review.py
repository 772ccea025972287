"""The review's behaviour beyond the corpus: evidence, target groups, flows without the parts a rule
reads, severity order, and the live review that waits until a question has been passed."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from kansencoach.core.catalog import load_kb, load_vocabulary
from kansencoach.core.draft.draft import build_draft
from kansencoach.core.draft.findings import Coverage, Finding, Severity, all_clear, review_summary
from kansencoach.core.draft.review import Case, RuleBook, coverage, load_rules, review
from kansencoach.core.flows.engine import Route
from kansencoach.core.flows.loader import load_flow
from kansencoach.core.knowledge.base import KnowledgeBase
from kansencoach.core.knowledge.fit import Query
from kansencoach.core.sessions.conversation import Conversation
from kansencoach.core.sessions.session import Session
from kansencoach.core.sessions.store import Store

from helpers import REPO, small_knowledge_base

sys.path.insert(0, str(REPO / "benchmarks"))
import review_quality

RULES = load_rules(REPO / "knowledge" / "review.yaml")


@pytest.fixture(scope="module")
def small_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return small_knowledge_base(tmp_path_factory.mktemp("kb"))


@pytest.fixture(scope="module")
def good() -> Case:
    example = review_quality.CorpusCase("-", "good", "vve", "vve", frozenset(), {})
    return review_quality.review_case(example, review_quality.voorstel(), load_kb())


def rule_ids(case: Case, rules: RuleBook = RULES) -> set[str]:
    return {finding.rule_id for finding in review(rules, case)}


def test_evidence_gap_needs_only_unproven_choices_and_a_better_option(
    good: Case, small_kb: KnowledgeBase
) -> None:
    gap = replace(
        good,
        accepted=["jogg"],
        knowledge=small_kb,
        query=Query("kinderen leerachterstand rekenen bijles"),
        values={**good.values, "analyse.wie": ["kinderen"]},
    )
    (finding,) = [f for f in review(RULES, gap) if f.rule_id == "bewijs-gat"]
    assert "Jongeren op Gezond Gewicht" in finding.message and "High-Dosage Tutoring" in finding.message
    assert "bewijs-gat" not in rule_ids(replace(gap, accepted=["tutoring"]))
    # Tutoring is for children and teenagers: for toddlers it is no better option.
    toddlers = replace(gap, values={**good.values, "analyse.wie": ["jonge-kinderen"]})
    assert "bewijs-gat" not in rule_ids(toddlers)


def test_a_complementary_intervention_beside_a_proven_one_is_no_gap(
    good: Case, small_kb: KnowledgeBase
) -> None:
    both = replace(good, accepted=["tutoring", "jogg"], knowledge=small_kb, query=Query("rekenen bijles"))
    assert "bewijs-gat" not in rule_ids(both)


def test_target_mismatch_compares_the_analysis_with_the_choices(good: Case, small_kb: KnowledgeBase) -> None:
    case = replace(good, knowledge=small_kb, values={**good.values, "analyse.wie": ["jonge-kinderen"]})
    (finding,) = [
        f
        for f in review(RULES, replace(case, accepted=["schuldhulpverlening"]))
        if f.rule_id == "doelgroep-mismatch"
    ]
    assert "Jonge kinderen (0-4 jaar) en hun ouders" in finding.message
    assert "jonge-kinderen" not in finding.message
    assert "doelgroep-mismatch" not in rule_ids(replace(case, accepted=["vve"]))


def test_rules_about_parts_a_flow_lacks_are_not_applied() -> None:
    loaded = load_flow(REPO / "flows" / "quickscan.yaml", load_vocabulary())
    draft = build_draft(loaded.flow, {})
    assert rule_ids(Case.from_draft(draft, [], None, Query())) == set()


def test_an_empty_review_says_how_many_rules_it_checked_not_that_every_criterion_is_met() -> None:
    loaded = load_flow(REPO / "flows" / "quickscan.yaml", load_vocabulary())
    checked = coverage(RULES, Case.from_draft(build_draft(loaded.flow, {}), [], None, Query()))
    # The quickscan has no part a rule reads (bewijs-gat reads the target groups too, since heldout3).
    assert checked == Coverage(0, len(RULES.rules))
    assert "niet getoetst" in all_clear(checked) and "voldoet" not in all_clear(checked)
    verdict = all_clear(Coverage(1, len(RULES.rules)))
    assert "voldoet aan 1 criterium, het enige dat bij deze flow hoort" in verdict
    assert f"De andere {len(RULES.rules) - 1} van de {len(RULES.rules)} criteria" in verdict
    assert "niet getoetst" in verdict
    assert "voldoet aan alle" not in verdict
    assert all_clear(Coverage(26, 27)).endswith(
        "Het andere criterium (1 van de 27) gaat over een deel dat deze flow niet vraagt en is niet getoetst."
    )
    assert "alle 27 criteria" in all_clear(Coverage(27, 27))
    assert "niet getoetst" in all_clear(Coverage(0, 27)) and "niet getoetst" in all_clear(None)


def test_findings_are_ordered_by_severity(good: Case) -> None:
    weak = replace(
        good,
        values={**good.values, "doel.smart": "Meer peuters naar de voorschool.", "monitoring.raad": None},
    )
    severities = [finding.severity for finding in review(RULES, weak)]
    assert severities == ["blokkerend", "aandacht"]


def test_a_finding_waits_until_its_questions_have_been_passed(tmp_path: Path) -> None:
    loaded = review_quality.voorstel()
    session = Session.start(Store(tmp_path / "sessions.db"), loaded, "Live")
    knowledge = load_kb()
    # Nothing answered: the final review already misses what stops, the live review says nothing yet.
    assert "niets-gestopt" in {f.rule_id for f in session.review(RULES, knowledge)}
    assert session.review(RULES, knowledge, live=True) == []
    example = yaml.safe_load(review_quality.BASES["vve"].read_text(encoding="utf-8"))["answers"]
    answered = 0
    while (step := session.current()) is not None and step.id != "stoppen":
        session.answer(step, example.get(step.id))
        answered += 1
        live = {finding.rule_id for finding in session.review(RULES, knowledge, live=True)}
        assert "niets-gestopt" not in live, step.id
    assert step is not None and answered > 10
    session.answer(step, None)
    assert "niets-gestopt" in {finding.rule_id for finding in session.review(RULES, knowledge, live=True)}


TOLD = [
    # (info step, the rule it links, the question after which the live review raises the rule,
    # answers that put the message on the route, answers that skip it and raise the rule all the same)
    ("geen-bron", "geen-bron", "cijfer", {"bronnen": ["nog-geen"]}, {"cijfer": "In Overvecht veel minder."}),
    (
        "geen-criteria",
        "geen-partnercriteria",
        "partner-criteria",
        {"partner-criteria": ["geen"]},
        {"partners-wie": "Iedereen die mee wil doen."},
    ),
    # The rule is the message (`warning: waarschuwing-c`): it is never raised without it.
    ("waarschuwing-c", "alleen-c", "mix", {"mix": {"A": 10, "B": 10, "C": 80}}, None),
    (
        "nog-niet-betrokken",
        "geen-leefwereld",
        "betrekken",
        {"betrekken": ["nog-niet"]},
        {"leefwereld": "Uit de cijfers van de GGD blijkt dat veel ouders de voorschool niet kennen."},
    ),
    (
        "niets-gestopt",
        "niets-gestopt",
        "stoppen",
        {"stoppen": None},
        {"stoppen": ["Niets, dit komt er gewoon bij."]},
    ),
]


def _answered_up_to(
    question: str, changed: dict[str, Any], tmp_path: Path
) -> tuple[Route, set[str], set[str]]:
    """Voorstel answered as the VVE example, with `changed` instead, up to and with `question`: the
    route, the rules the live review raises then, and those the chat names below that answer."""
    session = Session.start(Store(tmp_path / "sessions.db"), review_quality.voorstel(), "Gekoppeld")
    conversation = Conversation(session)
    answers = {
        **yaml.safe_load(review_quality.BASES["vve"].read_text(encoding="utf-8"))["answers"],
        **changed,
    }
    knowledge = load_kb()
    while (step := session.current()) is not None and step.id != question:
        session.answer(step, answers.get(step.id))
    assert step is not None, question
    before = {finding.rule_id for finding in session.review(RULES, knowledge, live=True)}
    session.answer(step, answers.get(step.id))
    findings = session.review(RULES, knowledge, live=True)
    named = conversation.findings_to_name(findings, before, {step.id})
    return session.route(), {finding.rule_id for finding in findings}, {finding.rule_id for finding in named}


@pytest.mark.parametrize(
    ("info", "rule", "question", "shown", "skipped"), TOLD, ids=[case[0] for case in TOLD]
)
def test_a_finding_a_coach_message_on_the_route_tells_is_left_to_that_message(
    info: str, rule: str, question: str, shown: dict[str, Any], skipped: dict[str, Any] | None, tmp_path: Path
) -> None:
    route, raised, named = _answered_up_to(question, shown, tmp_path / "shown")
    assert route.shows_info(info) and rule in raised
    assert rule not in named
    if skipped is not None:
        # Raised for another reason, the message passed by: the chat names the finding after all.
        route, raised, named = _answered_up_to(question, skipped, tmp_path / "skipped")
        assert not route.shows_info(info) and rule in named


@pytest.mark.parametrize(
    ("base", "answers", "expected"),
    [
        # A fraction in words is a quantity with its unit.
        (
            "schulden",
            {
                "doel": "Eind 2027 praat de helft van de huishoudens met een signaal binnen vier weken met het buurtteam (nu een kwart)."
            },
            set(),
        ),
        # "aantal bijeenkomsten" also finds the compound "voorlichtingsbijeenkomsten".
        (
            "vve",
            {"indicatoren": ["Aantal voorlichtingsbijeenkomsten", "Tevredenheid van ouders"]},
            {"alleen-procesindicatoren"},
        ),
        # A target above the baseline needs no "up" word, even when the goal says "minder" about something else.
        (
            "vve",
            {
                "doel": "Op 1 augustus 2027 gaat 80% van de peuters met een VVE-indicatie in Overvecht naar de voorschool, zodat minder kinderen met een taalachterstand aan groep 1 beginnen."
            },
            set(),
        ),
        # "Niets, dit komt er gewoon bij" is nothing stopped.
        ("vve", {"stoppen": ["Niets, dit komt er gewoon bij."]}, {"niets-gestopt"}),
        # A goal that says the figure falls, with a target above the baseline, contradicts itself.
        (
            "schulden",
            {
                "doel": "Eind 2027 daalt het aandeel huishoudens in Kanaleneiland met een betalingsachterstand naar 9%.",
                "doel-nu": 14,
                "doel-streef": 20,
            },
            {"streefwaarde-onlogisch"},
        ),
        # A ceiling is a goal that goes down: a target below the baseline is right.
        (
            "schulden",
            {
                "doel": "Eind 2027 heeft hooguit 9% van de huishoudens in Kanaleneiland een betalingsachterstand (nu 14%).",
                "doel-nu": 14,
                "doel-streef": 9,
            },
            set(),
        ),
        # A denied phrase does not count: not paid from existing budgets is an own budget.
        (
            "vve",
            {"dosis": "Vier uur per week. Dit betalen we niet uit bestaande budgetten maar uit nieuw geld."},
            set(),
        ),
        # "Niet alleen" adds and denies nothing: people were heard.
        (
            "schulden",
            {
                "leefwereld": "We hebben niet alleen gesproken met bewoners, ook met de wijkagent en de huisarts."
            },
            set(),
        ),
        # Agreements settled in a meeting are not on paper; oral first and then laid down are.
        ("schulden", {"partner-afspraken": "We stemmen alles af in het netwerkoverleg."}, {"geen-afspraken"}),
        (
            "schulden",
            {
                "partner-afspraken": "Eerst mondeling verkend, daarna vastgelegd in een convenant met de corporaties."
            },
            set(),
        ),
        # A life world still to be heard is not heard.
        (
            "schulden",
            {"leefwereld": "Dat willen we in het voorjaar ophalen bij bewoners."},
            {"geen-leefwereld"},
        ),
        # "Niemand" that goes on to name who loses out is an answer.
        (
            "schulden",
            {
                "risico-nadeel": "Niemand raakt zijn hulp kwijt, maar huishoudens in andere wijken wachten langer."
            },
            set(),
        ),
        # Found by heldout3 (see tests/data/review/README.md); each wording here is not in it.
        # Brought back ("terugbrengen") is a goal that goes down.
        (
            "schulden",
            {
                "doel": "We willen het aandeel huishoudens in Kanaleneiland met een betalingsachterstand eind 2027 terugbrengen tot 9% (nu 14%).",
                "doel-nu": 14,
                "doel-streef": 9,
            },
            set(),
        ),
        # "Nog … te" with any verb is an indicator still to come; "p.m." is none at all.
        (
            "vve",
            {
                "indicatoren": [
                    "Bereik van peuters met een VVE-indicatie in Overvecht (%)",
                    "Nog vast te stellen met de GGD",
                ]
            },
            {"geen-indicatoren"},
        ),
        (
            "vve",
            {"indicatoren": ["Bereik van peuters met een VVE-indicatie in Overvecht (%)", "p.m."]},
            {"geen-indicatoren"},
        ),
        # The current budget of a partner is an existing one.
        (
            "vve",
            {"dosis": "Vier uur per week, betaald binnen het huidige budget van de voorschool."},
            {"geen-budget"},
        ),
        ("vve", {"stoppen": ["Er wordt niets afgebouwd."]}, {"niets-gestopt"}),
        (
            "schulden",
            {"risico-nadeel": "De hele stad wint erbij als minder mensen schulden hebben."},
            {"risico-zonder-nadeel"},
        ),
        # A hedge adds nothing to an empty answer.
        ("schulden", {"risico-nadeel": "Eigenlijk niemand."}, {"risico-zonder-nadeel"}),
        ("vve", {"stoppen": ["Voorlopig niets."]}, {"niets-gestopt"}),
        ("vve", {"raad": "Volgens mij n.v.t."}, {"raad-ontbreekt"}),
        # Found by heldout4 (see tests/data/review/README.md); each wording here is not in it.
        # Naming kinds of factors is not naming causes.
        (
            "vve",
            {"oorzaken": "Vooral maatschappelijke en persoonlijke factoren bij de ouders."},
            {"oorzaken-vaag"},
        ),
        # Whether it is laid down is still open: nothing is on paper.
        (
            "schulden",
            {"partner-afspraken": "Of we dat vastleggen in een convenant, hangt af van de eerste maanden."},
            {"geen-afspraken"},
        ),
        # Carrying on as now is no second scenario.
        (
            "vve",
            {"scenarios": ["A: extra plekken en toeleiding in Overvecht", "B: verder op de oude voet"]},
            {"scenarios-stroman"},
        ),
        # An answer that opens with "nothing" stops nothing, whatever reason follows.
        ("vve", {"stoppen": ["Niets, we willen eerst de evaluatie afwachten."]}, {"niets-gestopt"}),
        # Staff doing it beside their own work, or money a partner gets already, is no own budget.
        (
            "vve",
            {
                "dosis": "Vier uur per week; de JGZ-verpleegkundigen doen de huisbezoeken binnen hun huidige uren."
            },
            {"geen-budget"},
        ),
        (
            "vve",
            {"dosis": "Vier uur per week, betaald uit de subsidie die de voorschool al krijgt voor peuters."},
            {"geen-budget"},
        ),
        # A negation before an article still denies: not from the current budget is an own budget.
        (
            "vve",
            {
                "dosis": "Vier uur per week. Dit komt niet uit het bestaande budget van de JGZ: de raad gaf nieuw geld."
            },
            set(),
        ),
        # "Not applicable" and "takes nothing from anyone" say nobody loses.
        ("schulden", {"risico-nadeel": "N.v.t., want het is extra hulp."}, {"risico-zonder-nadeel"}),
        (
            "schulden",
            {"risico-nadeel": "Het huisbezoek komt erbij; daarmee wordt niemand iets afgenomen."},
            {"risico-zonder-nadeel"},
        ),
        # An indicator still to be filled in, in other words.
        (
            "vve",
            {
                "indicatoren": [
                    "Bereik van peuters met een VVE-indicatie in Overvecht (%)",
                    "Taal: vullen we later aan",
                ]
            },
            {"geen-indicatoren"},
        ),
        # Counting what the organisation did is counting the inzet.
        (
            "schulden",
            {
                "indicatoren": [
                    "Aantal gevoerde gesprekken",
                    "Aantal uitgedeelde folders",
                    "Aantal gehouden spreekuren",
                ]
            },
            {"alleen-procesindicatoren"},
        ),
        # Indicators that share with the goal only words without content (zonder, a place) do not measure it.
        (
            "vve",
            {
                "indicatoren": [
                    "Aandeel kleuters in Overvecht zonder taalachterstand in groep 2 (%)",
                    "Aandeel kinderen in Overvecht dat groep 3 zonder vertraging begint (%)",
                ]
            },
            {"indicator-los-van-doel"},
        ),
        # A meeting is not an owner.
        ("vve", {"eigenaar": "De stuurgroep jonge kind"}, {"eigenaar-collectief"}),
        # The council put off, with no moment named.
        ("vve", {"raad": "Hoe we de raad informeren, bepalen we te zijner tijd."}, {"raad-ontbreekt"}),
        # A figure that falls, and a negation in the clause before it that denies something else.
        (
            "schulden",
            {
                "doel": "Eind 2027 is het aandeel huishoudens in Kanaleneiland dat nooit reageert op een aanmaning, loopt terug van 25% naar 10%.",
                "doel-nu": 25,
                "doel-streef": 10,
            },
            set(),
        ),
        # Found by heldout5 (see tests/data/review/README.md); each wording here is not in it.
        # People named by their benefit or age are a target group; the age is no quantity.
        (
            "schulden",
            {
                "doel": "Eind 2027 heeft 60% van de uitkeringsgerechtigden in Kanaleneiland met een betalingsachterstand binnen een maand contact met het buurtteam (nu 25%)."
            },
            set(),
        ),
        (
            "schulden",
            {"doel": "Per 2028 krijgen 18-jarigen in Kanaleneiland met schulden sneller hulp."},
            {"er-doel"},
        ),
        # A count of neighbourhoods is no figure of the difference.
        (
            "schulden",
            {
                "cijfer": "In onze vier aandachtswijken zien de wijkteams veel meer gezinnen met schulden dan elders."
            },
            {"geen-bron"},
        ),
        ("vve", {"stoppen": ["Nog te bepalen met de voorschoolorganisaties"]}, {"niets-gestopt"}),
        (
            "schulden",
            {"risico-nadeel": "Uiteindelijk gaat er niemand op achteruit."},
            {"risico-zonder-nadeel"},
        ),
        (
            "vve",
            {
                "indicatoren": [
                    "Bereik van peuters met een VVE-indicatie in Overvecht (%)",
                    "Een indicator voor de taal wordt nog vastgesteld",
                ]
            },
            {"geen-indicatoren"},
        ),
        (
            "schulden",
            {
                "indicatoren": [
                    "Aantal getrainde vrijwilligers",
                    "Aandeel gezinnen dat door het buurtteam is bezocht (%)",
                    "Tevredenheid van de bewoners over het spreekuur (rapportcijfer)",
                ]
            },
            {"alleen-procesindicatoren"},
        ),
        (
            "schulden",
            {
                "leefwereld": "Nog niet met de huishoudens zelf in gesprek geweest; de corporatie vertelde dat velen hun post niet openen."
            },
            {"geen-leefwereld"},
        ),
        # Found by heldout6 (see tests/data/review/README.md); each wording here is not in it.
        (
            "vve",
            {
                "partner-afspraken": "In het overleg zijn goede afspraken gemaakt; of we die afspraken vastleggen, zien we na de evaluatie."
            },
            {"geen-afspraken"},
        ),
        # A situation from the WIE synonyms (a betalingsachterstand) is no target group; a group is.
        (
            "schulden",
            {
                "doel": "Eind 2027 wordt in Kanaleneiland 60% van elke nieuwe betalingsachterstand binnen een maand bij het buurtteam gemeld (nu 25%)."
            },
            {"doel-niet-smart"},
        ),
        (
            "schulden",
            {
                "doel": "Eind 2027 meldt 60% van de huurders in Kanaleneiland met een betalingsachterstand zich binnen een maand bij het buurtteam (nu 25%)."
            },
            set(),
        ),
        (
            "schulden",
            {
                "leefwereld": "De buurtteams vertelden ons hoe laat huishoudens komen; met de huishoudens zelf hebben we nog niet gesproken."
            },
            {"geen-leefwereld"},
        ),
        (
            "schulden",
            {"leefwereld": "Na de zomer plannen we drie gesprekken in het buurthuis, met huurders die achterlopen."},
            {"geen-leefwereld"},
        ),
        (
            "schulden",
            {
                "indicatoren": [
                    "Aandeel huishoudens met een achterstand dat binnen een maand contact heeft (%)",
                    "Schuldenvrij na twee jaar: onbekend",
                ]
            },
            {"geen-indicatoren"},
        ),
        # "Volgt" as the verb of an indicator is no open indicator.
        (
            "schulden",
            {
                "indicatoren": [
                    "Aandeel huishoudens met een achterstand dat binnen een maand contact heeft (%)",
                    "Aandeel huishoudens dat een betalingsregeling volgt (%)",
                ]
            },
            set(),
        ),
        (
            "schulden",
            {
                "indicatoren": [
                    "Aantal opgeleide vrijwillige thuisadministrateurs",
                    "Aantal huishoudens die meedoen aan het spreekuur",
                    "Aantal corporaties dat het convenant heeft getekend",
                ]
            },
            {"alleen-procesindicatoren"},
        ),
        # Found by heldout7 (see tests/data/review/README.md); each wording here is not in it.
        (
            "vve",
            {
                "partner-afspraken": "Dat is mondeling rond; of we het straks in een convenant zetten, hangt af van de evaluatie."
            },
            {"geen-afspraken"},
        ),
        (
            "schulden",
            {"leefwereld": "Gesprekken met huurders gepland in maart, via de corporatie. Tot dan de cijfers."},
            {"geen-leefwereld"},
        ),
        # An acronym is a word of the goal, though it has three letters.
        (
            "vve",
            {
                "indicatoren": [
                    "Aantal wachtenden voor een VVE-plek op 1 januari",
                    "Wachttijd tot een plaats bij een VVE-locatie, in weken",
                ]
            },
            set(),
        ),
        (
            "schulden",
            {
                "indicatoren": [
                    "Aantal gebelde huishoudens na een signaal",
                    "Aantal budgetcoaches getraind in motiverende gespreksvoering",
                    "Aantal verwijzingen naar de schuldhulp",
                ]
            },
            {"alleen-procesindicatoren"},
        ),
        # A share in words is a limit to steer by and a figure of the difference.
        (
            "vve",
            {"bijsturen": "Is na een half jaar minder dan een kwart van de doelgroeppeuters bereikt, dan zetten we extra toeleiders in."},
            set(),
        ),
        (
            "schulden",
            {"cijfer": "Ruim de helft van de huishoudens met een achterstand in Kanaleneiland meldt zich nooit bij het buurtteam (wijkmonitor)."},
            set(),
        ),
        # The number in the name of a kind is no figure.
        (
            "schulden",
            {"cijfer": "Volgens de GGD hebben veel bewoners met schulden ook diabetes type 2; cijfers per wijk hebben we niet."},
            {"geen-bron"},
        ),
        # Found by heldout8 (see tests/data/review/README.md); each wording here is not in it.
        (
            "schulden",
            {"cijfer": "De drie scholen in Kanaleneiland zien veel meer gezinnen met schulden dan elders."},
            {"geen-bron"},
        ),
        (
            "vve",
            {"partner-afspraken": "Mondeling rond. Of we dat in de subsidiebeschikking zetten, zien we volgend jaar."},
            {"geen-afspraken"},
        ),
        (
            "schulden",
            {
                "indicatoren": [
                    "Aandeel huishoudens met een achterstand dat binnen een maand contact heeft (%)",
                    "Schuldenvrij na twee jaar: nog open",
                ]
            },
            {"geen-indicatoren"},
        ),
        # "Nog open" inside an indicator is what it measures, not a gap.
        (
            "schulden",
            {
                "indicatoren": [
                    "Aandeel huishoudens met een achterstand dat binnen een maand contact heeft (%)",
                    "Aandeel aanmaningen dat na dertig dagen nog open staat (%)",
                ]
            },
            set(),
        ),
        # A group not heard yet beside the people who were is a good answer; the people themselves not.
        (
            "schulden",
            {
                "leefwereld": "We spraken vijftien huishoudens met een achterstand bij hen thuis; ze openen hun post niet uit angst. Met jongeren onder de 27 hebben we nog niet gesproken."
            },
            set(),
        ),
        (
            "schulden",
            {"leefwereld": "De corporatie en het buurtteam vertelden hoe het gaat; de huishoudens zelf nog niet."},
            {"geen-leefwereld"},
        ),
        # Found by heldout9 (see tests/data/review/README.md); each wording here is not in it.
        (
            "schulden",
            {"doel": "Snellere hulp voor huishoudens 65+ met een achterstand in Kanaleneiland, per 2027."},
            {"er-doel"},
        ),
        (
            "schulden",
            {
                "indicatoren": [
                    "Aantal corporaties met een getekende samenwerkingsovereenkomst",
                    "Aantal gevoerde huisbezoeken",
                ]
            },
            {"alleen-procesindicatoren"},
        ),
        # Found by heldout10 (see tests/data/review/README.md); each wording here is not in it.
        # A plan to talk is no one heard; a plan beside people already heard is a next round.
        (
            "vve",
            {"leefwereld": "Gesprekken met ouders op de voorschool plannen we in het voorjaar; nu weten we het uit de cijfers."},
            {"geen-leefwereld"},
        ),
        (
            "vve",
            {"leefwereld": "We spraken twaalf ouders op de voorschool; in het najaar plannen we nog gesprekken met vaders."},
            set(),
        ),
        (
            "vve",
            {
                "partners-wie": "Bewust geen inschrijving voor iedereen die wil, maar de twee voorschoolorganisaties met een VVE-erkenning."
            },
            set(),
        ),
        # "Bewust geen" before something else leaves an open call open.
        (
            "vve",
            {"partners-wie": "We stellen bewust geen eisen vooraf: iedereen die mee wil doen is welkom."},
            {"geen-partnercriteria"},
        ),
        # Found by heldout11 (see tests/data/review/README.md); each wording here is not in it.
        # `**` in a phrase: words between the count and who takes part.
        (
            "vve",
            {"indicatoren": ["Aantal peuters uit Overvecht dat aan de voorschool deelneemt", "Aantal gegeven lessen"]},
            {"alleen-procesindicatoren"},
        ),
        (
            "vve",
            {"indicatoren": ["Aandeel peuters uit Overvecht dat aan de voorschool deelneemt (%)", "Aantal gegeven lessen"]},
            set(),
        ),
        # A phrase's last word as a compound's head, also with an ending: "bestaande budget*".
        ("vve", {"dosis": "Twee huisbezoeken per gezin, betaald uit het bestaande jeugdgezondheidsbudget."}, {"geen-budget"}),
        ("vve", {"dosis": "Twee huisbezoeken per gezin; de buurtteams doen het naast hun drukke caseload."}, {"geen-budget"}),
        ("vve", {"dosis": "Twee huisbezoeken per gezin, betaald uit het geld dat de JGZ al van het rijk ontvangt."}, {"geen-budget"}),
        (
            "vve",
            {"partners-wie": "Elke aanbieder in de stad die wil, kan aansluiten bij de toeleiding."},
            {"geen-partnercriteria"},
        ),
        (
            "vve",
            {"partners-wie": "Niet elke aanbieder die wil, doet mee: alleen voorschoolorganisaties met een VVE-erkenning in Overvecht."},
            set(),
        ),
        ("vve", {"stoppen": ["NTB; dat hangt af van de evaluatie"]}, {"niets-gestopt"}),
        (
            "vve",
            {"indicatoren": ["Bereik van peuters met een VVE-indicatie in Overvecht (%)", "Doorstroom naar groep 3: onbekend, de scholen delen het nog niet"]},
            {"geen-indicatoren"},
        ),
        ("vve", {"risico-nadeel": "Een win-win: ouders en scholen hebben er allebei wat aan."}, {"risico-zonder-nadeel"}),
        ("vve", {"risico-nadeel": "Geen win-win: peuters buiten Overvecht krijgen minder extra uren."}, set()),
        # Grades in a range and sites with a word before them count no people.
        (
            "vve",
            {"cijfer": "De intern begeleiders van de zes deelnemende scholen zien dat kinderen in groep 1 en 2 vaker achterlopen."},
            {"geen-bron"},
        ),
        # Found by heldout12 (see tests/data/review/README.md); each wording here is not in it.
        (
            "vve",
            {"oorzaken": "Het is een mix van wat thuis gebeurt, wat op school gebeurt en wat in de buurt speelt."},
            {"oorzaken-vaag"},
        ),
        ("vve", {"partners-wie": "Iedereen in Overvecht die een bijdrage wil leveren, kan aansluiten."}, {"geen-partnercriteria"}),
        (
            "vve",
            {"partners-wie": "Het netwerk staat niet open voor iedereen: alleen voorschoolorganisaties met een VVE-erkenning in Overvecht."},
            set(),
        ),
        (
            "vve",
            {"scenarios": ["Extra toeleiding door JGZ en buurtteam in Overvecht", "Voortzetting van het huidige aanbod in de hele stad"]},
            {"scenarios-stroman"},
        ),
        ("vve", {"stoppen": ["Afbouw van bestaand aanbod is voorlopig niet aan de orde."]}, {"niets-gestopt"}),
        (
            "vve",
            {"dosis": "Twee huisbezoeken per gezin; die doen de verpleegkundigen binnen de uren die ze nu al hebben."},
            {"geen-budget"},
        ),
        ("vve", {"risico-nadeel": "Geen enkele wijk gaat erop achteruit: het geld komt erbij."}, {"risico-zonder-nadeel"}),
        ("vve", {"risico-nadeel": "Wijken buiten Overvecht gaan erop achteruit: zij krijgen minder extra uren."}, set()),
        (
            "vve",
            {"indicatoren": ["Bereik van peuters met een VVE-indicatie in Overvecht (%)", "De tweede indicator vullen we nog in met de JGZ"]},
            {"geen-indicatoren"},
        ),
        (
            "vve",
            {"indicatoren": ["Aantal uitgereikte voorleespakketten", "Aantal door de JGZ gebelde ouders"]},
            {"alleen-procesindicatoren"},
        ),
        (
            "vve",
            {"partner-afspraken": "Mondeling afgestemd met de voorscholen; een schriftelijke overeenkomst volgt na de zomer."},
            {"geen-afspraken"},
        ),
        (
            "vve",
            {"partner-afspraken": "Geen convenant, dat vonden de partners te zwaar; wel een subsidiebeschikking per voorschool met de prestaties erin."},
            set(),
        ),
        # Found by heldout13 (see tests/data/review/README.md); each wording here is not in it.
        ("vve", {"partners-wie": "Elke voorschool in de wijk die dat wil, kan aansluiten."}, {"geen-partnercriteria"}),
        (
            "vve",
            {"partners-wie": "Niet elke organisatie die mee wil doen: we kozen de twee voorschoolorganisaties met een VVE-erkenning in Overvecht."},
            set(),
        ),
        (
            "vve",
            {"leefwereld": "We kennen de cijfers van de JGZ. Een ouderpanel in Overvecht wordt na de zomer samengesteld."},
            {"geen-leefwereld"},
        ),
        ("vve", {"stoppen": ["In het eerste jaar bouwen we nog niets af; daarna kijken we opnieuw."]}, {"niets-gestopt"}),
        ("vve", {"stoppen": ["Welke activiteiten vervallen, wordt in het najaar nader bekeken."]}, {"niets-gestopt"}),
        ("vve", {"risico-nadeel": "Een win-winsituatie voor ouders, voorscholen en de gemeente."}, {"risico-zonder-nadeel"}),
        (
            "vve",
            {"indicatoren": ["Aantal naar eenvoudige taal herschreven brieven", "Aantal gekoppelde taalmaatjes"]},
            {"alleen-procesindicatoren"},
        ),
        (
            "vve",
            {"bijsturen": "We sturen bij: 1) als de toeleiding achterblijft; 2) als voorscholen afhaken."},
            {"bijsturen-zonder-grens"},
        ),
        ("vve", {"raad": "Niet nodig, dit is uitvoering door het college."}, {"raad-ontbreekt"}),
        # A goal that names its share and a target field that says another (heldout10's known
        # failure, on the rule made to compare them).
        ("vve", {"doel-streef": 75}, {"streefwaarde-onlogisch"}),
        ("vve", {"doel-nu": 0.62, "doel-streef": 0.8}, set()),
        (
            "vve",
            {"doel": "Op 1 augustus 2027 gaat driekwart van de peuters met een VVE-indicatie in Overvecht naar de voorschool (nu 62%).", "doel-streef": 75},
            set(),
        ),
        (
            "vve",
            {"doel": "Op 1 augustus 2027 gaan 20% meer peuters met een VVE-indicatie in Overvecht naar de voorschool dan nu (62%).", "doel-streef": 74},
            set(),
        ),
        (
            "vve",
            {"doel": "Op 1 augustus 2027 gaan 300 peuters met een VVE-indicatie in Overvecht naar de voorschool (nu 62%).", "doel-streef": 300},
            set(),
        ),
        # "N.v.t." with a reason and no moment leaves the council out; with a moment it is an answer.
        ("vve", {"raad": "N.v.t., valt onder het college."}, {"raad-ontbreekt"}),
        (
            "vve",
            {"raad": "N.v.t. als apart stuk: de raad krijgt elk jaar de voortgang in de jaarrekening."},
            set(),
        ),
    ],
)
def test_wordings_beyond_the_corpus(base: str, answers: dict[str, object], expected: set[str]) -> None:
    case = review_quality.CorpusCase("-", "-", "-", base, frozenset(), answers)
    assert rule_ids(review_quality.review_case(case, review_quality.voorstel(), load_kb())) == expected


@pytest.mark.parametrize(
    ("answers", "said"),
    [
        ({"doel-streef": 25}, "de streefwaarde (25) is gelijk aan de nulmeting (25)"),
        ({"doel-streef": 20}, "de streefwaarde (20) ligt onder de nulmeting (25), maar het doel zegt niet"),
        (
            {
                "doel": "Eind 2027 daalt het aandeel huishoudens in Kanaleneiland met een betalingsachterstand.",
                "doel-nu": 14,
                "doel-streef": 20,
            },
            "de streefwaarde (20) ligt boven de nulmeting (14), terwijl het doel zegt dat het cijfer daalt",
        ),
        ({"doel-streef": 50}, "het doel noemt 60%, maar de streefwaarde is 50."),
    ],
)
def test_a_target_on_the_wrong_side_says_which_side_with_both_figures(
    answers: dict[str, object], said: str
) -> None:
    case = review_quality.CorpusCase("-", "-", "-", "schulden", frozenset(), answers)
    findings = review(RULES, review_quality.review_case(case, review_quality.voorstel(), load_kb()))
    (finding,) = [finding for finding in findings if finding.rule_id == "streefwaarde-onlogisch"]
    assert said in finding.message


def test_a_better_evidenced_intervention_for_other_people_is_no_alternative() -> None:
    # Kennismakingsgesprek JGZ has no known evidence; VVE, the better one the matcher finds, is for
    # young children. For newcomers the choice misses its target group, and that is all there is to
    # say: VVE is no alternative for them (heldout3 found it with a primary-school programme offered
    # for teenagers).
    loaded, knowledge = review_quality.voorstel(), load_kb()

    def raised(wie: list[str]) -> set[str]:
        case = review_quality.CorpusCase(
            "-", "-", "-", "vve", frozenset(), {"wie": wie}, ("kennismakingsgesprek-jgz",)
        )
        return rule_ids(review_quality.review_case(case, loaded, knowledge))

    assert raised(["ouders"]) == {"bewijs-gat"}
    assert raised(["nieuwkomers"]) == {"doelgroep-mismatch"}


def _finding(severity: Severity) -> Finding:
    return Finding("r", severity, "titel", "bericht", "wat te doen", None, "bron", None, None)


@pytest.mark.parametrize(
    ("severities", "said"),
    [
        (["blokkerend"], "Nog open in de toets: 1 blokkerend punt. Los het op voordat je het concept voorlegt."),
        (
            ["blokkerend", "blokkerend", "aandacht"],
            "Nog open in de toets: 2 blokkerende punten en 1 aandachtspunt. Los ze op voordat je het concept voorlegt.",
        ),
        (["aandacht", "tip"], "Nog open in de toets: 2 aandachtspunten, geen blokkerende."),
        ([], "De toets vond geen punten: het concept voldoet aan alle 27 criteria van de toets."),
    ],
)
def test_the_review_summary_at_the_end_counts_what_is_open(severities: list[Severity], said: str) -> None:
    findings = [_finding(severity) for severity in severities]
    assert review_summary(findings, Coverage(27, 27)) == said
