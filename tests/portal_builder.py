"""Small valid portals written into a temporary folder, to be broken one file at a time."""

from __future__ import annotations

from pathlib import Path


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
