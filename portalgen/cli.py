"""The command line: the only module that prints and the only click import."""

from __future__ import annotations

import datetime as dt
import functools
import gc
import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import click

from . import __version__, codeowners, dashboard, dashboard_view, editorconfig, gitdates, history, scaffold, shards
from .build import build_portal
from .cache import Cache
from .check import check_loaded, check_portal
from .deploy.current import stale_reason
from .deploy.run import Options, Outcome, built_files, changed_output, published_paths
from .deploy.run import deploy as run_deploy
from .deploy.targets import Target, unit_targets
from .importing import docx, draft
from .importing.notes import ImportFailure
from .load import load_portal
from .problems import Problem, problem
from .report import RENDERERS
from .resolve import next_change
from .themes import load_theme
from .vn import format_size
from .writer import manifest_path, write_output

TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_DEPLOY_FAILED = 0, 1, 2, 3


def _now(value: str | None) -> dt.datetime:
    """The build moment: ``--now``, else ``SOURCE_DATE_EPOCH``, else the clock — in Vietnamese time, naive."""
    if value:
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            raise click.BadParameter(f"“{value}”: dùng dạng 2026-11-27 hoặc 2026-11-27T08:30 "
                                     f"(use 2026-11-27 or 2026-11-27T08:30)", param_hint="--now") from None
        if parsed.tzinfo is not None:
            parsed = parsed.astimezone(TIMEZONE).replace(tzinfo=None)
        return parsed
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), TIMEZONE) if epoch and epoch.isdigit() else dt.datetime.now(TIMEZONE)
    return moment.replace(tzinfo=None)


def _portal_dir(value: str) -> Path:
    path = Path(value)
    if not path.is_dir():
        raise click.BadParameter(f"“{value}” không phải thư mục (is not a folder)", param_hint="PORTAL_DIR")
    return path


def _shard_option(value: str | None, unit: str | None) -> tuple[int, int] | None:
    """``--shard K/N`` as (K, N), checked."""
    if value is None:
        return None
    try:
        k, n = (int(x) for x in value.split("/"))
    except ValueError:
        k = n = 0
    if not 1 <= k <= n:
        raise click.BadParameter(f"“{value}”: viết dạng K/N với 1 ≤ K ≤ N, ví dụ 2/4 (use K/N, e.g. 2/4)",
                                 param_hint="--shard")
    if unit is not None:
        raise click.BadParameter("--shard và --unit không dùng cùng nhau (not together)", param_hint="--shard")
    return k, n


def _unit_option(root: Path, unit: str | None, lang: str) -> str | None:
    """The ``--unit`` folder, normalised (``./nam-dinh/`` → ``nam-dinh``) and checked: exit 2 when
    it holds no unit or leaves the portal."""
    if unit is not None:
        unit = os.path.normpath(unit).replace(os.sep, "/").strip("/")
    if unit is not None and (unit.startswith("..") or unit == "." or not (root / unit / "unit.yaml").is_file()):
        message = (f"There is no unit in the folder “{unit}” (no unit.yaml)." if lang == "en"
                   else f"Không có đơn vị ở thư mục “{unit}” (không có unit.yaml).")
        click.echo(f"portalgen: {message}", err=True)
        sys.exit(EXIT_USAGE)
    return unit


def _output_folder(output: str, lang: str) -> Path:
    """The ``-o`` folder, refused (exit 2) when it is an existing file."""
    out = Path(output)
    if out.exists() and not out.is_dir():
        message = (f"“{output}” is a file, not a folder: choose another -o." if lang == "en" else
                   f"“{output}” là một tệp, không phải thư mục: hãy chọn thư mục khác cho -o.")
        click.echo(f"portalgen: {message}", err=True)
        sys.exit(EXIT_USAGE)
    return out


def _cannot_write(output: str, error: OSError, lang: str) -> None:
    """Stop (exit 2) on an output that cannot be written; the previous output is untouched."""
    reason = error.strerror or str(error)
    message = (f"Cannot write the output folder “{output}” ({reason}); the previous output is untouched."
               if lang == "en" else
               f"Không ghi được thư mục kết quả “{output}” ({reason}); kết quả cũ được giữ nguyên. "
               f"Hãy kiểm tra đường dẫn và quyền ghi.")
    click.echo(f"portalgen: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _relative_to_cwd(root: Path) -> str:
    """The portal folder as CI annotations need it: relative to the working folder ('' for '.')."""
    relative = os.path.relpath(root).replace(os.sep, "/")
    return "" if relative == "." else relative


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="portalgen")
def main() -> None:
    """portalgen: cổng thông tin điện tử tĩnh cho cơ quan nhà nước (static e-portals for Vietnamese state agencies)."""
    # A command makes millions of small objects that live as long as it does (records, the model,
    # the site tree): the young generation is collected every 50,000 allocations, not 700 (a cold
    # build at 10,000 articles spends about 0.25 s in the collector instead of 0.9 s).
    gc.set_threshold(50_000, 10, 10)


