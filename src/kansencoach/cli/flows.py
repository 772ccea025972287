"""`kansencoach flows …` and `schema`: the aanjaagteam's tools for writing and checking flows."""

from __future__ import annotations

import argparse
import sys

from kansencoach.cli.common import (
    USER_ERROR,
    Commands,
    UserError,
    empty_folder,
    folders_help,
    origin,
    print_problems,
    print_warnings,
    report_settings,
    unread_warning,
)
from kansencoach.i18n import t

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

    from kansencoach.core.common.problems import Problem
    from kansencoach.core.flows.loader import LoadedFlow
    from kansencoach.core.flows.verdicts import Verdict


def register(commands: Commands) -> None:
    """Add the `flows` commands, `schema` and `docs` to the parser."""
    flows = commands.group("flows", t("cli.flows"), _flow_folders)
    flows.command("list", _flows_list, t("cli.flows_list"))
    new = flows.command("new", _flows_new, t("cli.flows_new"))
    new.add_argument("id", metavar="ID")
    new.add_argument("--from", dest="source", metavar="FLOW", help=t("cli.flows_new_from"))
    graph = flows.command("graph", _flows_graph, t("cli.flows_graph"))
    graph.add_argument("flow", metavar="FLOW")
    graph.add_argument("--format", choices=["mermaid", "text"], default="mermaid", help=t("cli.flows_graph"))
    diff = flows.command("diff", _flows_diff, t("cli.flows_diff"), t("cli.flows_diff_usage"))
    diff.add_argument("old", metavar="OUD")
    diff.add_argument("new", nargs="?", metavar="NIEUW")
    test = flows.command("test", _flows_test, t("cli.flows_test"))
    test.add_paths()
    validate = flows.command("validate", _flows_validate, t("cli.flows_validate"))
    validate.add_paths(t("cli.flows_validate_paths"))
    validate.add_check_options()

    schema = commands.command("schema", _schema, t("cli.schema"), t("cli.schema"))
    schema.add_argument("kind", nargs="?", choices=["flows", "knowledge", "tests"])
    schema.add_argument("--vscode", action="store_true", help=t("cli.schema_vscode"))
    docs = commands.command("docs", _docs, t("cli.docs"), t("cli.docs"))
    docs.add_argument("name", nargs="?", choices=sorted(_DOCS), default="flows")


def _flow_folders() -> str:
    from kansencoach import locations

    return folders_help(locations.user_flows_dirs(), locations.shipped_flows_dir(), "cli.own_flow_folders")


def _flows_list(_: argparse.Namespace) -> int:
    from kansencoach.core.catalog import scan_flows

    entries = scan_flows()
    width = max([14, *(len(entry.id) + 1 for entry in entries)])
    for entry in entries:
        if entry.loaded:
            flow = entry.loaded.flow
            minutes = t("cli.minutes", minutes=flow.minutes) if flow.minutes else ""
            print(f"{flow.id:<{width}} v{flow.version:<3} {minutes:<10} {flow.title}")
        else:
            print(f"{entry.id:<{width}} {t('cli.flow_broken', count=len(entry.problems), path=entry.path)}")
        print(f"{'':<{width}} {origin(entry.shipped, entry.path, entry.replaces)}")
    report_settings("flows")
    return 0


def _flows_graph(arguments: argparse.Namespace) -> int:
    from pathlib import Path

    from kansencoach.core.authoring.graph import mermaid, outline
    from kansencoach.core.catalog import find_flow

    loaded = find_flow(arguments.flow)
    blocks = {
        step_id: Path(position.path).name
        for step_id, position in loaded.step_positions.items()
        if Path(position.path).resolve() != loaded.path.resolve()
    }
    draw = outline if arguments.format == "text" else mermaid
    print(draw(loaded.flow, blocks), end="")
    return 0


def _flows_diff(arguments: argparse.Namespace) -> int:
    from kansencoach.core.authoring.diff import diff
    from kansencoach.core.catalog import find_flow, hidden_flow

    if arguments.new is None:
        # `flows diff voorstel`: the file the user's copy hides, against the copy.
        new = find_flow(arguments.old)
        old = hidden_flow(new.id)
    else:
        old, new = find_flow(arguments.old), find_flow(arguments.new)
    for line in diff(old.flow, new.flow) or [t("diff.none")]:
        print(f"- {line}")
    return 0


