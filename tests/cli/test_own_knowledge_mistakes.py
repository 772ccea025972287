"""Mistakes the aanjaagteam makes in its own knowledge folder, found by walking through it as they would."""

from __future__ import annotations

from pathlib import Path

from helpers import DATA, kansencoach

HUISWERKKLAS = """\
id: huiswerkklas
name: Huiswerkklas in de wijk
summary: Kinderen uit groep 6 tot 8 maken twee middagen per week hun huiswerk in het buurthuis.
problem: Kinderen zonder rustige plek of hulp thuis lopen achter met hun huiswerk.
approach: Twee middagen per week in het buurthuis, met vrijwilligers en studenten die helpen.
target_group: Kinderen uit groep 6 tot 8 in aandachtswijken.
domains: [onderwijs]
wie: [kinderen]
waar: [school]
perspectives:
  - perspective: C
    why: Extra hulp voor kinderen die thuis geen hulp krijgen.
evidence:
  level: onbekend
  explanation: Er is geen onderzoek naar het effect bekend.
keywords: [huiswerk, huiswerkbegeleiding]
sources:
  - document: concernaudit
    section: 5 Doeltreffendheid van uitvoering en beleid
    quote: 'Aanmeldbeleid: centrale aanmelding voor scholen naar keuze voor alle kinderen in de stad.'
related: []
"""


def test_an_unclosed_quote_in_the_signals_list_is_fixed_inside_the_list(kansencoach_home: Path) -> None:
    # The template writes signals as a [list] on one line; a quote opened in it and never closed was
    # explained as an unclosed '[' whose fix turned the whole list into one text.
    folder = kansencoach_home / "config" / "knowledge" / "interventions"
    folder.mkdir(parents=True)
    own = folder / "huiswerkklas.yaml"
    own.write_text(
        HUISWERKKLAS + "signals: [geen hulp thuis, huiswerk blijft liggen, achterstand groeit]\n",
        encoding="utf-8",
    )
    assert kansencoach("kb", "validate", own).returncode == 0
    broken = 'signals: [kinderen maken hun huiswerk niet, "ouders kunnen niet helpen'
    own.write_text(HUISWERKKLAS + broken + "\n", encoding="utf-8")

    result = kansencoach("kb", "validate", own)

    assert result.returncode == 2
    line, column = HUISWERKKLAS.count("\n") + 1, broken.index('"') + 1
    assert f'{own}:{line}:{column}: het aanhalingsteken " aan het begin' in result.stderr
    assert '`signals: [kinderen maken hun huiswerk niet, "ouders kunnen niet helpen"]`' in result.stderr
    assert "Traceback" not in result.stderr


def test_an_export_says_which_own_review_rules_its_review_left_out(kansencoach_home: Path) -> None:
    # The export has a review section; without a word the team would read it as done by its rules too.
    folder = kansencoach_home / "config" / "knowledge"
    folder.mkdir(parents=True)
    (folder / "review.yaml").write_text("rules:\n  - id: mijn-regel\n    when: [kapot\n", encoding="utf-8")
    exported = kansencoach_home / "voorstel.md"

    result = kansencoach("run", "voorstel", "--answers", DATA / "voorstel-full.yaml", "--export", exported)

    assert result.returncode == 0, result.stderr
    assert (
        f"weggelaten: {folder / 'review.yaml'}:3:11: de [ op deze regel wordt niet gesloten" in result.stderr
    )
    assert "## Toets" in exported.read_text(encoding="utf-8")


def test_an_empty_file_is_told_what_belongs_in_it_not_a_flows_fields(kansencoach_home: Path) -> None:
    # An empty intervention (or answers file) was told to begin with a flow's `sections:` and
    # `steps:`, from docs/flow-authoring.md: advice for another kind of file.
    folder = kansencoach_home / "config" / "knowledge" / "interventions"
    folder.mkdir(parents=True)
    empty = folder / "leeg.yaml"
    empty.write_text("# nog invullen\n", encoding="utf-8")
    answers = kansencoach_home / "antwoorden.yaml"
    answers.write_text("", encoding="utf-8")

    intervention = kansencoach("kb", "validate", empty)
    scripted = kansencoach("run", "bias", "--answers", answers)

    assert intervention.returncode == 2 and scripted.returncode == 2
    assert (
        f"{empty}:1:1: het bestand bevat alleen commentaar (regels met #), nog geen velden — "
        in intervention.stderr
    )
    assert "`kansencoach kb new leeg`" in intervention.stderr
    assert f"{answers}:1:1: het bestand is leeg — " in scripted.stderr
    assert "`kansencoach example bias > antwoorden.yaml`" in scripted.stderr
    for result in (intervention, scripted):
        assert "steps:" not in result.stderr and "Traceback" not in result.stderr


