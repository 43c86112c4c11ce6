"""Relative links between site paths: the fast walk gives the links of the plain definition,
and each link leads from the page to its target."""

from __future__ import annotations

import posixpath

from hypothesis import given, settings
from hypothesis import strategies as st

from portalgen import urls


def plain_link(from_file: str, target: str) -> str:
    """Segment by segment: up out of the folders not shared with the target, then down into it."""
    base = from_file.split("/")[:-1]
    is_folder = target == "" or target.endswith("/")
    parts = [p for p in target.split("/") if p]
    common = 0
    while common < min(len(base), len(parts)) and base[common] == parts[common]:
        common += 1
    pieces = [".."] * (len(base) - common) + parts[common:]
    if not pieces:
        return "./" if is_folder else target
    return "/".join(pieces) + ("/" if is_folder else "")


segments = st.sampled_from(["a", "b", "tin-tuc", "tin", "x.html", "index.html", "ảnh đẹp.jpg"])
paths = st.lists(segments, max_size=4).map("/".join)


@settings(max_examples=3000, deadline=None)
@given(paths, paths, st.booleans())
def test_link_equals_the_plain_definition(page, target, folder):
    page_path = page + "/" if page else ""
    target_path = target + "/" if folder and target else target
    link = urls.relative(page_path, target_path)
    assert link == plain_link(urls.output_file(page_path), target_path)
    names_a_folder_above = not folder and page_path.startswith(target_path + "/")  # no such file exists
    if target_path and not names_a_folder_above:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(urls.output_file(page_path)), link))
        assert resolved == posixpath.normpath(target_path)


def test_examples():
    assert urls.relative("tin-tuc/bai-a/", "tin-tuc/bai-b/") == "../bai-b/"
    assert urls.relative("tin-tuc/bai-a/", "van-ban/") == "../../van-ban/"
    assert urls.relative("tin-tuc/", "tin-tuc/") == "./"
    assert urls.relative("", "") == "./"
    assert urls.relative("tin-tuc/bai-a/", "") == "../../"
    assert urls.relative("404.html", "style.css") == "style.css"
