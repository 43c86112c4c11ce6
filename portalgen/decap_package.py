"""Where the web editor's script comes from: the pinned npm package ``decap-cms`` (its
``dist/decap-cms.js`` and the parts it loads on demand, ``*.decap-cms.js`` beside it), or the
file ``cms.script`` of ``portal.yaml`` names inside the portal folder."""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

#: The script inside an installed ``decap-cms`` package.
PACKAGE_SCRIPT = Path("node_modules/decap-cms/dist/decap-cms.js")
SCRIPT_NAME = "decap-cms.js"
#: The parts Decap loads on demand are named ``<n>.decap-cms.js`` and sit beside the script.
CHUNK_SUFFIX = "." + SCRIPT_NAME


def find_script(root: Path, cms: Mapping[str, object], cwd: Path | None = None) -> Path | None:
    """The Decap script of a portal: ``cms.script`` inside the portal folder, else the npm package
    installed in the portal folder, a folder above it (the repository's root) or the working
    folder; None when there is none."""
    named = cms.get("script")
    if named is not None:
        target = (root / str(named)).resolve()
        return target if target.is_file() and target.is_relative_to(root.resolve()) else None
    base = root.resolve()
    for folder in (base, *base.parents, (cwd or Path.cwd()).resolve()):
        if (folder / PACKAGE_SCRIPT).is_file():
            return folder / PACKAGE_SCRIPT
    return None


def script_files(script: Path) -> dict[str, bytes]:
    """The script and the parts it loads (file name → bytes), in name order."""
    names = [SCRIPT_NAME] + sorted(p.name for p in script.parent.glob("*" + CHUNK_SUFFIX) if p.name != script.name)
    out = {SCRIPT_NAME: script.read_bytes()}
    out.update({name: (script.parent / name).read_bytes() for name in names[1:]})
    return out