def _flows_test(arguments: argparse.Namespace) -> int:
    from kansencoach.core.authoring.testing import Coverage, flow_of, run_tests
    from kansencoach.core.catalog import find_flow, flow_dirs, load_vocabulary
    from kansencoach.core.flows.loader import load_flow

    paths: list[Path] = arguments.paths or [directory for directory in flow_dirs() if directory.is_dir()]
    files: list[Path] = []
    for path in paths:
        files += sorted(path.glob("*.test.yaml")) if path.is_dir() else [path]
    if not files:
        print(t("flowtest.none_found"))
        return 0
    failed = 0
    coverage: dict[str, tuple[LoadedFlow, Coverage]] = {}
    for file in files:
        name = flow_of(file)
        beside = file.with_name(f"{name}.yaml")
        loaded = load_flow(beside, load_vocabulary()) if beside.is_file() else find_flow(name)
        _, seen = coverage.setdefault(loaded.id, (loaded, Coverage()))
        outcome = run_tests(file, loaded, seen)
        print_problems(outcome.problems)
        failed += len(outcome.problems)
        print(t("flowtest.summary", flow=file, cases=outcome.cases, failures=len(outcome.problems)))
    for loaded, seen in coverage.values():
        untested, never_true = seen.untested_steps(loaded), seen.never_true(loaded)
        print(f"\n{loaded.id}:")
        if untested:
            print("  " + t("flowtest.untested", steps=", ".join(untested)))
        if never_true:
            print("  " + t("flowtest.never_true"))
            print("\n".join(f"    - {site}" for site in never_true))
        if not untested and not never_true:
            print("  " + t("flowtest.all_covered"))
    return USER_ERROR if failed else 0


def _flows_new(arguments: argparse.Namespace) -> int:
    from kansencoach import locations
    from kansencoach.core.authoring.scaffold import ScaffoldError, new_flow
    from kansencoach.core.catalog import find_flow

    source = find_flow(arguments.source) if arguments.source else None
    if source is None:
        _refuse_hiding(arguments.id, locations.user_flows_dirs()[0] / f"{arguments.id}.yaml")
    try:
        path = new_flow(arguments.id, locations.user_flows_dirs()[0], source)
    except ScaffoldError as error:
        raise UserError(str(error)) from None
    print(t("cli.created", path=path))
    print(t("cli.created_flow_next", path=path, id=arguments.id))
    return 0


def _refuse_hiding(flow_id: str, path: Path) -> None:
    """Refuse a blank flow at `path` whose id another flow has: the template holds example texts
    that are errors until replaced, so from its first save until it is done the other flow (the
    shipped quickscan, or a team's) would be hidden behind a broken one on everyone's start screen."""
    from kansencoach.core.catalog import scan_flows

    for entry in scan_flows():
        if entry.id == flow_id and entry.path != path:
            raise UserError(t("cli.flows_new_hides", id=flow_id, path=entry.path))


def _flows_validate(arguments: argparse.Namespace) -> int:
    from kansencoach.core.common.cache import no_cyclic_gc

    paths, empty, unread = _files_to_validate(arguments.paths)
    as_json = arguments.format == "json"
    judge = _Judge()
    found = [empty_folder(folder, "cli.no_flows_in_folder") for folder in empty]
    broken = len(found)
    if found and not as_json:
        print_problems(found)
    # A changed file costs the imports of pydantic, the models and the checks: many objects and
    # hardly a cycle, which the collector would only rescan (about 7% of a first validate).
    with no_cyclic_gc():
        for path in paths:
            verdict = judge.verdict(path)
            found += verdict.problems
            if verdict.problems:
                broken += 1
                if not as_json:
                    print_problems(verdict.problems, verbose=arguments.verbose)
            elif not as_json:
                print(t("cli.valid", path=path))
                print_warnings(verdict.warnings)
    judge.save()
    if as_json:
        print_problems(found, as_json=True)
    else:
        print_warnings([unread_warning(path) for path in unread])
    settings_broken = report_settings("flows")
    if broken:
        if not as_json:
            print(t("cli.invalid_summary", broken=broken, count=len(paths) + len(empty)), file=sys.stderr)
        return USER_ERROR
    return USER_ERROR if settings_broken else 0


