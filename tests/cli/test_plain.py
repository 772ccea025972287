"""Plain line mode driven through stdin, as a screen-reader user would type."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import pytest

from kansencoach.core.catalog import load_vocabulary
from kansencoach.core.common.markdown_text import wrapped
from kansencoach.core.flows.loader import load_flow
from kansencoach.core.sessions.session import Session
from kansencoach.core.sessions.store import Store
from kansencoach.plain import PlainUI

from helpers import DATA, HANG, REPO, kansencoach, mini_flow

MINI = DATA / "flows" / "mini.yaml"
ALL_ANSWERS = "Een verschil\n1\n1,2\n20 20 60\n4\n\nnee\nsubsidie A; project B\n"


def test_plain_run_to_the_end(kansencoach_home: Path) -> None:
    result = kansencoach("run", MINI, "--plain", stdin=ALL_ANSWERS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("✓ opgeslagen") == 8
    assert "Welkom bij de mini-flow." in result.stdout
    assert "Denk aan de schooladviezen." in result.stdout
    assert "Klaar: alle vragen zijn beantwoord" in result.stdout


def test_plain_before_the_command_also_runs_plain_mode(kansencoach_home: Path) -> None:
    # `kansencoach --plain run FLOW` is how the help puts it (the option before the command): run's
    # own --plain used to overwrite it with False, so a screen-reader user got the screen app.
    result = kansencoach("--plain", "run", MINI, stdin=ALL_ANSWERS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("✓ opgeslagen") == 8


def test_watch_before_the_command_is_kept() -> None:
    from kansencoach.cli import build_parser

    parser = build_parser()
    assert parser.parse_args(["--watch", "run", "quickscan"]).watch
    assert parser.parse_args(["run", "--watch", "quickscan"]).watch
    assert not parser.parse_args(["run", "quickscan"]).watch


def test_back_help_stop_and_resume_at_the_same_step(kansencoach_home: Path) -> None:
    first = kansencoach("run", MINI, "--plain", stdin="Een verschil\n1\nterug\n?\nstop\n")
    assert "Huidig antwoord: Onderwijs (Enter om te houden)" in first.stdout
    assert "Kies een van de opties" not in first.stdout
    ident = kansencoach("sessions", "list").stdout.split()[0]
    resumed = kansencoach("run", "--resume", ident, "--plain", stdin="stop\n")
    # The officer went back to 'domein' before stopping: the resume asks exactly that again.
    assert "[2/9] Welk domein?" in resumed.stdout
    assert "Huidig antwoord: Onderwijs" in resumed.stdout


def test_a_resumed_session_shows_the_answers_given_before_the_question(kansencoach_home: Path) -> None:
    kansencoach("run", MINI, "--plain", stdin="Een verschil\n1\n1,2\nstop\n")
    ident = kansencoach("sessions", "list").stdout.split()[0]
    resumed = kansencoach("run", "--resume", ident, "--plain", stdin="stop\n").stdout
    history = resumed[resumed.index("Eerder beantwoord:") : resumed.index("Verdeel 100 punten")]
    assert "  Het verschil: Een verschil\n" in history
    assert "  Welk domein?: Onderwijs\n" in history
    assert "  Voor wie?: Kinderen; Ouders\n" in history
    fresh = kansencoach("run", MINI, "--plain", stdin="stop\n").stdout
    assert "Eerder beantwoord" not in fresh


def test_a_scale_names_what_its_ends_mean_and_a_number_its_unit(kansencoach_home: Path) -> None:
    """A screen-reader user heard 'Typ een getal van 1 tot en met 5.' without being told which end
    is which, and 'Typ een getal.' for an amount in euro; the app shows both beside the field."""
    result = kansencoach("run", MINI, "--plain", stdin=ALL_ANSWERS)
    assert "[5/9] Hoe urgent?\nTyp een getal van 1 (niet) tot en met 5 (zeer).\n" in result.stdout
    assert "[6/9] Hoeveel budget?\nTyp een getal in euro.\n" in result.stdout


def test_end_of_input_counts_as_stop(kansencoach_home: Path) -> None:
    result = kansencoach("run", MINI, "--plain", stdin="Een verschil\n")
    assert result.returncode == 0
    assert "Gestopt." in result.stdout


def test_preview_in_plain_mode_saves_nothing(kansencoach_home: Path) -> None:
    result = kansencoach("run", MINI, "--plain", "--preview", stdin="Een verschil\nstop\n")
    assert result.returncode == 0, result.stderr
    assert "✓ opgeslagen" in result.stdout
    assert "VOORBEELD" in result.stdout and "Einde van het voorbeeld" in result.stdout
    assert "--resume" not in result.stdout, "a preview session cannot be resumed"
    assert not (kansencoach_home / "kansencoach.db").exists()
    assert "Nog geen sessies" in kansencoach("sessions", "list").stdout


def test_ongedaan_takes_back_the_latest_answer_and_asks_it_again(kansencoach_home: Path) -> None:
    result = kansencoach("run", MINI, "--plain", stdin="Een verschil\n1\nongedaan\nstop\n")
    assert (
        "Je antwoord op 'Welk domein?' is teruggenomen: pas het aan en verstuur het opnieuw." in result.stdout
    )
    after = result.stdout.split("is teruggenomen")[1]
    assert "[2/9] Welk domein?" in after
    assert "Huidig antwoord" not in after
    assert "Teruggenomen antwoord: Onderwijs (Enter om het opnieuw te geven" in after
    ident = kansencoach("sessions", "list").stdout.split()[0]
    shown = kansencoach("sessions", "show", ident).stdout
    assert "Een verschil" in shown
    assert "Onderwijs" not in shown


def test_ongedaan_with_nothing_answered_says_so(kansencoach_home: Path) -> None:
    result = kansencoach("run", MINI, "--plain", stdin="ongedaan\nstop\n")
    assert "Er is geen antwoord om terug te nemen." in result.stdout


NUMBERS = DATA / "flows-numbers" / "getallen.yaml"


@pytest.mark.parametrize(
    ("budget", "nulmeting", "shown_budget", "shown_nulmeting", "confirmations"),
    [
        ("650.000", "0,5", "€ 650.000", "0,5", 0),
        ("€ 650.000,-", "58%", "€ 650.000", "58%", 1),
        ("650.000", "tachtig procent", "€ 650.000", "80%", 1),
    ],
)
def test_dutch_numbers_are_read_right_and_shown_as_read(
    kansencoach_home: Path,
    budget: str,
    nulmeting: str,
    shown_budget: str,
    shown_nulmeting: str,
    confirmations: int,
) -> None:
    lines = [budget] + ([""] if budget.startswith("€") else []) + [nulmeting]
    lines += [""] if nulmeting.startswith("tachtig") else []
    result = kansencoach("run", NUMBERS, "--plain", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    assert f"✓ opgeslagen (gelezen als {shown_budget})" in result.stdout
    assert f"✓ opgeslagen (gelezen als {shown_nulmeting})" in result.stdout
    assert result.stdout.count("Klopt dat?") == confirmations
    ident = kansencoach("sessions", "list").stdout.split()[0]
    shown = kansencoach("sessions", "show", ident).stdout
    assert f"Budget: {shown_budget.replace('%', '')}" in shown
    assert f"Nulmeting: {shown_nulmeting.replace('%', '')}" in shown


@pytest.mark.parametrize(
    ("flow", "typed", "says", "counts"),
    [
        (
            MINI,
            ["", "Een verschil", "7", "onderwijs", "stop"],
            [
                "! Dit antwoord is nodig om verder te gaan.",
                "! Kies een nummer van 1 tot en met 2.",
                "kansencoach run --resume",
            ],
            {"✓ opgeslagen": 2},
        ),
        (
            NUMBERS,
            ["ongeveer 450", "nee", "450", "12"],
            ["Ik heb dit gelezen als ongeveer € 450. Klopt dat?", "✓ opgeslagen (gelezen als € 450)"],
            {"[1/2] Hoeveel budget?": 2},
        ),
        (NUMBERS, ["58%", "stop"], ["! Hier wordt een getal in euro gevraagd"], {"✓ opgeslagen": 0}),
    ],
    ids=["invalid-answers-asked-again", "number-reading-refused", "percentage-where-euro-asked"],
)
def test_a_wrong_answer_is_explained_and_asked_again(
    kansencoach_home: Path, flow: Path, typed: list[str], says: list[str], counts: dict[str, int]
) -> None:
    result = kansencoach("run", flow, "--plain", stdin="\n".join(typed) + "\n")
    for text in says:
        assert text in result.stdout
    assert {text: result.stdout.count(text) for text in counts} == counts


def test_scripted_numbers_are_read_the_dutch_way(kansencoach_home: Path, tmp_path: Path) -> None:
    answers = tmp_path / "antwoorden.yaml"
    answers.write_text("answers:\n  budget: 650.000\n  nulmeting: tachtig procent\n", encoding="utf-8")
    result = kansencoach("run", NUMBERS, "--answers", answers)
    assert result.returncode == 0, result.stderr
    assert "budget: gelezen als € 650.000" in result.stdout
    assert "nulmeting: gelezen als 80%" in result.stdout
    ident = kansencoach("sessions", "list").stdout.split()[0]
    shown = kansencoach("sessions", "show", ident).stdout
    assert "Budget: € 650.000" in shown and "Nulmeting: 80" in shown


def test_markdown_reads_as_plain_text(kansencoach_home: Path) -> None:
    result = kansencoach("run", "voorstel", "--plain", stdin="?\nstop\n")
    assert result.returncode == 0, result.stderr
    assert "**" not in result.stdout and "`" not in result.stdout
    assert "*Bron:" not in result.stdout and "Bron: " in result.stdout
    # The session has the flow's title: the header says it once.
    header = result.stdout.splitlines()[0]
    assert header.count("Voorstel ongelijk investeren") == 1


def test_ctrl_c_says_how_to_resume(kansencoach_home: Path) -> None:
    """Ctrl+C at the prompt, as a terminal sends it: SIGINT to the process."""
    import signal
    import subprocess
    import sys

    # A terminal starts the command with Ctrl+C at its default; a test runner started in the
    # background of a shell (nohup, `&` without job control) hands its children SIGINT ignored, and
    # Python then installs no KeyboardInterrupt: the child ignored the Ctrl+C. So it is set here.
    as_from_a_terminal = (
        "import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
        "sys.argv = ['kansencoach', *sys.argv[1:]]; runpy.run_module('kansencoach', run_name='__main__')"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", as_from_a_terminal, "run", MINI, "--plain"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdin is not None
    # Wait until the first question's prompt is there, then interrupt.
    seen = ""
    while "Typ je antwoord" not in seen:
        line = child.stdout.readline()
        assert line, "plain mode ended before asking"
        seen += line
    child.send_signal(signal.SIGINT)
    # stdin stays open until the child has ended, as an officer's terminal keeps it (the end of the
    # input would end plain mode normally); the output is a few lines, so no pipe fills meanwhile.
    child.wait(timeout=HANG)
    out, err = child.stdout.read(), child.stderr.read() if child.stderr else ""
    child.stdin.close()
    assert child.returncode == 130, (out, err)
    assert "Gestopt. Ga later verder met: kansencoach run --resume " in out
    assert "Traceback" not in err


class Terminal(io.StringIO):
    """Output that says it is a terminal, as plain mode's stdout is when an officer runs it."""

    def isatty(self) -> bool:
        return True


