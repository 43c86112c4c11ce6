"""Small valid portals written into a temporary folder, to be broken one file at a time."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image


def make_pdf(text: str = "Quyet dinh so 15/2026/QD-UBND ban hanh quy dinh thu nghiem.", pages: int = 1) -> bytes:
    """A small valid PDF whose pages carry ``text`` as real text (a text layer)."""
    objects = ["<</Type/Catalog/Pages 2 0 R>>", None, "<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>"]
    kids = []
    for _ in range(pages):
        stream = f"BT /F1 12 Tf 50 750 Td ({text}) Tj ET".encode("latin-1")
        objects.append(f"<</Length {len(stream)}>>stream\n{stream.decode('latin-1')}\nendstream")
        objects.append(f"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 3 0 R>>>>"
                       f"/Contents {len(objects)} 0 R>>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<</Type/Pages/Kids[{' '.join(kids)}]/Count {pages}>>"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<</Size {len(objects) + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


PDF = make_pdf()

PORTAL_2025 = """\
name: Cổng thử nghiệm
base_url: https://thu-nghiem.example.gov.vn/
regime: nd42-2022
levels:
  - {key: province, title: Cấp tỉnh, title_en: Province, code_digits: 2, unit_types: [tinh]}
  - {key: commune, title: Cấp xã, title_en: Commune, code_digits: 5, unit_types: [xa, phuong, dac-khu]}
news_categories:
  tin-hoat-dong: Tin hoạt động
"""

UNIT = """\
code: "{code}"
name: {name}
type: {type}
level: {level}
agency: Ủy ban nhân dân {name}
contacts:
  address: Số 1 đường Lê Lợi
  phone: "0228 3649 535"
  email: vanphong@{slug}.gov.vn
leaders:
  - name: Trần Văn Bình
    position: Chủ tịch
    email: binh@{slug}.gov.vn
focal_officials:
  - name: Lê Thị Hoa
    position: Chuyên viên Văn phòng
spokesperson:
  name: Trần Văn Bình
  position: Chủ tịch
  phone: "0228 3649 535"
  email: binh@{slug}.gov.vn
"""

NEWS = """\
---
title: Hội nghị triển khai nhiệm vụ tháng 12
date: 2026-11-25
summary: Ủy ban nhân dân tổ chức hội nghị triển khai nhiệm vụ tháng 12.
category: tin-hoat-dong
author: Văn phòng
status: published
approved_by: Chánh Văn phòng
---
Sáng 25/11, Ủy ban nhân dân tổ chức hội nghị.
"""

PAGES = {
    "gioi-thieu.md": "---\ntitle: Giới thiệu\nkind: introduction\n---\nGiới thiệu chung.\n",
    "co-cau-to-chuc.md": "---\ntitle: Cơ cấu tổ chức\nkind: organisation\n---\nCơ cấu.\n",
    "en/organisation.md": "---\ntitle: Organisation\nkind: organisation\n---\nStructure.\n",
    "en/contact.md": "---\ntitle: Contact\nkind: contact\n---\nAddress.\n",
}

DOCUMENT = """\
number: 15/2026/QĐ-UBND
type: Quyết định
issuer: UBND
issue_date: 2026-11-02
effective_date: 2026-11-15
summary: Ban hành quy định thử nghiệm.
published: 2026-11-03
files:
  - file: qd-15-2026.pdf
    title: Toàn văn
"""

SCHEDULE = """\
week: 2026-W48
entries:
  - date: 2026-11-23
    session: sang
    time: "08:00"
    leader: Chủ tịch
    content: Giao ban đầu tuần
"""

PROCEDURE = """\
code: "1.001193"
name: Đăng ký khai sinh
field: Hộ tịch
steps:
  - Nộp hồ sơ tại Bộ phận một cửa.
  - Nhận kết quả.
processing_time: Trong ngày
agency: UBND cấp xã
"""

CONSULTATION = """\
---
title: Dự thảo quy định thử nghiệm
summary: Lấy ý kiến dự thảo.
lead_agency: Sở Tư pháp
opens: 2026-11-10
closes: 2026-12-10
files:
  - file: du-thao.pdf
