"""Which site goes where: deploy targets per unit, from ``unit.yaml`` and ``portal.yaml`` (pure).

A unit's target named N is the one in its ``unit.yaml``, else the first rule of ``portal.yaml``
whose ``levels`` and ``units`` patterns match it. ``{slug}``, ``{code}`` and ``{path}`` in the host,
account, folder and variable names are replaced by the unit's folder name, code and path.

A target covers the unit's output folder *minus* the folders of units below it that have a target
of the same name: those are published by their own target.
"""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Iterable, Mapping

from ..load import Portal
from ..model import DeployTarget, Unit
from ..problems import Source
from ..sources import Record

DEFAULT_PORTS = {"ftp": 21, "ftps": 21, "sftp": 22, "rsync": 22}


@dataclass(frozen=True)
class Target:
    """One unit's deploy target with its placeholders filled, and where it was declared."""

    unit: str
    spec: DeployTarget
    source: Source
    field: str

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def account(self) -> str:
        """The target as people read it, without any secret: ``ftps://user@host:21/folder``."""
        spec = self.spec
        if spec.host is None:
            return spec.folder
        user = f"{spec.user}@" if spec.user else ""
        port = f":{spec.port}" if spec.port else ""
        return f"{spec.protocol}://{user}{spec.host}{port}/{spec.folder.lstrip('/')}"


def fill(text: str | None, unit: Unit) -> str | None:
    """``text`` with ``{slug}``, ``{code}`` and ``{path}`` of ``unit`` filled in."""
    if text is None:
        return None
    return (text.replace("{slug}", unit.path.rsplit("/", 1)[-1]).replace("{code}", unit.code)
            .replace("{path}", unit.path))


def matches(pattern: str, path: str) -> bool:
    """A unit path against a pattern whose ``*`` stands for part of one folder name."""
    parts, names = pattern.strip("/").split("/"), path.split("/")
    return len(parts) == len(names) and all(fnmatchcase(n, p) for n, p in zip(names, parts))


def _filled(spec: DeployTarget, unit: Unit) -> DeployTarget:
    return DeployTarget(name=spec.name, protocol=spec.protocol, folder=fill(spec.folder, unit) or "",
                        host=fill(spec.host, unit), port=spec.port, user=fill(spec.user, unit),
                        password_env=fill(spec.password_env, unit), key_env=fill(spec.key_env, unit),
                        host_key=spec.host_key, ca_file=spec.ca_file)


def _at(records: Mapping[str, Record], path: str, pointer: str) -> Source:
    record = records.get(path)
    line, col = record.at(pointer) if record else (None, None)
    return Source(path, line, col)


def unit_targets(portal: Portal, records: Mapping[str, Record]) -> list[Target]:
    """Every target of every unit, in unit path order then name order."""
    result = []
    for content in portal.units:
        unit = content.unit
        chosen: dict[str, Target] = {}
        for index, spec in enumerate(unit.deploy):
            path = f"{unit.path}/unit.yaml"
            chosen.setdefault(spec.name, Target(unit.path, _filled(spec, unit), _at(records, path, f"/deploy/{index}"),
                                                f"deploy[{index}]"))
        for index, rule in enumerate(portal.config.deploy):
            if rule.levels and unit.level not in rule.levels:
                continue
            if rule.units and not any(matches(p, unit.path) for p in rule.units):
                continue
            chosen.setdefault(rule.target.name, Target(unit.path, _filled(rule.target, unit),
                                                       _at(records, "portal.yaml", f"/deploy/{index}/target"),
                                                       f"deploy[{index}].target"))
        result += [chosen[name] for name in sorted(chosen)]
    return result


def covered(target: Target, targets: Iterable[Target], files: Iterable[str]) -> list[str]:
    """The output files ``target`` publishes, relative to its unit's folder, in sorted order."""
    own = [t.unit + "/" for t in targets
           if t.name == target.name and t.unit.startswith(target.unit + "/")]
    prefix = target.unit + "/"
    return sorted(f[len(prefix):] for f in files
                  if f.startswith(prefix) and not any(f.startswith(o) for o in own))
