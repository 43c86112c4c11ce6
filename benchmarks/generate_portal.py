#!/usr/bin/env python3
"""Generate a large, realistic portal repository for benchmarks (stdlib + PyYAML only).

The units are the real ones of the 2025 reform (34 provinces › 3,321 communes) read from the
dvhcvn ``merges.json`` file; the content (people, news, documents, schedules, questions…) is
synthetic Vietnamese text drawn from small pools, seeded so a run is byte-for-byte repeatable.
Every unit meets the ``nd42-2022`` obligations at ``--now``, so ``portalgen check OUT --now DATE``
reports no errors and no warnings.

Command line::

    python benchmarks/generate_portal.py OUT_DIR [--provinces N] [--communes-per-province M]
        [--news-per-unit K] [--documents-per-unit D] [--now 2026-11-27] [--data PATH] [--seed S]

Import::

    from generate_portal import generate
    stats = generate(Path("out/national"))          # all 34 provinces and 3,321 communes
    stats.units, stats.files, stats.content_files

The people, addresses, telephone numbers and figures are invented; only unit codes and names
(and which old units each one was formed from) are real.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import struct
import sys
import time
import unicodedata
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from portalgen.content_types import REGISTRY  # noqa: E402  (the checkout's, installed or not)

try:  # libyaml's emitter is several times faster than the pure-Python one
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

DEFAULT_DATA = Path(os.environ.get("PORTALGEN_DVHCVN",
                                   "/work/shared/data/dvhcvn-20250701/merges.json"))
DEFAULT_NOW = dt.date(2026, 11, 27)
DEFAULT_SEED = 20250701
DEFAULT_NEWS = 3
DEFAULT_DOCUMENTS = 2

#: Folder names a unit folder may not take: the walker treats them as content sections.
# Folder names portalgen uses itself (sections); a unit's folder must not clash with them nor with
# the addresses of its parent's site (``REGISTRY.reserved_address``: van-ban/, tin-tuc/…).
RESERVED = {"news", "pages", "documents", "procedures", "schedule", "consultations", "procurement",
            "questions", "catalog", "themes", "en"}

HOLIDAYS = [dt.date(2026, 1, 1), dt.date(2026, 2, 16), dt.date(2026, 2, 17), dt.date(2026, 2, 18),
            dt.date(2026, 2, 19), dt.date(2026, 2, 20), dt.date(2026, 4, 26), dt.date(2026, 4, 30),
            dt.date(2026, 5, 1), dt.date(2026, 9, 1), dt.date(2026, 9, 2), dt.date(2027, 1, 1)]

NEWS_CATEGORIES = {
    "tin-hoat-dong": "Tin hoạt động",
    "kinh-te": "Kinh tế",
    "van-hoa-xa-hoi": "Văn hóa – Xã hội",
    "chi-dao-dieu-hanh": "Chỉ đạo điều hành",
    "cai-cach-hanh-chinh": "Cải cách hành chính",
    "thong-bao": "Thông báo",
}

# Prefix of the official name → (unit type, the word used inside a sentence, English suffix).
PROVINCE_PREFIXES = (("Thành phố ", "thanh-pho-truc-thuoc-trung-uong", "thành phố", "City"),
                     ("Tỉnh ", "tinh", "tỉnh", "Province"))
COMMUNE_PREFIXES = (("Đặc khu ", "dac-khu", "đặc khu", "Special Zone"),
                    ("Phường ", "phuong", "phường", "Ward"),
                    ("Xã ", "xa", "xã", "Commune"))

# Telephone area codes by province code (after the 2025 mergers, the code of the seat's area).
AREA_CODES = {
    "01": "024", "04": "0206", "08": "0207", "11": "0215", "12": "0213", "14": "0212", "15": "0214",
    "19": "0208", "20": "0205", "22": "0203", "24": "0222", "25": "0210", "31": "0225", "33": "0221",
    "37": "0229", "38": "0237", "40": "0238", "42": "0239", "44": "0233", "46": "0234", "48": "0236",
    "51": "0255", "52": "0269", "56": "0258", "66": "0262", "68": "0263", "75": "0251", "79": "028",
    "80": "0276", "82": "0277", "86": "0270", "91": "0296", "92": "0292", "96": "0290",
}

# --- small binary files -------------------------------------------------------------------------


def _minimal_pdf() -> bytes:
    """A valid one-page PDF (correct cross-reference table) saying what it is."""
    text = b"BT /F1 16 Tf 72 770 Td (Van ban mau - portalgen benchmark) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _minimal_png(width: int = 8, height: int = 6, rgb: tuple[int, int, int] = (0xda, 0x25, 0x1d)) -> bytes:
    """A valid, tiny, single-colour PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    row = b"\x00" + bytes(rgb) * width
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * height, 9)) + chunk(b"IEND", b""))


PDF_BYTES = _minimal_pdf()
PNG_BYTES = _minimal_png()

# --- Vietnamese text helpers --------------------------------------------------------------------


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def ascii_fold(text: str) -> str:
    """Tone marks removed, đ → d, case kept: "Đắk Lắk" → "Dak Lak"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: "Thành phố Hà Nội" → "thanh-pho-ha-noi"."""
    return "-".join(re.findall(r"[a-z0-9]+", ascii_fold(text).lower()))


def compact(text: str) -> str:
    return slugify(text).replace("-", "")


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def add_working_days(start: dt.date, days: int) -> dt.date:
    current, remaining = start, days
    while remaining > 0:
        current += dt.timedelta(days=1)
        if current.weekday() < 5 and current not in HOLIDAYS:
            remaining -= 1
    return current


def previous_working_day(day: dt.date) -> dt.date:
    while day.weekday() >= 5 or day in HOLIDAYS:
        day -= dt.timedelta(days=1)
    return day