def test_on_a_terminal_lines_break_between_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    with Store(tmp_path / "s.db") as store:
        session = Session.start(store, mini_flow(), "Breed")
        in_a_pipe, on_a_terminal = io.StringIO(), Terminal()
        for stdout in (in_a_pipe, on_a_terminal):
            PlainUI(session, io.StringIO("?\nstop\n"), stdout).run()
    assert max(len(line) for line in in_a_pipe.getvalue().splitlines()) > 80, "nothing to wrap"
    assert max(len(line) for line in on_a_terminal.getvalue().splitlines()) <= 80
    # The same words in the same order: none was broken in two.
    assert on_a_terminal.getvalue().split() == in_a_pipe.getvalue().split()


@pytest.mark.parametrize(
    ("line", "width", "expected"),
    [
        ("een twee drie", 80, "een twee drie"),
        ("[1/9] Welk verschil in kansen zie je?", 20, "[1/9] Welk verschil\n      in kansen zie\n      je?"),
        ("  2. Onderwijs en opvoeding", 17, "  2. Onderwijs en\n     opvoeding"),
        ("zie https://example.org/een-lang-adres", 20, "zie https://example.\norg/een-lang-adres"),
        ("a\n\nb c d", 3, "a\n\nb c\nd"),
    ],
)
def test_wrapped_breaks_between_words_and_indents_under_the_text(
    line: str, width: int, expected: str
) -> None:
    assert wrapped(line, width) == expected