---
Mời góp ý.
"""


PLANS = {
    "ke-hoach-chuyen-doi-so.md": ("ke-hoach", "", "2026-03-02", "2026-03-04"),
    "ke-hoach-cong-tac-2026.md": ("ke-hoach-nam", "year: 2026\n", "2026-01-05", "2026-01-06"),
    "bao-cao-ket-qua-2025.md": ("bao-cao-ket-qua", "year: 2025\n", "2025-12-20", "2025-12-22"),
}

BUDGET = {
    "du-toan-2026.md": "kind: du-toan\nyear: 2026\nissue_date: 2025-12-18\npublished: 2026-01-05\n",
    "thuc-hien-quy-3-2026.md": "kind: thuc-hien-quy\nyear: 2026\nquarter: 3\npublished: 2026-10-08\n",
}

#: The disclosures every unit makes, and those of a level only.
DISCLOSURES = {None: ("danh-muc-thong-tin", "tra-loi-kien-nghi", "pho-bien-phap-luat"), "province": ("thong-ke",),
               "commune": ("quy-hoach-su-dung-dat", "du-an-tren-dia-ban", "phi-le-phi", "ket-qua-kien-nghi")}

PROCUREMENT = """\
---
title: Mua sắm thiết bị văn phòng
date: 2026-10-20
kind: thong-bao-moi-thau
investor: Văn phòng UBND
---
Thông báo mời thầu.
"""


def meets_new_duties(root: Path, folder: str, level: str) -> None:
    """Plans, budget reports, disclosures and procurement a unit of ``level`` must publish at 2026-11-27."""
    for name, (kind, year, issued, published) in PLANS.items():
        write(root, f"{folder}/plans/{name}", f"---\ntitle: {name[:-3]}\nkind: {kind}\n{year}issue_date: {issued}\n"
                                              f"published: {published}\nsummary: Kế hoạch.\n---\nNội dung.\n")
    for name, fields in BUDGET.items():
        write(root, f"{folder}/budget/{name}",
              f"---\ntitle: {name[:-3]}\n{fields}files:\n  - file: bieu-mau.pdf\n---\n")
    write(root, f"{folder}/budget/bieu-mau.pdf", PDF)
    for kind in DISCLOSURES[None] + DISCLOSURES.get(level, ()):
        write(root, f"{folder}/disclosures/{kind}.md",
              f"---\ntitle: {kind}\nkind: {kind}\npublished: 2026-11-02\nsummary: Thông tin công khai.\n---\n")
    write(root, f"{folder}/procurement/mua-sam.md", PROCUREMENT)


def write(root: Path, rel: str, content: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def unit(root: Path, folder: str, code: str, name: str, type_: str, level: str) -> None:
    slug = folder.rsplit("/", 1)[-1]
    write(root, f"{folder}/unit.yaml", UNIT.format(code=code, name=name, type=type_, level=level, slug=slug))
    write(root, f"{folder}/news/2026/hoi-nghi.md", NEWS)
    for rel, text in PAGES.items():
        write(root, f"{folder}/pages/{rel}", text)
    write(root, f"{folder}/documents/qd-15-2026.yaml", DOCUMENT)
    write(root, f"{folder}/documents/qd-15-2026.pdf", PDF)
    write(root, f"{folder}/schedule/2026-W48.yaml", SCHEDULE)
    meets_new_duties(root, folder, level)


def portal_2025(root: Path) -> Path:
    """A clean post-2025 portal (province › commune) that passes check at 2026-11-27."""
    write(root, "portal.yaml", PORTAL_2025)
    write(root, "catalog/procedures/province/thu-tuc.yaml", PROCEDURE.replace("1.001193", "1.000001"))
    write(root, "catalog/procedures/commune/khai-sinh.yaml", PROCEDURE)
    unit(root, "tinh-a", "37", "Tỉnh A", "tinh", "province")
    write(root, "tinh-a/consultations/du-thao.md", CONSULTATION)
    write(root, "tinh-a/consultations/du-thao.pdf", PDF)
    unit(root, "tinh-a/xa-b", "14233", "Xã B", "xa", "commune")
    unit(root, "tinh-a/phuong-c", "14260", "Phường C", "phuong", "commune")
    return root


def demo_with_gaps(root: Path) -> Path:
    """A copy of the demo portal where, at 2026-11-27, Xã Mỹ Hà lacks its English contact page
    (a missing obligation) and Xã Hải Minh's newest news is from 2026-10-15 (stale news)."""
    import shutil

    shutil.copytree(Path(__file__).resolve().parent / "fixtures" / "three-level", root, dirs_exist_ok=True)
    (root / "nam-dinh/my-loc/my-ha/pages/en/contact.md").unlink()
    news = root / "nam-dinh/hai-hau/hai-minh/news/2026"
    (news / "tuyen-truyen-phong-chong-lua-dao-tren-mang.md").unlink()
    shutil.rmtree(news / "khanh-thanh-nha-van-hoa-xom-4")
    return root