def vn_number(value: float, decimals: int = 0) -> str:
    """A number the Vietnamese way: 12.450 and 4,5."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def lower_prefix(name: str) -> str:
    """An official name used inside a sentence: "Phường Trúc Bạch" → "phường Trúc Bạch"."""
    return name[:1].lower() + name[1:]


# --- pools of names and sentences -------------------------------------------------------------------

FAMILY = ["Nguyễn"] * 6 + ["Trần"] * 3 + ["Lê"] * 3 + ["Phạm"] * 2 + [
    "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh",
    "Lương", "Mai", "Tạ", "Hà", "Lò", "Lương", "Nông", "Triệu"]
MIDDLE_M = ["Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thanh", "Xuân", "Ngọc", "Anh", "Tiến"]
MIDDLE_F = ["Thị", "Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Kim", "Minh", "Thúy", "Phương"]
GIVEN_M = ["Hùng", "Dũng", "Tuấn", "Hải", "Nam", "Long", "Thắng", "Khánh", "Sơn", "Bình", "Cường", "Quân",
           "Phong", "Hiếu", "Trung", "Thành", "Tùng", "Huy", "Đức", "Vinh", "Lâm", "Toàn", "Hưng", "Tâm"]
GIVEN_F = ["Lan", "Hương", "Hằng", "Mai", "Thảo", "Linh", "Nga", "Hà", "Yến", "Trang", "Huyền", "Phương",
           "Hạnh", "Dung", "Loan", "Vân", "Oanh", "Thủy", "Ngân", "Hiền"]

STREETS = ["Trần Hưng Đạo", "Lê Lợi", "Nguyễn Huệ", "Hùng Vương", "Quang Trung", "Lý Thường Kiệt",
           "Hai Bà Trưng", "Trần Phú", "Lê Duẩn", "Nguyễn Trãi", "Phan Đình Phùng", "Điện Biên Phủ",
           "Võ Nguyên Giáp", "Nguyễn Văn Cừ", "Lê Thánh Tông", "Bà Triệu"]

PROVINCE_DUTIES = [
    "Lãnh đạo, điều hành chung mọi hoạt động của Ủy ban nhân dân; trực tiếp phụ trách các lĩnh vực "
    "nội vụ, quốc phòng, an ninh, thanh tra và cải cách hành chính.",
    "Giúp Chủ tịch phụ trách các lĩnh vực tài chính, ngân sách, đầu tư công, xây dựng, giao thông "
    "và chuyển đổi số.",
    "Phụ trách các lĩnh vực nông nghiệp và môi trường, Chương trình mục tiêu quốc gia xây dựng nông "
    "thôn mới, phòng, chống thiên tai và tìm kiếm cứu nạn.",
    "Phụ trách các lĩnh vực giáo dục và đào tạo, y tế, văn hóa, thể thao và du lịch, khoa học và "
    "công nghệ, dân tộc và tôn giáo.",
    "Phụ trách các lĩnh vực công thương, xúc tiến đầu tư, các khu công nghiệp và hợp tác quốc tế.",
]
COMMUNE_DUTIES = [
    "Lãnh đạo, điều hành chung công việc của Ủy ban nhân dân; trực tiếp phụ trách công tác nội "
    "vụ, quốc phòng, an ninh, tiếp công dân và cải cách hành chính.",
    "Phụ trách kinh tế, tài chính, ngân sách, đất đai, xây dựng, hạ tầng và chuyển đổi số.",
    "Phụ trách văn hóa, giáo dục, y tế, lao động, chính sách xã hội và Bộ phận Một cửa.",
    "Phụ trách nông nghiệp, môi trường, phòng, chống thiên tai và công tác dân số.",
]

PROVINCE_DEPARTMENTS = [
    "Văn phòng Ủy ban nhân dân", "Sở Nội vụ", "Sở Tài chính", "Sở Tư pháp", "Sở Xây dựng",
    "Sở Công Thương", "Sở Nông nghiệp và Môi trường", "Sở Khoa học và Công nghệ",
    "Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Văn hóa, Thể thao và Du lịch", "Thanh tra tỉnh",
    "Sở Dân tộc và Tôn giáo",
]
PROVINCE_DEPARTMENTS_EN = [
    "Office of the People's Committee", "Department of Home Affairs", "Department of Finance",
    "Department of Justice", "Department of Construction", "Department of Industry and Trade",
    "Department of Agriculture and Environment", "Department of Science and Technology",
    "Department of Education and Training", "Department of Health",
    "Department of Culture, Sports and Tourism", "Provincial Inspectorate",
    "Department of Ethnic and Religious Affairs",
]

# (category, title template, summary template); {u}: the unit inside a sentence, {U}: at the start.
NEWS = [
    ("cai-cach-hanh-chinh", "{U} sơ kết công tác cải cách hành chính năm 2026",
     "Hội nghị đánh giá kết quả cải cách hành chính, chỉ ra những tồn tại và đề ra nhiệm vụ trọng tâm "
     "những tháng cuối năm."),
    ("tin-hoat-dong", "{U} đẩy mạnh chuyển đổi số, xây dựng chính quyền số",
     "Nhiều giải pháp được triển khai để đưa dịch vụ công trực tuyến đến gần hơn với người dân và "
     "doanh nghiệp."),
    ("van-hoa-xa-hoi", "Ngày hội Đại đoàn kết toàn dân tộc tại {u}",
     "Ngày hội là dịp để nhân dân ôn lại truyền thống vẻ vang của Mặt trận Tổ quốc Việt Nam và "
     "tăng cường khối đại đoàn kết."),
    ("kinh-te", "{U} tập trung giải ngân vốn đầu tư công những tháng cuối năm",
     "Các chủ đầu tư được yêu cầu đẩy nhanh tiến độ thi công, nghiệm thu và thanh toán khối lượng "
     "hoàn thành."),
    ("thong-bao", "Thông báo lịch tiếp công dân định kỳ tháng 12 năm 2026 của {u}",
     "Chủ tịch Ủy ban nhân dân tiếp công dân định kỳ tại Trụ sở tiếp công dân theo lịch sau."),
    ("chi-dao-dieu-hanh", "{U} chỉ đạo tăng cường bảo đảm trật tự an toàn giao thông cuối năm",
     "Các lực lượng chức năng được yêu cầu tăng cường tuần tra, kiểm soát và xử lý nghiêm vi phạm."),
    ("kinh-te", "Triển khai kế hoạch sản xuất vụ Đông Xuân 2026–2027 tại {u}",
     "Kế hoạch bố trí cơ cấu giống, lịch thời vụ phù hợp và chủ động phương án phòng, chống rét cho "
     "cây trồng, vật nuôi."),
    ("van-hoa-xa-hoi", "{U} ra mắt mô hình “Bình dân học vụ số”",
     "Mô hình giúp người dân, nhất là người cao tuổi, sử dụng thành thạo ứng dụng VNeID và dịch vụ "
     "công trực tuyến."),
    ("tin-hoat-dong", "{U} đối thoại với doanh nghiệp, hộ kinh doanh trên địa bàn",
     "Lãnh đạo Ủy ban nhân dân lắng nghe, giải đáp trực tiếp các kiến nghị về thủ tục, mặt bằng và "
     "nguồn vốn."),
    ("chi-dao-dieu-hanh", "{U} kiểm tra công tác phòng, chống thiên tai và tìm kiếm cứu nạn",
     "Đoàn kiểm tra yêu cầu rà soát các khu vực có nguy cơ sạt lở, ngập lụt và phương án sơ tán dân."),
    ("van-hoa-xa-hoi", "Kỷ niệm Ngày Nhà giáo Việt Nam 20/11 tại {u}",
     "Lãnh đạo địa phương thăm hỏi, chúc mừng các thầy giáo, cô giáo và khen thưởng các tập thể, cá "
     "nhân tiêu biểu."),
    ("cai-cach-hanh-chinh", "Bộ phận Một cửa {u} tiếp nhận hồ sơ trực tuyến toàn trình",
     "Tỷ lệ hồ sơ nộp trực tuyến tăng mạnh, thời gian giải quyết được rút ngắn so với quy định."),
    ("tin-hoat-dong", "{U} ra quân tổng vệ sinh môi trường, hưởng ứng phong trào xanh – sạch – đẹp",
     "Đông đảo cán bộ, đoàn viên và nhân dân tham gia thu gom rác thải, phát quang đường làng, ngõ "
     "xóm."),
    ("kinh-te", "{U} hỗ trợ nông dân liên kết tiêu thụ sản phẩm OCOP",
     "Các hợp tác xã được hướng dẫn xây dựng nhãn hiệu, truy xuất nguồn gốc và đưa sản phẩm lên sàn "
     "thương mại điện tử."),
]

NEWS_PARAGRAPHS = [
    "Phát biểu tại buổi làm việc, đồng chí {leader}, {position}, đề nghị các cơ quan, đơn vị tiếp tục "
    "quán triệt tinh thần “lấy người dân, doanh nghiệp làm trung tâm”, nâng cao chất lượng phục vụ.",
    "Theo báo cáo, từ đầu năm đến nay {u} đã tiếp nhận và giải quyết đúng hạn phần lớn hồ sơ thủ tục "
    "hành chính; tỷ lệ hồ sơ trực tuyến đạt trên {pct}%.",
    "Bên cạnh kết quả đạt được, công tác này vẫn còn một số hạn chế như hạ tầng công nghệ thông tin "
    "chưa đồng bộ, nhân lực làm công tác chuyên môn còn thiếu.",
    "Thời gian tới, {u} tập trung rà soát, đơn giản hóa thủ tục, tăng cường số hóa hồ sơ, kết quả "
    "giải quyết và đẩy mạnh thanh toán trực tuyến.",
    "Dịp này, Ủy ban nhân dân đã khen thưởng {n} tập thể và cá nhân có thành tích xuất sắc trong "
    "phong trào thi đua năm 2026.",
    "Người dân có thể theo dõi tình trạng hồ sơ qua Cổng Dịch vụ công quốc gia hoặc ứng dụng VNeID, "
    "không phải đến trụ sở nhiều lần.",
    "Các thôn, tổ dân phố được giao xây dựng kế hoạch cụ thể, phân công rõ người, rõ việc, rõ thời "
    "gian và rõ kết quả.",
    "Đoàn đã kiểm tra thực tế tại {n} điểm, ghi nhận nhiều cách làm hay và hướng dẫn khắc phục "
    "ngay những tồn tại phát hiện được.",
    "Công tác tuyên truyền được đẩy mạnh trên hệ thống loa truyền thanh cơ sở, trang thông tin điện "
    "tử và các nhóm mạng xã hội của khu dân cư.",
    "Ủy ban nhân dân yêu cầu các bộ phận chuyên môn báo cáo kết quả thực hiện trước ngày 15/12/2026 "
    "để tổng hợp, đánh giá.",
    "Nhân dân trên địa bàn đồng tình, hưởng ứng, nhiều hộ gia đình tự nguyện hiến đất, góp công để "
    "mở rộng đường giao thông nông thôn.",
    "Kết thúc chương trình, các đại biểu thống nhất kiến nghị cấp trên quan tâm bố trí kinh phí để "
    "hoàn thiện các công trình hạ tầng thiết yếu.",
]
HOURS = ["07", "08", "09", "10", "14", "15", "16"]
MINUTES = ["00", "15", "30", "45"]
NEWS_HEADINGS = ["Kết quả nổi bật", "Những khó khăn, hạn chế", "Nhiệm vụ thời gian tới", "Ý kiến của người dân"]
NEWS_BULLETS = [
    "Hoàn thành số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực.",
    "Duy trì tiếp công dân định kỳ vào ngày 15 hằng tháng.",
    "Tổ chức tập huấn kỹ năng số cho tổ công nghệ số cộng đồng.",
    "Rà soát, cập nhật danh mục thủ tục hành chính được tiếp nhận tại Bộ phận Một cửa.",
    "Kiểm tra, đôn đốc tiến độ các công trình trọng điểm.",
    "Giải quyết dứt điểm các kiến nghị tồn đọng của cử tri.",
]

# (document type, symbol, slug prefix, summary, field)
DOCUMENTS = [
    ("Quyết định", "QĐ-UBND", "qd", "Về việc ban hành Kế hoạch cải cách hành chính năm 2027 của {u}",
     "Cải cách hành chính"),
    ("Kế hoạch", "KH-UBND", "kh", "Triển khai chuyển đổi số, phát triển chính quyền số trên địa bàn {u} "
     "năm 2027", "Chuyển đổi số"),
    ("Thông báo", "TB-UBND", "tb", "Kết luận của Chủ tịch Ủy ban nhân dân {u} tại cuộc họp giao ban "
     "tháng 11 năm 2026", "Chỉ đạo điều hành"),
    ("Chỉ thị", "CT-UBND", "ct", "Về tăng cường công tác phòng cháy, chữa cháy mùa hanh khô năm "
     "2026–2027 trên địa bàn {u}", "Phòng cháy, chữa cháy"),
    ("Công văn", "UBND-VP", "cv", "Về việc đẩy nhanh tiến độ giải ngân vốn đầu tư công năm 2026",
     "Đầu tư công"),
    ("Kế hoạch", "KH-UBND", "kh", "Tổ chức các hoạt động mừng Đảng, mừng Xuân Đinh Mùi năm 2027",
     "Văn hóa – Xã hội"),
    ("Quyết định", "QĐ-UBND", "qd", "Công bố danh mục thủ tục hành chính được tiếp nhận và trả kết quả "
     "tại Bộ phận Một cửa {u}", "Kiểm soát thủ tục hành chính"),
    ("Báo cáo", "BC-UBND", "bc", "Tình hình kinh tế – xã hội 11 tháng năm 2026 và nhiệm vụ trọng tâm "
     "tháng 12 năm 2026", "Kinh tế – xã hội"),
]

# (field, question, answer)
QUESTIONS = [
    ("Hộ tịch", "Con tôi mới sinh được hai tuần. Tôi có thể đăng ký khai sinh trực tuyến không và cần "
     "chuẩn bị những giấy tờ gì?",
     "Ông/bà có thể nộp hồ sơ đăng ký khai sinh trực tuyến trên Cổng Dịch vụ công quốc gia hoặc ứng "
     "dụng VNeID. Hồ sơ gồm tờ khai điện tử và bản chụp giấy chứng sinh; kết quả được trả bản điện "
     "tử vào kho dữ liệu cá nhân và bản giấy tại Bộ phận Một cửa."),
    ("Đất đai", "Gia đình tôi muốn tách thửa đất ở. Từ khi không còn cấp huyện thì nộp hồ sơ ở đâu?",
     "Từ ngày 01/7/2025, hồ sơ đăng ký biến động, tách thửa được nộp tại Bộ phận Một cửa cấp xã hoặc "
     "Chi nhánh Văn phòng đăng ký đất đai. Ông/bà có thể nộp trực tuyến và theo dõi tiến độ trên "
     "Cổng Dịch vụ công."),
    ("Chứng thực", "Khi chứng thực bản sao từ bản chính tôi có phải mang theo bản chính không?",
     "Có. Người yêu cầu chứng thực xuất trình bản chính và bản sao cần chứng thực; trường hợp chỉ có "
     "bản chính thì Bộ phận Một cửa chụp bản sao và thu phí theo quy định."),
    ("Chính sách xã hội", "Người cao tuổi từ đủ 75 tuổi không có lương hưu có được trợ cấp hằng "
     "tháng không?",
     "Theo Luật Bảo hiểm xã hội năm 2024, người từ đủ 75 tuổi trở lên không hưởng lương hưu hoặc trợ "
     "cấp bảo hiểm xã hội hằng tháng được hưởng trợ cấp hưu trí xã hội. Hồ sơ nộp tại Ủy ban nhân "
     "dân cấp xã nơi cư trú."),
    ("Hộ kinh doanh", "Đăng ký thành lập hộ kinh doanh hiện nay thực hiện ở cơ quan nào?",
     "Từ ngày 01/7/2025, việc đăng ký hộ kinh doanh do cơ quan đăng ký kinh doanh cấp xã thực hiện. "
     "Hồ sơ nộp trực tiếp tại Bộ phận Một cửa hoặc trực tuyến; thời hạn giải quyết là 03 ngày làm "
     "việc."),
    ("Xây dựng", "Xây nhà ở riêng lẻ ở nông thôn, ngoài khu vực có quy hoạch, có cần xin giấy phép "
     "xây dựng không?",
     "Nhà ở riêng lẻ ở nông thôn không thuộc khu vực có quy hoạch đô thị, quy hoạch xây dựng được "
     "duyệt và không thuộc khu bảo tồn thì được miễn giấy phép xây dựng; chủ nhà vẫn phải bảo đảm "
     "an toàn và vệ sinh môi trường."),
]

SCHEDULE_ITEMS = [
    ("Họp giao ban Thường trực Ủy ban nhân dân", "Phòng họp số 1", "Văn phòng"),
    ("Tiếp công dân định kỳ", "Trụ sở tiếp công dân", "Bộ phận tiếp công dân"),
    ("Kiểm tra tiến độ các công trình xây dựng cơ bản", "Các công trình trên địa bàn", "Phòng Kinh tế"),
    ("Dự Hội nghị trực tuyến của Chính phủ với các địa phương", "Điểm cầu trực tuyến", "Văn phòng"),
    ("Họp Ban Chỉ đạo chuyển đổi số", "Phòng họp số 2", "Văn phòng"),
    ("Làm việc với các thôn, tổ dân phố về công tác giải phóng mặt bằng", "Nhà văn hóa khu dân cư",
     "Phòng Kinh tế"),
    ("Dự Ngày hội Đại đoàn kết toàn dân tộc tại khu dân cư", "Nhà văn hóa khu dân cư", "Ủy ban Mặt trận"),
    ("Làm việc tại trụ sở, xử lý công việc thường xuyên", "Trụ sở Ủy ban nhân dân", "Văn phòng"),
    ("Họp xét duyệt hồ sơ hỗ trợ nhà ở cho hộ nghèo", "Phòng họp số 1", "Phòng Văn hóa – Xã hội"),
]

CONSULTATIONS = [
    ("Nghị quyết", "Dự thảo Nghị quyết quy định mức chi hỗ trợ chuyển đổi số cấp xã giai đoạn 2027–2030",
     "Dự thảo quy định nội dung, mức chi hỗ trợ tổ công nghệ số cộng đồng và hạ tầng số tại cấp xã."),
    ("Quyết định", "Dự thảo Quyết định ban hành Quy chế quản lý, vận hành Cổng thông tin điện tử",
     "Dự thảo quy định trách nhiệm cung cấp, biên tập, duyệt và đăng tải thông tin trên Cổng."),
    ("Quyết định", "Dự thảo Quyết định quy định hạn mức giao đất ở tại nông thôn",
     "Dự thảo quy định hạn mức giao đất ở, hạn mức công nhận đất ở cho hộ gia đình, cá nhân."),
]

PROCUREMENT = [
    ("thong-bao-moi-thau", "Thông báo mời thầu gói thầu xây lắp trụ sở Trung tâm Phục vụ hành chính công",
     "Gói thầu số 05: Thi công xây dựng công trình", "12.450.000.000 đồng"),
    ("ke-hoach-lua-chon-nha-thau", "Kế hoạch lựa chọn nhà thầu dự án nâng cấp hạ tầng chuyển đổi số",
     "Gói thầu số 02: Mua sắm thiết bị", "3.870.000.000 đồng"),
    ("ket-qua-lua-chon-nha-thau", "Kết quả lựa chọn nhà thầu gói thầu tư vấn giám sát thi công",
     "Gói thầu số 03: Tư vấn giám sát", "486.000.000 đồng"),
]

# Plans (plans/) besides the yearly work plan and results report: (kind, symbol, title, summary, unit
# types or None for all); {u}/{U}: the unit inside a sentence / at the start, {Y}: the current year.
PLANS = [
    ("ke-hoach", "KH-UBND", "Kế hoạch chuyển đổi số {u} năm {Y}",
     "Mục tiêu, nhiệm vụ và giải pháp chuyển đổi số trong hoạt động của chính quyền, phát triển kinh tế "
     "số và xã hội số trên địa bàn.", None),
    ("ke-hoach", "KH-UBND", "Kế hoạch cải cách hành chính năm {Y} của {u}",
     "Nhiệm vụ cải cách thể chế, thủ tục hành chính, tổ chức bộ máy và nâng cao chỉ số hài lòng của "
     "người dân, doanh nghiệp.", None),
    ("ke-hoach", "KH-UBND", "Kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn năm {Y} của {u}",
     "Phương án ứng phó với bão, lũ, sạt lở đất; phân công lực lượng, vật tư và phương tiện theo phương "
     "châm “bốn tại chỗ”.", None),
    ("chuong-trinh", "CTr-UBND", "Chương trình thực hành tiết kiệm, chống lãng phí năm {Y} của {u}",
     "Chỉ tiêu tiết kiệm chi thường xuyên, quản lý, sử dụng tài sản công và trụ sở làm việc sau sắp xếp.", None),
    ("chuong-trinh", "CTr-UBND", "Chương trình xây dựng nông thôn mới nâng cao {u} giai đoạn 2026–2030",
     "Các tiêu chí phấn đấu đạt chuẩn, nguồn lực thực hiện và phân công nhiệm vụ cho các thôn.", ("xa",)),
    ("ke-hoach", "KH-UBND", "Kế hoạch chỉnh trang đô thị, trật tự vỉa hè {u} năm {Y}",
     "Lộ trình chỉnh trang hè phố, hệ thống thoát nước, chiếu sáng và xử lý lấn chiếm lòng đường.", ("phuong",)),
    ("ke-hoach", "KH-UBND", "Kế hoạch phát triển du lịch biển, đảo {u} năm {Y}",
     "Các sản phẩm du lịch, hạ tầng bến tàu và công tác bảo vệ môi trường biển.", ("dac-khu",)),
    ("chuong-trinh", "CTr-UBND", "Chương trình hành động thực hiện Nghị quyết số 57-NQ/TW về phát triển "
     "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
     "Nhiệm vụ, giải pháp và phân công các sở, ngành, địa phương thực hiện đến năm 2030.",
     ("tinh", "thanh-pho-truc-thuoc-trung-uong")),
    ("ke-hoach", "KH-UBND", "Kế hoạch phát triển kinh tế – xã hội 5 năm 2026–2030 của {u}",
     "Các chỉ tiêu tăng trưởng, cơ cấu kinh tế, thu ngân sách, giảm nghèo và các đột phá chiến lược.",
     ("tinh", "thanh-pho-truc-thuoc-trung-uong")),
]

LAWS = [  # (law, what the guidance is about)
    ("Luật Đất đai năm 2024", "cấp giấy chứng nhận, bồi thường, hỗ trợ, tái định cư và giá đất"),
    ("Luật Trật tự, an toàn giao thông đường bộ năm 2024", "quy tắc giao thông, đội mũ bảo hiểm và "
     "không điều khiển phương tiện khi có nồng độ cồn"),
    ("Luật Bảo hiểm xã hội năm 2024", "trợ cấp hưu trí xã hội và bảo hiểm xã hội tự nguyện"),
    ("Luật Căn cước năm 2023", "cấp thẻ căn cước, căn cước điện tử và tích hợp thông tin trên VNeID"),
    ("Luật Thực hiện dân chủ ở cơ sở năm 2022", "nội dung công khai, nhân dân bàn và quyết định, "
     "nhân dân tham gia ý kiến và kiểm tra, giám sát"),
    ("Luật Tổ chức chính quyền địa phương năm 2025", "tổ chức, nhiệm vụ, quyền hạn của chính quyền "
     "địa phương hai cấp"),
]

# Direction and administration (disclosures/): (kind, symbol or None, title, summary, body).
DIRECTION = [
    ("tra-loi-kien-nghi", "UBND-VP", "Trả lời kiến nghị của cử tri trước kỳ họp cuối năm {Y}",
     "Trả lời các kiến nghị về hạ tầng giao thông, cấp giấy chứng nhận quyền sử dụng đất và nước sạch.",
     "Về kiến nghị sửa chữa các tuyến đường xuống cấp: đã bố trí kinh phí trong kế hoạch đầu tư công năm {Y1}."),
    ("khen-thuong", "QĐ-UBND", "Quyết định khen thưởng các tập thể, cá nhân có thành tích trong phong trào "
     "thi đua năm {Y}",
     "Tặng Giấy khen cho các tập thể, cá nhân có thành tích xuất sắc trong thực hiện nhiệm vụ kinh tế – xã hội.",
     "Danh sách tập thể, cá nhân được khen thưởng kèm theo Quyết định."),
    ("xu-ly-vi-pham", "TB-UBND", "Thông báo kết quả kiểm tra, xử lý vi phạm trật tự xây dựng quý {Q} năm {Y}",
     "Kết quả kiểm tra, lập biên bản và xử lý các trường hợp xây dựng không phép, sai phép trên địa bàn.",
     "Các trường hợp vi phạm đã được yêu cầu tự khắc phục; trường hợp không chấp hành sẽ bị cưỡng chế theo "
     "quy định."),
]

# Investment projects in a commune (disclosures/ du-an-tren-dia-ban and its procurement):
# (name, amount in million đồng, unit types or None); {b}: the unit's bare name, {u}: inside a sentence.
COMMUNE_PROJECTS = [
    ("Dự án cải tạo, nâng cấp Trường Mầm non {b}", (2800, 6500), None),
    ("Dự án xây dựng Nhà văn hóa trung tâm {u}", (3200, 7800), None),
    ("Dự án nâng cấp Trạm Y tế {u}", (1800, 4200), None),
    ("Dự án nâng cấp đường trục xã và hệ thống thoát nước", (3500, 9800), ("xa",)),
    ("Dự án kiên cố hóa kênh mương nội đồng", (1500, 4800), ("xa",)),
    ("Dự án chỉnh trang hè phố và hệ thống chiếu sáng công cộng", (4200, 12500), ("phuong",)),
    ("Dự án cải tạo hệ thống thoát nước các tổ dân phố", (2600, 8400), ("phuong",)),
    ("Dự án kè chống sạt lở bờ biển khu dân cư {b}", (8500, 24000), ("dac-khu",)),
]

FEES = [  # (item, amount) for the commune's table of fees and contributions; {t}: "tỉnh" or "thành phố"
    ("Lệ phí đăng ký khai sinh, kết hôn, khai tử đúng hạn", "Miễn"),
    ("Phí chứng thực bản sao từ bản chính", "2.000 đồng/trang; từ trang thứ ba 1.000 đồng/trang"),
    ("Phí chứng thực chữ ký", "10.000 đồng/trường hợp"),
    ("Lệ phí đăng ký hộ kinh doanh", "Theo Nghị quyết của Hội đồng nhân dân {t}"),
    ("Đóng góp tự nguyện xây dựng nhà văn hóa, đường giao thông", "Theo nghị quyết hội nghị thôn, tổ dân phố"),
    ("Quỹ Đền ơn đáp nghĩa, Quỹ Vì người nghèo", "Tự nguyện"),
]

ROMAN_QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}

ONLINE_URL = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc="

# Procedures each level publishes once for all its units (catalog/procedures/<level>/).
CATALOG: dict[str, list[dict[str, Any]]] = {
    "province": [
        {"slug": "cap-phieu-ly-lich-tu-phap", "code": "2.000488",
         "name": "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam",
         "field": "Lý lịch tư pháp", "agency": "Sở Tư pháp", "time": "10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
         "fee": "200.000 đồng/lần/người; miễn cho người có công, hộ nghèo",
         "dossier": ["Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", "Bản chụp giấy tờ tùy thân"],
         "basis": ["Luật Lý lịch tư pháp số 28/2009/QH12", "Thông tư số 06/2013/TT-BTP"],
         "result": "Phiếu lý lịch tư pháp (bản giấy hoặc bản điện tử)"},
        {"slug": "dang-ky-thanh-lap-doanh-nghiep-tu-nhan", "code": "2.001610",
         "name": "Đăng ký thành lập doanh nghiệp tư nhân", "field": "Thành lập và hoạt động của doanh nghiệp",
         "agency": "Phòng Đăng ký kinh doanh, Sở Tài chính", "time": "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
         "fee": "Miễn lệ phí khi nộp trực tuyến; 50.000 đồng khi nộp trực tiếp",
         "dossier": ["Giấy đề nghị đăng ký doanh nghiệp tư nhân", "Bản sao giấy tờ pháp lý của chủ doanh nghiệp"],
         "basis": ["Luật Doanh nghiệp số 59/2020/QH14", "Nghị định số 168/2025/NĐ-CP"],
         "result": "Giấy chứng nhận đăng ký doanh nghiệp"},
        {"slug": "cap-giay-phep-xay-dung-cong-trinh", "code": "1.009972",
         "name": "Cấp giấy phép xây dựng mới đối với công trình cấp đặc biệt, cấp I, cấp II",
         "field": "Hoạt động xây dựng", "agency": "Sở Xây dựng", "time": "20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ",
         "fee": "150.000 đồng/giấy phép",
         "dossier": ["Đơn đề nghị cấp giấy phép xây dựng", "Giấy tờ chứng minh quyền sử dụng đất",
                     "Bản vẽ thiết kế xây dựng"],
         "basis": ["Luật Xây dựng số 50/2014/QH13, sửa đổi năm 2020", "Nghị định số 175/2024/NĐ-CP"],
         "result": "Giấy phép xây dựng"},
    ],
    "commune": [
        {"slug": "dang-ky-khai-sinh", "code": "1.001193", "name": "Đăng ký khai sinh", "field": "Hộ tịch",
         "agency": "Ủy ban nhân dân cấp xã", "time": "Ngay trong ngày tiếp nhận hồ sơ",
         "fee": "Miễn lệ phí đăng ký khai sinh đúng hạn",
         "dossier": ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh hoặc văn bản của người làm chứng"],
         "basis": ["Luật Hộ tịch số 60/2014/QH13", "Nghị định số 123/2015/NĐ-CP"],
         "result": "Giấy khai sinh (bản chính)"},
        {"slug": "dang-ky-ket-hon", "code": "1.000894", "name": "Đăng ký kết hôn", "field": "Hộ tịch",
         "agency": "Ủy ban nhân dân cấp xã", "time": "Ngay trong ngày tiếp nhận hồ sơ",
         "fee": "Miễn lệ phí",
         "dossier": ["Tờ khai đăng ký kết hôn", "Giấy xác nhận tình trạng hôn nhân (nếu đăng ký ở nơi khác)"],
         "basis": ["Luật Hộ tịch số 60/2014/QH13", "Luật Hôn nhân và gia đình số 52/2014/QH13"],
         "result": "Giấy chứng nhận kết hôn"},
        {"slug": "dang-ky-khai-tu", "code": "1.000656", "name": "Đăng ký khai tử", "field": "Hộ tịch",
         "agency": "Ủy ban nhân dân cấp xã", "time": "Ngay trong ngày tiếp nhận hồ sơ",
         "fee": "Miễn lệ phí đăng ký khai tử đúng hạn",
         "dossier": ["Tờ khai đăng ký khai tử", "Giấy báo tử hoặc giấy tờ thay giấy báo tử"],
         "basis": ["Luật Hộ tịch số 60/2014/QH13", "Nghị định số 123/2015/NĐ-CP"],
         "result": "Trích lục khai tử"},
        {"slug": "chung-thuc-ban-sao-tu-ban-chinh", "code": "2.000815",
         "name": "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp",
         "field": "Chứng thực", "agency": "Ủy ban nhân dân cấp xã",
         "time": "Trong ngày cơ quan tiếp nhận yêu cầu, hoặc ngày làm việc tiếp theo nếu nhận sau 15 giờ",
         "fee": "2.000 đồng/trang; từ trang thứ ba trở lên 1.000 đồng/trang",
         "dossier": ["Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao", "Bản sao cần chứng thực"],
         "basis": ["Nghị định số 23/2015/NĐ-CP", "Thông tư số 226/2016/TT-BTC"],
         "result": "Bản sao được chứng thực từ bản chính"},
        {"slug": "dang-ky-thanh-lap-ho-kinh-doanh", "code": "1.001612",
         "name": "Đăng ký thành lập hộ kinh doanh", "field": "Thành lập và hoạt động của hộ kinh doanh",
         "agency": "Ủy ban nhân dân cấp xã (cơ quan đăng ký kinh doanh cấp xã)",
         "time": "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", "fee": "Theo quy định của Hội đồng nhân dân tỉnh",
         "dossier": ["Giấy đề nghị đăng ký hộ kinh doanh", "Bản sao biên bản họp thành viên hộ gia đình (nếu có)"],
         "basis": ["Luật Doanh nghiệp số 59/2020/QH14", "Nghị định số 168/2025/NĐ-CP"],
         "result": "Giấy chứng nhận đăng ký hộ kinh doanh"},
    ],
}

# --- the unit model of the generator --------------------------------------------------------------


@dataclass
class Place:
    """One unit to write: its real code and name, and what the generator derives from them."""

    code: str
    name: str          # "Xã Ba Vì"
    bare: str          # "Ba Vì"
    type: str          # "xa"
    word: str          # "xã"
    en_suffix: str     # "Commune"
    level: str         # "commune"
    slug: str          # "ba-vi"
    folder: str        # "ha-noi/ba-vi"
    domain: str        # "bavi.hanoi.gov.vn"
    area_code: str
    merges: list[dict[str, Any]]
    parent: "Place | None" = None
    commune_total: int = 0
    children: list["Place"] = field(default_factory=list)

    @property
    def inner(self) -> str:
        """The name inside a sentence: "xã Ba Vì"."""
        return f"{self.word} {self.bare}"

    @property
    def agency(self) -> str:
        return f"Ủy ban nhân dân {self.inner}"

    @property
    def name_en(self) -> str:
        return f"{ascii_fold(self.bare)} {self.en_suffix}"

    @property
    def full_inner(self) -> str:
        """"xã Ba Vì, thành phố Hà Nội" for communes; "tỉnh Cao Bằng" for provinces."""
        return f"{self.inner}, {self.parent.inner}" if self.parent else self.inner


def _split(name: str, prefixes) -> tuple[str, str, str, str]:
    for prefix, unit_type, word, en in prefixes:
        if name.startswith(prefix):
            return name[len(prefix):].strip(), unit_type, word, en
    raise ValueError(f"unexpected unit name prefix: {name!r}")


def _unique_slug(base: str, code: str, taken: set[str]) -> str:
    slug = base or f"don-vi-{code}"
    if slug in taken or slug in RESERVED or REGISTRY.reserved_address(None, slug):
        slug = f"{slug}-{code}"
    taken.add(slug)
    return slug


def load_places(data_path: Path, provinces: int | None = None,
                communes_per_province: int | None = None) -> list[Place]:
    """The provinces (with their communes) to generate, in the data file's order."""
    with open(data_path, encoding="utf-8") as handle:
        data = json.load(handle)["data"]
    if provinces is not None:
        data = data[:provinces]
    result: list[Place] = []
    province_slugs: set[str] = set()
    for entry in data:
        name = nfc(entry["name"]).strip()
        bare, unit_type, word, en = _split(name, PROVINCE_PREFIXES)
        slug = _unique_slug(slugify(bare), entry["level1_id"], province_slugs)
        province = Place(code=entry["level1_id"], name=name, bare=bare, type=unit_type, word=word,
                         en_suffix=en, level="province", slug=slug, folder=slug,
                         domain=f"{compact(bare)}.gov.vn", area_code=AREA_CODES.get(entry["level1_id"], "0200"),
                         merges=entry.get("merges", []), commune_total=len(entry.get("level2s", [])))
        communes = entry.get("level2s", [])
        if communes_per_province is not None:
            communes = communes[:communes_per_province]
        taken: set[str] = set()
        for commune in communes:
            cname = nfc(commune["name"]).strip()
            cbare, ctype, cword, cen = _split(cname, COMMUNE_PREFIXES)
            cslug = _unique_slug(slugify(cbare), commune["level2_id"], taken)
            province.children.append(Place(
                code=commune["level2_id"], name=cname, bare=cbare, type=ctype, word=cword, en_suffix=cen,
                level="commune", slug=cslug, folder=f"{slug}/{cslug}",
                domain=f"{cslug.replace('-', '')}.{province.domain}", area_code=province.area_code,
                merges=commune.get("merges", []), parent=province))
        result.append(province)
    return result