@main.command()
@click.argument("portal_dir", default="sites", required=False)
@click.option("--unit", "unit", metavar="PATH", help="Chỉ kiểm tra một đơn vị (thư mục tính từ cổng, ví dụ nam-dinh/my-loc).")
@click.option("--now", "now", metavar="DATE", help="Ngày giờ kiểm tra (mặc định: hôm nay, giờ Việt Nam).")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True, help="Ngôn ngữ thông báo.")
@click.option("--format", "fmt", type=click.Choice(sorted(RENDERERS)), default="text", show_default=True,
              help="Dạng báo cáo: text, json, github (chú thích GitHub Actions), gitlab (code quality).")
@click.option("--strict", is_flag=True, help="Coi cảnh báo (kể cả nội dung bắt buộc còn thiếu) là lỗi.")
@click.option("--cache", "cache_dir", default=None, metavar="DIR",
              help="Dùng lại kết quả đọc PDF, Word, ảnh đã lưu ở thư mục này (như portalgen build).")
def check(portal_dir: str, unit: str | None, now: str | None, lang: str, fmt: str, strict: bool,
          cache_dir: str | None) -> None:
    """Kiểm tra nội dung của mọi đơn vị (check every unit's content)."""
    root = _portal_dir(portal_dir)
    moment = _now(now)
    unit = _unit_option(root, unit, lang)
    result = check_portal(root, moment, unit=unit, strict=strict, cache=Cache(Path(cache_dir) if cache_dir else None))
    prefix = "" if fmt == "text" else _relative_to_cwd(root)
    click.echo(RENDERERS[fmt](result, lang, prefix), nl=False)
    if result.config_failed:
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_PROBLEMS if result.failed else EXIT_OK)


@main.command()
@click.argument("portal_dir", default="sites", required=False)
@click.option("-o", "--output", "output", default="public", show_default=True, metavar="OUT",
              help="Thư mục kết quả (output folder).")
@click.option("--unit", "unit", metavar="PATH", help="Chỉ ghi trang của một đơn vị (thư mục tính từ cổng).")
@click.option("--now", "now", metavar="DATE", help="Ngày giờ dựng trang (mặc định: hôm nay, giờ Việt Nam).")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True, help="Ngôn ngữ thông báo.")
@click.option("--strict", is_flag=True, help="Không dựng trang khi còn cảnh báo.")
@click.option("--cache", "cache_dir", default=".portalgen-cache", show_default=True, metavar="DIR",
              help="Thư mục lưu kết quả xử lý ảnh, PDF, Word để lần sau không làm lại (CI có thể giữ lại).")
@click.option("--no-cache", is_flag=True,
              help="Làm lại mọi việc: không dùng thư mục cache, không bỏ qua khi nội dung không đổi.")
@click.option("--jobs", type=click.IntRange(1, 64), default=None, metavar="N",
              help="Số tiến trình song song (mặc định: số nhân CPU).")
@click.option("--shard", metavar="K/N", default=None,
              help="Chỉ dựng phần thứ K trong N phần rời nhau (để chia việc cho nhiều máy CI).")
