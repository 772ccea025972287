"""`kansencoach kb …`: listing, checking, creating and searching the knowledge base."""

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
    path_arg,
    print_problems,
    print_warnings,
    report_settings,
    unread_warning,
)
from kansencoach.i18n import t

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from kansencoach.core.common.problems import Problem
    from kansencoach.core.knowledge.base import KnowledgeBase
    from kansencoach.core.knowledge.facets import Mapped, Named


def register(commands: Commands) -> None:
    """Add the `kb` commands to the parser."""
    kb = commands.group("kb", t("cli.kb"), _knowledge_folders)
    kb.command("list", _kb_list, t("cli.kb_list"))
    kb.command("new", _kb_new, t("cli.kb_new")).add_argument("id", metavar="ID")
    validate = kb.command("validate", _kb_validate, t("cli.kb_validate"))
    validate.add_paths(t("cli.kb_validate_paths"))
    validate.add_argument(
        "--sources", nargs="+", type=path_arg, default=[], metavar="MAP", help=t("cli.kb_sources")
    )
    validate.add_check_options()
    search = kb.command("search", _kb_search, t("cli.kb_search"))
    search.add_argument("text", nargs="*", metavar="TEKST")
    search.add_argument("--domain", action="append", default=[], metavar="D", help=t("cli.kb_domain"))
    search.add_argument("--wie", action="append", default=[], metavar="W", help=t("cli.kb_wie"))
    search.add_argument("--waar", action="append", default=[], metavar="X", help=t("cli.kb_waar"))
    search.add_argument("--perspective", default="", metavar="A,B", help=t("cli.kb_perspective"))
    search.add_argument("--limit", type=int, default=10, metavar="N", help=t("cli.kb_limit"))
    search.add_argument("--json", action="store_true", help=t("cli.json"))


def _knowledge_folders() -> str:
    from kansencoach import locations

    own = locations.user_knowledge_dirs()
    return folders_help(own, locations.shipped_knowledge_dir(), "cli.own_knowledge_folders")


def _kb_new(arguments: argparse.Namespace) -> int:
    from kansencoach import locations
    from kansencoach.core.authoring.scaffold import ScaffoldError, new_intervention

    try:
        path = new_intervention(arguments.id, locations.user_knowledge_dirs()[0])
    except ScaffoldError as error:
        raise UserError(str(error)) from None
    print(t("cli.created", path=path))
    print(t("cli.created_kb_next", path=path))
    return 0


def _kb_list(_: argparse.Namespace) -> int:
    from kansencoach import locations
    from kansencoach.core.catalog import load_kb

    knowledge = load_kb()
    for item in sorted(knowledge.interventions, key=lambda item: item.id):
        facts = [", ".join(item.domains), knowledge.evidence_label(item.evidence.level)]
        unchecked = sum(1 for source in item.sources if not source.checked)
        if unchecked:
            facts.append(t("cli.kb_unchecked", count=unchecked))
        print(f"{item.id:<34} {item.name}  [{'; '.join(facts)}]")
        path = knowledge.paths.get(item.id)
        if path is not None and not path.resolve().is_relative_to(
            locations.shipped_knowledge_dir().resolve()
        ):
            print(f"{'':<34} {origin(False, path, knowledge.replaced.get(item.id))}")
    print(t("cli.kb_count", count=len(knowledge.interventions)))
    for problem in knowledge.problems:
        print(t("cli.kb_left_out", problem=problem), file=sys.stderr)
    report_settings("knowledge")
    return 0


