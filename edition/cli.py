"""The command line: ``edition convert | validate | render | build | report``.

Exit status: 0 all went well; 1 some document failed or is invalid (the others were
still built); 2 the command could not run (bad usage, missing schema, …).

Each command imports only the stage it runs (``edition validate`` loads neither the
gazetteer nor the stylesheets). ``--jobs N`` spreads the per-document work over N
processes (default: all cores); the output is the same for any N. A progress bar is
shown on a terminal only; each command ends with a one-line summary.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from edition.errors import EditionError
from edition.paths import Edition, find_edition

if TYPE_CHECKING:
    from edition.validation.report import Report

OK, FAILED, CANNOT_RUN = 0, 1, 2


def _err(message: str) -> None:
    click.echo(message, err=True)


def _problems(problems: list[EditionError]) -> None:
    for problem in sorted(problems, key=lambda p: (str(p.path), p.line, p.col)):
        _err(f"{problem.path}:{problem.line}:{problem.col}: error: {problem.message}")


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _jobs(jobs: int) -> int:
    from edition.stages.pool import default_jobs

    return jobs if jobs > 0 else default_jobs()


def _run_convert(seeds: Path, tei: Path, force: bool, only: tuple[str, ...],
                 registers: Path, jobs: int, summary: list[str],
                 converted: list[str] | None = None) -> int:
    """``converted``: given the documents of the sources converted."""
    from edition.stages.convert import convert

    if not seeds.is_dir():
        _err(f"{seeds}:0:0: error: no such folder of seed files")
        return CANNOT_RUN
    report = convert(seeds, tei, force=force, only=only, registers=registers, say=_err,
                     jobs=_jobs(jobs))
    for seed, ids in report.documents.items():
        click.echo(f"{seed}: {len(ids)} document{'s' if len(ids) != 1 else ''}")
    counts: dict[str, int] = {}
    for outcome in report.outcomes.values():
        counts[outcome.value] = counts.get(outcome.value, 0) + 1
    click.echo(f"TEI in {tei}: " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))
    for warning in sorted(report.warnings, key=lambda p: (str(p.path), p.line, p.col)):
        _err(f"{warning.path}:{warning.line}:{warning.col}: warning: {warning.message}")
    _problems(report.problems)
    if converted is not None:
        converted.extend(doc for seed in report.converted
                         for doc in report.documents.get(seed, []))
    summary.append(f"converted {_plural(len(report.converted), 'source')}, "
                   + (f"{len(report.failed)} failed, " if report.failed else "")
                   + f"skipped {len(report.skipped)} unchanged")
    return FAILED if report.problems else OK


def _run_render(tei: Path, out: Path, jobs: int, summary: list[str],
                meanwhile: Callable[[], object] | None = None,
                then: Callable[[], object] | None = None) -> int:
    """``then``: called once the pages are made, before the render's report (a build's
    validation report, taken from where it was made meanwhile); the session's workers
    are let go after it, while the pages are flushed."""
    from edition.stages.render import render

    report = render(tei, out, jobs=_jobs(jobs), meanwhile=meanwhile, then=then, release=True)
    for warning in report.warnings:
        _err(warning)
    click.echo(f"site in {out}: {len(report.rendered)} documents rendered, "
               f"{len(report.skipped)} unchanged")
    _problems(report.problems)
    summary.append(f"rendered {_plural(len(report.rendered), 'document')}, "
                   f"skipped {len(report.skipped)} unchanged")
    return FAILED if report.problems else OK


def _run_validate(paths: tuple[Path, ...], schema: Path | None, fmt: str, jobs: int,
                  cache: bool, summary: list[str]) -> int:
    from edition.stages.validate import default_cache, validate

    report = validate(list(paths), schema=schema, jobs=_jobs(jobs),
                      cache=default_cache(paths) if cache else None)
    return _validation_report(report, fmt, summary)


def _validation_report(report: Report, fmt: str, summary: list[str]) -> int:
    from typing import cast

    from edition.validation.report import ReportFormat, format_report

    click.echo(format_report(report, cast(ReportFormat, fmt)), nl=False)
    checked = report.files_checked if report.rechecked is None else report.rechecked
    summary.append(f"validated {_plural(checked, 'file')}, "
                   f"skipped {report.files_checked - checked} unchanged")
    return FAILED if report.errors else OK


def _guard(action: object) -> int:
    try:
        return action()  # type: ignore[operator, no-any-return]
    except EditionError as exc:
        _err(f"{exc.path}:{exc.line}:{exc.col}: error: {exc.message}")
        return CANNOT_RUN


def _finish(status: int, summary: list[str], *, machine: bool = False) -> None:
    """The one-line summary, last on standard output (on standard error when the output
    is for machines: ``--format json`` stays JSON)."""
    if summary:
        click.echo("summary: " + "; ".join(summary), err=machine)
    sys.exit(status)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="edition")
def main() -> None:
    """Convert archival documents to TEI, validate them, and publish the edition."""


def command() -> None:
    """The ``edition`` command (and ``python -m edition``): :func:`main`, whose status
    it exits with, without the interpreter's last garbage collection. Python walks
    every object still alive once more as it exits, for the cycles among them: a third
    of a second after a build of forty documents, whose registers and caches live to
    the end. Frozen (:func:`gc.freeze`), they are left out of that walk; what they hold
    is freed with the process all the same, and files are closed and streams flushed
    as before. The collector runs less often throughout (:mod:`edition.collector`)."""
    from edition import collector

    collector.tune()
    try:
        main()
    finally:
        import gc

        gc.freeze()


def _edition() -> Edition:
    """The edition around the current directory (its edition.yml, found like git's .git)."""
    return find_edition()


_seeds = click.option("--seeds", type=click.Path(path_type=Path), default=None,
                      help="Folder of source files and manifest.yml [default: the edition's "
                      "seeds/].")
_tei = click.option("--tei", type=click.Path(path_type=Path), default=None,
                    help="Folder of TEI files, the master copy [default: the edition's tei/].")
_force = click.option("--force", is_flag=True,
                      help="Regenerate TEI files edited by hand (a backup is kept first).")
_out = click.option("--out", type=click.Path(path_type=Path), default=None,
                    help="Folder the HTML site is written to [default: the edition's site/].")
_jobs_option = click.option("--jobs", "-j", type=click.IntRange(min=0), default=0,
                            help="Processes for the per-document work (default 0: all "
                                 "cores). The output is the same for any number.")


@main.command("convert")
@_seeds
@_tei
@_force
@_jobs_option
@click.argument("only", nargs=-1)
def convert_cmd(seeds: Path | None, tei: Path | None, force: bool, jobs: int,
                only: tuple[str, ...]) -> None:
    """Convert the seed files (or only those named) into TEI files."""
    summary: list[str] = []

    def run() -> int:
        edition = _edition()
        return _run_convert(seeds or edition.seeds, tei or edition.tei, force, only,
                            edition.registers, jobs, summary)

    _finish(_guard(run), summary)


@main.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--schema", type=click.Path(path_type=Path), default=None,
              help="A RELAX NG schema to use instead of ours (e.g. tei_all.rng).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]),
              default="text", show_default=True, help="How problems are printed.")