def build(portal_dir: str, output: str, unit: str | None, now: str | None, lang: str, strict: bool,
          cache_dir: str, no_cache: bool, jobs: int | None, shard: str | None) -> None:
    """Kiểm tra rồi dựng trang tĩnh cho mọi đơn vị (check, then build every unit's site)."""
    root = _portal_dir(portal_dir)
    moment = _now(now)
    unit = _unit_option(root, unit, lang)
    part = _shard_option(shard, unit)
    progress = _progress(lang)
    cache = Cache(None if no_cache else Path(cache_dir))
    out = _output_folder(output, lang)
    try:
        result = build_portal(root, out, moment, unit=unit, strict=strict, cache=cache, jobs=jobs,
                              shard=part, progress=progress, reuse=not no_cache)
    except OSError as error:
        _cannot_write(output, error, lang)
    click.echo("\r\033[K" if sys.stderr.isatty() else "", err=True, nl=False)
    if not result.built:
        click.echo(RENDERERS["text"](result.check, lang), nl=False)
        stop = ("Build stopped: fix the errors above; the previous output is untouched." if lang == "en" else
                "Dừng dựng trang: hãy sửa các lỗi trên; kết quả cũ được giữ nguyên.")
        click.echo(stop, err=True)
        sys.exit(EXIT_USAGE if result.check.config_failed else EXIT_PROBLEMS)
    if result.check.problems:
        click.echo(RENDERERS["text"](result.check, lang), nl=False)
    written = result.written
    if lang == "en":
        line = (f"Built {result.units} units, {result.pages} pages, {result.files} files "
                f"({written.written} written, {written.deleted} removed) into {output} in {result.seconds:.1f} s.")
        upcoming = f"Next scheduled change: {result.next_change:%Y-%m-%d %H:%M}." if result.next_change else ""
    else:
        line = (f"Đã dựng {result.units} đơn vị, {result.pages} trang, {result.files} tệp "
                f"({written.written} tệp ghi mới, {written.deleted} tệp xóa) vào {output} trong "
                f"{str(round(result.seconds, 1)).replace('.', ',')} giây.")
        upcoming = (f"Lần thay đổi tiếp theo theo lịch: {result.next_change:%d/%m/%Y %H:%M}."
                    if result.next_change else "")
    click.echo(line)
    if result.reused:
        click.echo("Nothing changed since the previous build: no work done." if lang == "en" else
                   "Nội dung không đổi so với lần dựng trước: không phải làm lại.")
    if result.conversions:
        names = _CONVERSIONS_EN if lang == "en" else _CONVERSIONS_VI
        done = ", ".join(f"{count} {names.get(kind, kind)}" for kind, count in sorted(result.conversions.items()))
        click.echo(f"Converted: {done}." if lang == "en" else f"Đã xử lý: {done}.")
    if upcoming:
        click.echo(upcoming)
    sys.exit(EXIT_OK)


_CONVERSIONS_VI = {"image": "ảnh (biến thể)", "image-size": "ảnh đọc kích thước", "pdf": "tệp PDF",
                   "docx": "tệp Word", "docx-image": "ảnh trong tệp Word", "zip": "gói Office kiểm tra",
                   "image-check": "ảnh kiểm tra"}
_CONVERSIONS_EN = {"image": "image variants", "image-size": "image sizes", "pdf": "PDF files",
                   "docx": "Word files", "docx-image": "images in Word files", "zip": "Office packages checked",
                   "image-check": "images checked"}


def _progress(lang: str):
    """A one-line progress display on a terminal; silent otherwise."""
    if not sys.stderr.isatty():
        return lambda _: None
    label = "Rendering" if lang == "en" else "Đang dựng"

    def show(unit_path: str) -> None:
        click.echo(f"\r\033[K{label}: {unit_path}", err=True, nl=False)

    return show


@main.command()
@click.argument("portal_dir", default="sites", required=False)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Cổng mạng (port).")
@click.option("--unit", "unit", metavar="PATH", help="Chỉ dựng và xem một đơn vị.")
@click.option("--now", "now", metavar="DATE", help="Ngày giờ dựng trang (mặc định: lúc dựng, giờ Việt Nam).")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True, help="Ngôn ngữ thông báo.")
@click.option("--cache", "cache_dir", default=".portalgen-cache", show_default=True, metavar="DIR",
              help="Thư mục cache dùng chung với portalgen build.")
def serve(portal_dir: str, port: int, unit: str | None, now: str | None, lang: str, cache_dir: str) -> None:
    """Xem trước: dựng, chạy máy chủ trên 127.0.0.1, tự dựng lại khi sửa (preview with live reload)."""
    from .serve import PortalServer

    root = _portal_dir(portal_dir)
    unit = _unit_option(root, unit, lang)
    fixed = _now(now) if now else None
    out = Path(tempfile.mkdtemp(prefix="portalgen-serve-"))
    try:
        server = PortalServer(root, out, port, lambda: fixed or _now(None), cache=Cache(Path(cache_dir)),
                              unit=unit, lang=lang, report=functools.partial(_report_build, lang=lang))
    except OSError as exc:
        shutil.rmtree(out, ignore_errors=True)
        click.echo(f"portalgen: {exc.strerror or exc} (127.0.0.1:{port})", err=True)
        sys.exit(EXIT_USAGE)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.start()
        first = unit or next((p.name for p in sorted(root.iterdir()) if (p / "unit.yaml").is_file()), "")
        hint = "Ctrl+C to stop." if lang == "en" else "Bấm Ctrl+C để dừng."
        click.echo(f"{server.url}{first + '/' if first else ''}  —  {hint}")
        while True:
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        shutil.rmtree(out, ignore_errors=True)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _report_build(result, lang: str) -> None:
    """One build of the preview server, in the terminal."""
    stamp = dt.datetime.now().strftime("%H:%M:%S")
    if not result.built:
        click.echo(f"[{stamp}] " + RENDERERS["text"](result.check, lang), nl=False)
        return
    errors = [p for p in result.check.problems if p.severity.label == "error"]
    line = (f"built {result.units} units, {result.written.written} files written in {result.seconds:.1f} s"
            if lang == "en" else
            f"đã dựng {result.units} đơn vị, ghi {result.written.written} tệp trong "
            f"{str(round(result.seconds, 1)).replace('.', ',')} giây")
    click.echo(f"[{stamp}] {line}" + (f"; {len(errors)} errors" if errors else ""))