# --- writing ----------------------------------------------------------------------------------------


@dataclass
class Stats:
    units: int = 0
    files: int = 0           # every file written
    content_files: int = 0   # content files ``portalgen check`` counts (YAML/Markdown but portal.yaml)
    bytes: int = 0
    seconds: float = 0.0


class Writer:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.stats = Stats()
        self._dirs: set[Path] = set()

    def _path(self, rel: str) -> Path:
        path = self.root / rel
        parent = path.parent
        if parent not in self._dirs:
            parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(parent)
        return path

    def text(self, rel: str, text: str) -> None:
        data = nfc(text).encode("utf-8")
        self._path(rel).write_bytes(data)
        self.stats.files += 1
        self.stats.bytes += len(data)
        if rel.endswith((".yaml", ".md")) and rel != "portal.yaml":
            self.stats.content_files += 1

    def binary(self, rel: str, data: bytes) -> None:
        self._path(rel).write_bytes(data)
        self.stats.files += 1
        self.stats.bytes += len(data)

    def yaml(self, rel: str, data: dict[str, Any], header: str = "") -> None:
        self.text(rel, header + dump_yaml(data))

    def markdown(self, rel: str, front: dict[str, Any], body: str) -> None:
        self.text(rel, f"---\n{dump_yaml(front)}---\n\n{body.strip()}\n")


