"""Deploying every chosen target: in parallel, one connection per target, retrying a broken link.

Per target: read the remote manifest, plan, refuse too many deletions, upload in the plan's order
(a link's target before the page linking to it) in batches (each file under a temporary name,
renamed into place), saving the manifest after each batch so an interrupted run resumes where it
stopped, delete, and write the manifest last.
A failing target is reported and never stops the others.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Sequence, TypeVar

from ..problems import Problem, Source, problem
from ..writer import manifest_path
from .credentials import MissingSecret, credentials
from .ftp import FtpTransport
from .links import READ, links
from .local import FolderTransport, RsyncTransport
from .plan import MANIFEST, Plan, make_plan, manifest_bytes, parse_manifest
from .targets import Target, covered
from .transport import ConnectionLost, DeletesRefused, LoginFailed, NamesMangled, RemoteRefused, Transport

TRANSPORTS: dict[str, Callable[..., Transport]] = {
    "ftp": FtpTransport, "ftps": FtpTransport, "folder": FolderTransport, "rsync": RsyncTransport}
MAX_BACKOFF = 30.0
T = TypeVar("T")


@dataclass(frozen=True)
class Options:
    dry_run: bool = False
    max_deletes: int = 100
    force: bool = False
    jobs: int = 4
    retries: int = 5
    backoff: float = 1.0
    batch: int = 50


@dataclass(frozen=True)
class Outcome:
    """What happened at one target (``plan`` is what was, or with ``--dry-run`` would be, done)."""

    target: Target
    plan: Plan | None = None
    uploaded: int = 0
    deleted: int = 0
    bytes: int = 0
    seconds: float = 0.0
    problem: Problem | None = None

    @property
    def unchanged(self) -> int:
        return len(self.plan.unchanged) if self.plan else 0


class OutputChanged(Exception):
    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


def built_files(out: Path) -> dict[str, str] | None:
    """The files the last successful build wrote (output path → SHA-256), or None if there is none."""
    try:
        files = json.loads(manifest_path(out).read_text(encoding="utf-8")).get("files")
    except (OSError, ValueError, AttributeError):
        return None
    return {str(p): str(d) for p, d in files.items()} if isinstance(files, dict) else None


def changed_output(out: Path, built: Mapping[str, str], paths: Iterable[str]) -> str | None:
    """The first of ``paths`` (output paths) edited or removed since the build wrote it, or None."""
    for path in sorted(paths):
        try:
            with open(out / path, "rb") as stream:
                digest = hashlib.file_digest(stream, "sha256").hexdigest()
        except OSError:
            return path
        if digest != built[path]:
            return path
    return None


def published_paths(chosen: Sequence[Target], every: Sequence[Target], built: Mapping[str, str]) -> set[str]:
    """Every output path (``unit/…``) the chosen targets publish."""
    return {f"{t.unit}/{p}" for t in chosen for p in covered(t, every, built)}


def deploy(out: Path, chosen: Sequence[Target], every: Sequence[Target], built: Mapping[str, str], options: Options,
           environ: Mapping[str, str], progress: Callable[[Target, int, int], None] = lambda *_: None,
           sleep: Callable[[float], None] = time.sleep) -> list[Outcome]:
    """Deploy each chosen target (``every`` target decides what each one covers); outcomes in order."""
    def one(target: Target) -> Outcome:
        files = {p: built[f"{target.unit}/{p}"] for p in covered(target, every, built)}
        return deploy_target(out, target, files, options, environ, progress, sleep)

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, options.jobs)) as pool:
        return list(pool.map(one, chosen))


class _Session:
    """Runs operations on a transport, reconnecting with exponential backoff when the link breaks."""

    def __init__(self, transport: Transport, options: Options, sleep: Callable[[float], None]) -> None:
        self.transport, self.options, self.sleep = transport, options, sleep
        self.connected = False

    def run(self, operation: Callable[[], T]) -> T:
        for attempt in range(self.options.retries + 1):
            try:
                if not self.connected:
                    self.transport.connect()
                    self.connected = True
                return operation()
            except ConnectionLost:
                self.connected = False
                self.transport.close()
                if attempt == self.options.retries:
                    raise
                self.sleep(min(self.options.backoff * 2 ** attempt, MAX_BACKOFF))
        raise AssertionError("unreachable")


def _batches(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _read(out: Path, unit: str, path: str, digest: str) -> bytes:
    try:
        data = (out / unit / path).read_bytes()
    except OSError:
        raise OutputChanged(f"{unit}/{path}") from None
    if hashlib.sha256(data).hexdigest() != digest:
        raise OutputChanged(f"{unit}/{path}")
    return data


def deploy_target(out: Path, target: Target, files: Mapping[str, str], options: Options, environ: Mapping[str, str],
                  progress: Callable[[Target, int, int], None] = lambda *_: None,
                  sleep: Callable[[float], None] = time.sleep) -> Outcome:
    """Publish ``files`` (site path → SHA-256, read from ``out/<unit>/``) at one target."""
    started = time.monotonic()
    done = {"uploaded": 0, "deleted": 0, "bytes": 0}
    plan = None

    def outcome(found: Problem | None = None) -> Outcome:
        return Outcome(target, plan, done["uploaded"], done["deleted"], done["bytes"],
                       time.monotonic() - started, found)

    ca_file = target.spec.ca_file
    if target.spec.protocol == "ftps" and ca_file is not None and not Path(ca_file).is_file():
        return outcome(problem("DEPLOY_CA_FILE_MISSING", target.source.path, target.source.line, target.source.col,
                               field=f"{target.field}.ca_file", target=target.name, account=target.account,
                               ca_file=ca_file))
    try:
        transport = _transport(target.spec.protocol)(target, credentials(target, environ))
        session = _Session(transport, options, sleep)
        try:
            raw = session.run(lambda: transport.read(MANIFEST))
            remote = parse_manifest(raw)
            plan = make_plan(files, remote, {p: links(p, _read(out, target.unit, p, files[p]), files)
                                             for p in files if remote.get(p) != files[p] and p.endswith(READ)})
            if len(plan.deletes) > options.max_deletes and not options.force:
                return outcome(_problem(target, "DEPLOY_TOO_MANY_DELETES", count=len(plan.deletes),
                                        limit=options.max_deletes))
            if options.dry_run:
                return outcome()
            manifest = dict(remote)
            total = len(plan.uploads) + len(plan.deletes)
            progress(target, 0, total)
            for batch in (b for group in plan.rounds for b in _batches(group, options.batch)):
                items = [(p, _read(out, target.unit, p, files[p])) for p in batch]
                session.run(lambda: transport.put_many(items))
                manifest.update({p: files[p] for p in batch})
                done["uploaded"] += len(batch)
                done["bytes"] += sum(len(d) for _, d in items)
                if done["uploaded"] < len(plan.uploads):  # a checkpoint: the next run resumes here
                    session.run(lambda: transport.put(MANIFEST, manifest_bytes(manifest)))
                progress(target, done["uploaded"], total)
            refusals: list[DeletesRefused] = []
            for batch in _batches(plan.deletes, options.batch):
                try:
                    session.run(lambda: transport.delete_many(batch))
                except DeletesRefused as exc:  # the manifest keeps them: the next run tries again
                    refusals.append(exc)
                gone = [p for p in batch if not any(p in r.paths for r in refusals)]
                for path in gone:
                    manifest.pop(path, None)
                done["deleted"] += len(gone)
                progress(target, done["uploaded"] + done["deleted"], total)
            if plan.deletes:
                session.run(lambda: transport.prune(plan.deletes))
            if plan.uploads or plan.deletes or raw is None:
                session.run(lambda: transport.put(MANIFEST, manifest_bytes(manifest)))
            if refusals:
                return outcome(_problem(target, "DEPLOY_DELETE_REFUSED", count=sum(len(r.paths) for r in refusals),
                                        file=refusals[0].file, reason=refusals[0].reason))
        finally:
            transport.close()
    except MissingSecret as exc:
        return outcome(exc.problem)
    except FileNotFoundError as exc:  # the rsync program
        return outcome(_problem(target, "DEPLOY_TOOL_MISSING", tool=exc.args[0] if exc.args else "rsync"))
    except OutputChanged as exc:
        return outcome(problem("DEPLOY_OUTPUT_CHANGED", str(out / exc.path), file=exc.path))
    except ConnectionLost as exc:
        return outcome(_problem(target, "DEPLOY_CONNECT_FAILED", attempts=options.retries + 1, reason=exc.reason))
    except LoginFailed as exc:
        return outcome(_problem(target, "DEPLOY_LOGIN_FAILED", reason=exc.reason))
    except NamesMangled as exc:
        return outcome(_problem(target, "DEPLOY_NAMES_MANGLED", file=exc.file))
    except RemoteRefused as exc:
        return outcome(_problem(target, "DEPLOY_REMOTE_ERROR", file=exc.file, reason=exc.reason))
    return outcome()


def _transport(protocol: str) -> Callable[..., Transport]:
    if protocol == "sftp":  # paramiko is imported only when a target needs it
        from .sftp import SftpTransport
        return SftpTransport
    return TRANSPORTS[protocol]


def _problem(target: Target, code: str, **args) -> Problem:
    source: Source = target.source
    return problem(code, source.path, source.line, source.col, field=target.field, target=target.name,
                   account=target.account, **args)