def _kb_validate(arguments: argparse.Namespace) -> int:
    from kansencoach.core.catalog import load_kb
    from kansencoach.core.common.problems import ProblemsError
    from kansencoach.core.knowledge.layout import intervention_paths
    from kansencoach.core.knowledge.loading import check_files, load_knowledge, with_user_files
    from kansencoach.core.knowledge.quotes import check_sources, check_without_texts, count_quotes

    paths, empty, unread = _knowledge_targets(arguments.paths) if arguments.paths else _default_knowledge()
    text = arguments.format == "text"
    for folder in arguments.sources:
        if not folder.is_dir():
            raise UserError(t("cli.kb_sources_missing", path=folder))
    problems = [empty_folder(folder, "cli.kb_no_interventions_in_folder") for folder in empty]
    examined = 0
    for directory in (path for path in paths if _is_knowledge_base(path)):
        try:
            knowledge = load_knowledge(directory)
            if (directory / "review.yaml").exists():
                _check_rules(directory / "review.yaml", text)
            source_problems = [] if arguments.sources else check_without_texts(knowledge)
            if source_problems:
                raise ProblemsError(source_problems)
            if text:
                print(t("cli.kb_valid", path=directory, count=len(knowledge.interventions)))
        except ProblemsError as error:
            problems += error.problems
            examined += len(intervention_paths(directory))
            continue
        examined += len(knowledge.interventions)
        if arguments.sources:
            source_problems = check_sources(knowledge, arguments.sources)
            problems += source_problems
            if text and not source_problems:
                checked, unchecked = count_quotes(knowledge)
                print(t("cli.kb_quotes_valid", path=directory, checked=checked, unchecked=unchecked))
    files = [path for path in paths if not _is_knowledge_base(path)]
    examined += len(files)
    if files:
        context = load_kb()
        file_problems = check_files(files, context)
        if not file_problems:
            with_files = with_user_files(context, files)
            if text:
                _say_replaced(with_files, files)
            if arguments.sources:
                file_problems = check_sources(with_files, arguments.sources, files)
            else:
                file_problems = check_without_texts(with_files, files)
        problems += file_problems
        broken = {problem.position.path for problem in file_problems}
        for path in files:
            if str(path) not in broken and text:
                print(t("cli.valid", path=path))
    problems += _own_knowledge(arguments.paths or None, text)
    # A team folder left out or not there: what is in it was not checked, so this is no 'in orde'.
    settings_broken = report_settings("knowledge")
    if not text:
        print_problems(problems, as_json=True)
        return USER_ERROR if problems or settings_broken else 0
    print_warnings([unread_warning(path) for path in unread])
    # The last line says what was checked and what was found, as the lines above scroll away.
    summary = t(
        "cli.kb_checked",
        interventions=t("cli.kb_count", count=examined),
        problems=t("cli.problem_count", count=len(problems)),
    )
    if problems:
        print_problems(problems, verbose=arguments.verbose)
        print(summary, file=sys.stderr)
        return USER_ERROR
    print(summary)
    return USER_ERROR if settings_broken else 0


def _is_knowledge_base(path: Path) -> bool:
    """Whether `path`, found by `_knowledge_targets` or `_default_knowledge`, is a knowledge base
    to load rather than one intervention's file: a folder named like a file (`map.yaml`) in an own
    folder is listed as a file and told it is a folder, not searched for a vocabulary.yaml."""
    return path.is_dir() and path.suffix != ".yaml"


def _say_replaced(knowledge: KnowledgeBase, files: list[Path]) -> None:
    """A note (no problem: replacing is allowed) for each of `files` whose intervention has the id
    of a shipped one, naming the shipped file it hides."""
    for item_id, shipped in sorted(knowledge.replaced.items()):
        own = knowledge.paths[item_id]
        if own in files:
            print(t("cli.kb_intervention_replaced", path=own, id=item_id, shipped=shipped))


def _own_knowledge(folders: list[Path] | None, text: bool) -> list[Problem]:
    """The problems of the team's own vocabulary, synonyms and review rules (all of them, or those in
    `folders`), saying which shipped rules own ones replace."""
    from pathlib import Path

    from kansencoach.core.catalog import own_knowledge_problems, own_rules_reading_no_part, review_rules

    def asked(path: str) -> bool:
        return folders is None or any(
            Path(path).resolve().is_relative_to(folder.resolve()) for folder in folders
        )

    combined = review_rules()
    for replaced in combined.replaced if combined and text else ():
        if asked(replaced.position.path):
            print(t("cli.kb_rule_replaced", position=replaced.position, id=replaced.id))
    own = own_knowledge_problems()
    # The shipped rules are checked for parts no flow has (`_check_rules`), and so are the team's.
    unread = own_rules_reading_no_part(problem.position.path for problem in own)
    problems = [problem for problem in [*own, *unread] if asked(problem.position.path)]
    broken = {Path(problem.position.path).resolve() for problem in problems}
    for path in (folders or []) if text else []:
        # An own file named on its own is told it is fine, as an intervention's file is.
        if path.is_file() and _is_own_folder(path.parent) and path.resolve() not in broken:
            print(t("cli.valid", path=path))
    return problems