def dump_yaml(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100,
                     default_flow_style=False)


# --- people -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    name: str
    position: str
    email: str
    phone: str
    duties: str = ""


class People:
    """Distinct invented people for one unit, with official e-mail addresses on its domain."""

    def __init__(self, rng: random.Random, place: Place) -> None:
        self.rng = rng
        self.place = place
        self.names: set[str] = set()
        self.mailboxes: set[str] = set()

    def name(self) -> str:
        while True:
            female = self.rng.random() < 0.35
            middle = self.rng.choice(MIDDLE_F if female else MIDDLE_M)
            given = self.rng.choice(GIVEN_F if female else GIVEN_M)
            name = f"{self.rng.choice(FAMILY)} {middle} {given}"
            if name not in self.names:
                self.names.add(name)
                return name

    def email(self, name: str) -> str:
        words = ascii_fold(name).lower().split()
        local = words[-1] + "".join(w[0] for w in words[:-1])
        candidate, n = local, 1
        while candidate in self.mailboxes:
            n += 1
            candidate = f"{local}{n}"
        self.mailboxes.add(candidate)
        return f"{candidate}@{self.place.domain}"

    def person(self, position: str, duties: str = "") -> Person:
        name = self.name()
        return Person(name, position, self.email(name), phone(self.rng, self.place), duties)


def phone(rng: random.Random, place: Place) -> str:
    area = place.area_code
    if len(area) == 3:  # Hà Nội, TP Hồ Chí Minh: eight-digit numbers
        return f"{area} {rng.randint(3500, 3999)} {rng.randint(0, 9999):04d}"
    return f"{area} {rng.randint(350, 399)} {rng.randint(0, 9999):04d}"


# --- one unit -----------------------------------------------------------------------------------------