class _Judge:
    """The verdict on each file `flows validate` checks: from the cache while the file and all it was
    checked against are unchanged (without importing pydantic, the models or the checks), else
    worked out and kept."""

    def __init__(self) -> None:
        import os
        from pathlib import Path

        from kansencoach import locations
        from kansencoach.core.catalog import review_files, vocabulary_files
        from kansencoach.core.common.cache import name_for
        from kansencoach.core.flows.verdicts import VerdictShelf

        flow_dirs, knowledge_dirs = locations.user_flows_dirs(), locations.user_knowledge_dirs()
        # realpath, not resolve: it does not raise on the symlink loops a user folder may hold.
        self._user_dirs = {Path(os.path.realpath(directory)) for directory in flow_dirs}
        folders = repr([[str(path) for path in dirs] for dirs in (flow_dirs, knowledge_dirs)])
        key = name_for(folders)
        shared = [*vocabulary_files(tuple(knowledge_dirs)), *review_files()]
        cache_dir = locations.cache_dir()
        self._shelf = VerdictShelf(
            cache_dir / f"verdicts-{key}.marshal", cache_dir / f"checked-against-{key}.marshal", shared
        )
        self._clashes: dict[Path | None, dict[Path, list[Problem]]] = {}
        """By folder (realpath; None for the user folders): the clash problems of its files."""

    def verdict(self, path: Path) -> Verdict:
        """What checking `path` finds now."""
        cached = self._shelf.get(path)
        if cached is not None:
            return cached
        from kansencoach.core.catalog import flow_dirs
        from kansencoach.core.common.cache import stamps
        from kansencoach.core.common.folders import yaml_files
        from kansencoach.core.draft.misspelt import near_misses, unknown_findings
        from kansencoach.core.flows.loader import examine
        from kansencoach.core.flows.verdicts import Verdict, folder_files

        before = stamps([path])
        checked = examine(path, self._shelf.against.get("facets", _facet_values))
        in_user_folder = self._in_user_folder(path)
        # Ids must not clash within the user folders, nor within the folder of a flow elsewhere.
        checks_ids = in_user_folder or checked.loaded is not None
        problems = checked.problems + (self._clashes_of(path, in_user_folder) if checks_ids else [])
        warnings: list[Problem] = []
        if checked.loaded and checked.at and not problems:  # a block has no draft keys of its own to check
            reads = self._shelf.against.get("review", _rule_reads)
            warnings = near_misses(reads, checked.loaded.flow, checked.loaded.step_positions)
            rules = self._shelf.against.get("rule-titles", _rule_titles)
            problems = unknown_findings(rules, checked.loaded.flow, checked.at)
        verdict = Verdict(problems, warnings)
        # A clash depends on the ids of all flows in the folders: any change to them counts.
        own_folder = [path.parent, *yaml_files(path.parent)] if checks_ids else []
        sources = [*checked.sources, *(folder_files(flow_dirs()) if in_user_folder else own_folder)]
        if stamps([path]) == before:  # else the entry's stamps would vouch for a text not checked
            self._shelf.put(path, sources, verdict)
        return verdict

    def save(self) -> None:
        """Keep the verdicts worked out for the next run."""
        self._shelf.save()

    def _in_user_folder(self, path: Path) -> bool:
        """Whether `path` is (or links to) a file in a user flow folder, where ids must not clash."""
        import os
        from pathlib import Path

        real = {Path(os.path.realpath(path)).parent, Path(os.path.realpath(path.parent))}
        return not real.isdisjoint(self._user_dirs)

    def _clashes_of(self, path: Path, in_user_folder: bool) -> list[Problem]:
        """The problems of `path` having an id another flow has: in the user flow folders, or else
        in its own folder."""
        import os
        from pathlib import Path

        folder = None if in_user_folder else Path(os.path.realpath(path.parent))
        if folder not in self._clashes:
            self._clashes[folder] = _id_clashes(folder)
        return self._clashes[folder].get(Path(os.path.realpath(path)), [])