def _knowledge_targets(arguments: list[Path]) -> tuple[list[Path], list[Path], list[Path]]:
    """What `kb validate PAD …` checks: a knowledge base (a folder with vocabulary.yaml), the
    interventions in an own folder, a file as given, or the file of an intervention id; the
    folders given that hold no YAML file at all; what own folders hold that is never read."""
    from kansencoach.core.catalog import load_kb
    from kansencoach.core.common.folders import yaml_files
    from kansencoach.core.common.problems import did_you_mean
    from kansencoach.core.knowledge.layout import (
        KNOWLEDGE_FILES,
        SHIPPED_ONLY_FILES,
        VOCABULARY_FILE,
        user_intervention_files,
    )

    targets: list[Path] = []
    empty: list[Path] = []
    never_read: list[Path] = []
    for path in arguments:
        if path.is_dir() and (not (path / "vocabulary.yaml").exists() or _is_own_folder(path)):
            in_folder = user_intervention_files(path)
            # A folder named by mistake is not '0 fouten'; an own folder may hold only vocabulary.yaml.
            if not in_folder and not yaml_files(path):
                empty.append(path)
            targets += in_folder
            never_read += _unread_in(path)
        elif path.is_file() and path.name in KNOWLEDGE_FILES:
            # Not an intervention. An own vocabulary, synonyms or review file is checked by
            # _own_knowledge, which the paths given select; a knowledge base's file with its base.
            own = _is_own_folder(path.parent)
            if own and path.name in SHIPPED_ONLY_FILES:
                never_read.append(path)
            elif not own and (path.parent / VOCABULARY_FILE).is_file():
                base = path.parent.resolve()
                targets += [] if base in (target.resolve() for target in targets) else [path.parent]
            elif not own:
                targets.append(path)  # told what it is and where it belongs (file_kinds.misplaced)
        elif not path.exists() and not path.suffix and len(path.parts) == 1:
            known = load_kb().paths
            if str(path) not in known:
                hint = did_you_mean(str(path), known, t("cli.kb_list_hint"))
                raise UserError(t("cli.kb_unknown_id", id=path, hint=hint))
            targets.append(known[str(path)])
        else:
            targets.append(path)
    return targets, empty, never_read


def _is_own_folder(path: Path) -> bool:
    """Whether `path` is one of the user's knowledge folders (whose vocabulary.yaml only adds values)."""
    from kansencoach import locations

    return path.resolve() in {folder.resolve() for folder in locations.user_knowledge_dirs()}


def _default_knowledge() -> tuple[list[Path], list[Path], list[Path]]:
    """Without paths, kb validate checks the shipped knowledge base and every own intervention (as
    `_knowledge_targets`, with what the own folders hold that is never read)."""
    from kansencoach import locations
    from kansencoach.core.knowledge.layout import user_intervention_files

    folders = locations.user_knowledge_dirs()
    own = [path for folder in folders for path in user_intervention_files(folder)]
    return (
        [locations.shipped_knowledge_dir(), *own],
        [],
        [path for folder in folders for path in _unread_in(folder)],
    )


def _unread_in(folder: Path) -> list[Path]:
    """What an own knowledge folder and its interventions/ hold that is never read."""
    from kansencoach.core.common.folders import unread
    from kansencoach.core.knowledge.layout import INTERVENTIONS_DIR, SHIPPED_ONLY_FILES

    shipped_only = [folder / name for name in sorted(SHIPPED_ONLY_FILES) if (folder / name).is_file()]
    return [*unread(folder, read=(INTERVENTIONS_DIR,)), *unread(folder / INTERVENTIONS_DIR), *shipped_only]


