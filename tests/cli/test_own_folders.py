"""The aanjaagteam's own folders come first: validate checks them, new writes to them, a team file names them."""

from __future__ import annotations

from pathlib import Path

from helpers import DATA, REPO, kansencoach

BROKEN = DATA / "bad_flows" / "syntax-colon.yaml"


def own_flows(home: Path) -> Path:
    folder = home / "config" / "flows"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_validate_without_a_path_reports_a_broken_file_in_the_users_own_folder(
    kansencoach_home: Path,
) -> None:
    mine = own_flows(kansencoach_home) / "mijn-flow.yaml"
    mine.write_text(BROKEN.read_text(encoding="utf-8"), encoding="utf-8")
    (mine.parent / "mijn-flow.test.yaml").write_text("cases: []\n", encoding="utf-8")
    result = kansencoach("flows", "validate")
    assert result.returncode == 2
    assert f"{mine}:11:10: " in result.stderr and "aanhalingstekens" in result.stderr
    assert "mijn-flow.test.yaml" not in result.stdout + result.stderr, "a test file is not a flow"
    assert f"{REPO / 'flows' / 'voorstel.yaml'}: in orde" in result.stdout, (
        "the shipped flows are checked too"
    )


def test_validate_accepts_a_folder_and_a_flow_id() -> None:
    folder = kansencoach("flows", "validate", DATA / "flows")
    assert folder.returncode == 0 and "mini.yaml: in orde" in folder.stdout
    assert "mini.test.yaml" not in folder.stdout
    by_id = kansencoach("flows", "validate", "quickscan")
    assert by_id.returncode == 0 and f"{REPO / 'flows' / 'quickscan.yaml'}: in orde" in by_id.stdout
    typo = kansencoach("flows", "validate", "quickscn")
    assert typo.returncode == 2 and "bedoelde je 'quickscan'?" in typo.stderr


def test_new_files_go_to_the_folder_that_is_set(tmp_path: Path) -> None:
    flows, knowledge = tmp_path / "team-flows", tmp_path / "team-kennis"
    home = tmp_path / "home"
    env = {"KANSENCOACH_FLOWS": str(flows), "KANSENCOACH_KNOWLEDGE": str(knowledge)}
    assert kansencoach("flows", "new", "eigen", "--from", "quickscan", home=home, env=env).returncode == 0
    assert (flows / "eigen.yaml").is_file()
    assert kansencoach("kb", "new", "eigen-aanpak", home=home, env=env).returncode == 0
    assert (knowledge / "interventions" / "eigen-aanpak.yaml").is_file()


def test_an_intervention_directly_in_the_knowledge_folder_is_not_ignored(kansencoach_home: Path) -> None:
    folder = kansencoach_home / "config" / "knowledge"
    folder.mkdir(parents=True)
    (folder / "los.yaml").write_text("id: los\nname: [kapot\n", encoding="utf-8")
    checked = kansencoach("kb", "validate")
    assert checked.returncode == 2 and f"{folder / 'los.yaml'}:2:7: " in checked.stderr, checked.stderr
    searched = kansencoach("kb", "search", "lezen")
    assert searched.returncode == 0 and f"weggelaten: {folder / 'los.yaml'}:2:7" in searched.stderr


def test_diff_by_id_compares_the_original_with_the_own_copy(kansencoach_home: Path) -> None:
    assert kansencoach("flows", "new", "quickscan", "--from", "quickscan").returncode == 0
    copy = own_flows(kansencoach_home) / "quickscan.yaml"
    copy.write_text(copy.read_text(encoding="utf-8").replace("version: 3", "version: 4"), encoding="utf-8")
    changes = kansencoach("flows", "diff", "quickscan")
    assert changes.returncode == 0 and "- Versie 3 → 4." in changes.stdout, changes.stderr
    listing = kansencoach("flows", "list").stdout
    assert f"verbergt {REPO / 'flows' / 'quickscan.yaml'}" in listing
    alone = kansencoach("flows", "diff", "voorstel")
    assert alone.returncode == 2 and "niets om mee te vergelijken" in alone.stderr