class UnitGenerator:
    def __init__(self, writer: Writer, place: Place, now: dt.date, seed: int,
                 news_per_unit: int, documents_per_unit: int) -> None:
        self.w = writer
        self.p = place
        self.now = now
        self.rng = random.Random(f"{seed}:{place.code}")
        self.news_per_unit = news_per_unit
        self.documents_per_unit = documents_per_unit
        self.people = People(self.rng, place)
        self.is_province = place.level == "province"
        self.leaders: list[Person] = []

    def sub(self, text: str, **extra: Any) -> str:
        return text.format(u=self.p.inner, U=capitalise(self.p.inner), **extra)

    def run(self) -> None:
        self.unit_yaml()
        self.pages()
        self.news()
        self.documents()
        self.schedule()
        self.questions()
        if self.is_province:
            self.consultation()
            self.procurement()
        # Drawn last, so the sections above stay as they were before these obligations existed.
        self.plans()
        self.budget()
        self.disclosures()
        if not self.is_province:
            self.commune_procurement()
        self.w.stats.units += 1

    # unit.yaml ---------------------------------------------------------------------------------
    def unit_yaml(self) -> None:
        p, rng = self.p, self.rng
        word = p.word
        if self.is_province:
            titles = [f"Chủ tịch Ủy ban nhân dân {word}", f"Phó Chủ tịch Thường trực Ủy ban nhân dân {word}"]
            titles += [f"Phó Chủ tịch Ủy ban nhân dân {word}"] * rng.randint(2, 3)
            duties = PROVINCE_DUTIES
        else:
            titles = [f"Chủ tịch Ủy ban nhân dân {word}"] + [f"Phó Chủ tịch Ủy ban nhân dân {word}"] * rng.randint(1, 2)
            duties = COMMUNE_DUTIES
        self.leaders = [self.people.person(t, duties[i]) for i, t in enumerate(titles)]
        office = (f"Văn phòng Ủy ban nhân dân {p.inner}" if self.is_province
                  else f"Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {p.inner}")
        chief = self.people.person("Chánh Văn phòng Ủy ban nhân dân" if self.is_province
                                   else "Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân")
        focal = [self.people.person("Phó Chánh Văn phòng Ủy ban nhân dân" if self.is_province
                                    else "Công chức Văn phòng – Thống kê")]
        if self.is_province:
            focal.append(self.people.person("Giám đốc Trung tâm Thông tin – Công báo"))
        editor = self.people.person("Biên tập viên")
        self.chief = chief
        self.office = office
        self.address = self._address()
        self.phone = phone(rng, p)
        self.email = f"vanphong@{p.domain}"
        data = {
            "code": p.code,
            "name": p.name,
            "name_en": p.name_en,
            "type": p.type,
            "level": p.level,
            "agency": p.agency,
            "agency_en": f"People's Committee of {p.name_en}",
            "description": (f"Cổng thông tin điện tử {p.full_inner} cung cấp thông tin chỉ đạo, điều hành của "
                            f"Ủy ban nhân dân, văn bản, thủ tục hành chính, lịch công tác và tin tức hoạt "
                            f"động của chính quyền địa phương."),
            "contacts": {
                "address": self.address,
                "address_en": self._address_en(),
                "phone": self.phone,
                "fax": phone(rng, p),
                "email": self.email,
                "working_hours": "Thứ Hai – Thứ Sáu: sáng 7h30–11h30, chiều 13h30–17h00",
            },
            "leaders": [{"name": x.name, "position": x.position, "responsibilities": x.duties,
                         "phone": x.phone, "email": x.email} for x in self.leaders],
            "focal_officials": [{"name": x.name, "position": x.position, "unit": office,
                                 "responsibilities": "Đầu mối cung cấp thông tin cho báo chí và cổng thông tin điện tử",
                                 "phone": x.phone, "email": x.email} for x in focal],
            "spokesperson": self._spokesperson(chief),
            "responsible": {"name": chief.name, "position": f"{chief.position}, Trưởng Ban Biên tập"},
            "editors": [
                {"name": chief.name, "role": "Trưởng Ban Biên tập", "email": chief.email,
                 "git": "@" + chief.email.split("@")[0] + "-" + p.code},
                {"name": editor.name, "role": "Biên tập viên", "email": editor.email,
                 "git": "@" + editor.email.split("@")[0] + "-" + p.code},
            ],
        }
        header = (f"# Thông tin đơn vị: {p.name} ({'cấp tỉnh' if self.is_province else 'cấp xã'}).\n"
                  "# Dữ liệu mẫu sinh tự động: mã và tên đơn vị là thật, người và số điện thoại là giả định.\n")
        self.w.yaml(f"{p.folder}/unit.yaml", data, header)

    def _spokesperson(self, chief: Person) -> dict[str, str]:
        """Nghị định 09/2017/NĐ-CP: the Chief of Office speaks for a province, the Chairperson for a commune."""
        p = self.p
        if self.is_province:
            level = "City" if p.type == "thanh-pho-truc-thuoc-trung-uong" else "Provincial"
            who, position = chief, f"{chief.position} {p.word}"
            position_en = f"Chief of Office of the {level} People's Committee"
        else:
            who = self.leaders[0]
            position, position_en = who.position, f"Chairperson of the {p.en_suffix} People's Committee"
        return {"name": who.name, "position": position, "position_en": position_en,
                "phone": who.phone, "email": who.email}

    def _address(self) -> str:
        p, rng = self.p, self.rng
        where = p.full_inner
        if p.type in ("phuong", "tinh", "thanh-pho-truc-thuoc-trung-uong"):
            return f"Số {rng.randint(1, 250)} đường {rng.choice(STREETS)}, {where}"
        return f"Khu trung tâm hành chính {where}"

    def _address_en(self) -> str:
        p = self.p
        parent = f", {p.parent.name_en}" if p.parent else ""
        return f"People's Committee Office, {p.name_en}{parent}, Viet Nam"

    # pages -------------------------------------------------------------------------------------
    def pages(self) -> None:
        p, rng = self.p, self.rng
        updated = (self.now - dt.timedelta(days=rng.randint(20, 300))).isoformat()
        self.w.markdown(f"{p.folder}/pages/gioi-thieu.md",
                        {"title": f"Giới thiệu {p.inner}",
                         "summary": f"Vị trí, lịch sử hình thành và tiềm năng của {p.inner}.",
                         "kind": "introduction", "order": 1, "updated": updated},
                        self._introduction())
        self.w.markdown(f"{p.folder}/pages/co-cau-to-chuc.md",
                        {"title": "Cơ cấu tổ chức", "summary": f"Tổ chức bộ máy chính quyền {p.inner}.",
                         "kind": "organisation", "order": 2, "updated": updated},
                        self._organisation())
        self.w.markdown(f"{p.folder}/pages/lien-he.md",
                        {"title": "Liên hệ", "summary": f"Địa chỉ, điện thoại và thư điện tử của {p.agency}.",
                         "kind": "contact", "order": 3},
                        self._contact())
        self.w.markdown(f"{p.folder}/pages/en/organisation.md",
                        {"title": "Organisation", "summary": f"How the local government of {p.name_en} is organised.",
                         "kind": "organisation", "order": 1, "updated": updated},
                        self._organisation_en())
        self.w.markdown(f"{p.folder}/pages/en/contact.md",
                        {"title": "Contact", "summary": f"How to reach the People's Committee of {p.name_en}.",
                         "kind": "contact", "order": 2},
                        self._contact_en())

    def _introduction(self) -> str:
        p, rng = self.p, self.rng
        if self.is_province:
            olds = [lower_prefix(m["name"]) for m in p.merges]
            if len(olds) > 1:
                origin = (f"{capitalise(p.inner)} được thành lập từ ngày 01/7/2025 trên cơ sở hợp nhất "
                          f"{', '.join(olds)}, theo Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội "
                          "về việc sắp xếp đơn vị hành chính cấp tỉnh.")
            else:
                origin = (f"{capitalise(p.inner)} không thực hiện sắp xếp theo Nghị quyết số 202/2025/QH15 "
                          "ngày 12/6/2025 của Quốc hội và giữ nguyên địa giới hành chính.")
            size = (f"{capitalise(p.inner)} có diện tích tự nhiên khoảng {vn_number(rng.randint(3000, 16000))} km², "
                    f"dân số khoảng {vn_number(rng.randint(9, 95) / 10, 1)} triệu người, gồm "
                    f"{p.commune_total} đơn vị hành chính cấp xã.")
        else:
            full = [lower_prefix(m["name"]) for m in p.merges if m.get("type") == "full"]
            partial = [lower_prefix(m["name"]) for m in p.merges if m.get("type") != "full"]
            parts = []
            if full:
                parts.append("toàn bộ diện tích tự nhiên và quy mô dân số của " + ", ".join(full))
            if partial:
                parts.append("một phần diện tích tự nhiên và quy mô dân số của " + ", ".join(partial))
            basis = " và ".join(parts) or "địa giới hành chính hiện có"
            origin = (f"{capitalise(p.inner)} được thành lập từ ngày 01/7/2025 trên cơ sở sắp xếp {basis}, "
                      "theo Nghị quyết của Ủy ban Thường vụ Quốc hội về việc sắp xếp các đơn vị hành chính "
                      f"cấp xã của {p.parent.inner} năm 2025.")
            urban = p.type == "phuong"
            area = rng.randint(15, 300) / 10 if urban else rng.randint(150, 2500) / 10
            size = (f"{capitalise(p.inner)} có diện tích tự nhiên khoảng {vn_number(area, 1)} km², "
                    f"dân số khoảng {vn_number(rng.randint(15, 95) * 1000 if urban else rng.randint(8, 60) * 1000)} "
                    f"người, được tổ chức thành {rng.randint(8, 40)} "
                    f"{'tổ dân phố' if urban else 'thôn, tổ dân phố'}.")
        extra = rng.sample(NEWS_PARAGRAPHS[5:], 2)
        return "\n\n".join([
            "## Lịch sử hình thành", origin,
            "## Điều kiện tự nhiên, dân số", size,
            "## Tiềm năng phát triển",
            (f"{capitalise(p.inner)} có vị trí thuận lợi về giao thông, tiềm năng phát triển "
             + ("thương mại, dịch vụ và kinh tế đô thị" if p.type == "phuong" else
                "kinh tế biển, du lịch và dịch vụ" if p.type == "dac-khu" else
                "nông nghiệp hàng hóa, công nghiệp, dịch vụ và du lịch")
             + " gắn với các giá trị văn hóa, lịch sử của địa phương."),
            self.sub(extra[0], n=rng.randint(3, 12), pct=rng.randint(60, 98)),
        ])

    def _organisation(self) -> str:
        p = self.p
        lines = ["## Lãnh đạo Ủy ban nhân dân", ""]
        lines += [f"- **{x.position}:** {x.name}" for x in self.leaders]
        lines += ["", "## Các cơ quan chuyên môn", ""]
        if self.is_province:
            lines += [f"- {d}" for d in PROVINCE_DEPARTMENTS]
        else:
            lines += [f"- {self.office}",
                      "- Phòng Kinh tế, Hạ tầng và Đô thị" if p.type == "phuong" else "- Phòng Kinh tế",
                      "- Phòng Văn hóa – Xã hội", f"- Trung tâm Phục vụ hành chính công {p.inner}"]
        lines += ["", "## Chức năng, nhiệm vụ", "",
                  f"Ủy ban nhân dân {p.inner} là cơ quan chấp hành của Hội đồng nhân dân, cơ quan hành "
                  "chính nhà nước ở địa phương, chịu trách nhiệm trước Hội đồng nhân dân cùng cấp và cơ "
                  "quan hành chính nhà nước cấp trên; thực hiện nhiệm vụ, quyền hạn theo Luật Tổ chức "
                  "chính quyền địa phương năm 2025."]
        return "\n".join(lines)

    def _contact(self) -> str:
        return "\n".join([
            f"**{self.p.agency}**", "",
            f"- Địa chỉ: {self.address}",
            f"- Điện thoại: {self.phone}",
            f"- Thư điện tử: <{self.email}>",
            "- Giờ làm việc: Thứ Hai – Thứ Sáu, sáng 7h30–11h30, chiều 13h30–17h00", "",
            f"Người chịu trách nhiệm nội dung: {self.chief.name}, {self.chief.position}.",
        ])

    def _organisation_en(self) -> str:
        p = self.p
        lines = [f"The People's Committee of {p.name_en} is the executive body of the People's Council "
                 "and the state administrative authority of the locality.", "", "## Leaders", ""]
        for x in self.leaders:
            role = "Chairperson" if x.position.startswith("Chủ tịch") else "Vice Chairperson"
            lines.append(f"- **{role}:** {ascii_fold(x.name)}")
        lines += ["", "## Agencies", ""]
        if self.is_province:
            lines += [f"- {d}" for d in PROVINCE_DEPARTMENTS_EN]
        else:
            lines += ["- Office of the People's Council and People's Committee", "- Economic Division",
                      "- Culture and Society Division", "- Public Administration Service Centre"]
        return "\n".join(lines)

    def _contact_en(self) -> str:
        return "\n".join([
            f"**People's Committee of {self.p.name_en}**", "",
            f"- Address: {self._address_en()}",
            f"- Telephone: {self.phone}",
            f"- E-mail: <{self.email}>",
            "- Office hours: Monday to Friday, 7:30–11:30 and 13:30–17:00",
        ])

    # news --------------------------------------------------------------------------------------
    def news(self) -> None:
        p, rng = self.p, self.rng
        count = self.news_per_unit
        picks = [NEWS[i % len(NEWS)] for i in rng.sample(range(len(NEWS)), min(count, len(NEWS)))]
        picks += [rng.choice(NEWS) for _ in range(count - len(picks))]
        offsets = sorted(rng.sample(range(1, 29), min(count, 28)))
        offsets += [rng.randint(1, 28) for _ in range(count - len(offsets))]
        taken: set[str] = set()
        approver = f"{self.chief.name}, {self.chief.position}"
        for index, ((category, title, summary), offset) in enumerate(zip(picks, offsets)):
            day = self.now - dt.timedelta(days=offset)
            title = self.sub(title)
            slug = "-".join(slugify(title).split("-")[:9])
            base, n = slug, 1
            while slug in taken:
                n += 1
                slug = f"{base}-{n}"
            taken.add(slug)
            leader = rng.choice(self.leaders)
            front: dict[str, Any] = {
                "title": title,
                "date": f"{day.isoformat()} {rng.choice(HOURS)}:{rng.choice(MINUTES)}",
                "summary": self.sub(summary),
                "category": category,
                "tags": [NEWS_CATEGORIES[category], p.bare],
                "author": f"{self.people.name()} (Văn phòng)",
                "status": "published",
                "approved_by": approver,
            }
            chosen = sorted(rng.sample(range(len(NEWS_PARAGRAPHS)), rng.randint(3, 5)))
            paragraphs = [self.sub(NEWS_PARAGRAPHS[i], leader=leader.name, position=leader.position,
                                   n=rng.randint(3, 25), pct=rng.randint(55, 98)) for i in chosen]
            body = [paragraphs[0], paragraphs[1], f"## {rng.choice(NEWS_HEADINGS)}", *paragraphs[2:]]
            body.append("\n".join(f"- {b}" for b in rng.sample(NEWS_BULLETS, 3)))
            folder = f"{p.folder}/news/{day.year}"
            if index == 0:  # a bundle: the article with its own image
                front["featured"] = True
                front["image"] = {"src": "anh-dai-dien.png", "alt": f"Quang cảnh sự kiện tại {p.inner}",
                                  "caption": f"Quang cảnh sự kiện (ảnh: Văn phòng {p.inner})"}
                body.insert(2, f"![Các đại biểu dự sự kiện tại {p.inner}](anh-dai-dien.png)")
                self.w.markdown(f"{folder}/{slug}/index.md", front, "\n\n".join(body))
                self.w.binary(f"{folder}/{slug}/anh-dai-dien.png", PNG_BYTES)
            else:
                self.w.markdown(f"{folder}/{slug}.md", front, "\n\n".join(body))

    # documents ---------------------------------------------------------------------------------
    def documents(self) -> None:
        p, rng = self.p, self.rng
        numbers: set[str] = set()
        picks = rng.sample(DOCUMENTS, min(self.documents_per_unit, len(DOCUMENTS)))
        picks += [rng.choice(DOCUMENTS) for _ in range(self.documents_per_unit - len(picks))]
        for doc_type, symbol, prefix, summary, doc_field in picks:
            issued = previous_working_day(self.now - dt.timedelta(days=rng.randint(4, 75)))
            number = rng.randint(12, 4200 if self.is_province else 900)
            while f"{prefix}-{number}" in numbers:
                number += 1
            numbers.add(f"{prefix}-{number}")
            published = min(add_working_days(issued, rng.randint(0, 2)), self.now)
            signer = self.leaders[0] if rng.random() < 0.6 else rng.choice(self.leaders[1:])
            slug = f"{prefix}-{number}-{issued.year}"
            data = {
                "number": f"{number}/{symbol}",
                "type": doc_type,
                "issuer": p.agency,
                "issue_date": issued.isoformat(),
                "effective_date": issued.isoformat(),
                "summary": self.sub(summary),
                "signer": signer.name,
                "signer_position": "Chủ tịch" if signer is self.leaders[0] else "Phó Chủ tịch",
                "field": doc_field,
                "status": "Còn hiệu lực",
                "normative": False,
                "published": published.isoformat(),
                "files": [{"file": f"{slug}.pdf", "title": f"Toàn văn {doc_type.lower()} số {number}/{symbol}"}],
            }
            self.w.yaml(f"{p.folder}/documents/{slug}.yaml", data)
            self.w.binary(f"{p.folder}/documents/{slug}.pdf", PDF_BYTES)

    # schedule ----------------------------------------------------------------------------------
    def schedule(self) -> None:
        p, rng = self.p, self.rng
        year, week, weekday = self.now.isocalendar()
        monday = self.now - dt.timedelta(days=weekday - 1)
        entries = []
        for offset in range(5):
            day = monday + dt.timedelta(days=offset)
            for session, hour in (("sang", "08:00"), ("chieu", "14:00")):
                if rng.random() < 0.3:
                    continue
                content, place, prepared = rng.choice(SCHEDULE_ITEMS)
                leader = rng.choice(self.leaders)
                entries.append({"date": day.isoformat(), "session": session, "time": hour,
                                "leader": f"{leader.name}, {leader.position}",
                                "content": content, "place": f"{place}, {p.agency}" if "Phòng họp" in place else place,
                                "participants": "Lãnh đạo các phòng chuyên môn và đơn vị liên quan",
                                "prepared_by": prepared})
        if not entries:
            entries.append({"date": monday.isoformat(), "session": "sang", "time": "08:00",
                            "leader": f"{self.leaders[0].name}, {self.leaders[0].position}",
                            "content": SCHEDULE_ITEMS[0][0], "place": SCHEDULE_ITEMS[0][1]})
        week_id = f"{year}-W{week:02d}"
        self.w.yaml(f"{p.folder}/schedule/{week_id}.yaml",
                    {"week": week_id, "note": "Lịch có thể thay đổi; Văn phòng sẽ thông báo khi điều chỉnh.",
                     "entries": entries})

    # questions ---------------------------------------------------------------------------------
    def questions(self) -> None:
        p, rng = self.p, self.rng
        for item_field, question, answer in rng.sample(QUESTIONS, 2):
            asked = previous_working_day(self.now - dt.timedelta(days=rng.randint(14, 120)))
            answered = min(add_working_days(asked, rng.randint(2, 12)), self.now)
            slug = "-".join(slugify(question).split("-")[:8])
            self.w.yaml(f"{p.folder}/questions/{slug}.yaml", {
                "asked": asked.isoformat(), "field": item_field, "question": question,
                "answer": answer, "answered": answered.isoformat(), "answered_by": p.agency})
        if rng.random() < 0.3:  # a recent question still inside its answer deadline
            item_field, question, _ = rng.choice(QUESTIONS)
            slug = "cau-hoi-moi-" + self.now.isoformat()
            self.w.yaml(f"{p.folder}/questions/{slug}.yaml", {
                "asked": (self.now - dt.timedelta(days=rng.randint(0, 5))).isoformat(),
                "field": item_field, "question": question})

    # consultations and procurement (provinces) ---------------------------------------------------
    def consultation(self) -> None:
        p, rng = self.p, self.rng
        doc_type, title, summary = rng.choice(CONSULTATIONS)
        opens = self.now - dt.timedelta(days=rng.randint(3, 15))
        slug = "-".join(slugify(title).split("-")[:10])
        self.w.markdown(f"{p.folder}/consultations/{slug}.md", {
            "title": title, "summary": summary, "document_type": doc_type,
            "lead_agency": rng.choice(["Sở Tài chính", "Sở Nội vụ", "Sở Nông nghiệp và Môi trường", "Sở Tư pháp"])
            + f" {p.inner}",
            "opens": opens.isoformat(), "closes": (opens + dt.timedelta(days=30)).isoformat(),
            "comment_email": f"gopy@{p.domain}", "comment_address": self.address,
            "files": [{"file": f"{slug}.pdf", "title": "Toàn văn dự thảo"}],
        }, "\n\n".join([
            f"{p.agency} đề nghị các cơ quan, tổ chức, cá nhân nghiên cứu và góp ý cho dự thảo.",
            "## Cách gửi góp ý",
            f"- Gửi thư điện tử tới gopy@{p.domain};\n- Gửi văn bản về {self.address}.",
        ]))
        self.w.binary(f"{p.folder}/consultations/{slug}.pdf", PDF_BYTES)

    def procurement(self) -> None:
        p, rng = self.p, self.rng
        kind, title, package, budget = rng.choice(PROCUREMENT)
        date = self.now - dt.timedelta(days=rng.randint(1, 20))
        slug = "-".join(slugify(title).split("-")[:10])
        front = {"title": title, "date": date.isoformat(), "kind": kind,
                 "investor": f"Ban Quản lý dự án đầu tư xây dựng {p.inner}", "package": package,
                 "budget": budget, "summary": f"{title} do Ban Quản lý dự án {p.inner} làm chủ đầu tư."}
        if kind == "thong-bao-moi-thau":
            front["deadline"] = f"{(self.now + dt.timedelta(days=20)).isoformat()} 09:00"
        self.w.markdown(f"{p.folder}/procurement/{slug}.md", front,
                        "Thông tin chi tiết được đăng tải trên Hệ thống mạng đấu thầu quốc gia.")

    # plans, budget, disclosures (nd42-2022: NĐ 42/2022 Điều 4 khoản 1; Luật Thực hiện dân chủ ở cơ sở) ---
    def _on_or_before_now(self, day: dt.date) -> dt.date:
        return min(previous_working_day(day), self.now)

    def _published(self, issued: dt.date, most_working_days: int) -> dt.date:
        """Published a few working days after it was issued (within the deadline), never after now."""
        return min(add_working_days(issued, self.rng.randint(1, most_working_days)), self.now)

    def _last_quarter(self) -> tuple[int, int, dt.date]:
        """The latest quarter whose execution report is due by now (15 days after its end, the
        ``budget-deadline`` rule): (year, quarter, its last day)."""
        year, quarter = self.now.year, (self.now.month - 1) // 3 + 1
        while True:
            quarter -= 1
            if quarter == 0:
                year, quarter = year - 1, 4
            end = dt.date(year, quarter * 3, 31 if quarter in (1, 4) else 30)
            if end + dt.timedelta(days=15) < self.now:
                return year, quarter, end

    def plans(self) -> None:
        p, rng, year = self.p, self.rng, self.now.year
        folder = f"{p.folder}/plans"
        issued = self._on_or_before_now(dt.date(year, 1, rng.randint(5, 12)))
        self.w.markdown(f"{folder}/ke-hoach-cong-tac-nam-{year}.md", {
            "title": f"Kế hoạch công tác năm {year} của {p.agency}", "kind": "ke-hoach-nam", "year": year,
            "number": f"{rng.randint(2, 15):02d}/KH-UBND", "issuer": p.agency, "issue_date": issued.isoformat(),
            "published": self._published(issued, 4).isoformat(),
            "summary": f"Mục tiêu, nhiệm vụ trọng tâm năm {year} và phân công thực hiện cho các "
                       f"{'sở, ban, ngành' if self.is_province else 'phòng, ban chuyên môn'}.",
        }, f"Kế hoạch gồm {rng.randint(4, 7)} nhóm nhiệm vụ trọng tâm; các cơ quan, đơn vị báo cáo kết quả "
           f"thực hiện hằng quý về {self.office}.")
        issued = previous_working_day(dt.date(year - 1, 12, rng.randint(15, 24)))
        done = rng.randint(14, 22)
        self.w.markdown(f"{folder}/bao-cao-ket-qua-nam-{year - 1}.md", {
            "title": f"Báo cáo kết quả thực hiện nhiệm vụ phát triển kinh tế – xã hội năm {year - 1}",
            "kind": "bao-cao-ket-qua", "year": year - 1,
            "number": f"{rng.randint(150, 900 if self.is_province else 420)}/BC-UBND", "issuer": p.agency,
            "issue_date": issued.isoformat(), "published": self._published(issued, 4).isoformat(),
            "summary": f"Kết quả thực hiện các chỉ tiêu kinh tế – xã hội năm {year - 1}; tồn tại, hạn chế và "
                       f"phương hướng, nhiệm vụ năm {year}.",
        }, f"Năm {year - 1}, {p.inner} hoàn thành và vượt {done}/{done + rng.randint(0, 3)} chỉ tiêu chủ yếu "
           "do Hội đồng nhân dân giao.")
        kind, symbol, title, summary, _types = rng.choice([x for x in PLANS if x[4] is None or p.type in x[4]])
        issued = self._on_or_before_now(dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(20, 120)))
        title = self.sub(title, Y=year)
        self.w.markdown(f"{folder}/{'-'.join(slugify(title).split('-')[:8])}.md", {
            "title": title, "kind": kind, "number": f"{rng.randint(16, 300)}/{symbol}", "issuer": p.agency,
            "issue_date": issued.isoformat(), "published": self._published(issued, 8).isoformat(),
            "summary": summary,
        }, "Các cơ quan, đơn vị căn cứ chức năng, nhiệm vụ xây dựng kế hoạch chi tiết và tổ chức thực hiện.")

    def budget(self) -> None:
        """The year's estimate and the last quarter's execution: each needs its forms (one PDF)."""
        p, rng, year = self.p, self.rng, self.now.year
        folder = f"{p.folder}/budget"
        if self.is_province:
            big = p.code in ("01", "79")
            revenue, unit = rng.randint(380_000, 620_000) if big else rng.randint(9_000, 95_000), "tỷ đồng"
        else:
            revenue = rng.randint(20_000, 150_000) if p.type == "phuong" else rng.randint(8_000, 60_000)
            unit = "triệu đồng"
        spending = int(revenue * rng.uniform(0.7, 1.05))
        issued = previous_working_day(dt.date(year - 1, 12, rng.randint(8 if self.is_province else 15, 22)))
        published = min(previous_working_day(issued + dt.timedelta(days=rng.randint(8, 25))), self.now)
        self.w.markdown(f"{folder}/du-toan-ngan-sach-{year}.md", {
            "title": f"Công khai dự toán ngân sách {p.word} năm {year}", "kind": "du-toan", "year": year,
            "number": f"{rng.randint(10, 120)}/NQ-HĐND", "issue_date": issued.isoformat(),
            "published": published.isoformat(),
            "summary": f"Tổng thu ngân sách nhà nước trên địa bàn {vn_number(revenue)} {unit}; tổng chi ngân "
                       f"sách {p.word} {vn_number(spending)} {unit}.",
            "files": [{"file": f"du-toan-{year}.pdf", "title": "Biểu công khai dự toán (PDF)"}],
        }, f"Dự toán được Hội đồng nhân dân {p.inner} quyết định tại kỳ họp thường lệ cuối năm {year - 1}.")
        self.w.binary(f"{folder}/du-toan-{year}.pdf", PDF_BYTES)
        q_year, quarter, end = self._last_quarter()
        months = "cả năm" if quarter == 4 else f"{quarter * 3} tháng"
        slug = f"thuc-hien-quy-{quarter}-{q_year}"
        self.w.markdown(f"{folder}/thuc-hien-du-toan-quy-{quarter}-{q_year}.md", {
            "title": f"Công khai tình hình thực hiện dự toán ngân sách {p.word} quý {ROMAN_QUARTERS[quarter]} "
                     f"năm {q_year}",
            "kind": "thuc-hien-quy", "year": q_year, "quarter": quarter,
            "published": min(add_working_days(end, rng.randint(3, 8)), self.now).isoformat(),
            "summary": f"Thu ngân sách {months} đạt {rng.randint(quarter * 25 - 8, quarter * 25 + 12)}% dự "
                       f"toán, chi đạt {rng.randint(quarter * 25 - 14, quarter * 25 + 3)}% dự toán.",
            "files": [{"file": f"{slug}.pdf", "title": "Biểu công khai (PDF)"}],
        }, rng.choice(["Thu từ tiền sử dụng đất đạt thấp do chưa tổ chức đấu giá quyền sử dụng đất theo kế hoạch.",
                       "Chi đầu tư phát triển đạt thấp do một số công trình đang hoàn thiện thủ tục thanh toán.",
                       "Các khoản thu từ thuế, phí đạt khá so với cùng kỳ năm trước."]))
        self.w.binary(f"{folder}/{slug}.pdf", PDF_BYTES)

    def disclosures(self) -> None:
        p, rng, year = self.p, self.rng, self.now.year
        folder = f"{p.folder}/disclosures"
        q_year, quarter, end = self._last_quarter()
        # list of the information made public (Luật Tiếp cận thông tin, Điều 17–19)
        issued = self._on_or_before_now(dt.date(year, rng.randint(1, 2), rng.randint(5, 25)))
        rows = [("Văn bản quy phạm pháp luật, văn bản hành chính có giá trị áp dụng chung", "Mục Văn bản"),
                ("Thủ tục hành chính", "Mục Thủ tục hành chính"),
                ("Dự toán, tình hình thực hiện, quyết toán ngân sách", "Mục Công khai ngân sách"),
                ("Chiến lược, chương trình, kế hoạch", "Mục Chiến lược, kế hoạch"),
                ("Dự án, đấu thầu, mua sắm công", "Mục Đấu thầu, mua sắm công")]
        rows.append(("Thông tin thống kê", "Mục Thông tin công khai") if self.is_province else
                    ("Nội dung công khai theo Luật Thực hiện dân chủ ở cơ sở", "Mục Thông tin công khai"))
        self.w.markdown(f"{folder}/danh-muc-thong-tin-phai-cong-khai.md", {
            "title": f"Danh mục thông tin phải được công khai của {p.agency}", "kind": "danh-muc-thong-tin",
            "number": f"{rng.randint(5, 60)}/QĐ-UBND", "issuer": p.agency, "issue_date": issued.isoformat(),
            "published": self._published(issued, 3).isoformat(),
            "summary": "Các nhóm thông tin cơ quan chủ động công khai, hình thức và thời điểm công khai theo "
                       "Luật Tiếp cận thông tin.",
        }, "\n".join(["| Nhóm thông tin | Nơi công khai |", "|---|---|", *(f"| {a} | {b} |" for a, b in rows)]))
        # dissemination of laws (within 15 working days of issue)
        law, about = rng.choice(LAWS)
        issued = self._on_or_before_now(self.now - dt.timedelta(days=rng.randint(5, 60)))
        self.w.markdown(f"{folder}/tuyen-truyen-{'-'.join(slugify(law).split('-')[:6])}.md", {
            "title": f"Tuyên truyền, phổ biến {law} và các văn bản hướng dẫn", "kind": "pho-bien-phap-luat",
            "number": f"{rng.randint(20, 300)}/KH-UBND", "issuer": p.agency, "issue_date": issued.isoformat(),
            "published": self._published(issued, 6).isoformat(),
            "summary": f"Những điểm mới của {law} về {about}.",
        }, "Người dân có thể hỏi trực tiếp tại Bộ phận Một cửa hoặc qua mục Hỏi đáp của cổng.")
        # direction and administration: answers to petitions, commendations or sanctions
        kind, symbol, title, summary, body = rng.choice(DIRECTION)
        title = title.format(Y=year, Q=ROMAN_QUARTERS[quarter])
        issued = self._on_or_before_now(self.now - dt.timedelta(days=rng.randint(5, 45)))
        self.w.markdown(f"{folder}/{'-'.join(slugify(title).split('-')[:8])}.md", {
            "title": title, "kind": kind, "number": f"{rng.randint(30, 900)}/{symbol}", "issuer": p.agency,
            "issue_date": issued.isoformat(), "published": self._published(issued, 3).isoformat(),
            "summary": summary,
        }, body.format(Y1=year + 1))
        if self.is_province:
            self._statistics(folder)
        else:
            self._commune_disclosures(folder, q_year, quarter, end)

    def _statistics(self, folder: str) -> None:
        p, rng = self.p, self.rng
        published = self._on_or_before_now(self.now - dt.timedelta(days=rng.randint(5, 25)))
        months = published.month - 1
        period = f"{months} tháng năm {published.year}" if months else f"năm {published.year - 1}"
        rows = [("Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP, ước)", f"tăng {vn_number(rng.uniform(6, 10.5), 1)}%"),
                ("Chỉ số sản xuất công nghiệp", f"tăng {vn_number(rng.uniform(5, 16), 1)}%"),
                ("Thu ngân sách nhà nước trên địa bàn", f"đạt {rng.randint(70, 105)}% dự toán"),
                ("Vốn đầu tư công đã giải ngân", f"đạt {rng.randint(55, 85)}% kế hoạch"),
                ("Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ", f"tăng {vn_number(rng.uniform(7, 14), 1)}%")]
        self.w.markdown(f"{folder}/tinh-hinh-kinh-te-xa-hoi-{slugify(period)}.md", {
            "title": f"Số liệu thống kê tình hình kinh tế – xã hội {period}", "kind": "thong-ke",
            "issuer": f"Thống kê {p.inner}", "published": published.isoformat(),
            "summary": f"Tăng trưởng kinh tế, sản xuất công nghiệp, thu ngân sách, đầu tư công và thương mại "
                       f"trên địa bàn {p.inner} {period}.",
        }, "\n".join(["| Chỉ tiêu | So cùng kỳ, kế hoạch |", "|---|---|", *(f"| {a} | {b} |" for a, b in rows)]))

    def _commune_disclosures(self, folder: str, q_year: int, quarter: int, end: dt.date) -> None:
        """What Luật Thực hiện dân chủ ở cơ sở 2022 (Điều 11) has a commune make public."""
        p, rng, year = self.p, self.rng, self.now.year
        urban = p.type == "phuong"
        hamlets = "tổ dân phố" if urban else "thôn, tổ dân phố"
        received = rng.randint(5, 40)
        pending = min(rng.randint(0, 4), received)
        self.w.markdown(f"{folder}/ket-qua-giai-quyet-kien-nghi-quy-{quarter}-{q_year}.md", {
            "title": f"Kết quả tiếp nhận, giải quyết kiến nghị, phản ánh của công dân quý "
                     f"{ROMAN_QUARTERS[quarter]} năm {q_year}",
            "kind": "ket-qua-kien-nghi", "issuer": p.agency,
            "published": min(add_working_days(end, rng.randint(2, 7)), self.now).isoformat(),
            "summary": f"Tiếp nhận {received} kiến nghị, phản ánh; " + (
                f"đã giải quyết {received - pending}, đang giải quyết {pending}." if pending
                else "đã giải quyết xong toàn bộ."),
        }, "Các kiến nghị chủ yếu về đất đai, trật tự xây dựng, vệ sinh môi trường và hạ tầng khu dân cư.")
        issued = self._on_or_before_now(dt.date(year, rng.randint(1, 3), rng.randint(8, 28)))
        self.w.markdown(f"{folder}/ke-hoach-su-dung-dat-{year}.md", {
            "title": f"Công khai kế hoạch sử dụng đất năm {year} trên địa bàn {p.inner}",
            "kind": "quy-hoach-su-dung-dat", "issuer": f"Ủy ban nhân dân {p.parent.inner}",
            "issue_date": issued.isoformat(), "published": self._published(issued, 10).isoformat(),
            "summary": "Danh mục công trình, dự án thu hồi đất, chuyển mục đích sử dụng đất năm "
                       f"{year} để " + ("chỉnh trang đô thị, mở rộng trường học và bãi đỗ xe." if urban else
                                        "mở rộng trường mầm non, khu dân cư mới và giao thông nông thôn."),
        }, f"Bản đồ kế hoạch sử dụng đất được niêm yết tại trụ sở {p.agency} và nhà văn hóa các {hamlets}.")
        name, (low, high), _types = rng.choice([x for x in COMMUNE_PROJECTS if x[2] is None or p.type in x[2]])
        name = name.format(b=p.bare, u=p.inner)
        amount = rng.randint(low, high) // 10 * 10  # million đồng
        published = self._on_or_before_now(self.now - dt.timedelta(days=rng.randint(40, 200)))
        finish = published + dt.timedelta(days=rng.randint(200, 400))
        self.project = (name, amount, published)
        sources = f"ngân sách {p.word}" + ("" if urban or rng.random() < 0.5 else " và đóng góp của nhân dân")
        self.w.markdown(f"{folder}/{'-'.join(slugify(name).split('-')[:9])}.md", {
            "title": name, "kind": "du-an-tren-dia-ban", "issuer": p.agency, "published": published.isoformat(),
            "summary": f"Tổng mức đầu tư {vn_number(amount / 1000, 1)} tỷ đồng từ {sources}; dự kiến hoàn "
                       f"thành tháng {finish.month}/{finish.year}.",
        }, f"Nhân dân giám sát việc thực hiện dự án thông qua Ban Giám sát đầu tư của cộng đồng {p.inner}.")
        issued = self._on_or_before_now(dt.date(year, 1, rng.randint(5, 20)))
        fees = FEES[:2] + rng.sample(FEES[2:], 2)
        self.w.markdown(f"{folder}/phi-le-phi-{year}.md", {
            "title": f"Công khai các khoản phí, lệ phí và khoản đóng góp năm {year} của {p.inner}",
            "kind": "phi-le-phi", "issuer": p.agency, "published": issued.isoformat(),
            "summary": "Mức thu lệ phí hộ tịch, phí chứng thực và các khoản đóng góp tự nguyện của nhân dân.",
        }, "\n".join(["| Khoản thu | Mức thu |", "|---|---|",
                      *(f"| {a} | {b.format(t=p.parent.word)} |" for a, b in fees)]))

    def commune_procurement(self) -> None:
        """The commune's procurement for the project it disclosed (``_commune_disclosures``)."""
        p, rng = self.p, self.rng
        name, amount, announced = self.project
        works = name.removeprefix("Dự án ")  # "cải tạo, nâng cấp Trường Mầm non …"
        kind = rng.choice(["ke-hoach-lua-chon-nha-thau", "thong-bao-moi-thau", "ket-qua-lua-chon-nha-thau"])
        title = {"ke-hoach-lua-chon-nha-thau": f"Kế hoạch lựa chọn nhà thầu dự án {works}",
                 "thong-bao-moi-thau": f"Thông báo mời thầu gói thầu số 01 công trình {works}",
                 "ket-qua-lua-chon-nha-thau": f"Kết quả lựa chọn nhà thầu gói thầu số 01 công trình {works}"}[kind]
        if kind == "thong-bao-moi-thau":
            date = self.now - dt.timedelta(days=rng.randint(1, 10))
        else:
            date = min(announced + dt.timedelta(days=rng.randint(10, 40)), self.now)
        package = int(amount * rng.uniform(0.72, 0.88)) * 1_000_000
        front = {"title": title, "date": date.isoformat(), "kind": kind, "investor": p.agency,
                 "package": "Gói thầu số 01: Thi công xây dựng công trình",
                 "budget": f"{vn_number(package)} đồng",
                 "summary": rng.choice(["Chỉ định thầu rút gọn theo quy định của Luật Đấu thầu năm 2023.",
                                        "Đấu thầu rộng rãi trong nước, qua mạng, một giai đoạn một túi hồ sơ."])
                 + f" Thời gian thực hiện {rng.choice([120, 150, 180, 240])} ngày."}
        if kind == "thong-bao-moi-thau":
            front["deadline"] = f"{(self.now + dt.timedelta(days=rng.randint(10, 20))).isoformat()} 09:00"
        self.w.markdown(f"{p.folder}/procurement/{'-'.join(slugify(title).split('-')[:10])}.md", front,
                        "Thông tin chi tiết được đăng tải trên Hệ thống mạng đấu thầu quốc gia.")