def _kb_search(arguments: argparse.Namespace) -> int:
    import json

    from kansencoach.core.catalog import load_search
    from kansencoach.core.knowledge.fit import Query

    knowledge = load_search()
    vocabulary = knowledge.names
    typed = [part.strip() for part in arguments.perspective.split(",") if part.strip()]
    domains = _facet_ids("--domain", arguments.domain, vocabulary.domains)
    wie = _facet_ids("--wie", arguments.wie, vocabulary.wie)
    waar = _facet_ids("--waar", arguments.waar, vocabulary.waar)
    perspectives = _facet_ids(
        "--perspective", [p.upper() if len(p) == 1 else p for p in typed], vocabulary.perspectives, True
    )
    if arguments.limit < 1:
        raise UserError(t("cli.kb_bad_limit"))
    query = Query(
        " ".join(arguments.text),
        domains,
        wie,
        waar,
        {perspective: 1.0 for perspective in perspectives},
    )
    if query.is_empty:
        raise UserError(t("cli.kb_empty_query"))
    results = knowledge.matcher.search(query, arguments.limit)
    for problem in knowledge.problems:
        print(t("cli.kb_left_out", problem=problem), file=sys.stderr)
    if arguments.json:
        rows = [
            {
                "id": result.id,
                "name": result.name,
                "score": result.score,
                "parts": {
                    "tekst": result.text,
                    "facetten": result.facets,
                    "verwant": result.related,
                    "bewijs": result.evidence,
                },
                "why": result.why,
            }
            for result in results
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not results:
        print(t("cli.kb_nothing"))
    from kansencoach.core.dutch.numbers import format_amount

    for number, result in enumerate(results, start=1):
        print(f"{number:>2}. {result.name} ({result.id}) — {format_amount(round(result.score, 2))}")
        print(f"    {result.why}")
    unknown = knowledge.matcher.unknown_words(query.text)
    if unknown:
        print(t("cli.kb_unknown_words", words=", ".join(f"‘{word}’" for word in unknown)))
    return 0


def _facet_ids(
    option: str, values: Sequence[str], terms: Sequence[Named], lettered: bool = False
) -> tuple[str, ...]:
    """The vocabulary ids the typed values stand for, with a note for each one that was mapped;
    a value that maps to nothing stops the search (exit 2) with what it might have been. The notes
    name values by their labels (`lettered`: by letter and label, as the method names perspectives)."""
    if not values:
        # Mapping imports rapidfuzz: 25 ms, a tenth of a search from the cache that names no facet.
        return ()
    from kansencoach.core.common.problems import nearest
    from kansencoach.core.knowledge.facets import map_facet

    def shown(term: Named | Mapped) -> str:
        return f"{term.id} ({term.label})" if lettered else f"‘{term.label}’"

    ids: list[str] = []
    for value in values:
        mapped = map_facet(value, terms)
        if mapped is None:
            names = {name: term for term in terms for name in (term.id, term.label, *term.synonyms)}
            near = nearest(value, names)
            every = "; ".join(shown(term) for term in terms)
            hint = t("cli.facet_near", value=shown(names[near])) if near else t("cli.allowed", values=every)
            raise UserError(t("cli.bad_value", option=option, value=value, hint=hint))
        if not mapped.exact:
            print(t("cli.facet_mapped", option=option, value=value, label=shown(mapped)), file=sys.stderr)
        ids.append(mapped.id)
    return tuple(ids)


def _check_rules(path: Path, show_warnings: bool) -> None:
    """The review rules in `path`: errors (ProblemsError) for what is broken, including draft keys no
    flow has; warnings on stderr for rules a flow can never trigger."""
    from kansencoach.core.catalog import scan_flows
    from kansencoach.core.common.problems import ProblemsError
    from kansencoach.core.draft.review import load_rules
    from kansencoach.core.draft.review.reach import flow_warnings, unknown_keys

    rules = load_rules(path)
    flows = [entry.loaded.flow for entry in scan_flows() if entry.loaded is not None]
    problems = unknown_keys(path, flows)
    if problems:
        raise ProblemsError(problems)
    if show_warnings:
        print_warnings([warning for flow in flows for warning in flow_warnings(rules, path, flow)])