@_jobs_option
@click.option("--no-cache", is_flag=True,
              help="Check every file again (by default a folder's unchanged files keep "
                   "their results, in FOLDER/.cache/validate.json).")
def validate_cmd(paths: tuple[Path, ...], schema: Path | None, fmt: str, jobs: int,
                 no_cache: bool) -> None:
    """Check TEI files or folders (default: tei/): well-formed, RELAX NG, Schematron."""
    summary: list[str] = []
    _finish(_guard(lambda: _run_validate(paths or (_edition().tei,), schema, fmt, jobs,
                                         not no_cache, summary)), summary,
            machine=fmt != "text")


def _run_render_files(paths: tuple[Path, ...], out: Path) -> int:
    from edition.foreign import render_files, write_site

    pages, copies, report = render_files(paths)
    for warning in report.warnings:
        _err(warning)
    write_site(out, pages, copies)
    click.echo(f"site in {out}: {len(report.rendered)} TEI files rendered, "
               f"{report.pages} pages")
    _problems(report.problems)
    return FAILED if report.problems else OK


@main.command("render")
@_tei
@_out
@_jobs_option
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def render_cmd(tei: Path | None, out: Path | None, jobs: int, paths: tuple[Path, ...]) -> None:
    """Render the TEI files into the reading and diplomatic HTML views.

    Without PATHS: the edition's TEI folder (--tei) with its corpus file. With PATHS
    (TEI files or folders of them, any project's): those files, no corpus file needed;
    a volume of many documents gets a volume page and a page per document.
    """
    if paths:
        sys.exit(_guard(lambda: _run_render_files(paths, out or Path("site"))))
    from edition.stages.build import build_session

    summary: list[str] = []

    def run() -> int:
        tei_dir = tei or _edition().tei
        with build_session(_jobs(jobs), tei_dir):
            return _run_render(tei_dir, out or _edition().site, jobs, summary)

    _finish(_guard(run), summary)