def test_a_folder_without_a_single_file_is_not_reported_as_all_right(kansencoach_home: Path) -> None:
    # An author who names the wrong folder (or a folder not yet filled) was told '0 interventies
    # gecontroleerd, 0 fouten' and `flows validate` printed nothing at all, both with exit 0.
    folder = kansencoach_home / "nog-leeg"
    folder.mkdir()

    flows = kansencoach("flows", "validate", folder)
    interventions = kansencoach("kb", "validate", folder)

    assert flows.returncode == 2 and interventions.returncode == 2
    assert (
        f"{folder}:1:1: in deze map staat geen flow (geen .yaml-bestand) — controleer het pad" in flows.stderr
    )
    assert f"{folder}:1:1: in deze map staat geen interventie" in interventions.stderr
    assert "`kansencoach kb new ID`" in interventions.stderr
    for result in (flows, interventions):
        assert "Traceback" not in result.stderr and "in orde" not in result.stdout
    # Beside other files, the empty folder is reported and they are still checked.
    shipped = DATA / "flows" / "mini.yaml"
    both = kansencoach("flows", "validate", folder, shipped)
    assert both.returncode == 2 and f"{shipped}: in orde" in both.stdout
    assert f"{folder}:1:1: in deze map staat geen flow" in both.stderr


def test_a_field_under_its_dutch_name_is_one_problem_that_names_the_field(kansencoach_home: Path) -> None:
    # `niveau:` for `level:` was two problems, "het veld 'level' ontbreekt" first (the one the app's
    # notice shows) and "onbekend veld 'niveau'" without a suggestion; `titel:` for `name:` the same.
    folder = kansencoach_home / "config" / "knowledge" / "interventions"
    folder.mkdir(parents=True)
    own = folder / "huiswerkklas.yaml"
    own.write_text(HUISWERKKLAS.replace("  level:", "  niveau:").replace("name:", "titel:"), encoding="utf-8")

    result = kansencoach("kb", "validate", own)

    assert result.returncode == 2
    assert f"{own}:2:1: onbekend veld 'titel' — bedoelde je 'name'?" in result.stderr, result.stderr
    assert f"{own}:14:3: onbekend veld 'niveau' — bedoelde je 'level'?" in result.stderr, result.stderr
    assert "ontbreekt" not in result.stderr and "1 interventie gecontroleerd, 2 fouten" in result.stderr


def test_files_nothing_reads_are_named_by_validate(kansencoach_home: Path) -> None:
    # A flow saved as .yml, or put in a folder of its own inside the flow folder, and an
    # intervention in a subfolder of interventions/, were left out of the app and of validate
    # without a word: validate said 'in orde' about the rest.
    flows = kansencoach_home / "config" / "flows"
    (flows / "onderwijs").mkdir(parents=True)
    mini = (DATA / "flows" / "mini.yaml").read_text(encoding="utf-8")
    (flows / "eigen.yml").write_text(mini.replace("id: mini", "id: eigen"), encoding="utf-8")
    (flows / "onderwijs" / "tweede.yaml").write_text(mini.replace("id: mini", "id: tweede"), encoding="utf-8")
    (flows / "toetsen").mkdir()  # flow tests are read when named, wherever they are: no warning
    (flows / "toetsen" / "eigen.test.yaml").write_text("flow: eigen\ncases: []\n", encoding="utf-8")
    interventions = kansencoach_home / "config" / "knowledge" / "interventions"
    (interventions / "wijk").mkdir(parents=True)
    (interventions / "wijk" / "huiswerkklas.yaml").write_text(HUISWERKKLAS, encoding="utf-8")

    flow_check = kansencoach("flows", "validate")
    kb_check = kansencoach("kb", "validate")

    assert flow_check.returncode == 0 and kb_check.returncode == 0  # nothing is broken
    assert (
        f"{flows / 'eigen.yml'}:1:1: dit bestand wordt niet gelezen: kansencoach leest alleen bestanden die op .yaml eindigen — hernoem het naar eigen.yaml"
        in flow_check.stderr
    )
    assert f"{flows / 'onderwijs'}:1:1: de bestanden in deze map worden niet gelezen" in flow_check.stderr
    assert f"zet ze direct in {flows}" in flow_check.stderr
    assert "toetsen" not in flow_check.stderr
    assert f"{interventions / 'wijk'}:1:1: de bestanden in deze map worden niet gelezen" in kb_check.stderr
    assert f"zet ze direct in {interventions}" in kb_check.stderr