def _files_to_validate(arguments: list[Path]) -> tuple[list[Path], list[Path], list[Path]]:
    """The flow and block files to check: each folder's, a file as given, a flow id's file; without
    arguments every flow folder's, the user's own first. And the folders given without any, and
    what the folders hold that is never read (`folders.unread`)."""
    from kansencoach.core.catalog import find_entry, flow_dirs
    from kansencoach.core.common.folders import unread, yaml_files

    files: list[Path] = []
    empty: list[Path] = []
    never_read: list[Path] = []
    for path in arguments or [directory for directory in flow_dirs() if directory.is_dir()]:
        if path.is_dir():
            in_folder = yaml_files(path) + yaml_files(path / "blocks")
            if arguments and not in_folder:  # a folder named by mistake is not 'in orde'
                empty.append(path)
            files += in_folder
            never_read += unread(path, read=("blocks",))
        elif not path.exists() and not path.suffix and len(path.parts) == 1:
            files.append(find_entry(str(path)).path)
        else:
            files.append(path)
    return list(dict.fromkeys(files)), empty, never_read


def _id_clashes(folder: Path | None) -> dict[Path, list[Problem]]:
    """The problems of files whose id another flow has, by realpath: in the user flow folders, or
    in `folder`. One rule for both: the catalogue's (scan_flows, scan_folder)."""
    import os
    from pathlib import Path

    from kansencoach.core.catalog import DUPLICATE_ID, scan_flows, scan_folder
    from kansencoach.core.common.folders import yaml_files

    if folder is not None and len(yaml_files(folder)) < 2:  # nothing to clash with: read no flow again
        return {}
    return {
        Path(os.path.realpath(entry.path)): [
            problem for problem in entry.problems if problem.code == DUPLICATE_ID
        ]
        for entry in (scan_flows() if folder is None else scan_folder(folder))
        if any(problem.code == DUPLICATE_ID for problem in entry.problems)
    }


def _facet_values() -> dict[str, list[str]]:
    """The values the vocabulary (with the team's own) allows each facet."""
    from kansencoach.core.catalog import load_vocabulary
    from kansencoach.core.flows.checks import facet_values

    return facet_values(load_vocabulary())


def _rule_reads() -> dict[str, list[str]]:
    """What the review rules (with the team's own) read, for the near-miss check of draft keys;
    what the rules themselves lack is for `kb validate`."""
    from kansencoach.core.catalog import load_review_rules
    from kansencoach.core.draft.review.reach import rule_reads

    rules = load_review_rules()
    return rule_reads(rules) if rules else {}


def _rule_titles() -> dict[str, list[str]]:
    """Each review rule's id (with the team's own), which an info step's `finding` names, and its title."""
    from kansencoach.core.catalog import load_review_rules

    rules = load_review_rules()
    return {rule.id: [rule.title] for rule in rules.rules} if rules else {}


def _schema(arguments: argparse.Namespace) -> int:
    import json

    from kansencoach.core.authoring.schema import flow_schema, knowledge_schema, tests_schema, vscode_settings

    if arguments.vscode:
        print(json.dumps(vscode_settings(), ensure_ascii=False, indent=2))
        print(t("cli.schema_vscode_next"), file=sys.stderr)
        return 0
    if arguments.kind is None:
        raise UserError(t("cli.schema_which"))
    kinds = {"flows": flow_schema, "knowledge": knowledge_schema, "tests": tests_schema}
    print(json.dumps(kinds[arguments.kind](), ensure_ascii=False, indent=2))
    return 0


_DOCS = {"flows": "flow-authoring.md", "kennisbank": "knowledge-base.md"}
"""`kansencoach docs NAME` → the shipped document it prints."""


def _docs(arguments: argparse.Namespace) -> int:
    from kansencoach import locations

    path = locations.shipped_docs_dir() / _DOCS[arguments.name]
    print(path.read_text(encoding="utf-8"), end="")
    print(t("cli.docs_where", path=path), file=sys.stderr)
    return 0