def test_on_a_terminal_a_paragraph_is_wrapped_whole_not_line_by_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The welcome's paragraph is written on lines of about 95 characters; each wrapped on its own
    # at 80 columns left a line of a few words ("staat bij elke") in the middle of the paragraph.
    monkeypatch.setenv("COLUMNS", "80")
    voorstel = load_flow(REPO / "flows" / "voorstel.yaml", load_vocabulary())
    with Store(tmp_path / "s.db") as store:
        on_a_terminal = Terminal()
        PlainUI(Session.start(store, voorstel, "Breed"), io.StringIO("stop\n"), on_a_terminal).run()
    paragraphs = on_a_terminal.getvalue().split("\n\n")
    paragraph = next(text for text in paragraphs if text.startswith("Elk antwoord wordt meteen bewaard"))
    assert paragraph.splitlines() == textwrap.wrap(" ".join(paragraph.split()), 80)


def test_the_start_menu_names_an_own_flow_that_does_not_load(kansencoach_home: Path) -> None:
    # The app lists a broken flow with its problem; the plain menu left it out without a word.
    folder = kansencoach_home / "config" / "flows"
    folder.mkdir(parents=True)
    broken = folder / "eigen.yaml"
    broken.write_text('id: eigen\ntitle: "Eigen flow\n', encoding="utf-8")

    result = kansencoach("--plain", stdin="\n")

    assert result.returncode == 0, result.stderr
    assert f"eigen KAPOT: 1 fout in {broken}; zie `kansencoach flows validate {broken}`" in result.stdout
    assert "Nieuw: Voorstel ongelijk investeren" in result.stdout