IDENTITY_LINKS = """\
logo: {src: quoc-huy.png, alt: Quốc huy}
links:
  - title: Cổng Dịch vụ công quốc gia
    url: https://dichvucong.gov.vn/
  - title: Hệ thống tiếp nhận, trả lời phản ánh, kiến nghị
    url: https://pakn.example.gov.vn/
    image: {src: banner-pakn.png, alt: "Gửi phản ánh, kiến nghị"}
quick_links:
  - title: Tra cứu hồ sơ
    url: https://dichvucong.tinh-a.example.gov.vn/tra-cuu
"""
IDENTITY_UNIT = """\
logo: {src: bieu-trung.png, alt: Biểu trưng Tỉnh A}
links:
  - title: Cổng Dịch vụ công tỉnh A
    url: https://dichvucong.tinh-a.example.gov.vn/
    image: {src: banner-dvc.png, alt: Cổng Dịch vụ công tỉnh A}
quick_links:
  - title: Đường dây nóng
    url: https://tinh-a.example.gov.vn/duong-day-nong
"""
DAYS_SCHEDULE = """\
week: {week}
entries:
{entries}
"""
DAY_ENTRY = """\
  - date: {date}
    session: sang
    time: "08:00"
    leader: Chủ tịch Trần Văn Bình
    content: {content}
    place: Hội trường tầng 2
"""


def _png(width: int, height: int, colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


def portal_with_identity(root: Path, base_url: str = "https://thu-nghiem.example.gov.vn/") -> Path:
    """``portal_2025`` at ``base_url`` with a logo and links in portal.yaml (with a banner), the
    province's own logo and banner,
    its schedule around 2026-11-27 (a Friday: the next working day is Monday 30/11) and seven
    news items."""
    portal = portal_2025(root)
    config = PORTAL_2025.replace("https://thu-nghiem.example.gov.vn/", base_url)
    write(portal, "portal.yaml", config + IDENTITY_LINKS)
    unit_yaml = portal / "tinh-a/unit.yaml"
    unit_yaml.write_text(unit_yaml.read_text(encoding="utf-8") + IDENTITY_UNIT, encoding="utf-8")
    write(portal, "quoc-huy.png", _png(120, 120, (230, 180, 40)))
    write(portal, "banner-pakn.png", _png(600, 150, (10, 110, 60)))
    write(portal, "tinh-a/bieu-trung.png", _png(160, 160, (200, 30, 30)))
    write(portal, "tinh-a/banner-dvc.png", _png(600, 150, (20, 60, 140)))
    weeks = {"2026-W48": [("2026-11-26", "Họp hôm qua"), ("2026-11-27", "Tiếp công dân định kỳ"),
                          ("2026-11-28", "Kiểm tra đê")],
             "2026-W49": [("2026-11-30", "Giao ban đầu tuần"), ("2026-12-01", "Họp chuyên đề")]}
    for week, days in weeks.items():
        entries = "".join(DAY_ENTRY.format(date=day, content=content) for day, content in days)
        write(portal, f"tinh-a/schedule/{week}.yaml", DAYS_SCHEDULE.format(week=week, entries=entries))
    for number in range(6):
        write(portal, f"tinh-a/news/2026/tin-{number}.md",
              NEWS.replace("title: Hội nghị triển khai nhiệm vụ tháng 12",
                           f"title: Tin số {number} về hoạt động của Ủy ban nhân dân tỉnh"))
    return portal


def page_types(out: Path, units: tuple[str, ...] = ("tinh-a", "tinh-a/xa-b")) -> dict[str, str]:
    """One page of each type (home, lists, an item of each register, schedule, search) of each
    unit's site in a built ``portal_2025``, found in the output: ``{"tinh-a:news-item": path}``."""
    found: dict[str, str] = {}
    for unit in units:
        base = out / unit
        found[f"{unit}:home"] = unit + "/"
        for kind, folder in (("news", "tin-tuc"), ("documents", "van-ban"), ("procedures", "thu-tuc-hanh-chinh"),
                             ("schedule", "lich-cong-tac"), ("search", "tim-kiem")):
            found[f"{unit}:{kind}"] = f"{unit}/{folder}/"
            items = sorted(p.parent for p in (base / folder).glob("*/index.html")
                           if p.parent.name not in ("chuyen-muc", "nam", "co-quan", "loai", "linh-vuc", "trang"))
            if items and kind in ("news", "documents", "procedures"):
                found[f"{unit}:{kind}-item"] = items[0].relative_to(out).as_posix() + "/"
    return found