# --- portal-wide files ------------------------------------------------------------------------------


def write_portal_yaml(writer: Writer) -> None:
    data = {
        "name": "Cổng thông tin điện tử các địa phương (dữ liệu mẫu để đo hiệu năng)",
        "base_url": "https://congthongtin.example.gov.vn/",
        "language": "vi",
        "regime": "nd42-2022",
        "national_portal_url": "https://dichvucong.gov.vn/",
        "levels": [
            {"key": "province", "title": "Cấp tỉnh", "title_en": "Province", "code_digits": 2,
             "unit_types": ["tinh", "thanh-pho-truc-thuoc-trung-uong"]},
            {"key": "commune", "title": "Cấp xã", "title_en": "Commune", "code_digits": 5,
             "unit_types": ["xa", "phuong", "dac-khu"]},
        ],
        "news_categories": dict(NEWS_CATEGORIES),
        "holidays": [d.isoformat() for d in HOLIDAYS],
    }
    header = ("# Cổng mẫu sinh bởi benchmarks/generate_portal.py: 34 tỉnh, thành phố và 3.321 xã, phường,\n"
              "# đặc khu sau sắp xếp năm 2025 (tỉnh › xã). Mã và tên đơn vị là thật; nội dung là giả định.\n")
    writer.yaml("portal.yaml", data, header)