def test_the_team_file_names_the_shared_folders(kansencoach_home: Path, tmp_path: Path) -> None:
    shared = tmp_path / "gedeeld"
    (shared / "flows").mkdir(parents=True)
    (shared / "flows" / "team-flow.yaml").write_text(BROKEN.read_text(encoding="utf-8"), encoding="utf-8")
    config = kansencoach_home / "config"
    config.mkdir(exist_ok=True)
    (config / "team.toml").write_text(
        f"# De gedeelde map van het team\nflows = ['{shared / 'flows'}']\nknowledge = '{shared / 'kennis'}'\n",
        encoding="utf-8",
    )
    assert "team-flow" in kansencoach("flows", "list").stdout
    result = kansencoach("flows", "validate")
    assert result.returncode == 2 and f"{shared / 'flows' / 'team-flow.yaml'}:11:10:" in result.stderr
    assert kansencoach("kb", "new", "gedeeld").returncode == 0
    assert (shared / "kennis" / "interventions" / "gedeeld.yaml").is_file()


def test_a_broken_team_file_is_reported_in_dutch(kansencoach_home: Path) -> None:
    config = kansencoach_home / "config"
    config.mkdir(exist_ok=True)
    (config / "team.toml").write_text("flows = S:\\Beleid\\flows\n", encoding="utf-8")
    result = kansencoach("flows", "validate", DATA / "flows" / "mini.yaml")
    assert result.returncode == 2
    assert f"{config / 'team.toml'}:1:9: de opbouw van het teambestand klopt hier niet" in result.stderr
    assert "Expected" not in result.stderr and "Traceback" not in result.stderr
    (config / "team.toml").write_text("flow = ['S:/Beleid/flows']\n", encoding="utf-8")
    unknown = kansencoach("flows", "list")
    assert "onbekende instelling 'flow'" in unknown.stderr and "flows, knowledge" in unknown.stderr


def test_a_team_folder_that_is_not_there_is_no_in_orde(kansencoach_home: Path, tmp_path: Path) -> None:
    # A typo in team.toml or a network drive not connected: the team's files were silently not
    # read, and flows validate and kb validate said everything was in order.
    config = kansencoach_home / "config"
    config.mkdir(exist_ok=True)
    (tmp_path / "kennis").mkdir()
    gone = tmp_path / "niet-verbonden" / "flows"
    (config / "team.toml").write_text(
        f"flows = ['{gone}']\nknowledge = ['{tmp_path / 'kennis'}']\n", encoding="utf-8"
    )
    said = f"{gone} is geen map (genoemd in {config / 'team.toml'}:1)"
    result = kansencoach("flows", "validate")
    assert result.returncode == 2 and said in result.stderr, result.stderr
    assert said in kansencoach("flows", "list").stderr
    assert kansencoach("kb", "validate").returncode == 0  # the knowledge folders are all there
    gone.mkdir(parents=True)
    assert kansencoach("flows", "validate").returncode == 0
    (config / "team.toml").write_text(
        f"flows = []\nknowledge = ['{gone.parent / 'kennis-weg'}']\n", encoding="utf-8"
    )
    result = kansencoach("kb", "validate")
    assert (
        result.returncode == 2
        and f"{gone.parent / 'kennis-weg'} is geen map (genoemd in {config / 'team.toml'}:2)" in result.stderr
    )


def test_long_ids_keep_the_columns_of_flows_list(kansencoach_home: Path) -> None:
    long_id = "quickscan-gemeente-utrecht-overvecht"
    assert kansencoach("flows", "new", long_id, "--from", "quickscan").returncode == 0
    lines = kansencoach("flows", "list").stdout.splitlines()
    version_columns = {line.index(" v") for line in lines if not line.startswith(" ")}
    assert len(version_columns) == 1, lines


