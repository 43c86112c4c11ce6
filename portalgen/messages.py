"""The problem catalogue: per code its default severity, message and hint in Vietnamese and English.

Templates use ``str.format`` fields filled from a problem's ``args``; ``{field}``
is the field concerned.  Codes are stable: editors' tools and CI filters rely on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Entry:
    severity: str
    vi: str
    en: str
    hint_vi: str
    hint_en: str


def _e(severity: str, vi: str, en: str, hint_vi: str, hint_en: str) -> Entry:
    return Entry(severity, vi, en, hint_vi, hint_en)


CATALOGUE: dict[str, Entry] = {
    # --- reading files -------------------------------------------------------------------------
    "FILE_NOT_UTF8": _e(
        "error",
        "Tệp không dùng bảng mã UTF-8 (byte không hợp lệ ở cột {col}).",
        "The file is not UTF-8 (invalid byte at column {col}).",
        "Mở tệp và lưu lại với bảng mã UTF-8 (Unicode); trong Notepad: Lưu thành › Mã hóa: UTF-8.",
        "Open the file and save it again as UTF-8 (Unicode)."),
    "FILE_TOO_LARGE": _e(
        "error",
        "Tệp “{file}” quá lớn ({size}); giới hạn là {limit}.",
        "The file \"{file}\" is too large ({size}); the limit is {limit}.",
        "Giảm dung lượng tệp (nén ảnh, xuất PDF với chất lượng thấp hơn) hoặc chia thành nhiều tệp.",
        "Make the file smaller (compress images, export the PDF at lower quality) or split it."),
    "FILE_UNREADABLE": _e(
        "error",
        "Không đọc được tệp: {reason}.",
        "The file cannot be read: {reason_en}.",
        "Kiểm tra quyền đọc tệp và đường dẫn; nếu là liên kết (symlink) hãy thay bằng tệp thật.",
        "Check the file's permissions and path; replace a symbolic link with the real file."),
    "TEXT_NOT_NFC": _e(
        "warning",
        "Chữ “{word}” (cột {col}) ở dạng tổ hợp (dấu gõ rời), không phải Unicode dựng sẵn; đã tự chuẩn hóa "
        "khi đọc.",
        "The word \"{word}\" (column {col}) uses combining marks instead of precomposed Unicode (NFC); it was "
        "normalised on load.",
        "Gõ bằng Unikey với bảng mã “Unicode dựng sẵn”, hoặc chuyển mã tệp sang Unicode dựng sẵn rồi lưu lại.",
        "Type with the \"Unicode precomposed\" charset, or convert the file to NFC and save it."),
    "TEXT_LEGACY_ENCODING": _e(
        "error",
        "Đoạn chữ “{sample}” có vẻ được dán từ phông chữ cũ {encoding}, người đọc sẽ thấy chữ lỗi.",
        "The text \"{sample}\" looks pasted from a legacy {encoding} font; readers would see garbage.",
        "Chuyển mã đoạn văn sang Unicode (Unikey › Công cụ chuyển mã: nguồn {encoding}, đích Unicode) rồi dán lại.",
        "Convert the text to Unicode (e.g. Unikey's converter, source {encoding}, target Unicode) and paste it again."),
    "YAML_SYNTAX": _e(
        "error",
        "Phần thông tin (YAML) viết sai cú pháp nên không đọc được tệp, từ chỗ này trở đi.",
        "YAML syntax error: {detail}.",
        "Kiểm tra dòng này và dòng ngay trên: thụt lề bằng dấu cách, có “: ” sau tên trường, dấu nháy mở thì "
        "phải đóng.",
        "Check this line and the one above: indentation with spaces, \": \" after each field name, every "
        "opening quote closed."),
    "YAML_DUPLICATE_KEY": _e(
        "error",
        "Trường “{key}” được khai báo hai lần (lần đầu ở dòng {first_line}).",
        "The field \"{key}\" is given twice (first on line {first_line}).",
        "Xóa một trong hai dòng, giữ lại giá trị đúng.",
        "Delete one of the two lines, keeping the right value."),
    "YAML_NOT_MAPPING": _e(
        "error",
        "Nội dung phải là các dòng “tên trường: giá trị”, nhưng tệp chứa {found}.",
        "The content must be \"field: value\" lines, but the file holds {found}.",
        "Xem tệp mẫu cùng loại trong hướng dẫn biên tập (docs/huong-dan-bien-tap.md).",
        "See a sample file of the same type in the editors' guide (docs/huong-dan-bien-tap.md)."),
    "YAML_TOO_COMPLEX": _e(
        "error",
        "Cấu trúc YAML quá sâu hoặc tham chiếu vòng (anchor/alias) quá nhiều.",
        "The YAML structure is nested too deeply or uses too many anchors/aliases.",
        "Viết lại tệp không dùng ký hiệu & và * (anchor, alias).",
        "Rewrite the file without & and * (anchors and aliases)."),
    "YAML_BAD_KEY": _e(
        "error",
        "Tên trường phải là chữ, không được là danh sách hay bảng.",
        "A field name must be plain text, not a list or mapping.",
        "Viết mỗi trường thành một dòng “tên: giá trị”.",
        "Write each field as a \"name: value\" line."),
    "FRONT_MATTER_MISSING": _e(
        "error",
        "Bài viết Markdown phải mở đầu bằng phần thông tin nằm giữa hai dòng ---.",
        "A Markdown file must start with front matter between two --- lines.",
        "Thêm ở đầu tệp một dòng ---, các dòng “tên: giá trị” (title, date…), rồi một dòng --- trước nội dung.",
        "Add a --- line at the top, the \"name: value\" lines (title, date…), then a --- line before the text."),
    "FRONT_MATTER_UNCLOSED": _e(
        "error",
        "Phần thông tin đầu bài mở bằng --- nhưng không có dòng --- kết thúc.",
        "The front matter opened with --- is never closed by a --- line.",
        "Thêm một dòng chỉ có --- sau trường cuối cùng, trước nội dung bài.",
        "Add a line holding only --- after the last field, before the text."),
    # --- schema ----------------------------------------------------------------------------------
    "FIELD_MISSING": _e(
        "error",
        "Thiếu trường bắt buộc “{field}” ({title}).",
        "The required field \"{field}\" is missing.",
        "Thêm dòng “{key}: …”. {description}",
        "Add a line \"{key}: …\"."),
    "FIELD_UNKNOWN": _e(
        "error",
        "Trường “{field}” không có trong mẫu {content_type}.{suggestion_vi}",
        "The field \"{field}\" is not part of the {content_type_en} schema.{suggestion_en}",
        "Các trường hợp lệ: {allowed}.",
        "Valid fields: {allowed}."),
    "FIELD_TYPE": _e(
        "error",
        "Trường “{field}” ({title}) phải là {expected}, nhưng đang là {found}.",
        "The field \"{field}\" must be {expected_en}, not {found_en}.",
        "{description}",
        "Check the value's form; quote text that YAML would read otherwise."),
    "FIELD_ENUM": _e(
        "error",
        "Giá trị “{value}” của trường “{field}” ({title}) không hợp lệ.{suggestion_vi}",
        "\"{value}\" is not a valid value of \"{field}\".{suggestion_en}",
        "Chọn một trong: {allowed}.",
        "Choose one of: {allowed}."),
    "FIELD_PATTERN": _e(
        "error",
        "Giá trị “{value}” của trường “{field}” ({title}) không đúng dạng.",
        "\"{value}\" does not have the form required for \"{field}\".",
        "{description}",
        "See the field's description in the editors' guide."),
    "FIELD_EMPTY": _e(
        "error",
        "Trường “{field}” ({title}) đang để trống.",
        "The field \"{field}\" is empty.",
        "Điền nội dung, hoặc xóa dòng này nếu trường không bắt buộc. {description}",
        "Fill it in, or delete the line if the field is optional."),
    "FIELD_TOO_LONG": _e(
        "error",
        "Trường “{field}” ({title}) quá dài ({length} ký tự; tối đa {limit}).",
        "The field \"{field}\" is too long ({length} characters; at most {limit}).",
        "Rút gọn nội dung; phần chi tiết đưa vào thân bài.",
        "Shorten it; put the detail in the body."),
    "FIELD_RANGE": _e(
        "error",
        "Giá trị {value} của trường “{field}” ({title}) nằm ngoài khoảng cho phép ({limit}).",
        "The value {value} of \"{field}\" is out of range ({limit}).",
        "{description}",
        "Use a value within the range."),
    "FIELD_INVALID": _e(
        "error",
        "Trường “{field}” ({title}) không hợp lệ: {detail}.",
        "The field \"{field}\" is invalid: {detail}.",
        "{description}",
        "See the field's description in the editors' guide."),
    "DATE_INVALID": _e(
        "error",
        "“{value}” ở trường “{field}” ({title}) không phải ngày hợp lệ.",
        "\"{value}\" in \"{field}\" is not a valid date.",
        "Viết ngày theo dạng NĂM-THÁNG-NGÀY, ví dụ 2026-11-27 (giờ nếu có: 2026-11-27 08:30).",
        "Write dates as YEAR-MONTH-DAY, e.g. 2026-11-27 (with a time: 2026-11-27 08:30)."),
    "EMAIL_INVALID": _e(
        "error",
        "“{value}” ở trường “{field}” ({title}) không phải địa chỉ thư điện tử hợp lệ.",
        "\"{value}\" in \"{field}\" is not a valid e-mail address.",
        "Viết đầy đủ dạng ten@coquan.gov.vn, không có dấu cách.",
        "Write the full address, like name@agency.gov.vn, without spaces."),
    # --- portal structure ------------------------------------------------------------------------
    "CONFIG_MISSING": _e(
        "error",
        "Không tìm thấy tệp cấu hình portal.yaml trong thư mục cổng.",
        "portal.yaml was not found in the portal folder.",
        "Chạy lệnh trong thư mục gốc của cổng, hoặc chỉ đúng thư mục: portalgen check sites/.",
        "Run the command in the portal's root folder or pass it: portalgen check sites/."),
    "CMS_SCRIPT_MISSING": _e(
        "error",
        "Không có tệp Decap CMS “{script}” (trường cms.script) trong thư mục cổng.",
        "The Decap CMS file \"{script}\" (cms.script) is not in the portal folder.",
        "Bỏ dòng cms.script để dùng gói npm decap-cms đã cài (npm ci), hoặc sửa đường dẫn; hoặc bỏ phần cms "
        "nếu không dùng trang quản trị. Xem docs/cms.md.",
        "Remove cms.script to use the installed npm package decap-cms (npm ci), or correct the path; or remove "
        "the cms section. See docs/cms.md."),
    "CMS_PACKAGE_MISSING": _e(
        "error",
        "Chưa cài Decap CMS (gói npm decap-cms) cho trang quản trị nội dung.",
        "Decap CMS (the npm package decap-cms) is not installed for the web editor.",
        "Chạy npm ci ở thư mục gốc kho (package.json ghim phiên bản decap-cms), hoặc ghi đường dẫn tệp "
        "decap-cms.js trong thư mục cổng vào cms.script; hoặc bỏ phần cms. Xem docs/cms.md.",
        "Run npm ci at the repository's root (package.json pins decap-cms), or write the path of a "
        "decap-cms.js inside the portal folder in cms.script; or remove the cms section. See docs/cms.md."),
    "REGIME_UNKNOWN": _e(
        "error",
        "Không có bộ quy định nội dung “{regime}”.",
        "There is no content regime \"{regime}\".",
        "Các bộ quy định có sẵn: {available}.",
        "Available regimes: {available}."),
    "LEVELS_INVALID": _e(
        "error",
        "Khai báo các cấp không hợp lệ: {detail}.",
        "The levels are declared wrongly: {detail}.",
        "Mỗi cấp cần một mã (key) riêng; mỗi loại đơn vị chỉ thuộc một cấp.",
        "Each level needs its own key; each unit type belongs to one level only."),
    "POLICY_UNKNOWN_OBLIGATION": _e(
        "error",
        "Không có quy định “{obligation}” trong bộ quy định {regime}.{suggestion_vi}",
        "The regime {regime} has no obligation \"{obligation}\".{suggestion_en}",
        "Các mã quy định: {available}.",
        "Obligation ids: {available}."),
    "NO_UNITS": _e(
        "error",
        "Cổng chưa có đơn vị nào (thư mục có tệp unit.yaml).",
        "The portal has no unit (a folder with a unit.yaml).",
        "Tạo thư mục cho đơn vị cấp cao nhất và tệp unit.yaml trong đó.",
        "Create a folder for the top unit with a unit.yaml in it."),
    "FOLDER_UNKNOWN": _e(
        "warning",
        "Thư mục “{name}” không phải mục nội dung nào và không có unit.yaml, nên bị bỏ qua.{suggestion_vi}",
        "The folder \"{name}\" is not a content section and has no unit.yaml, so it is ignored.{suggestion_en}",
        "Các mục nội dung: {allowed}. Nếu đây là đơn vị cấp dưới, thêm tệp unit.yaml.",
        "Content sections: {allowed}. If it is a child unit, add a unit.yaml."),
    "UNIT_YAML_MISSING": _e(
        "error",
        "Thư mục “{name}” chứa đơn vị cấp dưới nhưng chính nó thiếu tệp unit.yaml.",
        "The folder \"{name}\" holds child units but has no unit.yaml itself.",
        "Thêm tệp unit.yaml cho đơn vị này, hoặc chuyển các đơn vị cấp dưới lên đúng chỗ.",
        "Add a unit.yaml for this unit, or move the child units to the right place."),
    "FILE_UNEXPECTED": _e(
        "warning",
        "Tệp “{name}” không thuộc loại nội dung của mục {section} nên bị bỏ qua.",
        "The file \"{name}\" is not a content file of the {section} section and is ignored.",
        "Mục {section} dùng tệp {expected}.",
        "The {section} section uses {expected} files."),
    "FILE_NAME_NOT_SLUG": _e(
        "error",
        "Tên “{name}” được dùng làm địa chỉ web nên chỉ được có chữ thường không dấu, chữ số và dấu gạch ngang.",
        "The name \"{name}\" becomes a web address, so it may hold only lowercase letters without marks, "
        "digits and hyphens.",
        "Đổi tên thành “{suggestion}”.",
        "Rename it to \"{suggestion}\"."),
    "FILE_NAME_TOO_LONG": _e(
        "error",
        "Tên tệp hoặc thư mục “{name}” quá dài ({length} ký tự).",
        "The file or folder name \"{name}\" is too long ({length} characters).",
        "Đặt tên ngắn hơn, khoảng {limit} ký tự là đủ.",
        "Use a shorter name; about {limit} characters is plenty."),
    "FILE_NAME_NOT_UTF8": _e(
        "error",
        "Tên “{name}” có byte không phải chữ UTF-8 (hiện thành “�”), nên không đọc, không liên kết và không "
        "đăng được; tệp hoặc thư mục này bị bỏ qua.",
        "The name \"{name}\" has bytes that are not UTF-8 text (shown as \"�\"), so it cannot be read, linked "
        "or published; the file or folder is ignored.",
        "Đổi tên thành “{suggestion}” (thường do chép từ máy dùng bảng mã cũ hoặc giải nén tệp ZIP tạo trên "
        "Windows); nếu tên cũ được dùng trong bài, sửa cả ở đó.",
        "Rename it to \"{suggestion}\" (it usually comes from a machine with a legacy encoding or a ZIP made on "
        "Windows); if the old name is used in an item, change it there too."),
    "FOLDER_UNREADABLE": _e(
        "error",
        "Không mở được thư mục “{name}”: {reason}. Mọi nội dung trong đó bị bỏ qua: không được kiểm tra, "
        "không được đăng.",
        "The folder \"{name}\" cannot be opened: {reason_en}. Everything in it is left out: not checked, "
        "not published.",
        "Nhờ quản trị kỹ thuật cấp quyền đọc thư mục cho tài khoản chạy portalgen (ví dụ chmod -R u+rwX); "
        "nếu là liên kết (symlink) hỏng, thay bằng thư mục thật.",
        "Ask the IT team to let the account running portalgen read the folder (e.g. chmod -R u+rwX); "
        "if it is a broken symbolic link, replace it with the real folder."),
    "FILE_NAME_HOSTING": _e(
        "warning",
        "Tên “{name}” {reason}: máy chủ Windows và nhiều máy chủ FTP không nhận tên này, nên tệp có thể "
        "không tải lên được hoặc liên kết tới nó bị hỏng.",
        "The name \"{name}\" {reason_en}: Windows hosts and many FTP servers refuse it, so the file may not "
        "upload or its link may break.",
        "Đổi tên tệp thành “{suggestion}” và sửa tên ở nơi dùng nó.",
        "Rename the file to \"{suggestion}\" and change the name where it is used."),
    "FILE_NAME_CONTROL": _e(
        "error",
        "Tên “{name}” có ký tự điều khiển ({chars}): ký tự vô hình, không gõ được, không bao giờ hợp lệ "
        "trong một liên kết và làm hỏng lệnh gửi tệp lên máy chủ FTP; tệp sẽ không được đăng.",
        "The name \"{name}\" has control characters ({chars}): invisible, impossible to type, never valid "
        "in a link, and they break the commands that upload files over FTP; the file will not be published.",
        "Đổi tên tệp thành “{suggestion}” và sửa tên ở nơi dùng nó.",
        "Rename the file to \"{suggestion}\" and change the name where it is used."),
    "FILE_NAME_CASE_CLASH": _e(
        "warning",
        "Thư mục “{folder}” có hai tệp tên chỉ khác nhau chữ hoa, chữ thường: “{name}” và “{other}”. "
        "Máy chủ Windows, nhiều máy chủ FTP và máy tính Windows coi đó là một tệp: tệp này có thể bị tệp kia đè.",
        "The folder \"{folder}\" has two files whose names differ only in case: \"{name}\" and \"{other}\". "
        "Windows hosts, many FTP servers and Windows computers take them for one file: one may replace the other.",
        "Đổi tên một trong hai tệp, ví dụ “{name}” thành “{suggestion}”, và sửa tên ở nơi dùng nó.",
        "Rename one of them, for example \"{name}\" to \"{suggestion}\", and change the name where it is used."),
    "SLUG_RESERVED": _e(
        "error",
        "Tên “{slug}” trùng với một địa chỉ portalgen tạo sẵn ({address}), nên sẽ đè lên trang đó.",
        "The name \"{slug}\" is an address portalgen already uses ({address}), so it would replace that page.",
        "Đổi tên tệp hoặc thư mục, ví dụ thêm một từ: “{slug}-don-vi”.",
        "Rename the file or folder, for example add a word: \"{slug}-don-vi\"."),
    "SLUG_DUPLICATE": _e(
        "error",
        "Hai mục trong {section} có cùng tên “{slug}” (trùng với {other}), nên sẽ trùng địa chỉ web.",
        "Two items in {section} share the name \"{slug}\" (also {other}), so their web addresses clash.",
        "Đổi tên một trong hai tệp.",
        "Rename one of the two files."),
    "UNIT_CODE_DUPLICATE": _e(
        "error",
        "Mã đơn vị “{code}” đã dùng cho {other}.",
        "The unit code \"{code}\" is already used by {other}.",
        "Mỗi đơn vị có một mã riêng theo danh mục hành chính; kiểm tra lại mã.",
        "Every unit has its own code from the administrative register; check it."),
    "UNIT_CODE_FORM": _e(
        "error",
        "Mã đơn vị “{code}” không đúng dạng: đơn vị {level} có mã {digits} chữ số.",
        "The unit code \"{code}\" has the wrong form: a {level_en} unit has a {digits}-digit code.",
        "Tra mã trong danh mục hành chính (danhmuchanhchinh.nso.gov.vn) và viết trong dấu nháy, ví dụ code: "
        "\"{example}\".",
        "Look the code up in the administrative register and quote it, e.g. code: \"{example}\"."),
    "UNIT_LEVEL_UNKNOWN": _e(
        "error",
        "Cấp “{level}” không được khai báo trong portal.yaml.{suggestion_vi}",
        "The level \"{level}\" is not declared in portal.yaml.{suggestion_en}",
        "Các cấp: {allowed}.",
        "Levels: {allowed}."),
    "UNIT_LEVEL_ORDER": _e(
        "error",
        "Đơn vị {level} không thể nằm ngay dưới đơn vị {parent_level}. {expected}",
        "A {level_en} unit cannot sit directly under a {parent_level_en} unit. {expected_en}",
        "Sửa trường level, hoặc chuyển thư mục đơn vị vào đúng đơn vị cấp trên.",
        "Fix the level field, or move the unit's folder under the right parent."),
    "UNIT_TYPE_LEVEL": _e(
        "error",
        "Loại đơn vị “{type}” không thuộc {level}.",
        "The unit type \"{type}\" does not belong to the {level_en} level.",
        "Các loại đơn vị của {level}: {allowed}.",
        "Unit types of this level: {allowed}."),
    "CATALOG_LEVEL_UNKNOWN": _e(
        "error",
        "Thư mục catalog/procedures/{level} không ứng với cấp nào trong portal.yaml.{suggestion_vi}",
        "catalog/procedures/{level} does not match a level of portal.yaml.{suggestion_en}",
        "Các cấp: {allowed}.",
        "Levels: {allowed}."),
    # the portal's theme overrides (themes/default/), written by the province's board
    "THEME_LINK": _e(
        "error",
        "“{file}” trong giao diện riêng của cổng là liên kết (symlink) hoặc không phải tệp thường; "
        "portalgen không dùng giao diện này.",
        "\"{file}\" in the portal's theme is a symbolic link or not a regular file; portalgen will not use the theme.",
        "Thay liên kết bằng một bản sao thật của tệp, đặt ngay trong thư mục themes/default/ của cổng, hoặc xóa nó.",
        "Replace the link with a real copy of the file inside the portal's themes/default/ folder, or delete it."),
    "THEME_TEMPLATE_SYNTAX": _e(
        "error",
        "Mẫu trang “{template}” có lỗi cú pháp (thông báo gốc của Jinja: “{detail}”).",
        "The template \"{template}\" has a syntax error: {detail}.",
        "Sửa dòng được chỉ ra (thẻ {{% … %}} hoặc {{{{ … }}}} chưa đóng, tên bộ lọc sai…); đối chiếu với mẫu cùng tên "
        "trong giao diện mặc định của portalgen (themes/default/templates/).",
        "Fix the line shown (an unclosed {{% … %}} or {{{{ … }}}}, a misspelt filter…); compare with the template "
        "of the same name in portalgen's default theme (themes/default/templates/)."),
    "THEME_TEMPLATE_UNUSED": _e(
        "warning",
        "Mẫu trang “{template}” không được giao diện dùng: không trang nào dựng từ mẫu này và không mẫu nào nhúng nó.",
        "The template \"{template}\" is not used by the theme: no page is made from it and no template includes it.",
        "Đặt đúng tên mẫu của giao diện mặc định (ví dụ news_item.html) nếu muốn thay mẫu đó; "
        "nếu không cần thì xóa tệp.",
        "Name it after a template of the default theme (e.g. news_item.html) to replace that one; "
        "otherwise delete it."),
    "THEME_TEMPLATE_FAILED": _e(
        "error",
        "Mẫu trang “{template}” bị lỗi khi dựng trang: {detail}. Không trang nào được ghi.",
        "The template \"{template}\" failed while making a page: {detail}. No page was written.",
        "Sửa mẫu ở dòng được chỉ ra: chỉ dùng các trường, bộ lọc có trong mẫu mặc định; mẫu trang không được gọi "
        "đến phần bên trong của Python (__class__, __globals__…).",
        "Fix the template at the line shown: use only the fields and filters the default templates use; a template "
        "may not reach Python's internals (__class__, __globals__…)."),
    "THEME_STRING_UNKNOWN": _e(
        "warning",
        "Chuỗi “{field}” không có trong giao diện và không mẫu trang nào của cổng dùng nó.",
        "The string \"{field}\" is not part of the theme and no template of the portal uses it.",
        "Kiểm tra tên chuỗi (so với themes/default/messages.yaml của portalgen) và mã ngôn ngữ (chỉ vi, en).",
        "Check the string's name (against portalgen's themes/default/messages.yaml) and the language (vi, en only)."),
    "THEME_STRING_LANGUAGE_MISSING": _e(
        "error",
        "Chuỗi “{field}” thiếu bản “{language}” (vi: tiếng Việt, en: tiếng Anh).",
        "The string \"{field}\" has no \"{language}\" version (vi: Vietnamese, en: English).",
        "Viết cả hai bản trên một dòng, ví dụ: {field}: {{vi: \"Tin tức\", en: \"News\"}}.",
        "Give both versions on one line, e.g. {field}: {{vi: \"Tin tức\", en: \"News\"}}."),
    "THEME_VALUE_TYPE": _e(
        "error",
        "“{field}” phải là {expected}.",
        "\"{field}\" must be {expected_en}.",
        "Xem cách viết trong tệp cùng tên của giao diện mặc định (themes/default/); đặt chữ trong dấu nháy kép.",
        "See the file of the same name in the default theme (themes/default/); put text in double quotes."),
    "THEME_ASSET_MISSING": _e(
        "error",
        "Tệp tĩnh “{file}” (trường “{field}”) không có trong thư mục static/ của giao diện.",
        "The static file \"{file}\" (field \"{field}\") is not in the theme's static/ folder.",
        "Đặt tệp vào themes/default/static/ của cổng và ghi đúng tên tệp (không có .. hay đường dẫn tuyệt đối).",
        "Put the file in the portal's themes/default/static/ and give its name (no .. and no absolute path)."),
    "CATEGORY_UNKNOWN": _e(
        "error",
        "Chuyên mục “{value}” không có trong portal.yaml.{suggestion_vi}",
        "The category \"{value}\" is not declared in portal.yaml.{suggestion_en}",
        "Các chuyên mục: {allowed}.",
        "Categories: {allowed}."),
    "DATE_ORDER": _e(
        "error",
        "{later_title} ({later}) {relation_vi} {earlier_title} ({earlier}).",
        "{later_title_en} ({later_en}) must be {relation_en} {earlier_title_en} ({earlier_en}).",
        "Kiểm tra lại hai ngày này.",
        "Check both dates."),
    "DATE_IN_FUTURE": _e(
        "warning",
        "{title} ({value}) ở sau ngày hôm nay ({today}), nhưng ngày này ghi một việc đã xảy ra.",
        "{title_en} ({value_en}) lies after today ({today_en}), but it records something that has happened.",
        "Kiểm tra năm, tháng, ngày; nếu muốn hẹn giờ đăng tin, dùng publish_at.",
        "Check the year, month and day; to schedule a news item, use publish_at."),
    "SCHEDULE_FILE_NAME": _e(
        "error",
        "Tệp lịch công tác phải đặt tên theo tuần, dạng NĂM-Wsố_tuần.yaml, ví dụ 2026-W48.yaml.",
        "A schedule file must be named after its week, like 2026-W48.yaml.",
        "Đổi tên tệp theo tuần ghi trong trường week.",
        "Rename the file after the week in its week field."),
    "SCHEDULE_WEEK_MISMATCH": _e(
        "error",
        "Tuần “{week}” trong tệp khác với tên tệp ({file_week}).",
        "The week \"{week}\" differs from the file name ({file_week}).",
        "Sửa trường week hoặc đổi tên tệp cho khớp.",
        "Fix the week field or rename the file."),
    "SCHEDULE_DATE_OUTSIDE_WEEK": _e(
        "error",
        "Ngày {date} không thuộc tuần {week} (từ {monday} đến {sunday}).",
        "{date} is not in week {week} ({monday} to {sunday}).",
        "Chuyển mục lịch này sang tệp của tuần đúng, hoặc sửa ngày.",
        "Move the entry to the right week's file, or fix the date."),
    "WEEK_INVALID": _e(
        "error",
        "Tuần “{week}” không tồn tại.",
        "The week \"{week}\" does not exist.",
        "Năm có 52 hoặc 53 tuần; viết dạng 2026-W48.",
        "A year has 52 or 53 weeks; write it like 2026-W48."),
    "NEWS_NOT_APPROVED": _e(
        "error",
        "Tin ở trạng thái published nhưng chưa ghi người duyệt (approved_by).",
        "The news item is published but names no approver (approved_by).",
        "Thêm dòng approved_by: họ tên, chức vụ người duyệt; hoặc để status: review cho tới khi được duyệt.",
        "Add approved_by: the approver's name and position, or keep status: review until approved."),
    "PROCEDURE_CODE_DUPLICATE": _e(
        "error",
        "Mã thủ tục “{code}” đã dùng cho {other}.",
        "The procedure code \"{code}\" is already used by {other}.",
        "Mỗi thủ tục có một mã riêng; xóa bản trùng hoặc sửa mã.",
        "Each procedure has its own code; remove the copy or fix the code."),
    "DOCUMENT_NUMBER_DUPLICATE": _e(
        "warning",
        "Số, ký hiệu “{number}” trùng với văn bản {other}.",
        "The number \"{number}\" is also used by {other}.",
        "Kiểm tra xem có nhập trùng một văn bản hai lần không.",
        "Check whether the same document was entered twice."),
    # --- referenced files ------------------------------------------------------------------------
    "FILE_MISSING": _e(
        "error",
        "Không tìm thấy tệp “{file}”.",
        "The file \"{file}\" does not exist.",
        "Đường dẫn tính từ thư mục chứa tệp nội dung; kiểm tra tên tệp (phân biệt chữ hoa, chữ thường) "
        "và đặt tệp vào đúng chỗ.",
        "Paths are relative to the content file's folder; check the name (case matters) and put the file there."),
    "FILE_OUTSIDE_UNIT": _e(
        "error",
        "Đường dẫn “{file}” dẫn ra ngoài thư mục chứa bài (có “..”, bắt đầu bằng “/”, "
        "là địa chỉ web hoặc liên kết ra ngoài đơn vị).",
        "The path \"{file}\" leads out of the folder of the content file (\"..\", a leading \"/\", "
        "a web address or a link out of the unit).",
        "Chép tệp vào cùng thư mục với tệp nội dung (hoặc một thư mục con) và ghi tên tệp, ví dụ file: qd-15-2026.pdf.",
        "Copy the file next to the content file (or into a sub-folder) and give its name, e.g. file: qd-15-2026.pdf."),
    "FILE_TYPE_UNSUPPORTED": _e(
        "error",
        "Không nhận loại tệp “{extension}” ({file}).",
        "Files of type \"{extension}\" are not accepted ({file}).",
        "Các loại được nhận: {allowed}.",
        "Accepted types: {allowed}."),
    "FILE_TYPE_MISMATCH": _e(
        "error",
        "Tệp “{file}” có đuôi {extension} nhưng nội dung {actual}.",
        "The file \"{file}\" is named {extension} but its content {actual_en}.",
        "Mở tệp bằng phần mềm gốc và lưu (xuất) lại đúng định dạng, hoặc sửa đuôi tệp cho đúng.",
        "Open the file in its program and save (export) it in the right format, or fix the extension."),
    "FILE_CORRUPT": _e(
        "error",
        "Tệp “{file}” bị hỏng, không mở được.",
        "The file \"{file}\" is damaged and cannot be opened.",
        "Mở tệp gốc bằng phần mềm đã tạo ra nó, lưu (xuất) lại rồi chép đè tệp này.",
        "Open the original in the program that made it, save (export) it again and replace this file."),
    "PDF_ENCRYPTED": _e(
        "error",
        "Tệp PDF “{file}” có mật khẩu hoặc bị mã hóa nên người dân không đọc được.",
        "The PDF \"{file}\" is password-protected or encrypted, so citizens cannot read it.",
        "Xuất lại PDF không đặt mật khẩu, không hạn chế quyền mở.",
        "Export the PDF again without a password or opening restrictions."),
    "PDF_NO_TEXT": _e(
        "warning",
        "Tệp PDF “{file}” là bản quét ({pages} trang ảnh, không có lớp chữ): "
        "không tìm kiếm được và trình đọc màn hình không đọc được.",
        "The PDF \"{file}\" is a scan ({pages} image pages, no text layer): "
        "it cannot be searched or read by screen readers.",
        "Đăng kèm bản PDF xuất trực tiếp từ Word, hoặc nhận dạng chữ (OCR) cho bản quét trước khi đăng.",
        "Also publish the PDF exported from the word processor, or run text recognition (OCR) on the scan."),
    "CAPTIONS_NOT_UTF8": _e(
        "error",
        "Tệp phụ đề “{file}” không dùng bảng mã UTF-8 (byte không hợp lệ ở vị trí {offset}): trình duyệt sẽ "
        "không hiện phụ đề.",
        "The captions file \"{file}\" is not UTF-8 (invalid byte at offset {offset}): browsers will not show it.",
        "Mở tệp .vtt bằng Notepad và lưu lại với bảng mã UTF-8.",
        "Open the .vtt file in a text editor and save it again as UTF-8."),
    "CAPTIONS_HEADER": _e(
        "error",
        "Tệp phụ đề “{file}” không bắt đầu bằng dòng WEBVTT (dòng đầu là “{found}”): trình duyệt sẽ không "
        "hiện phụ đề.",
        "The captions file \"{file}\" does not start with the line WEBVTT (the first line is \"{found}\"): "
        "browsers will not show it.",
        "Dòng đầu tiên của tệp phụ đề phải là WEBVTT; tệp .srt cần chuyển sang WebVTT (dấu phẩy trong mốc thời gian "
        "thành dấu chấm).",
        "The first line of a captions file must be WEBVTT; convert an .srt file to WebVTT (commas in the times "
        "become dots)."),
    "CAPTIONS_TIMING": _e(
        "error",
        "Tệp phụ đề “{file}”, dòng {line}: mốc thời gian “{text}” sai dạng.",
        "The captions file \"{file}\", line {line}: the timing \"{text}\" is malformed.",
        "Viết mốc thời gian dạng 00:01.000 --> 00:04.500 (phút:giây.phần nghìn, có thể thêm giờ: 01:02:03.000).",
        "Write timings as 00:01.000 --> 00:04.500 (minutes:seconds.milliseconds, hours optional: 01:02:03.000)."),
    "CAPTIONS_ORDER": _e(
        "error",
        "Tệp phụ đề “{file}”, dòng {line}: “{text}” kết thúc không sau lúc bắt đầu, hoặc bắt đầu trước câu trước đó.",
        "The captions file \"{file}\", line {line}: \"{text}\" ends no later than it starts, or starts before the "
        "cue before it.",
        "Sửa mốc thời gian: mỗi câu phụ đề kết thúc sau lúc bắt đầu, các câu xếp theo thời gian bắt đầu.",
        "Fix the timing: each cue ends after it starts, and cues follow the order of their start times."),
    "CAPTIONS_EMPTY": _e(
        "error",
        "Tệp phụ đề “{file}” không có câu phụ đề nào.",
        "The captions file \"{file}\" has no cue.",
        "Thêm lời thoại của video, mỗi câu một khối: dòng mốc thời gian rồi dòng chữ, các khối cách nhau một "
        "dòng trống.",
        "Add the video's speech, one block per cue: a timing line then the text, blocks separated by a blank line."),
    "VIDEO_CAPTIONS_MISSING": _e(
        "error",
        "Video “{file}” không có phụ đề: người khiếm thính không theo dõi được (WCAG 2.1, tiêu chí 1.2.2).",
        "The video \"{file}\" has no captions: deaf viewers cannot follow it (WCAG 2.1, success criterion 1.2.2).",
        "Tạo tệp phụ đề tiếng Việt .vtt (WebVTT) đặt cạnh video và ghi tên tệp vào trường captions.",
        "Make a Vietnamese WebVTT captions file (.vtt) next to the video and name it in the captions field."),
    "VIDEO_SOURCE_MISSING": _e(
        "error",
        "Video không có tệp (video) cũng không có liên kết (link).",
        "The video has neither a file (video) nor a link (link).",
        "Ghi tên tệp video .mp4 hoặc .webm vào trường video (kèm captions), hoặc địa chỉ video ở trang khác vào "
        "trường link.",
        "Name the .mp4 or .webm file in the video field (with captions), or a video elsewhere in the link field."),
    "VIDEO_TYPE": _e(
        "error",
        "Trường video ghi tệp phụ đề “{file}”, không phải tệp video .mp4 hoặc .webm.",
        "The video field names the captions file \"{file}\", not an .mp4 or .webm video.",
        "Ghi tệp video ở trường video và tệp phụ đề .vtt ở trường captions.",
        "Name the video file in the video field and the .vtt captions file in the captions field."),
    "CAPTIONS_TYPE": _e(
        "error",
        "Trường captions ghi tệp video “{file}”, không phải tệp phụ đề .vtt.",
        "The captions field names the video file \"{file}\", not a .vtt captions file.",
        "Ghi tệp phụ đề WebVTT (.vtt) ở trường captions và tệp video ở trường video.",
        "Name the WebVTT (.vtt) captions file in the captions field and the video in the video field."),
    "IMAGE_TOO_LARGE": _e(
        "error",
        "Ảnh “{file}” có kích thước điểm ảnh quá lớn ({detail}) hoặc là tệp “bom giải nén”.",
        "The image \"{file}\" has too many pixels ({detail}) or is a decompression bomb.",
        "Thu nhỏ ảnh còn chiều rộng khoảng 2.000 điểm ảnh rồi lưu lại.",
        "Resize the image to about 2,000 pixels wide and save it again."),
    "DOCX_IMAGE_ALT_MISSING": _e(
        "warning",
        "Tệp Word “{file}” có {count} ảnh chưa có mô tả (alt); nội dung tệp được hiện trên trang nên ảnh cần mô tả.",
        "The Word file \"{file}\" has {count} image(s) without alternative text; its content is shown on the page.",
        "Trong Word, bấm chuột phải vào ảnh › Chỉnh sửa Văn bản Thay thế (Edit Alt Text), viết mô tả, lưu lại tệp.",
        "In Word, right-click the image › Edit Alt Text, describe it and save the file."),
    "OFFICE_UNPACKS_TOO_LARGE": _e(
        "error",
        "Tệp “{file}” giải nén ra {size} dữ liệu, quá mức {limit} được phép: tệp như vậy làm treo máy dựng "
        "trang nên không được đọc.",
        "The file \"{file}\" unpacks to {size}, more than the {limit} allowed: such a file would stall the build, "
        "so it is not read.",
        "Mở tệp bằng Word (Excel, PowerPoint…), giảm dung lượng ảnh (Nén ảnh) hoặc tách thành nhiều tệp, lưu thành "
        "tệp mới rồi chép đè tệp này. Nếu không rõ ai soạn tệp, đừng đăng.",
        "Open it in Word (Excel, PowerPoint…), compress its pictures or split it into several files, save it as a "
        "new file and replace this one. If you do not know who made the file, do not publish it."),
    "OFFICE_COMPRESSION_RATIO": _e(
        "error",
        "Phần “{part}” trong tệp “{file}” bị nén {ratio} lần (tối đa {limit} lần): dấu hiệu của tệp “bom giải "
        "nén” cố ý làm treo máy, nên tệp không được đọc.",
        "The part \"{part}\" of \"{file}\" is compressed {ratio} times (at most {limit}): the mark of a "
        "decompression bomb, so the file is not read.",
        "Word, Excel, LibreOffice không nén tới mức này. Mở tệp gốc bằng phần mềm đã soạn, lưu thành tệp mới rồi "
        "chép đè; nếu không rõ nguồn gốc tệp, đừng đăng và báo bộ phận công nghệ thông tin.",
        "Word, Excel and LibreOffice never compress this much. Open the original in the program that made it, "
        "save it as a new file and replace this one; if you do not know where the file comes from, do not publish "
        "it and tell the IT team."),
    "DOCX_HIDDEN_CONTENT": _e(
        "warning",
        "Tệp Word “{file}” còn giữ {found}: trang chỉ hiện bản sạch, nhưng ai tải tệp về cũng đọc được hết.",
        "The Word file \"{file}\" still holds {found_en}: the page shows the clean text, but anyone who "
        "downloads the file can read it all.",
        "Trong Word: thẻ Xem lại (Review) › Chấp nhận (Accept) › Chấp nhận Tất cả Thay đổi; Xem lại › Xóa (Delete) › "
        "Xóa Tất cả Chú thích; Tệp (File) › Thông tin (Info) › Kiểm tra Sự cố (Check for Issues) › Kiểm tra Tài "
        "liệu (Inspect Document) › Loại bỏ Tất cả ở mục “Thuộc tính tài liệu và thông tin cá nhân” (hoặc ghi tên "
        "cơ quan vào mục Tác giả). Lưu lại rồi chép đè tệp này.",
        "In Word: Review › Accept › Accept All Changes; Review › Delete › Delete All Comments; File › Info › Check "
        "for Issues › Inspect Document › Remove All for \"Document Properties and Personal Information\" (or write "
        "the agency's name as Author). Save and replace this file."),
    "FILE_LEGACY_FORMAT": _e(
        "warning",
        "Tệp “{file}” ở định dạng cũ {extension}; Thông tư 39/2017 yêu cầu PDF để đọc và ODF/OOXML để sửa.",
        "\"{file}\" uses the legacy {extension} format; circular 39/2017 asks for PDF to read and ODF/OOXML to edit.",
        "Mở bằng Word/Excel và lưu lại dạng PDF (hoặc DOCX/XLSX).",
        "Open it in Word/Excel and save it as PDF (or DOCX/XLSX)."),
    "IMAGE_ALT_MISSING": _e(
        "error",
        "Ảnh “{file}” chưa có mô tả (alt) cho người khiếm thị.",
        "The image \"{file}\" has no alternative text.",
        "Viết mô tả trong ngoặc vuông: ![Mô tả nội dung ảnh]({file}).",
        "Write the description in the brackets: ![What the image shows]({file})."),
    # --- compliance --------------------------------------------------------------------------------
    "COMPLIANCE_MISSING": _e(
        "warning",
        "Chưa đáp ứng: {obligation_title} (có {found}, cần ít nhất {minimum}).",
        "Not met: {obligation_title_en} ({found} present, at least {minimum} required).",
        "{action_vi} Căn cứ: {basis}.",
        "{action_en} Basis: {basis}."),
    "COMPLIANCE_STALE": _e(
        "warning",
        "Chưa cập nhật: {obligation_title} ({detail_vi}).",
        "Out of date: {obligation_title_en} ({detail_en}).",
        "{action_vi} Căn cứ: {basis}.",
        "{action_en} Basis: {basis}."),
    "COMPLIANCE_LATE": _e(
        "warning",
        "Quá hạn: {obligation_title} ({detail_vi}).",
        "Late: {obligation_title_en} ({detail_en}).",
        "{action_vi} Căn cứ: {basis}.",
        "{action_en} Basis: {basis}."),
    # --- deploy ------------------------------------------------------------------------------------
    "DEPLOY_TARGET_DUPLICATE": _e(
        "error",
        "Hai nơi đăng trang cùng tên “{name}”.",
        "Two deploy targets are named \"{name}\".",
        "Đặt cho mỗi nơi đăng một tên khác nhau (trường name), ví dụ chinh và thu-nghiem.",
        "Give each target its own name (the name field), e.g. chinh and thu-nghiem."),
    "DEPLOY_LEVEL_UNKNOWN": _e(
        "error",
        "Quy tắc nơi đăng nêu cấp “{level}” không có trong levels.",
        "The deploy rule names the level \"{level}\", which is not in levels.",
        "Dùng một mã cấp đã khai báo: {available}.{suggestion_vi}",
        "Use a declared level key: {available}.{suggestion_en}"),
    "DEPLOY_SECRET_MISSING": _e(
        "error",
        "Chưa có mật khẩu hoặc khóa cho nơi đăng “{target}” ({account}): {detail_vi}.",
        "No password or key for the deploy target \"{target}\" ({account}): {detail_en}.",
        "Đặt biến môi trường có tên ghi ở trường {field} trên máy chạy lệnh (trong CI: một secret), hoặc thêm "
        "máy chủ vào ~/.netrc. Không bao giờ ghi mật khẩu vào tệp cấu hình.",
        "Set the environment variable named in {field} where the command runs (in CI: a secret), or add the "
        "host to ~/.netrc. Never write a password into a configuration file."),
    "DEPLOY_CONNECT_FAILED": _e(
        "error",
        "Không kết nối được tới {account} cho nơi đăng “{target}” sau {attempts} lần thử: {reason}.",
        "Could not reach {account} for the deploy target \"{target}\" after {attempts} attempts: {reason}.",
        "Kiểm tra tên máy chủ, cổng, tường lửa và đường mạng, rồi chạy lại lệnh: lần sau tiếp tục từ chỗ dừng.",
        "Check the host name, port, firewall and network, then run the command again: it resumes where it stopped."),
    "DEPLOY_LOGIN_FAILED": _e(
        "error",
        "Máy chủ {account} từ chối đăng nhập cho nơi đăng “{target}”: {reason}.",
        "The server {account} refused the login for the deploy target \"{target}\": {reason}.",
        "Kiểm tra tài khoản (user), mật khẩu trong biến môi trường hoặc khóa SSH, "
        "và khóa công khai của máy chủ (host_key).",
        "Check the account (user), the password in the environment variable or the SSH key, "
        "and the server's host_key."),
    "DEPLOY_REMOTE_ERROR": _e(
        "error",
        "Máy chủ {account} từ chối thao tác với “{file}” (nơi đăng “{target}”): {reason}.",
        "The server {account} refused an operation on \"{file}\" (deploy target \"{target}\"): {reason}.",
        "Kiểm tra thư mục đích (folder), quyền ghi của tài khoản và dung lượng còn trống trên máy chủ.",
        "Check the target folder, the account's write permission and the free space on the server."),
    "DEPLOY_TOO_MANY_DELETES": _e(
        "error",
        "Lần đăng này sẽ xóa {count} tệp trên {account} (nơi đăng “{target}”), nhiều hơn giới hạn {limit}; "
        "chưa xóa gì.",
        "This deploy would delete {count} files on {account} (target \"{target}\"), more than the limit of {limit}; "
        "nothing was changed.",
        "Xem danh sách bằng --dry-run; nếu đúng là cần xóa, chạy lại với --max-deletes {count} hoặc --force.",
        "Review the list with --dry-run; if the deletions are intended, "
        "run again with --max-deletes {count} or --force."),
    "DEPLOY_OUTPUT_CHANGED": _e(
        "error",
        "Tệp “{file}” trong thư mục kết quả đã khác với lần dựng trang gần nhất (bị sửa hoặc bị xóa).",
        "The file \"{file}\" in the output differs from what the last build wrote (edited or removed).",
        "Chạy lại portalgen build rồi mới đăng trang; đừng sửa tay các tệp do portalgen tạo ra.",
        "Run portalgen build again before deploying; do not edit the files portalgen writes."),
    "DEPLOY_CA_FILE_MISSING": _e(
        "error",
        "Không có tệp chứng chỉ “{ca_file}” (trường ca_file) của nơi đăng “{target}” ({account}); chưa kết nối.",
        "The certificate file \"{ca_file}\" (the ca_file field) of the deploy target \"{target}\" ({account}) "
        "does not exist; nothing was sent.",
        "Sửa đường dẫn trong trường {field} (tính từ thư mục chạy lệnh) "
        "hoặc đặt tệp PEM chứng chỉ của máy chủ FTPS ở đó; "
        "bỏ trường này nếu máy chủ có chứng chỉ hợp lệ.",
        "Fix the path in {field} (relative to the folder the command runs in) or put the FTPS server's PEM "
        "certificate there; drop the field if the server has a valid certificate."),
    "DEPLOY_OUTPUT_STALE": _e(
        "error",
        "Thư mục “{output}” không phải kết quả dựng của nội dung hiện tại vào lúc {now}: {detail_vi}.",
        "The folder \"{output}\" is not the build of the current content at {now}: {detail_en}.",
        "Chạy portalgen build (cùng -o {output} và cùng --now nếu có) ngay trước portalgen deploy, "
        "không sửa nội dung ở giữa; "
        "với bản dựng chia phần (--shard), dựng lại các phần rồi ghép bằng portalgen join-shards.",
        "Run portalgen build (same -o {output}, same --now if any) right before portalgen deploy, with no content edit "
        "in between; for a build in parts (--shard), build the parts again and join them with portalgen join-shards."),
    "DEPLOY_TOOL_MISSING": _e(
        "error",
        "Máy này chưa cài chương trình {tool} cần cho nơi đăng “{target}”.",
        "The program {tool}, needed for the deploy target \"{target}\", is not installed here.",
        "Cài {tool} (Debian/Ubuntu: apt-get install {tool}) hoặc dùng giao thức khác (sftp, folder).",
        "Install {tool} (Debian/Ubuntu: apt-get install {tool}) or use another protocol (sftp, folder)."),
    "DEPLOY_NOT_BUILT": _e(
        "error",
        "Thư mục “{output}” chưa có kết quả dựng trang thành công (không có {manifest}).",
        "The folder \"{output}\" holds no successful build (no {manifest}).",
        "Chạy portalgen build với cùng -o {output} trước, rồi mới chạy portalgen deploy.",
        "Run portalgen build with the same -o {output} first, then portalgen deploy."),
    "DEPLOY_NO_TARGET": _e(
        "error",
        "Không đơn vị nào có nơi đăng trang{which_vi}.",
        "No unit has a deploy target{which_en}.",
        "Khai báo nơi đăng trong unit.yaml (trường deploy) hoặc trong portal.yaml (deploy theo cấp hay mẫu đường dẫn); "
        "tên nơi đăng đã khai báo: {available}.",
        "Declare targets in unit.yaml (the deploy field) or in portal.yaml (deploy by level or path pattern); "
        "declared target names: {available}."),
    # --- what real content brings: dates, file names, Markdown that does not publish as written ---
    "DATE_FORM_UNSUPPORTED": _e(
        "error",
        "“{value}” ở trường “{field}” ({title}) được viết theo một dạng ngày mà portalgen chưa đọc được.",
        "\"{value}\" in \"{field}\" is written in a date form portalgen does not read.",
        "Viết ngày theo dạng NĂM-THÁNG-NGÀY, ví dụ 2026-11-27; có giờ thì 2026-11-27 08:30 "
        "hoặc 2026-11-27T08:30:00+07:00 (giờ theo múi khác được đổi sang giờ Việt Nam).",
        "Write dates as YEAR-MONTH-DAY, e.g. 2026-11-27; with a time 2026-11-27 08:30 or "
        "2026-11-27T08:30:00+07:00 (a time in another zone is converted to Vietnam time)."),
    "FILE_NAME_NFD": _e(
        "warning",
        "Tên tệp “{file}” trên đĩa được lưu ở dạng chữ có dấu tổ hợp (thường do máy Mac lưu), "
        "khác cách viết trong nội dung chỉ ở cách mã hóa dấu; tệp vẫn được tìm thấy và đăng.",
        "The file \"{file}\" is stored with a decomposed (NFD) name, as a Mac saves it: it differs from "
        "the name in the content only in how its accents are encoded; it was found and is published.",
        "Đổi tên tệp cho khỏi nhầm với các công cụ khác: gõ lại tên trên máy Windows hoặc Linux, "
        "hoặc đặt tên không dấu như {suggestion} rồi sửa tên trong nội dung.",
        "Rename the file so that other tools find it too: type its name again on Windows or Linux, "
        "or use a name without accents such as {suggestion} and change the content to match."),
    "MARKDOWN_LINK_SPACES": _e(
        "error",
        "{kind_vi} “{text}” sẽ hiện ra nguyên văn trên trang, không thành {kind_vi_lower}: "
        "địa chỉ “{target}” có dấu cách.",
        "The {kind_en} \"{text}\" would be published as plain text: its address \"{target}\" has spaces.",
        "Đặt tên tệp trong dấu < >: {fixed}; hoặc đổi tên tệp thành {suggestion} (không có dấu cách) "
        "rồi sửa lại ở đây.",
        "Put the name between < and >: {fixed}; or rename the file {suggestion} (no spaces) and change it here."),
    "HTML_REMOVED": _e(
        "warning",
        "Thẻ HTML <{tag}> bị bỏ khi đăng (vì an toàn): người xem sẽ không thấy {what_vi}.",
        "The HTML element <{tag}> is removed on publication (for safety): visitors will not see {what_en}.",
        "{advice_vi}",
        "{advice_en}"),
    "TABLE_TAB_SEPARATED": _e(
        "warning",
        "{rows} dòng từ dòng này có các cột cách nhau bằng phím Tab (bảng dán từ Excel hoặc Word): "
        "trên trang chúng sẽ dính thành một đoạn văn.",
        "{rows} lines from this one have columns separated by tabs (a table pasted from Excel or Word): "
        "they would be published as one paragraph.",
        "Viết lại thành bảng Markdown, các cột cách nhau bằng dấu |, ví dụ dòng đầu “| Cột 1 | Cột 2 |”, "
        "dòng thứ hai “|---|---|”; hoặc đính kèm tệp Excel.",
        "Write it as a Markdown table with columns separated by |, e.g. a first line \"| Column 1 | Column 2 |\" "
        "and a second \"|---|---|\"; or attach the Excel file."),
    "LINK_PAGE_MISSING": _e(
        "error",
        "Liên kết “{link}” trỏ tới trang “{address}” không có trên cổng.",
        "The link \"{link}\" points to the page \"{address}\", which the portal does not have.",
        "Sửa lại liên kết.{nearest_vi}",
        "Correct the link.{nearest_en}"),
    # --- one round: YAML errors an editor can act on, files that exist but do not count ----------
    "YAML_TAB": _e(
        "error",
        "Dòng này có ký tự Tab (cột {col}); YAML không cho thụt lề bằng Tab.",
        "This line holds a Tab character (column {col}); YAML does not allow Tab for indentation.",
        "Xóa ký tự Tab, thụt lề bằng dấu cách (hai dấu cách cho mỗi cấp).",
        "Delete the Tab and indent with spaces (two spaces per level)."),
    "YAML_COLON_IN_VALUE": _e(
        "error",
        "Giá trị có dấu hai chấm theo sau là dấu cách (“: ”) ở cột {col} nên bị hiểu nhầm là một trường mới.",
        "A value holds a colon followed by a space (\": \") at column {col}, read as the start of a new field.",
        "Đặt cả giá trị trong dấu nháy kép, ví dụ: title: \"Hội nghị: tổng kết năm\". Nếu dòng bị thụt lề thừa, "
        "hãy căn lại cho thẳng với các dòng cùng cấp.",
        "Put the whole value in double quotes, e.g. title: \"Meeting: annual review\". If the line is indented "
        "too far, align it with the lines of its level."),
    "YAML_QUOTE_INSIDE": _e(
        "error",
        "Giá trị bắt đầu bằng dấu nháy nhưng còn chữ sau dấu nháy đóng (cột {col}): có dấu nháy nằm trong dấu "
        "nháy cùng loại.",
        "A value starts with a quote but goes on after the closing quote (column {col}): a quote inside quotes of "
        "the same kind.",
        "Bên trong dùng ngoặc kép cong “…”, hoặc bao ngoài bằng nháy đơn khi bên trong có nháy kép: "
        "title: 'Về \"Ngày hội\" năm nay'.",
        "Use curly quotes “…” inside, or single quotes around a value that holds double quotes: "
        "title: 'About \"The fair\" this year'."),
    "YAML_COLON_MISSING": _e(
        "error",
        "Dòng này thiếu dấu hai chấm sau tên trường, hoặc là dòng tiếp theo của một giá trị nhiều dòng chưa "
        "được thụt lề.",
        "This line lacks the colon after a field name, or continues a multi-line value without indentation.",
        "Viết “tên: giá trị” (có dấu cách sau dấu hai chấm); với đoạn nhiều dòng, thụt lề các dòng tiếp theo.",
        "Write \"name: value\" (a space after the colon); indent the following lines of a multi-line value."),
    "YAML_INDENT": _e(
        "error",
        "Dòng này thụt lề không khớp với các dòng cùng cấp phía trên (cột {col}).",
        "This line's indentation does not match the lines of its level above (column {col}).",
        "Căn các trường cùng cấp thẳng hàng (cùng số dấu cách đầu dòng); trường con thụt vào hai dấu cách. "
        "Lỗi có thể nằm ở dòng ngay trên.",
        "Align fields of one level (same number of leading spaces); indent child fields by two spaces. The mistake "
        "may be on the line above."),
    "YAML_QUOTE_UNCLOSED": _e(
        "error",
        "Dấu nháy mở ở cột {col} của dòng này không được đóng cho đến hết tệp.",
        "The quote opened at column {col} of this line is never closed.",
        "Thêm dấu nháy đóng cùng loại (\" hoặc ') ở cuối giá trị.",
        "Add the closing quote of the same kind (\" or ') at the end of the value."),
    "YAML_BRACKET_UNCLOSED": _e(
        "error",
        "Danh sách hoặc nhóm mở bằng “{opening}” ở dòng {open_line} chưa được đóng bằng “{closing}”.",
        "The list or group opened with \"{opening}\" on line {open_line} is not closed with \"{closing}\".",
        "Thêm “{closing}” ở cuối, giữa các mục có dấu phẩy; hoặc viết mỗi mục một dòng bắt đầu bằng “- ”.",
        "Add \"{closing}\" at the end, with commas between items; or write each item on its own \"- \" line."),
    "YAML_ALIAS": _e(
        "error",
        "Giá trị bắt đầu bằng dấu * (cột {col}) nên bị hiểu là tham chiếu YAML.",
        "A value starts with * (column {col}), read as a YAML alias.",
        "Đặt giá trị trong dấu nháy kép, ví dụ: note: \"*Ghi chú\".",
        "Put the value in double quotes, e.g. note: \"*Note\"."),
    "YAML_RESERVED_START": _e(
        "error",
        "Giá trị bắt đầu bằng ký tự “{char}” (cột {col}); ký tự này không được đứng đầu một giá trị không có "
        "dấu nháy.",
        "A value starts with \"{char}\" (column {col}), which cannot start a value without quotes.",
        "Đặt giá trị trong dấu nháy kép, ví dụ: git: \"@nguyenvana\".",
        "Put the value in double quotes, e.g. git: \"@nguyenvana\"."),
    "YAML_ESCAPE": _e(
        "error",
        "Trong dấu nháy kép, dấu \\ ở cột {col} bắt đầu một mã đặc biệt không hợp lệ.",
        "Inside double quotes, the \\ at column {col} starts an invalid escape.",
        "Viết \\\\ thay cho \\, hoặc dùng nháy đơn: path: 'C:\\Windows'.",
        "Write \\\\ for \\, or use single quotes: path: 'C:\\Windows'."),
    "YAML_SEVERAL_DOCUMENTS": _e(
        "error",
        "Dòng --- ở đây chia tệp thành nhiều phần; tệp chỉ được có một phần thông tin.",
        "The --- line here splits the file into several documents; a file holds one.",
        "Xóa dòng --- này (chỉ bài Markdown mới có hai dòng --- bao quanh phần thông tin ở đầu tệp).",
        "Delete this --- line (only Markdown files have two --- lines, around the front matter at the top)."),
    "COMPLIANCE_FILE_INVALID": _e(
        "warning",
        "Chưa đáp ứng: {obligation_title}. Tệp {file} đã có nhưng đang có lỗi nên chưa được tính{more_vi}.",
        "Not met: {obligation_title_en}. The file {file} exists but has errors, so it does not count{more_en}.",
        "Sửa các lỗi báo ở tệp {file}; khi hết lỗi, tệp được tính và cảnh báo này mất. Căn cứ: {basis}.",
        "Fix the errors reported in {file}; once it has none it counts and this warning goes. Basis: {basis}."),
    # --- a Markdown body no parser can read ----------------------------------------------------------
    "MARKDOWN_UNREADABLE": _e(
        "error",
        "Không đọc được phần nội dung (sau phần khai báo) của tệp này, nên bài không được đăng.",
        "The body of this file (after its front matter) cannot be read, so it is not published.",
        "Mở tệp, tìm chỗ có nhiều ký hiệu lặp lại liên tiếp (như > > > > hoặc [[[[ hoặc dấu `) — thường do dán "
        "từ nơi khác — rồi xóa hoặc viết lại đoạn đó bằng chữ thường. Nếu vẫn lỗi, gửi tệp cho bộ phận kỹ thuật "
        "(chi tiết: {reason}).",
        "Open the file, find where many marks repeat in a row (such as > > > > or [[[[ or `), often from pasting, "
        "and delete or rewrite that part as plain text. If it persists, send the file to the IT team "
        "(detail: {reason})."),
    # --- what a build holds back (isolation, lastgood) -----------------------------------------
    "HELD_ITEM_KEPT": _e(
        "info",
        "Tệp này có lỗi nên bản mới chưa được đăng; trang web vẫn giữ bản đúng đã đăng lần trước.",
        "This file has errors, so its new version is not published; the site keeps the last good version.",
        "Sửa các lỗi của tệp này (báo ở trên, cùng tên tệp); lần dựng trang sau sẽ đăng bản mới.",
        "Fix this file's errors (reported above, under the same file name); the next build publishes the new version."),
    "HELD_ITEM_NEW": _e(
        "info",
        "Tệp này có lỗi nên không được đăng (chưa có bản đúng nào của tệp này được đăng trước đây).",
        "This file has errors, so it is not published (no good version of it was published before).",
        "Sửa các lỗi của tệp này (báo ở trên, cùng tên tệp); lần dựng trang sau sẽ đăng nó.",
        "Fix this file's errors (reported above, under the same file name); the next build publishes it."),
    "HELD_UNIT_KEPT": _e(
        "info",
        "Tệp unit.yaml có lỗi: trang của đơn vị này giữ nguyên như lần dựng đúng trước (kể cả tin bài của nó); "
        "các đơn vị cấp dưới vẫn được dựng.",
        "unit.yaml has errors: this unit's site stays as its last good build (its content included); the units "
        "below it are built.",
        "Sửa các lỗi của unit.yaml (báo ở trên, cùng tên tệp); lần dựng trang sau sẽ đăng mọi thay đổi của đơn vị.",
        "Fix the errors of unit.yaml (reported above, under the same file name); the next build publishes "
        "every change of the unit."),
    "HELD_UNIT_NEW": _e(
        "info",
        "Tệp unit.yaml có lỗi và đơn vị chưa từng được dựng đúng: trang của đơn vị này chưa được dựng.",
        "unit.yaml has errors and the unit was never built right: its site is not built.",
        "Sửa các lỗi của unit.yaml (báo ở trên, cùng tên tệp); lần dựng trang sau sẽ dựng trang của đơn vị.",
        "Fix the errors of unit.yaml (reported above, under the same file name); the next build builds the "
        "unit's site."),
    # --- text recognition of scans (portal.yaml ``ocr``) -------------------------------------------
    "PDF_MACHINE_READ": _e(
        "info",
        "Tệp PDF “{file}” là bản quét ({pages} trang ảnh, không có lớp chữ): khi dựng trang, máy sẽ nhận dạng "
        "chữ (OCR) {read} trang đầu để tìm kiếm và để trình đọc màn hình đọc được; chữ do máy đọc có thể có sai sót.",
        "The PDF \"{file}\" is a scan ({pages} image pages, no text layer): the build reads the text of its first "
        "{read} pages by machine (OCR) for search and screen readers; machine-read text may have errors.",
        "Nếu có bản PDF xuất trực tiếp từ Word, đăng kèm bản đó: chữ của nó chính xác hơn chữ do máy đọc.",
        "If the PDF exported from the word processor exists, publish it too: its text is exact, machine-read "
        "text is not."),
    "OCR_UNAVAILABLE": _e(
        "info",
        "portal.yaml bật nhận dạng chữ bản quét (ocr.enabled) nhưng máy này thiếu {packages}: các bản quét vẫn "
        "được đăng nhưng không có chữ do máy đọc.",
        "portal.yaml enables text recognition of scans (ocr.enabled) but this machine lacks {packages}: scans "
        "are still published, without machine-read text.",
        "Nhờ bộ phận CNTT cài trên máy dựng trang: apt-get install {packages} (Debian, Ubuntu), rồi dựng lại; "
        "hoặc đặt ocr.enabled: false.",
        "Install them on the build machine: apt-get install {packages} (Debian, Ubuntu), then build again; or "
        "set ocr.enabled: false."),
    "OCR_UNREAD": _e(
        "info",
        "Máy chưa đọc được chữ của bản quét “{file}” (trang {page}: {reason}): trang văn bản chưa có chữ do máy "
        "đọc, tìm kiếm chưa thấy nội dung tệp.",
        "The text of the scan \"{file}\" could not be read (page {page}: {reason_en}): its page has no "
        "machine-read text and search does not find its content.",
        "Lần dựng sau máy đọc lại. Nếu lần nào cũng quá thời gian, bộ phận CNTT tăng ocr.timeout trong "
        "portal.yaml; nếu lần nào cũng lỗi, quét hoặc xuất lại tệp PDF.",
        "The next build reads it again. If a page always takes too long, raise ocr.timeout in portal.yaml; if "
        "it always fails, scan or export the PDF again."),
    # --- Markdown fields ---------------------------------------------------------------------------
    "FIELD_LOCAL_FILE": _e(
        "error",
        "Trường “{field}” có ảnh hoặc liên kết tới tệp “{file}” của đơn vị; trường này không đăng kèm tệp nào.",
        "The field \"{field}\" has an image or link to the unit's file \"{file}\"; this field publishes no files.",
        "Bỏ ảnh/liên kết khỏi trường này; đăng tệp trong một văn bản (documents/) hoặc phần thân một trang "
        "(pages/) rồi liên kết tới trang đó bằng địa chỉ bắt đầu bằng / hoặc https://….",
        "Remove the image or link from this field; publish the file with a document (documents/) or in a "
        "page's body (pages/) and link that page with an address starting with / or https://…."),
    # --- deploy: what shared hosts refuse or change -------------------------------------------------
    "DEPLOY_DELETE_REFUSED": _e(
        "error",
        "Máy chủ {account} không cho xóa {count} tệp cũ (nơi đăng “{target}”), ví dụ “{file}”: {reason}.",
        "The server {account} refused to delete {count} old files (deploy target \"{target}\"), e.g. \"{file}\": "
        "{reason}.",
        "Các tệp này vẫn còn trên máy chủ và vẫn được ghi nhận để xóa ở lần đăng sau. Cho tài khoản quyền xóa "
        "(hỏi nhà cung cấp hosting) hoặc xóa chúng bằng trình quản lý tệp của hosting, rồi chạy lại lệnh.",
        "The files are still on the server and stay recorded, so the next deploy deletes them. Give the account "
        "the right to delete (ask the hosting provider) or delete them in the host's file manager, then run again."),
    "DEPLOY_NAMES_MANGLED": _e(
        "error",
        "Máy chủ {account} (nơi đăng “{target}”) không giữ đúng tên tệp có dấu: “{file}” được lưu dưới tên "
        "khác; đã gỡ tệp đó và dừng đăng.",
        "The server {account} (deploy target \"{target}\") does not keep file names with Vietnamese letters: "
        "\"{file}\" was stored under another name; it was taken away again and the deploy stopped.",
        "Máy chủ không lưu tên tệp theo UTF-8 nên liên kết tới tệp này sẽ hỏng. Nhờ nhà cung cấp hosting bật UTF-8 "
        "cho FTP (proftpd: UseUTF8 on, bỏ UseEncoding), dùng SFTP, hoặc đổi tên tệp đính kèm sang chữ không dấu.",
        "The server does not store file names as UTF-8, so links to this file would break. Ask the hosting "
        "provider to enable UTF-8 for FTP (ProFTPD: UseUTF8 on, no UseEncoding), use SFTP, or rename the "
        "attachment without diacritics."),
}

class _Args(dict):
    def __missing__(self, key: str) -> str:
        return ""


def render(code: str, part: str, lang: str, args: dict[str, Any], field: str) -> str:
    """The message or hint of a code in a language, filled with its arguments."""
    entry = CATALOGUE[code]
    if part == "message":
        template = entry.en if lang == "en" else entry.vi
    else:
        template = entry.hint_en if lang == "en" else entry.hint_vi
    values = _Args(args)
    values.setdefault("field", field)
    return " ".join(template.format_map(values).split())