def test_a_source_document_that_sources_yaml_does_not_name_is_found_without_the_texts(
    kansencoach_home: Path,
) -> None:
    # `document: concernaudt` was 'in orde' to every `kb validate` the team can run: only one with
    # --sources and the documents' texts looked the short name up.
    folder = kansencoach_home / "config" / "knowledge" / "interventions"
    folder.mkdir(parents=True)
    own = folder / "huiswerkklas.yaml"
    own.write_text(HUISWERKKLAS.replace("document: concernaudit", "document: concernaudt"), encoding="utf-8")

    alone = kansencoach("kb", "validate", own)
    everything = kansencoach("kb", "validate")

    for result in (alone, everything):
        assert result.returncode == 2, result.stdout + result.stderr
        assert (
            f"{own}:18:5: dit document staat niet in sources.yaml — bedoelde je 'concernaudit'?"
            in result.stderr
        )
        assert f"{own}: in orde" not in result.stdout


def test_a_folder_named_like_an_intervention_and_a_huge_file_are_told_what_they_are(
    kansencoach_home: Path,
) -> None:
    # A folder 'map.yaml' among the own interventions was searched for a knowledge base's
    # vocabulary.yaml ('map.yaml/vocabulary.yaml: dit bestand bestaat niet'), and an intervention
    # over 2 MB was told that 'een flow is hoogstens 2 MB'.
    folder = kansencoach_home / "config" / "knowledge" / "interventions"
    (folder / "map.yaml").mkdir(parents=True)
    huge = folder / "huiswerkklas.yaml"
    huge.write_text(HUISWERKKLAS + "# " + "x" * (3 * 1024 * 1024) + "\n", encoding="utf-8")

    result = kansencoach("kb", "validate")

    assert result.returncode == 2
    assert f"{folder / 'map.yaml'}:1:1: dit is een map, geen bestand" in result.stderr, result.stderr
    assert "vocabulary.yaml" not in result.stderr
    assert (
        f"{huge}:1:1: het bestand is te groot (3.0 MB) — kansencoach leest een bestand van hoogstens 2 MB"
        in (result.stderr)
    )
    assert "een flow is" not in result.stderr
    huge.write_bytes(HUISWERKKLAS.encode() + b"\x00")
    binary = kansencoach("kb", "validate", huge)
    assert binary.returncode == 2 and f"{huge}:22:1: dit is geen tekstbestand" in binary.stderr
    assert (
        "van de flow;" not in binary.stderr
        and "(van de flow, de interventie of de antwoorden)" in binary.stderr
    )


def test_an_empty_flow_points_at_the_guide_the_installed_app_has(kansencoach_home: Path) -> None:
    # The hint named docs/flow-authoring.md, a file of the repository the aanjaagteam does not have.
    folder = kansencoach_home / "config" / "flows"
    folder.mkdir(parents=True)
    empty = folder / "leeg.yaml"
    empty.write_text("# alleen commentaar\n", encoding="utf-8")
    result = kansencoach("flows", "validate", empty)
    assert result.returncode == 2
    assert (
        f"{empty}:1:1: het bestand bevat alleen commentaar (regels met #), nog geen velden — "
        in result.stderr
        and "`kansencoach docs flows`" in result.stderr
    )
    assert "docs/flow-authoring.md" not in result.stderr


NEAREST_SOURCE_TEXT = (
    "5 Doeltreffendheid van uitvoering en beleid\n"
    "Het geld wordt besteed aan het veld. De uitvoering van het aanmeldbeleid loopt via een centrale\n"
    "aanmelding voor scholen naar keuze voor alle kinderen in de regio.\n"
)


def test_the_nearest_passage_is_whole_words_and_the_document_is_named_by_its_title(tmp_path: Path) -> None:
    own = tmp_path / "huiswerkklas.yaml"
    own.write_text(HUISWERKKLAS, encoding="utf-8")
    sources = tmp_path / "bronnen"
    sources.mkdir()
    (sources / "002_b81dea05881b0697.txt").write_text(NEAREST_SOURCE_TEXT, encoding="utf-8")

    result = kansencoach("kb", "validate", own, "--sources", sources)

    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert (
        "dit citaat komt niet letterlijk voor in ‘Concernaudit 213a Veerkracht en Gelijke Kansen "
        "(Utrecht, 2022)’ (document: concernaudit, bestand 002_b81dea05881b0697.txt)"
    ) in result.stderr
    passage = result.stderr.split("“", 1)[1].split("”", 1)[0]
    words = NEAREST_SOURCE_TEXT.split()
    assert passage.split()[0] in words and passage.split()[-1] in words, passage
    assert "centrale aanmelding voor scholen naar keuze" in passage