def write_catalog(writer: Writer) -> None:
    for level, procedures in CATALOG.items():
        level_title = "Cấp tỉnh" if level == "province" else "Cấp xã"
        for proc in procedures:
            data = {
                "code": proc["code"], "name": proc["name"], "field": proc["field"],
                "implementing_level": level_title,
                "steps": [
                    "Tổ chức, cá nhân chuẩn bị hồ sơ đầy đủ theo quy định và nộp tại Bộ phận Một cửa "
                    "hoặc trực tuyến trên Cổng Dịch vụ công quốc gia.",
                    "Cán bộ tiếp nhận kiểm tra hồ sơ; trường hợp hồ sơ chưa đầy đủ thì hướng dẫn bổ sung, "
                    "hoàn thiện một lần.",
                    "Cơ quan có thẩm quyền giải quyết và trả kết quả theo thời hạn quy định.",
                ],
                "methods": [
                    {"method": "truc-tiep", "processing_time": proc["time"], "fee": proc["fee"]},
                    {"method": "buu-chinh", "processing_time": proc["time"], "fee": proc["fee"]},
                    {"method": "truc-tuyen", "processing_time": proc["time"], "fee": proc["fee"],
                     "note": "Nộp qua Cổng Dịch vụ công quốc gia hoặc ứng dụng VNeID"},
                ],
                "dossier": [{"name": d, "copies": 1, "original": i == 0} for i, d in enumerate(proc["dossier"])],
                "processing_time": proc["time"],
                "applicants": "Công dân Việt Nam, người nước ngoài, tổ chức có yêu cầu",
                "agency": proc["agency"],
                "agency_address": "Bộ phận Một cửa của cơ quan thực hiện",
                "result": proc["result"],
                "fees": proc["fee"],
                "legal_basis": proc["basis"],
                "online_level": "toan-trinh",
                "online_url": ONLINE_URL + proc["code"],
            }
            writer.yaml(f"catalog/procedures/{level}/{proc['slug']}.yaml", data)