@main.group("import")
def import_group() -> None:
    """Nhập nội dung từ tệp khác (import content from other files)."""


@import_group.command("docx")
@click.argument("file", metavar="FILE")
@click.option("--unit", "unit_dir", required=True, metavar="DIR",
              help="Thư mục của đơn vị nhận bài, ví dụ sites/nam-dinh/my-loc.")
@click.option("--as", "kind", type=click.Choice(draft.KINDS), default="news", show_default=True,
              help="news: bản nháp tin tức (news/NĂM/TÊN/index.md); page: trang thông tin (pages/).")
@click.option("--now", "now", metavar="DATE", help="Ngày của bài (mặc định: hôm nay, giờ Việt Nam).")
@click.option("--slug", "slug", metavar="SLUG", help="Tên thư mục/tệp của bài (mặc định: theo tiêu đề).")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True, help="Ngôn ngữ thông báo.")
def import_docx(file: str, unit_dir: str, kind: str, now: str | None, slug: str | None, lang: str) -> None:
    """Chuyển một tệp Word (.docx) thành bản nháp trong thư mục đơn vị (turn a Word file into a draft)."""
    moment = _now(now)
    unit = Path(unit_dir)
    try:
        draft.require_unit(unit)
        imported = docx.convert_docx(docx.read_docx(Path(file)))
        planned = draft.plan_draft(imported, unit, kind, moment.date(), slug=slug)
        draft.write_draft(planned)
    except ImportFailure as failure:
        click.echo(f"portalgen: {failure.message(lang)}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(draft.format_report(imported, planned, Path(file).name, lang), nl=False)
    sys.exit(EXIT_OK)


@main.command()
@click.argument("portal_dir", default="sites", required=False)
@click.option("-o", "--output", "output", default="bang-theo-doi", show_default=True, metavar="DIR",
              help="Thư mục ghi bảng theo dõi (index.html, CSV, JSON) và tệp lịch sử lich-su.json.")
@click.option("--now", "now", metavar="DATE", help="Ngày giờ đánh giá (mặc định: hôm nay, giờ Việt Nam).")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True,
              help="Ngôn ngữ của trang và thông báo.")
@click.option("--cache", "cache_dir", default=None, metavar="DIR",
              help="Dùng lại kết quả đọc PDF, Word, ảnh đã lưu ở thư mục này (như portalgen build).")
def report(portal_dir: str, output: str, now: str | None, lang: str, cache_dir: str | None) -> None:
    """Bảng theo dõi nội dung bắt buộc của mọi đơn vị (compliance dashboard of every unit)."""
    root = _portal_dir(portal_dir)
    moment = _now(now)
    out = _output_folder(output, lang)
    loaded = load_portal(root)
    result = check_loaded(loaded, moment, cache=Cache(Path(cache_dir) if cache_dir else None))
    if result.config_failed or loaded.portal is None:
        click.echo(RENDERERS["text"](result, lang), nl=False)
        sys.exit(EXIT_USAGE)
    history_file = out / history.FILE_NAME
    try:
        runs = history.read_runs(history_file.read_bytes() if history_file.is_file() else None)
    except history.HistoryInvalid:
        message = (f"{history_file} is not a history file written by portalgen report (damaged or edited by hand). "
                   f"Move it away (the trend then starts again) or restore it from the previous run."
                   if lang == "en" else
                   f"{history_file} không phải tệp lịch sử do portalgen report ghi (bị hỏng hoặc đã sửa tay). "
                   f"Hãy chuyển tệp đi nơi khác (việc so sánh sẽ bắt đầu lại) hoặc lấy lại bản của lần chạy trước.")
        click.echo(f"portalgen: {message}", err=True)
        sys.exit(EXIT_USAGE)
    board = dashboard.evaluate(loaded.portal, result, moment, gitdates.last_changes(root))
    trend = history.trend(runs, board)
    files = dashboard_view.report_files(board, trend, load_theme(root), lang)
    files[history.FILE_NAME] = history.record(runs, board)
    try:
        write_output(out, files)
    except OSError as error:
        _cannot_write(output, error, lang)
    click.echo(_report_summary(board, trend, out, lang))
    sys.exit(EXIT_OK)