@main.command("build")
@_seeds
@_tei
@_out
@_force
@_jobs_option
def build_cmd(seeds: Path | None, tei: Path | None, out: Path | None, force: bool,
              jobs: int) -> None:
    """Convert, validate and render: the whole edition from the seeds."""
    summary: list[str] = []

    from edition.stages.build import build_session
    from edition.stages.pool import Deferred, every_worker_busy, in_session

    def run() -> int:
        start = time.perf_counter()
        edition = _edition()
        seeds_dir, tei_dir = seeds or edition.seeds, tei or edition.tei
        out_dir = out or edition.site
        with build_session(_jobs(jobs), tei_dir):
            converted: list[str] = []
            status = _run_convert(seeds_dir, tei_dir, force, (), edition.registers, jobs,
                                  summary, converted)
            if status == CANNOT_RUN:
                return status
            # validated while the documents are being rendered (the rendering does not
            # depend on it); its report and summary still come before the render's. With
            # a pool and up to BESIDE_FILES documents converted, begun now: in a worker
            # when they are enough to keep every worker busy, else in a process of its
            # own (validate_beside; the validator is not imported here); with more, by
            # this process and the workers once the render has handed out its work
            valid: list[int] = []
            beside: list[Deferred[Report]] = []
            from edition.stages.validate_beside import BESIDE_FILES, validate_beside

            if in_session() and 0 < len(converted) <= BESIDE_FILES:
                beside.append(validate_beside((tei_dir,), _jobs(jobs),
                                              in_worker=every_worker_busy(len(converted))))

            def validate() -> None:
                if not beside:
                    valid.append(_run_validate((tei_dir,), None, "text", jobs, True, summary))

            def reported() -> None:
                if beside:
                    valid.append(_validation_report(beside.pop().result(), "text", summary))

            rendered = _run_render(tei_dir, out_dir, jobs, summary, meanwhile=validate,
                                   then=reported)
        click.echo(f"built in {time.perf_counter() - start:.1f} s")
        return max(status, valid[0], rendered)

    _finish(_guard(run), summary)


@main.command("new")
@click.argument("folder", type=click.Path(path_type=Path))
def new_cmd(folder: Path) -> None:
    """Lay out a new edition in FOLDER: edition.yml, seeds/, registers/, a README."""
    from edition.scaffold import new_edition

    def run() -> int:
        for path in new_edition(folder):
            click.echo(f"wrote {path}")
        click.echo(f"a new edition in {folder}: put source files in {folder / 'seeds'}, "
                   f"then run `edition build` inside {folder}")
        return OK

    sys.exit(_guard(run))


@main.command("report")
@_seeds
@click.option("--registers", type=click.Path(path_type=Path), default=None,
              help="Folder of the registers [default: the edition's registers/].")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Text for editors, JSON for tools.")
@click.argument("only", nargs=-1)
def report_cmd(seeds: Path | None, registers: Path | None, fmt: str,
               only: tuple[str, ...]) -> None:
    """The editors' report on names: proposed entries, new and ambiguous forms, unused
    register entries and rejections, per document and line (exit 0 unless it cannot run)."""
    from edition.report import as_json, as_text, names_report

    def run() -> int:
        seeds_dir = seeds if seeds is not None else _edition().seeds
        registers_dir = registers if registers is not None else _edition().registers
        if not seeds_dir.is_dir():
            _err(f"{seeds_dir}:0:0: error: no such folder of seed files")
            return CANNOT_RUN
        found = names_report(seeds_dir, registers_dir, only)
        click.echo((as_json if fmt == "json" else as_text)(found), nl=False)
        return OK

    sys.exit(_guard(run))
