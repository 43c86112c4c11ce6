"""Passwords and keys: from the environment variables a target names, else ``~/.netrc``; never from
configuration, never printed."""

from __future__ import annotations

import netrc
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from ..problems import Problem, problem
from .targets import Target


@dataclass(frozen=True)
class Credentials:
    password: str | None = None
    key: str | None = None

    def __repr__(self) -> str:  # never shown, even in a traceback or a debugger
        return "Credentials(…)"


class MissingSecret(Exception):
    def __init__(self, found: Problem) -> None:
        super().__init__(found.code)
        self.problem = found


def _netrc_password(host: str | None, path: Path | None) -> str | None:
    if not host:
        return None
    try:
        entry = netrc.netrc(str(path) if path else None).authenticators(host)
    except (OSError, netrc.NetrcParseError):
        return None
    return entry[2] if entry else None


def credentials(target: Target, environ: Mapping[str, str], netrc_file: Path | None = None) -> Credentials:
    """The secrets of ``target``; ``MissingSecret`` when a named variable is unset or FTP has none."""
    spec = target.spec
    values = {}
    for field in ("password_env", "key_env"):
        name = getattr(spec, field)
        if name is not None:
            if not environ.get(name):
                raise MissingSecret(_missing(target, field, f"biến môi trường {name} chưa được đặt",
                                             f"the environment variable {name} is not set"))
            values[field] = environ[name]
    password = values.get("password_env")
    if password is None and spec.protocol in ("ftp", "ftps", "sftp"):
        password = _netrc_password(spec.host, netrc_file)
    if password is None and spec.protocol in ("ftp", "ftps"):
        raise MissingSecret(_missing(target, "password_env", "chưa khai báo password_env và ~/.netrc không có "
                                     "máy chủ này", "no password_env and no ~/.netrc entry for this host"))
    return Credentials(password=password, key=values.get("key_env"))


def _missing(target: Target, field: str, detail_vi: str, detail_en: str) -> Problem:
    return problem("DEPLOY_SECRET_MISSING", target.source.path, target.source.line, target.source.col,
                   field=f"{target.field}.{field}", target=target.name, account=target.account,
                   detail_vi=detail_vi, detail_en=detail_en)