def _report_summary(board, trend, out: Path, lang: str) -> str:
    units = board.units
    scores = [u.score for u in units]
    average = (sum(scores) + len(scores) // 2) // len(scores) if scores else 100
    missing = sum(1 for u in units if u.count("missing"))
    stale = sum(1 for u in units if u.count("stale"))
    page = out / "index.html"
    if lang == "en":
        line = (f"Dashboard of {len(units)} units: average score {average}, {missing} missing mandatory content, "
                f"{stale} not up to date → {page}")
        if trend.since:
            line += (f"\nSince {trend.since}: {trend.count('better')} better, {trend.count('worse')} worse, "
                     f"{trend.count('same')} unchanged.")
        return line
    line = (f"Bảng theo dõi {len(units)} đơn vị: điểm trung bình {average}, {missing} đơn vị thiếu nội dung bắt buộc, "
            f"{stale} đơn vị chưa cập nhật → {page}")
    if trend.since:
        line += (f"\nSo với ngày {trend.since}: {trend.count('better')} đơn vị tốt hơn, {trend.count('worse')} kém hơn, "
                 f"{trend.count('same')} không đổi.")
    return line


@main.command("next-change")
@click.argument("portal_dir", default="sites", required=False)
@click.option("--now", "now", metavar="DATE", help="Thời điểm hiện tại (mặc định: bây giờ, giờ Việt Nam).")
@click.option("--since", "since", metavar="DATE",
              help="Lần dựng trước: thoát 0 nếu từ đó đến --now có nội dung đến hạn thay đổi (cần dựng lại), 1 nếu chưa.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True, help="Ngôn ngữ thông báo.")
def next_change_command(portal_dir: str, now: str | None, since: str | None, lang: str) -> None:
    """In thời điểm trang thay đổi tiếp theo (print when the output changes next: publish_at, expire_at, deadlines, new week)."""
    root = _portal_dir(portal_dir)
    moment = _now(now)
    start = _option_moment(since, "--since") if since else moment
    loaded = load_portal(root)
    if loaded.portal is None:
        click.echo(RENDERERS["text"](check_loaded(loaded, moment), lang), nl=False)
        sys.exit(EXIT_USAGE)
    upcoming = next_change(loaded.portal, start)
    if upcoming is not None:
        click.echo(upcoming.isoformat(timespec="minutes"))
    due = upcoming is not None and upcoming <= moment
    if lang == "en":
        text = f"Next change: {upcoming:%Y-%m-%d %H:%M}." if upcoming else "No change is scheduled."
        if since:
            text += " Due: rebuild." if due else " Nothing due since the last build."
    else:
        text = f"Lần thay đổi tiếp theo: {upcoming:%d/%m/%Y %H:%M}." if upcoming else "Không có thay đổi nào theo lịch."
        if since:
            text += " Đã đến hạn: cần dựng lại." if due else " Chưa có gì đến hạn kể từ lần dựng trước."
    click.echo(text, err=True)
    sys.exit(EXIT_OK if since is None or due else EXIT_PROBLEMS)


def _option_moment(value: str, option: str) -> dt.datetime:
    """A date option other than ``--now``, read the same way."""
    try:
        return _now(value)
    except click.BadParameter as error:
        error.param_hint = option
        raise


def _pairs(values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """``--set field=value`` options as pairs; exit 2 for one without ``=``."""
    pairs = []
    for value in values:
        name, sep, text = value.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"“{value}”: viết dạng TRƯỜNG=GIÁ_TRỊ, ví dụ number=15/QĐ-UBND "
                                     f"(use FIELD=VALUE)", param_hint="--set")
        pairs.append((name.strip(), text))
    return tuple(pairs)


@main.command("new")
@click.argument("kind", type=click.Choice(scaffold.KINDS), metavar="TYPE")
@click.option("--unit", "unit_dir", required=True, metavar="DIR",
              help="Thư mục của đơn vị, ví dụ sites/nam-dinh/my-loc (với unit: đơn vị cấp trên, hoặc thư mục cổng).")
@click.option("--title", "title", metavar="TEXT",
              help="Tiêu đề (tin, trang, dự thảo, đấu thầu), trích yếu (văn bản), tên (thủ tục, đơn vị), "
                   "câu hỏi (hỏi đáp) hoặc nội dung (lịch công tác).")
@click.option("--set", "values", multiple=True, metavar="FIELD=VALUE",
              help="Giá trị của một trường, ví dụ --set number=15/QĐ-UBND hoặc --set contacts.phone=\"0228 3649 535\".")
@click.option("--file", "files", multiple=True, metavar="FILE",
              help="Tệp đính kèm (văn bản, dự thảo…), được chép vào cạnh tệp mới.")
@click.option("--slug", "slug", metavar="SLUG", help="Tên tệp/thư mục (mặc định: theo tiêu đề).")
@click.option("--now", "now", metavar="DATE", help="Ngày điền vào tệp (mặc định: hôm nay, giờ Việt Nam).")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True, help="Ngôn ngữ thông báo.")
def new(kind: str, unit_dir: str, title: str | None, values: tuple[str, ...], files: tuple[str, ...],
        slug: str | None, now: str | None, lang: str) -> None:
    """Tạo tệp nội dung mới có chú thích từng trường, đã qua được check (create a new content file).

    TYPE: news, page, document, procedure, schedule, consultation, procurement, faq, unit.
    """
    request = scaffold.Request(kind=kind, unit_dir=Path(unit_dir), now=_now(now), title=title, slug=slug,
                               values=_pairs(values), files=tuple(Path(f) for f in files))
    try:
        written = scaffold.write(scaffold.plan(request))
    except scaffold.NewFailure as failure:
        click.echo(f"portalgen: {failure.message(lang)}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(f"Created {written}. Fill in the fields, then run portalgen check." if lang == "en" else
               f"Đã tạo {written}. Điền các trường còn lại rồi chạy portalgen check.")
    sys.exit(EXIT_OK)


@main.command("editor-config")
@click.argument("portal_dir", default="sites", required=False)
@click.option("--workspace", default=".", show_default=True, metavar="DIR",
              help="Thư mục mở trong VS Code (thường là gốc kho git), chứa thư mục cổng.")
@click.option("--check", "check_only", is_flag=True, help="Không ghi; thoát với mã 1 nếu tệp cấu hình đã cũ (cho CI).")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True, help="Ngôn ngữ thông báo.")
def editor_config(portal_dir: str, workspace: str, check_only: bool, lang: str) -> None:
    """Ghi .vscode/settings.json gắn mỗi loại tệp YAML với lược đồ của nó (VS Code settings)."""
    root, folder = _portal_dir(portal_dir), Path(workspace)
    try:
        wanted = editorconfig.generate(root, folder)
    except editorconfig.EditorConfigFailure as failure:
        click.echo(f"portalgen: {failure.message(lang)}", err=True)
        sys.exit(EXIT_USAGE)
    if check_only:
        outdated = editorconfig.stale(folder, wanted)
        if outdated:
            click.echo(("Out of date (run portalgen editor-config): " if lang == "en" else
                        "Cấu hình trình soạn thảo đã cũ (chạy portalgen editor-config): ") + ", ".join(outdated))
            sys.exit(EXIT_PROBLEMS)
        click.echo("Up to date." if lang == "en" else "Cấu hình trình soạn thảo đã cập nhật.")
        sys.exit(EXIT_OK)
    changed = editorconfig.write(folder, wanted)
    click.echo((f"Wrote {len(changed)} files" if lang == "en" else f"Đã ghi {len(changed)} tệp")
               + (": " + ", ".join(changed) if changed else "."))
    sys.exit(EXIT_OK)