def test_at_the_end_a_question_command_says_why_it_cannot_and_undo_reopens(kansencoach_home: Path) -> None:
    # After the last question there is no question to remark on: the officer is told so and how
    # to get back, not shown the same prompt again; 'ongedaan' takes the last answer back.
    result = kansencoach("run", MINI, "--plain", stdin=ALL_ANSWERS + "opmerking\nongedaan\nsubsidie C\n\n")
    assert result.returncode == 0, result.stderr
    assert "'opmerking' kan hier niet: er staat geen vraag meer open." in result.stdout
    assert result.stdout.count("✓ opgeslagen") == 9  # the last answer given again after the undo


def test_a_choice_typed_as_its_first_words_is_stored_and_said(kansencoach_home: Path) -> None:
    # The quickscan's second question is a choice whose options begin "Ja, …", "Er is …", "Nee, …".
    result = kansencoach("run", "quickscan", "--plain", stdin="ja\nja\nnee\n2\nstop\n")
    assert result.returncode == 0, result.stderr
    assert "✓ opgeslagen (gekozen: Ja, met een cijfer, een jaar en een bron)" in result.stdout
    # The third question has no option beginning "nee": asked again, then answered by its number.
    assert "! Kies een nummer van 1 tot en met 3." in result.stdout
    assert "✓ opgeslagen (gekozen: Deels: er staat een getal of een datum, maar niet alles)" in result.stdout
