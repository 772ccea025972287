"""The `kansencoach` command.

Imports stay inside the handlers: `kansencoach --help`, `flows validate` and `kb search` must start
fast and never load Textual. Every user mistake ends in a Dutch message and exit code 2.
"""

from __future__ import annotations

import argparse
import sys

from kansencoach.i18n import argparse_text, t

# `kansencoach --help` should cost little more than argparse: even typing and pathlib are imported
# only when a command needs them (mypy reads this constant like typing.TYPE_CHECKING).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path
    from typing import NoReturn

    from kansencoach.core.common.problems import Problem
    from kansencoach.core.flows.loader import LoadedFlow
    from kansencoach.core.sessions.store import Store

    Handler = Callable[[argparse.Namespace], int]

USER_ERROR = 2


def _path(text: str) -> Path:
    """argparse type for file arguments, importing pathlib only when one is given."""
    from pathlib import Path

    return Path(text)


class UserError(Exception):
    """A mistake the user can fix; printed without a traceback, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(USER_ERROR, t("cli.usage_error", prog=self.prog, message=message) + "\n")


def build_parser() -> argparse.ArgumentParser:
    # argparse looks its texts up through the module-level gettext alias `_` at call time.
    argparse._ = argparse_text  # type: ignore[attr-defined]
    parser = _Parser(prog="kansencoach", description=t("cli.description"))
    parser.add_argument("--plain", action="store_true", help=t("cli.plain"))
    parser.add_argument("--reset-store", action="store_true", help=t("cli.reset_store"))
    parser.add_argument("--watch", action="store_true", help=t("cli.watch"))
    parser.add_argument("--version", action="version", version=_version(), help=t("cli.version"))
    parser.set_defaults(handler=_start)
    commands = parser.add_subparsers(title=t("cli.commands"), metavar="OPDRACHT", parser_class=_Parser)

    run = commands.add_parser("run", help=t("cli.run"), description=t("cli.run"))
    run.add_argument("flow", nargs="?", metavar="FLOW", help=t("cli.run_flow"))
    run.add_argument("--resume", metavar="ID", help=t("cli.run_resume"))
    run.add_argument("--plain", action="store_true", help=t("cli.plain"))
    run.add_argument("--answers", type=_path, metavar="BESTAND.yaml", help=t("cli.run_answers"))
    run.add_argument("--export", type=_path, metavar="UIT.md", help=t("cli.run_export"))
    run.add_argument("--html", action="store_true", help=t("cli.html"))
    run.add_argument("--force", action="store_true", help=t("cli.force"))
    run.add_argument("--title", help=t("cli.run_title"))
    run.add_argument("--watch", action="store_true", help=t("cli.watch"))
    run.add_argument("--preview", action="store_true", help=t("cli.preview"))
    run.set_defaults(handler=_run)

    flows = commands.add_parser("flows", help=t("cli.flows"), description=t("cli.flows"))
    flow_commands = flows.add_subparsers(metavar="OPDRACHT", parser_class=_Parser, required=True)
    flow_list = flow_commands.add_parser("list", help=t("cli.flows_list"))
    flow_list.set_defaults(handler=_flows_list)
    flow_new = flow_commands.add_parser("new", help=t("cli.flows_new"))
    flow_new.add_argument("id", metavar="ID")
    flow_new.add_argument("--from", dest="source", metavar="FLOW", help=t("cli.flows_new_from"))
    flow_new.set_defaults(handler=_flows_new)
    flow_graph = flow_commands.add_parser("graph", help=t("cli.flows_graph"))
    flow_graph.add_argument("flow", metavar="FLOW")
    flow_graph.add_argument(
        "--format", choices=["mermaid", "text"], default="mermaid", help=t("cli.flows_graph")
    )
    flow_graph.set_defaults(handler=_flows_graph)
    flow_diff = flow_commands.add_parser("diff", help=t("cli.flows_diff"))
    flow_diff.add_argument("old", type=_path, metavar="OUD.yaml")
    flow_diff.add_argument("new", type=_path, metavar="NIEUW.yaml")
    flow_diff.set_defaults(handler=_flows_diff)
    flow_test = flow_commands.add_parser("test", help=t("cli.flows_test"))
    flow_test.add_argument("paths", nargs="*", type=_path, metavar="PAD")
    flow_test.set_defaults(handler=_flows_test)
    flow_validate = flow_commands.add_parser("validate", help=t("cli.flows_validate"))
    flow_validate.add_argument("paths", nargs="*", type=_path, metavar="PAD")
    flow_validate.add_argument("--format", choices=["text", "json"], default="text", help=t("cli.format"))
    flow_validate.set_defaults(handler=_flows_validate)

    kb = commands.add_parser("kb", help=t("cli.kb"), description=t("cli.kb"))
    kb_commands = kb.add_subparsers(metavar="OPDRACHT", parser_class=_Parser, required=True)
    kb_list = kb_commands.add_parser("list", help=t("cli.kb_list"))
    kb_list.set_defaults(handler=_kb_list)
    kb_new = kb_commands.add_parser("new", help=t("cli.kb_new"))
    kb_new.add_argument("id", metavar="ID")
    kb_new.set_defaults(handler=_kb_new)
    kb_validate = kb_commands.add_parser("validate", help=t("cli.kb_validate"))
    kb_validate.add_argument("paths", nargs="*", type=_path, metavar="PAD", help=t("cli.kb_validate_paths"))
    kb_validate.add_argument("--format", choices=["text", "json"], default="text", help=t("cli.format"))
    kb_validate.set_defaults(handler=_kb_validate)
    kb_search = kb_commands.add_parser("search", help=t("cli.kb_search"))
    kb_search.add_argument("text", nargs="*", metavar="TEKST")
    kb_search.add_argument("--domain", action="append", default=[], metavar="D", help=t("cli.kb_domain"))
    kb_search.add_argument("--wie", action="append", default=[], metavar="W", help=t("cli.kb_wie"))
    kb_search.add_argument("--waar", action="append", default=[], metavar="X", help=t("cli.kb_waar"))
    kb_search.add_argument("--perspective", default="", metavar="A,B", help=t("cli.kb_perspective"))
    kb_search.add_argument("--limit", type=int, default=10, metavar="N", help=t("cli.kb_limit"))
    kb_search.add_argument("--json", action="store_true", help=t("cli.json"))
    kb_search.set_defaults(handler=_kb_search)

    schema = commands.add_parser("schema", help=t("cli.schema"), description=t("cli.schema"))
    schema.add_argument("kind", choices=["flows", "knowledge"])
    schema.set_defaults(handler=_schema)

    sessions = commands.add_parser("sessions", help=t("cli.sessions"), description=t("cli.sessions"))
    session_commands = sessions.add_subparsers(metavar="OPDRACHT", parser_class=_Parser, required=True)
    session_list = session_commands.add_parser("list", help=t("cli.sessions_list"))
    session_list.set_defaults(handler=_sessions_list)
    session_show = session_commands.add_parser("show", help=t("cli.sessions_show"))
    session_show.add_argument("id", metavar="ID")
    session_show.set_defaults(handler=_sessions_show)
    session_export = session_commands.add_parser("export", help=t("cli.sessions_export"))
    session_export.add_argument("id", metavar="ID")
    session_export.add_argument("-o", "--output", type=_path, metavar="UIT.md", help=t("cli.run_export"))
    session_export.add_argument("--html", action="store_true", help=t("cli.html"))
    session_export.add_argument("--force", action="store_true", help=t("cli.force"))
    session_export.set_defaults(handler=_sessions_export)
    session_review = session_commands.add_parser("review", help=t("cli.sessions_review"))
    session_review.add_argument("id", metavar="ID")
    session_review.add_argument("--json", action="store_true", help=t("cli.json"))
    session_review.set_defaults(handler=_sessions_review)
    session_delete = session_commands.add_parser("delete", help=t("cli.sessions_delete"))
    session_delete.add_argument("id", metavar="ID")
    session_delete.set_defaults(handler=_sessions_delete)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    arguments = parser.parse_args(argv)
    handler: Handler = arguments.handler
    as_json = getattr(arguments, "format", "") == "json"
    from kansencoach.core.catalog import UnknownFlow
    from kansencoach.core.common.files import WriteError
    from kansencoach.core.common.problems import ProblemsError
    from kansencoach.core.sessions.store import StoreError

    try:
        return handler(arguments)
    except ProblemsError as error:
        _print_problems(error.problems, as_json)
        return USER_ERROR
    except (UserError, StoreError, WriteError, UnknownFlow) as error:
        print(f"kansencoach: {error}", file=sys.stderr)
        return USER_ERROR
    except KeyboardInterrupt:
        print("\n" + t("cli.interrupted"), file=sys.stderr)
        return 130


def _version() -> str:
    from kansencoach import __version__

    return f"kansencoach {__version__}"


def _print_problems(problems: Sequence[Problem], as_json: bool = False) -> None:
    """Every problem, quoted with a caret under the spot; or as JSON on stdout for editors and CI."""
    from kansencoach.core.common.problems import as_dicts, quoted

    if as_json:
        import json

        print(json.dumps(as_dicts(problems), ensure_ascii=False, indent=2))
        return
    lines: dict[str, list[str] | None] = {}
    for problem in problems:
        print(quoted(problem, lines), file=sys.stderr)


def _store() -> Store:
    from kansencoach import locations
    from kansencoach.core.sessions.store import Store

    return Store(locations.store_path())


def _start(arguments: argparse.Namespace) -> int:
    if arguments.reset_store:
        return _reset_store()
    if arguments.plain:
        from kansencoach.plain import start_menu

        with _store() as store:
            return start_menu(store)
    return _tui(watch=arguments.watch)


def _tui(
    resume: str | None = None,
    new_flow: LoadedFlow | None = None,
    title: str | None = None,
    watch: bool = False,
    store_path: Path | None = None,
) -> int:
    from kansencoach.tui.app import KansencoachApp

    KansencoachApp(store_path, resume, new_flow, title, watch, preview=store_path is not None).run()
    return 0


def _reset_store() -> int:
    from kansencoach import locations
    from kansencoach.core.sessions.store import reset_store

    moved = reset_store(locations.store_path())
    if moved is None:
        print(t("cli.reset_nothing", path=locations.store_path()))
    else:
        print(t("cli.reset_done", path=moved))
    return 0


def _run(arguments: argparse.Namespace) -> int:
    from kansencoach.core.catalog import find_flow

    if arguments.resume:
        if arguments.flow or arguments.answers:
            raise UserError(t("cli.resume_alone"))
        if not arguments.plain:
            return _tui(arguments.resume, watch=arguments.watch)
        from kansencoach.plain import resume_plain

        with _store() as store:
            return resume_plain(store, arguments.resume)
    if not arguments.flow:
        raise UserError(t("cli.run_needs_flow"))
    loaded = find_flow(arguments.flow)
    if arguments.answers:
        from kansencoach.plain import run_scripted

        with _store() as store:
            return run_scripted(
                store, loaded, arguments.answers, arguments.export, arguments.html, arguments.force
            )
    if arguments.export:
        raise UserError(t("cli.export_needs_answers"))
    if arguments.preview:
        return _preview(loaded, arguments.plain)
    if not arguments.plain:
        return _tui(new_flow=loaded, title=arguments.title, watch=arguments.watch)
    from kansencoach.plain import run_plain

    with _store() as store:
        return run_plain(store, loaded, arguments.title)


def _preview(loaded: LoadedFlow, plain: bool) -> int:
    """Walk a flow on a throwaway store that is deleted afterwards."""
    import tempfile
    from pathlib import Path

    from kansencoach.core.sessions.store import Store

    with tempfile.TemporaryDirectory(prefix="kansencoach-voorbeeld-") as scratch:
        store_path = Path(scratch) / "voorbeeld.db"
        if not plain:
            return _tui(new_flow=loaded, watch=True, store_path=store_path)
        from kansencoach.plain import run_plain

        with Store(store_path) as store:
            return run_plain(store, loaded, None)


def _flows_list(_: argparse.Namespace) -> int:
    from kansencoach.core.catalog import scan_flows

    entries = scan_flows()
    for entry in entries:
        if entry.loaded:
            flow = entry.loaded.flow
            minutes = t("cli.minutes", minutes=flow.minutes) if flow.minutes else ""
            print(f"{flow.id:<14} v{flow.version:<3} {minutes:<10} {flow.title}")
        else:
            print(f"{entry.id:<14} {t('cli.flow_broken', count=len(entry.problems), path=entry.path)}")
        print(f"{'':<14} {_origin(entry.shipped, entry.path, entry.replaces)}")
    return 0


def _origin(shipped: bool, path: Path, replaces: Path | None) -> str:
    if shipped:
        return t("cli.origin_shipped", path=path)
    if replaces is not None:
        return t("cli.origin_replaces", path=path, shipped=replaces)
    return t("cli.origin_user", path=path)


def _flows_graph(arguments: argparse.Namespace) -> int:
    from kansencoach.core.authoring.graph import mermaid, outline
    from kansencoach.core.catalog import find_flow

    flow = find_flow(arguments.flow).flow
    print(outline(flow) if arguments.format == "text" else mermaid(flow), end="")
    return 0


def _flows_diff(arguments: argparse.Namespace) -> int:
    from kansencoach.core.authoring.diff import diff
    from kansencoach.core.catalog import load_vocabulary
    from kansencoach.core.flows.loader import load_flow

    vocabulary = load_vocabulary()
    changes = diff(load_flow(arguments.old, vocabulary).flow, load_flow(arguments.new, vocabulary).flow)
    for line in changes or [t("diff.none")]:
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
        _print_problems(outcome.problems)
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
    try:
        path = new_flow(arguments.id, locations.user_flows_dirs()[-1], source)
    except ScaffoldError as error:
        raise UserError(str(error)) from None
    print(t("cli.created", path=path))
    print(t("cli.created_flow_next", path=path, id=arguments.id))
    return 0


def _kb_new(arguments: argparse.Namespace) -> int:
    from kansencoach import locations
    from kansencoach.core.authoring.scaffold import ScaffoldError, new_intervention

    try:
        path = new_intervention(arguments.id, locations.user_knowledge_dirs()[-1])
    except ScaffoldError as error:
        raise UserError(str(error)) from None
    print(t("cli.created", path=path))
    print(t("cli.created_kb_next", path=path))
    return 0


def _flows_validate(arguments: argparse.Namespace) -> int:
    from kansencoach import locations
    from kansencoach.core.catalog import load_vocabulary
    from kansencoach.core.flows.loader import check_file

    paths: list[Path] = arguments.paths
    if not paths:
        root = locations.shipped_flows_dir()
        paths = [p for p in sorted(root.glob("*.yaml")) if not p.name.endswith(".test.yaml")]
        paths += sorted((root / "blocks").glob("*.yaml"))
    vocabulary = load_vocabulary()
    as_json = arguments.format == "json"
    found: list[Problem] = []
    broken = 0
    for path in paths:
        problems = check_file(path, vocabulary)
        found += problems
        if problems:
            broken += 1
            if not as_json:
                _print_problems(problems)
        elif not as_json:
            print(t("cli.valid", path=path))
    if as_json:
        _print_problems(found, as_json=True)
    if broken:
        if not as_json:
            print(t("cli.invalid_summary", broken=broken, total=len(paths)), file=sys.stderr)
        return USER_ERROR
    return 0


def _kb_list(_: argparse.Namespace) -> int:
    from kansencoach import locations
    from kansencoach.core.catalog import load_kb

    knowledge = load_kb()
    for item in sorted(knowledge.interventions, key=lambda item: item.id):
        level = knowledge.evidence_label(item.evidence.level)
        print(f"{item.id:<34} {item.name}  [{', '.join(item.domains)}; {level}]")
        path = knowledge.paths.get(item.id)
        if path is not None and not path.resolve().is_relative_to(
            locations.shipped_knowledge_dir().resolve()
        ):
            shipped = item.id in knowledge.shipped_ids
            print(f"{'':<34} {_origin(False, path, locations.shipped_knowledge_dir() if shipped else None)}")
    print(t("cli.kb_count", count=len(knowledge.interventions)))
    for problem in knowledge.problems:
        print(t("cli.kb_left_out", problem=problem), file=sys.stderr)
    return 0


def _kb_validate(arguments: argparse.Namespace) -> int:
    from kansencoach import locations
    from kansencoach.core.catalog import load_kb
    from kansencoach.core.common.problems import ProblemsError
    from kansencoach.core.draft.review import load_rules
    from kansencoach.core.knowledge.base import check_files, load_knowledge

    paths: list[Path] = arguments.paths or [locations.shipped_knowledge_dir()]
    problems: list[Problem] = []
    for directory in (path for path in paths if path.is_dir()):
        try:
            knowledge = load_knowledge(directory)
            if (directory / "review.yaml").exists():
                load_rules(directory / "review.yaml")
            if arguments.format == "text":
                print(t("cli.kb_valid", path=directory, count=len(knowledge.interventions)))
        except ProblemsError as error:
            problems += error.problems
    files = [path for path in paths if not path.is_dir()]
    if files:
        file_problems = check_files(files, load_kb())
        problems += file_problems
        broken = {problem.position.path for problem in file_problems}
        for path in files:
            if str(path) not in broken and arguments.format == "text":
                print(t("cli.valid", path=path))
    if problems:
        raise ProblemsError(problems)
    if arguments.format == "json":
        print("[]")
    return 0


def _kb_search(arguments: argparse.Namespace) -> int:
    import json

    from kansencoach.core.catalog import load_kb
    from kansencoach.core.knowledge.matcher import Query

    knowledge = load_kb()
    vocabulary = knowledge.vocabulary
    perspectives = [part.strip().upper() for part in arguments.perspective.split(",") if part.strip()]
    _check_values("--domain", arguments.domain, [term.id for term in vocabulary.domains])
    _check_values("--wie", arguments.wie, [term.id for term in vocabulary.wie])
    _check_values("--waar", arguments.waar, [term.id for term in vocabulary.waar])
    _check_values("--perspective", perspectives, [term.id for term in vocabulary.perspectives])
    if arguments.limit < 1:
        raise UserError(t("cli.kb_bad_limit"))
    query = Query(
        " ".join(arguments.text),
        tuple(arguments.domain),
        tuple(arguments.wie),
        tuple(arguments.waar),
        {perspective: 1.0 for perspective in perspectives},
    )
    if query.is_empty:
        raise UserError(t("cli.kb_empty_query"))
    results = knowledge.matcher.search(query, arguments.limit)
    if arguments.json:
        rows = [
            {
                "id": result.item.id,
                "name": result.item.name,
                "score": result.score,
                "parts": {"tekst": result.text, "facetten": result.facets, "bewijs": result.evidence},
                "why": result.why,
            }
            for result in results
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not results:
        print(t("cli.kb_nothing"))
    for number, result in enumerate(results, start=1):
        print(f"{number:>2}. {result.item.name} ({result.item.id}) — {result.score:.2f}")
        print(f"    {result.why}")
    return 0


def _check_values(option: str, values: Sequence[str], allowed: list[str]) -> None:
    from kansencoach.core.common.problems import did_you_mean

    for value in values:
        if value not in allowed:
            hint = did_you_mean(value, allowed, t("cli.allowed", values=", ".join(allowed)))
            raise UserError(t("cli.bad_value", option=option, value=value, hint=hint))


def _schema(arguments: argparse.Namespace) -> int:
    import json

    from kansencoach.core.authoring.schema import flow_schema, knowledge_schema

    schema = flow_schema() if arguments.kind == "flows" else knowledge_schema()
    print(json.dumps(schema, ensure_ascii=False, indent=2))
    return 0


def _sessions_list(_: argparse.Namespace) -> int:
    with _store() as store:
        sessions = store.sessions()
    if not sessions:
        print(t("cli.no_sessions"))
    for info in sessions:
        print(f"{info.id}  {info.updated[:16].replace('T', ' ')}  {info.flow_id:<12} {info.title}")
    return 0


def _sessions_show(arguments: argparse.Namespace) -> int:
    from kansencoach.plain import show_session

    with _store() as store:
        return show_session(store, arguments.id)


def _sessions_export(arguments: argparse.Namespace) -> int:
    from kansencoach.plain import export_session

    with _store() as store:
        return export_session(store, arguments.id, arguments.output, arguments.html, arguments.force)


def _sessions_review(arguments: argparse.Namespace) -> int:
    from kansencoach.plain import review_session

    with _store() as store:
        return review_session(store, arguments.id, arguments.json)


def _sessions_delete(arguments: argparse.Namespace) -> int:
    with _store() as store:
        info = store.session(arguments.id)
        store.delete(arguments.id)
    print(t("cli.deleted", id=info.id, title=info.title))
    return 0