@main.command("codeowners")
@click.argument("portal_dir", default="sites", required=False)
@click.option("--root", "repo_root", default=".", show_default=True, metavar="DIR",
              help="Thư mục gốc của kho git (đường dẫn trong CODEOWNERS tính từ đây).")
@click.option("-o", "--output", "output", default=None, metavar="FILE",
              help="Tệp kết quả (mặc định: ROOT/CODEOWNERS; GitHub cũng đọc .github/CODEOWNERS, GitLab .gitlab/CODEOWNERS).")
@click.option("--check", "check_only", is_flag=True, help="Không ghi; thoát với mã 1 nếu tệp đã cũ (cho CI).")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True, help="Ngôn ngữ thông báo.")
def codeowners_command(portal_dir: str, repo_root: str, output: str | None, check_only: bool, lang: str) -> None:
    """Ghi CODEOWNERS: ban biên tập của mỗi đơn vị duyệt thay đổi trong thư mục của mình."""
    root, repo = _portal_dir(portal_dir), Path(repo_root)
    try:
        text = codeowners.render(codeowners.rules(root, repo))
    except ValueError:
        click.echo("portalgen: " + (f"The portal folder \"{root}\" is not inside --root \"{repo}\"." if lang == "en"
                                    else f"Thư mục cổng “{root}” không nằm trong thư mục gốc “{repo}” (--root)."),
                   err=True)
        sys.exit(EXIT_USAGE)
    target = Path(output) if output else repo / "CODEOWNERS"
    if check_only:
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current != text:
            click.echo(f"{target} is out of date: run portalgen codeowners." if lang == "en" else
                       f"{target} đã cũ: chạy portalgen codeowners.")
            sys.exit(EXIT_PROBLEMS)
        click.echo(f"{target} is up to date." if lang == "en" else f"{target} đã cập nhật.")
        sys.exit(EXIT_OK)
    written = codeowners.write(target, text)
    click.echo((f"Wrote {target}." if written else f"{target} unchanged.") if lang == "en" else
               (f"Đã ghi {target}." if written else f"{target} không đổi."))
    sys.exit(EXIT_OK)