# --- entry points -----------------------------------------------------------------------------------


def generate(out_dir: Path | str, provinces: int | None = None, communes_per_province: int | None = None,
             news_per_unit: int = DEFAULT_NEWS, documents_per_unit: int = DEFAULT_DOCUMENTS,
             now: dt.date = DEFAULT_NOW, data_path: Path | str = DEFAULT_DATA, seed: int = DEFAULT_SEED,
             clean: bool = False) -> Stats:
    """Write a portal into ``out_dir`` (which must be empty or absent unless ``clean``)."""
    started = time.perf_counter()
    out = Path(out_dir)
    if out.exists() and any(out.iterdir()):
        if not clean:
            raise FileExistsError(f"{out} is not empty (pass clean=True / --clean to replace it)")
        if not (out / "portal.yaml").is_file():
            raise FileExistsError(f"{out} does not look like a generated portal (no portal.yaml); not removing it")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    if news_per_unit < 1 or documents_per_unit < 1:
        raise ValueError("every unit needs at least one news item and one document to meet nd42-2022")
    places = load_places(Path(data_path), provinces, communes_per_province)
    writer = Writer(out)
    write_portal_yaml(writer)
    write_catalog(writer)
    for province in places:
        for place in [province, *province.children]:
            UnitGenerator(writer, place, now, seed, news_per_unit, documents_per_unit).run()
    writer.stats.seconds = time.perf_counter() - started
    return writer.stats


def _parse_now(text: str) -> dt.date:
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (use 2026-11-27)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir", metavar="OUT_DIR", type=Path, help="folder to write the portal into")
    parser.add_argument("--provinces", type=int, metavar="N", help="first N provinces only (default: all 34)")
    parser.add_argument("--communes-per-province", type=int, metavar="M",
                        help="first M communes of each province (default: all)")
    parser.add_argument("--news-per-unit", type=int, default=DEFAULT_NEWS, metavar="K",
                        help=f"news items per unit (default {DEFAULT_NEWS})")
    parser.add_argument("--documents-per-unit", type=int, default=DEFAULT_DOCUMENTS, metavar="D",
                        help=f"documents per unit, each with a PDF (default {DEFAULT_DOCUMENTS})")
    parser.add_argument("--now", type=_parse_now, default=DEFAULT_NOW, metavar="DATE",
                        help=f"the date the content is fresh for (default {DEFAULT_NOW})")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, metavar="PATH",
                        help="dvhcvn merges.json (default: $PORTALGEN_DVHCVN or %(default)s)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default %(default)s)")
    parser.add_argument("--clean", action="store_true", help="replace OUT_DIR if it holds a generated portal")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        parser.error(f"data file not found: {args.data} (see --data)")
    try:
        stats = generate(args.out_dir, args.provinces, args.communes_per_province, args.news_per_unit,
                         args.documents_per_unit, args.now, args.data, args.seed, args.clean)
    except (FileExistsError, ValueError) as exc:
        parser.error(str(exc))
    print(f"{args.out_dir}: {stats.units:,} units, {stats.files:,} files ({stats.content_files:,} YAML/Markdown), "
          f"{stats.bytes / 1e6:.1f} MB in {stats.seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