def test_perspectives_written_as_letters_are_shown_the_block_each_needs(tmp_path: Path) -> None:
    own = tmp_path / "huiswerkklas.yaml"
    letters = HUISWERKKLAS.replace(
        "perspectives:\n  - perspective: C\n    why: Extra hulp voor kinderen die thuis geen hulp krijgen.\n",
        "perspectives: [B, C]\n",
    )
    assert "perspectives: [B, C]" in letters
    own.write_text(letters, encoding="utf-8")

    result = kansencoach("kb", "validate", own)

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    for column, letter in ((16, "B"), (19, "C")):
        assert (
            f"{own}:10:{column}: 'perspectives' moet een blok met velden (naam: waarde) zijn, maar is "
            f"'{letter}' — schrijf elk als een blok met zijn velden, bijvoorbeeld "
            f"- {{perspective: {letter}, why: …}}"
        ) in result.stderr, result.stderr


def test_a_nul_byte_is_reported_where_it_is(tmp_path: Path) -> None:
    # 'é' is two bytes: the column counts characters, as an editor shows it.
    stray = tmp_path / "huiswerkklas.yaml"
    stray.write_bytes(HUISWERKKLAS.replace("Kinderen uit groep 6", "Kinderén\x00 uit groep 6", 1).encode())

    result = kansencoach("kb", "validate", stray)

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{stray}:3:18: dit is geen tekstbestand (het bevat binaire gegevens)" in result.stderr, (
        result.stderr
    )


def test_a_source_without_a_quote_or_url_is_found_without_the_source_texts(kansencoach_home: Path) -> None:
    # The team may not have the source documents for --sources: what needs no text was 'in orde'.
    folder = kansencoach_home / "config" / "knowledge" / "interventions"
    folder.mkdir(parents=True)
    own = folder / "huiswerkklas.yaml"
    quote = "    quote: 'Aanmeldbeleid: centrale aanmelding voor scholen naar keuze voor alle kinderen in de stad.'\n"
    assert quote in HUISWERKKLAS
    public = "  - document: NH Nieuws, 'Meer ouders vragen hulp'\n    checked: false\n"
    own.write_text(HUISWERKKLAS.replace(quote, "").replace("related: []\n", "") + public, encoding="utf-8")
    result = kansencoach("kb", "validate", own)
    assert result.returncode == 2
    assert f"{own}:18:5: de bron heeft geen citaat — zet onder quote een letterlijke zin" in result.stderr
    assert f"{own}:20:5: een bron met checked: false heeft geen url" in result.stderr
    assert kansencoach("kb", "validate").returncode == 2, "also without a path: the own folder's files"


def test_an_own_review_rule_reading_a_part_no_flow_has_is_refused_where_it_is_written(
    kansencoach_home: Path,
) -> None:
    # Loaded without a complaint, such a rule never goes off: the team would trust a check that is
    # never made. The shipped rules were checked for it; an own file was not.
    folder = kansencoach_home / "config" / "knowledge"
    folder.mkdir(parents=True)
    rule = "    severity: aandacht\n    message: x\n    fix: y\n    source: {document: Ons team, checked: false}\n"
    (folder / "review.yaml").write_text(
        "rules:\n"
        "  - id: eigen-bewijs\n    title: Eigen bewijs\n    when: {evidence_gap: analyse.wiee}\n"
        + rule
        + "  - id: eigen-raad\n    title: Eigen raad\n    when: {key: monitoring.raadd, shorter_than: 3}\n"
        + rule,
        encoding="utf-8",
    )
    result = kansencoach("kb", "validate")
    assert result.returncode == 2
    path = folder / "review.yaml"
    assert (
        f"{path}:4:12: Geen enkele flow heeft het deel 'analyse.wiee'. — bedoelde je 'analyse.wie'?"
        in result.stderr
    )
    assert f"{path}:11:12: Geen enkele flow heeft het deel 'monitoring.raadd'." in result.stderr
    assert "bedoelde je 'monitoring.raad'?" in result.stderr
    assert "Traceback" not in result.stderr