@main.command()
@click.argument("portal_dir", default="sites", required=False)
@click.option("-o", "--output", "output", default="public", show_default=True, metavar="OUT",
              help="Thư mục kết quả đã dựng bằng portalgen build (output folder).")
@click.option("--unit", "unit", metavar="PATH", help="Chỉ đăng trang của một đơn vị (thư mục tính từ cổng).")
@click.option("--target", "target_name", metavar="NAME", help="Chỉ đăng tới nơi đăng có tên này (trường name).")
@click.option("--dry-run", is_flag=True, help="Chỉ liệt kê những gì sẽ thay đổi, không sửa gì trên máy chủ.")
@click.option("--max-deletes", type=click.IntRange(0), default=100, show_default=True, metavar="N",
              help="Không xóa quá N tệp ở một nơi đăng (trừ khi có --force).")
@click.option("--force", is_flag=True, help="Cho phép xóa nhiều hơn --max-deletes.")
@click.option("--jobs", type=click.IntRange(1, 64), default=4, show_default=True, metavar="N",
              help="Số nơi đăng được đăng song song, mỗi nơi một kết nối.")
@click.option("--now", "now", metavar="DATE", help="Ngày giờ kiểm tra nội dung (mặc định: hôm nay, giờ Việt Nam).")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True, help="Ngôn ngữ thông báo.")
def deploy(portal_dir: str, output: str, unit: str | None, target_name: str | None, dry_run: bool,
           max_deletes: int, force: bool, jobs: int, now: str | None, lang: str) -> None:
    """Đăng trang đã dựng lên máy chủ: FTP, FTPS, SFTP, rsync, thư mục (deploy built sites)."""
    root = _portal_dir(portal_dir)
    moment = _now(now)
    unit = _unit_option(root, unit, lang)
    loaded = load_portal(root)
    result = check_loaded(loaded, moment)
    if result.failed:
        click.echo(RENDERERS["text"](result, lang), nl=False)
        stop = ("Deploy refused: the content has errors; fix them and build again." if lang == "en" else
                "Không đăng trang: nội dung còn lỗi; hãy sửa rồi dựng lại.")
        click.echo(stop, err=True)
        sys.exit(EXIT_USAGE if result.config_failed else EXIT_PROBLEMS)
    out = Path(output)
    built = built_files(out)
    if built is None:
        _deploy_usage(problem("DEPLOY_NOT_BUILT", output, output=output, manifest=manifest_path(out).name), lang)
    stale = stale_reason(root, out, moment, unit)
    if stale is not None:
        _deploy_usage(problem("DEPLOY_OUTPUT_STALE", output, output=output, now=moment.isoformat(timespec="minutes"),
                              detail_vi=stale[0], detail_en=stale[1]), lang)
    every = unit_targets(loaded.portal, loaded.records)
    chosen = [t for t in every if (target_name is None or t.name == target_name) and (unit is None or t.unit == unit)]
    if not chosen:
        names = ", ".join(sorted({t.name for t in every})) or "—"
        _deploy_usage(problem("DEPLOY_NO_TARGET", "portal.yaml", which_vi=f" tên “{target_name}”" if target_name else "",
                              which_en=f" named \"{target_name}\"" if target_name else "", available=names), lang)
    changed = changed_output(out, built, published_paths(chosen, every, built))
    if changed is not None:
        _deploy_usage(problem("DEPLOY_OUTPUT_CHANGED", str(out / changed), file=changed), lang)
    options = Options(dry_run=dry_run, max_deletes=max_deletes, force=force, jobs=jobs)
    outcomes = run_deploy(out, chosen, every, built, options, os.environ, progress=_deploy_progress(lang))
    click.echo("\r\033[K" if sys.stderr.isatty() else "", err=True, nl=False)
    for outcome in outcomes:
        click.echo(_deploy_line(outcome, lang, dry_run))
        if dry_run and outcome.plan and not outcome.problem:
            for path in outcome.plan.uploads:
                click.echo(f"  + {path}")
            for path in outcome.plan.deletes:
                click.echo(f"  - {path}")
        if outcome.problem:
            found = outcome.problem
            click.echo(f"  {found.source.render()}: {found.severity.label} {found.code}: {found.message(lang)}")
            click.echo(f"      {'Hint' if lang == 'en' else 'Gợi ý'}: {found.hint(lang)}")
    failed = [o for o in outcomes if o.problem]
    if lang == "en":
        click.echo(f"{len(outcomes)} targets: {len(outcomes) - len(failed)} done, {len(failed)} failed"
                   + (" (dry run: nothing was changed)." if dry_run else "."))
    else:
        click.echo(f"{len(outcomes)} nơi đăng: {len(outcomes) - len(failed)} xong, {len(failed)} lỗi"
                   + (" (chạy thử: không thay đổi gì)." if dry_run else "."))
    sys.exit(EXIT_DEPLOY_FAILED if failed else EXIT_OK)