def test_kb_validate_accepts_an_own_folder_and_an_intervention_id(kansencoach_home: Path) -> None:
    folder = kansencoach_home / "config" / "knowledge"
    folder.mkdir(parents=True)
    (folder / "los.yaml").write_text("id: los\nname: [kapot\n", encoding="utf-8")
    own = kansencoach("kb", "validate", folder)
    assert own.returncode == 2 and f"{folder / 'los.yaml'}:2:7: " in own.stderr
    assert "vocabulary" not in own.stderr, "an own folder is not a whole knowledge base"
    by_id = kansencoach("kb", "validate", "vve-toeleiding")
    assert by_id.returncode == 0 and "vve-toeleiding.yaml: in orde" in by_id.stdout
    typo = kansencoach("kb", "validate", "vve-toeleidng")
    assert typo.returncode == 2 and "bedoelde je 'vve-toeleiding'?" in typo.stderr


def test_an_own_intervention_with_a_shipped_id_is_named_by_both_files(kansencoach_home: Path) -> None:
    """Replacing a shipped intervention is allowed (docs/knowledge-base.md): validate says so, exit 0."""
    folder = kansencoach_home / "config" / "knowledge" / "interventions"
    folder.mkdir(parents=True)
    shipped = REPO / "knowledge" / "interventions" / "zomerschool.yaml"
    own = folder / "zomerschool.yaml"
    own.write_text(
        shipped.read_text(encoding="utf-8").replace("name: Zomerschool", "name: Onze zomerschool"),
        encoding="utf-8",
    )

    for checked in (kansencoach("kb", "validate"), kansencoach("kb", "validate", own)):
        assert checked.returncode == 0, checked.stderr
        assert (
            f"{own}: eigen interventie 'zomerschool' vervangt de meegeleverde met die id ({shipped})"
        ) in checked.stdout
    listing = kansencoach("kb", "list").stdout
    assert f"eigen bestand ({own}); verbergt {shipped}, dat dezelfde id heeft" in listing


def test_the_help_of_flows_and_kb_says_where_the_own_folders_are(kansencoach_home: Path) -> None:
    # The team reads `flows --help` to find where its files go; the folders differ per machine.
    flows = kansencoach("flows", "--help").stdout
    own = kansencoach_home / "config" / "flows"
    assert f"\n  {own}\n" in flows, "each own folder on a line of its own, to copy"
    said = " ".join(flows.split())
    assert f"Je eigen flows staan op deze computer in (nieuwe flows komen in de eerste map): {own}" in said
    assert f"Meegeleverd: {REPO / 'flows'}" in said
    assert f"De gedeelde mappen van het team zet je in {kansencoach_home / 'config' / 'team.toml'}" in said
    knowledge = kansencoach("kb", "--help").stdout
    assert f"\n  {kansencoach_home / 'config' / 'knowledge'}\n" in knowledge
    assert f"Meegeleverd: {REPO / 'knowledge'}" in " ".join(knowledge.split())


def test_a_blank_new_flow_may_not_take_the_id_of_another_flow(kansencoach_home: Path) -> None:
    # The blank template is broken until its example texts are replaced: under the shipped id it
    # hid the quickscan behind a broken flow on the start screen from the moment it was made.
    result = kansencoach("flows", "new", "quickscan")
    assert result.returncode == 2
    assert "er is al een flow met de id 'quickscan'" in result.stderr
    assert "`kansencoach flows new quickscan --from quickscan`" in result.stderr
    assert not (kansencoach_home / "config" / "flows" / "quickscan.yaml").exists()
    assert "KAPOT" not in kansencoach("flows", "list").stdout
    copy = kansencoach("flows", "new", "quickscan", "--from", "quickscan")
    assert copy.returncode == 0, copy.stderr