def _deploy_usage(found: Problem, lang: str) -> None:
    """A deploy that cannot start: the problem with its hint, exit 2."""
    hint = "Hint" if lang == "en" else "Gợi ý"
    click.echo(f"portalgen: {found.code}: {found.message(lang)}\n    {hint}: {found.hint(lang)}", err=True)
    sys.exit(EXIT_USAGE)


def _deploy_progress(lang: str):
    """One progress line per running target on a terminal; silent otherwise."""
    if not sys.stderr.isatty():
        return lambda *_: None
    label = "Uploading" if lang == "en" else "Đang đăng"

    def show(target: Target, done: int, total: int) -> None:
        click.echo(f"\r\033[K{label}: {target.unit} ({target.name}) {done}/{total}", err=True, nl=False)

    return show


def _deploy_line(outcome: Outcome, lang: str, dry_run: bool) -> str:
    """The summary of one target: uploaded, deleted, unchanged, bytes, time — or that it failed."""
    target = outcome.target
    head = f"{target.unit} → {target.account} ({target.name})"
    if outcome.problem and not outcome.plan:
        return f"{head}: {'FAILED' if lang == 'en' else 'LỖI'}"
    plan = outcome.plan
    assert plan is not None
    seconds = f"{outcome.seconds:.1f}"
    if lang == "en":
        if dry_run:
            return f"{head}: would upload {len(plan.uploads)}, delete {len(plan.deletes)}, {outcome.unchanged} unchanged"
        text = (f"{head}: {outcome.uploaded} uploaded, {outcome.deleted} deleted, {outcome.unchanged} unchanged, "
                f"{format_size(outcome.bytes)}, {seconds} s")
        return text + (" — FAILED" if outcome.problem else "")
    if dry_run:
        return f"{head}: sẽ tải lên {len(plan.uploads)}, sẽ xóa {len(plan.deletes)}, {outcome.unchanged} không đổi"
    text = (f"{head}: {outcome.uploaded} tải lên, {outcome.deleted} xóa, {outcome.unchanged} không đổi, "
            f"{format_size(outcome.bytes)}, {seconds.replace('.', ',')} giây")
    return text + (" — LỖI" if outcome.problem else "")


@main.command("join-shards")
@click.argument("parts", nargs=-1, required=True, metavar="PART...")
@click.option("-o", "--output", "output", default="public", show_default=True, metavar="OUT",
              help="Thư mục nhận kết quả ghép (output folder), để portalgen deploy -o OUT đăng.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True, help="Ngôn ngữ thông báo.")
def join_shards(parts: tuple[str, ...], output: str, lang: str) -> None:
    """Ghép các phần dựng bằng --shard K/N thành một thư mục kết quả có danh sách tệp (join build parts)."""
    out = Path(output)
    try:
        joined = shards.join_parts(out, [Path(p) for p in parts])
    except shards.JoinFailure as failure:
        click.echo(f"portalgen: {failure.message(lang)}", err=True)
        sys.exit(EXIT_USAGE)
    except OSError as exc:
        click.echo(f"portalgen: {exc.filename or output}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(f"Joined {joined.parts} parts: {joined.files} files ({joined.copied} copied, {joined.removed} removed) "
               f"into {output}." if lang == "en" else
               f"Đã ghép {joined.parts} phần: {joined.files} tệp ({joined.copied} tệp chép mới, {joined.removed} tệp xóa) "
               f"vào {output}.")
    sys.exit(EXIT_OK)
