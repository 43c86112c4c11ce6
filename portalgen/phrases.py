"""What the commands say, by code, in Vietnamese and English: usage failures, results, progress.

Codes are grouped by the command or module that says them.  A failure is raised as
``UsageFailure(code, **args)`` (:mod:`portalgen.failures`); other texts are said by the command
line with ``PHRASES.say(code, lang, **args)``.  Content problems are not here: they are
:data:`portalgen.messages.CATALOGUE`.
"""

from __future__ import annotations

from .speech import Catalogue, Text

PHRASES = Catalogue("command phrases", {
    # --- options of every command ---------------------------------------------------------------
    "DATE_INVALID": Text(
        "{option}: “{value}”: dùng dạng 2026-11-27 hoặc 2026-11-27T08:30.",
        "{option}: “{value}”: use 2026-11-27 or 2026-11-27T08:30."),
    "PORTAL_NOT_FOLDER": Text(
        "PORTAL_DIR: “{value}” không phải thư mục.",
        "PORTAL_DIR: “{value}” is not a folder."),
    "PORTAL_IS_ROOT": Text(
        "PORTAL_DIR: “{value}” là thư mục gốc của cả máy, không phải thư mục cổng: "
        "chỉ thư mục chứa portal.yaml, ví dụ portalgen check sites.",
        "PORTAL_DIR: \"{value}\" is the root of the whole file system, not a portal folder: "
        "give the folder that holds portal.yaml, e.g. portalgen check sites."),
    "SHARD_INVALID": Text(
        "--shard: “{value}”: viết dạng K/N với 1 ≤ K ≤ N, ví dụ 2/4.",
        "--shard: “{value}”: use K/N with 1 ≤ K ≤ N, e.g. 2/4."),
    "SHARD_WITH_UNIT": Text(
        "--shard và --unit không dùng cùng nhau.",
        "--shard and --unit cannot be used together."),
    "UNIT_NOT_FOUND": Text(
        "Không có đơn vị ở thư mục “{unit}” (không có unit.yaml).",
        "There is no unit in the folder “{unit}” (no unit.yaml)."),
    "OUTPUT_IS_FILE": Text(
        "“{output}” là một tệp, không phải thư mục: hãy chọn thư mục khác cho -o.",
        "“{output}” is a file, not a folder: choose another -o."),
    "OUTPUT_EMPTY": Text(
        "-o: hãy nêu thư mục kết quả (ví dụ -o public).",
        "-o: name the output folder (e.g. -o public)."),
    "OUTPUT_IS_WORKING_FOLDER": Text(
        "-o “{output}” là thư mục đang làm việc: portalgen xóa trong thư mục kết quả những tệp nó ghi trước "
        "đây, nên hãy chọn một thư mục riêng (ví dụ -o public).",
        "-o “{output}” is the working folder: portalgen removes from its output the files it wrote before, "
        "so choose a folder of its own (e.g. -o public)."),
    "OUTPUT_OVERLAPS_PORTAL": Text(
        "-o “{output}” trùng với thư mục cổng “{portal}”, nằm trong nó hoặc chứa nó: hãy chọn thư mục kết quả "
        "bên ngoài (ví dụ -o public).",
        "-o “{output}” is the portal folder “{portal}”, inside it or holds it: choose an output folder outside "
        "it (e.g. -o public)."),
    "OUTPUT_IS_LINK": Text(
        "-o “{output}”: “{link}” là liên kết tượng trưng; portalgen chỉ ghi vào thư mục thật. "
        "Hãy chọn thư mục khác hoặc xóa liên kết.",
        "-o “{output}”: “{link}” is a symbolic link; portalgen writes only into a real folder. "
        "Choose another folder or remove the link."),
    "MANIFEST_OUTSIDE": Text(
        "“{manifest}” nêu “{path}”, ngoài thư mục của nó: đây không phải danh sách tệp do portalgen ghi.",
        "“{manifest}” names “{path}”, outside its folder: it is not a file list portalgen wrote."),
    "MANIFEST_IGNORED": Text(
        "Lưu ý: “{manifest}” nêu đường dẫn ngoài thư mục kết quả nên bị bỏ qua; lần dựng này không xóa tệp cũ nào.",
        "Note: “{manifest}” names paths outside the output, so it is ignored; this build removes no old file."),
    "OUTPUT_KEPT": Text(
        "Giữ nguyên “{path}”: tệp này được đặt vào thư mục kết quả bằng tay (lần dựng trước không ghi nó) và khác "
        "bản portalgen dựng; xóa nó nếu muốn dùng bản dựng.",
        "Kept “{path}”: this file was put in the output by hand (the previous build did not write it) and "
        "differs from what portalgen builds; remove it to use the built one."),
    "OUTPUT_UNWRITABLE": Text(
        "Không ghi được thư mục kết quả “{output}” ({reason}); kết quả cũ được giữ nguyên. "
        "Hãy kiểm tra đường dẫn và quyền ghi.",
        "Cannot write the output folder “{output}” ({reason}); the previous output is untouched."),
    "HINT": Text("Gợi ý: {hint}", "Hint: {hint}"),

    # --- files and folders (new, import docx, join-shards) ---------------------------------------
    "START_METHOD_UNKNOWN": Text(
        "Biến môi trường {variable}=“{value}” không dùng được: chọn một trong {allowed}, hoặc bỏ biến này.",
        "The environment variable {variable}=\"{value}\" is not one of {allowed}: choose one, or unset it."),
    "START_METHOD_NO_FORK": Text(
        "Máy này không tạo được tiến trình bằng fork: đặt {variable}=spawn hoặc bỏ biến này.",
        "This system cannot fork processes: set {variable}=spawn, or unset it."),
    "FOLDER_MISSING": Text(
        "Không có thư mục “{folder}”.",
        "There is no folder \"{folder}\"."),
    "NOT_A_UNIT": Text(
        "“{folder}” không phải thư mục của một đơn vị (không có unit.yaml).",
        "\"{folder}\" is not a unit folder (no unit.yaml)."),
    "FILE_MISSING": Text(
        "Không tìm thấy tệp “{path}”.",
        "The file \"{path}\" does not exist."),
    "NOT_A_FILE": Text(
        "“{path}” không phải là tệp.",
        "\"{path}\" is not a file."),
    "FILE_UNREADABLE": Text(
        "Không đọc được tệp “{path}”: {reason}.",
        "Cannot read \"{path}\": {reason}."),
    "FILE_UNWRITABLE": Text(
        "Không ghi được “{path}”: {reason}.",
        "Cannot write \"{path}\": {reason}."),
    "FILE_FAILED": Text(
        "Lỗi với tệp “{path}”: {reason}.",
        "Failed on \"{path}\": {reason}."),
    "FOLDER_UNCREATABLE": Text(
        "Không tạo được thư mục “{folder}”: {reason}.",
        "Cannot create the folder \"{folder}\": {reason}."),
    "ALREADY_EXISTS": Text(
        "Đã có “{path}”: không ghi đè.",
        "\"{path}\" already exists."),
    "SLUG_INVALID": Text(
        "Tên “{slug}” không dùng được: chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang.{example}",
        "The name \"{slug}\" cannot be used: only lower-case letters, digits and hyphens.{example}"),
    "SLUG_EXAMPLE": Text(
        " Ví dụ: --slug {slug}",
        " For example: --slug {slug}"),
    "SLUG_RESERVED": Text(
        "Tên “{slug}” trùng với địa chỉ portalgen tạo sẵn ({address}). Hãy chọn tên khác bằng --slug, "
        "ví dụ --slug {other}",
        "The name \"{slug}\" clashes with an address portalgen generates ({address}). Choose another with "
        "--slug, e.g. --slug {other}"),
    "VALUES_INVALID": Text(
        "Giá trị không hợp lệ: {problems}",
        "Invalid values: {problems}"),

    # --- build, serve ----------------------------------------------------------------------------
    "BUILD_STOPPED": Text(
        "Dừng dựng trang: hãy sửa các lỗi trên; kết quả cũ được giữ nguyên.",
        "Build stopped: fix the errors above; the previous output is untouched."),
    "BUILD_DONE": Text(
        "Đã dựng {units} đơn vị, {pages} trang, {files} tệp ({written} tệp ghi mới, {deleted} tệp xóa) vào "
        "{output} trong {seconds} giây.",
        "Built {units} units, {pages} pages, {files} files ({written} written, {deleted} removed) into {output} "
        "in {seconds} s."),
    "BUILD_NEXT_CHANGE": Text(
        "Lần thay đổi tiếp theo theo lịch: {when:%d/%m/%Y %H:%M}.",
        "Next scheduled change: {when:%Y-%m-%d %H:%M}."),
    "BUILD_REUSED": Text(
        "Nội dung không đổi so với lần dựng trước: không phải làm lại.",
        "Nothing changed since the previous build: no work done."),
    "BUILD_CONVERTED": Text("Đã xử lý: {done}.", "Converted: {done}."),
    "CONVERSION_IMAGE": Text("{count} ảnh (biến thể)", "{count} image variants"),
    "CONVERSION_IMAGE_SIZE": Text("{count} ảnh đọc kích thước", "{count} image sizes"),
    "CONVERSION_PDF": Text("{count} tệp PDF", "{count} PDF files"),
    "CONVERSION_DOCX": Text("{count} tệp Word", "{count} Word files"),
    "CONVERSION_DOCX_IMAGE": Text("{count} ảnh trong tệp Word", "{count} images in Word files"),
    "CONVERSION_ZIP": Text("{count} gói Office kiểm tra", "{count} Office packages checked"),
    "CONVERSION_IMAGE_CHECK": Text("{count} ảnh kiểm tra", "{count} images checked"),
    "CONVERSION_OCR": Text("{count} bản quét đọc chữ bằng máy (OCR)", "{count} scans read by OCR"),
    "BUILD_PROGRESS": Text("Đang dựng: {unit}", "Rendering: {unit}"),
    "SERVE_NO_PORT": Text(
        "Không mở được cổng 127.0.0.1:{port}: {reason}.",
        "Cannot listen on 127.0.0.1:{port}: {reason}."),
    "SERVE_EDITOR_NO_CMS": Text(
        "--editor cần phần cms trong portal.yaml (xem docs/cms.md).",
        "--editor needs the cms section in portal.yaml (see docs/cms.md)."),
    "SERVE_EDITOR_NO_PROXY": Text(
        "Không chạy được decap-server: cần Node.js và các gói npm của kho (npm ci ở thư mục gốc kho).",
        "Cannot run decap-server: it needs Node.js and the repository's npm packages (npm ci at its root)."),
    "SERVE_EDITOR_STARTED": Text(
        "Trang quản trị: {url} — bài lưu trong đó được ghi thẳng vào thư mục làm việc.",
        "Web editor: {url} — what it saves is written straight into the working copy."),
    "SERVE_STARTED": Text("{url}  —  Bấm Ctrl+C để dừng.", "{url}  —  Ctrl+C to stop."),
    "SERVE_BUILT": Text(
        "đã dựng {units} đơn vị, ghi {written} tệp trong {seconds} giây",
        "built {units} units, {written} files written in {seconds} s"),
    "SERVE_BUILT_WITH_ERRORS": Text(
        "đã dựng {units} đơn vị, ghi {written} tệp trong {seconds} giây; {errors} lỗi",
        "built {units} units, {written} files written in {seconds} s; {errors} errors"),

    # --- report, next-change ---------------------------------------------------------------------
    "HISTORY_INVALID": Text(
        "{path} không phải tệp lịch sử do portalgen report ghi (bị hỏng hoặc đã sửa tay). Hãy chuyển tệp đi nơi "
        "khác (việc so sánh sẽ bắt đầu lại) hoặc lấy lại bản của lần chạy trước.",
        "{path} is not a history file written by portalgen report (damaged or edited by hand). Move it away (the "
        "trend then starts again) or restore it from the previous run."),
    "REPORT_SUMMARY": Text(
        "Bảng theo dõi {units} đơn vị: điểm trung bình {average}, {missing} đơn vị thiếu nội dung bắt buộc, "
        "{stale} đơn vị chưa cập nhật → {page}",
        "Dashboard of {units} units: average score {average}, {missing} missing mandatory content, {stale} not up "
        "to date → {page}"),
    "REPORT_TREND": Text(
        "So với ngày {since}: {better} đơn vị tốt hơn, {worse} kém hơn, {same} không đổi.",
        "Since {since}: {better} better, {worse} worse, {same} unchanged."),
    "NEXT_CHANGE": Text(
        "Lần thay đổi tiếp theo: {when:%d/%m/%Y %H:%M}.",
        "Next change: {when:%Y-%m-%d %H:%M}."),
    "NEXT_CHANGE_NONE": Text("Không có thay đổi nào theo lịch.", "No change is scheduled."),
    "NEXT_CHANGE_DUE": Text("Đã đến hạn: cần dựng lại.", "Due: rebuild."),
    "NEXT_CHANGE_NOT_DUE": Text(
        "Chưa có gì đến hạn kể từ lần dựng trước.",
        "Nothing due since the last build."),

    # --- new ---------------------------------------------------------------------------------------
    "NEW_CREATED": Text(
        "Đã tạo {path}. Điền các trường còn lại rồi chạy portalgen check.",
        "Created {path}. Fill in the fields, then run portalgen check."),
    "NEW_KIND_UNKNOWN": Text(
        "Không có loại nội dung “{kind}”.",
        "Unknown content type \"{kind}\"."),
    "NEW_TITLE_EMPTY": Text("--title không được để trống.", "--title must not be empty."),
    "NEW_SCHEDULE_TITLE": Text(
        "Cần --title: nội dung của mục lịch đầu tiên, ví dụ --title \"Họp giao ban\".",
        "Give --title: the content of the first schedule entry, e.g. --title \"Weekly meeting\"."),
    "NEW_NAME_NEEDED": Text(
        "Cần --title (hoặc --slug) để đặt tên tệp.",
        "Give --title (or --slug) to name the file."),
    "NEW_LOWEST_LEVEL": Text(
        "Đơn vị cấp “{level}” là cấp thấp nhất trong portal.yaml: không có cấp dưới.",
        "Level \"{level}\" is the lowest in portal.yaml: it has no level below."),
    "NEW_SET_FORM": Text(
        "--set: “{value}”: viết dạng TRƯỜNG=GIÁ_TRỊ, ví dụ number=15/QĐ-UBND.",
        "--set: “{value}”: use FIELD=VALUE, e.g. number=15/2026."),
    "NEW_SET_UNKNOWN": Text(
        "--set {name}: không có trường này trong {type}. Các trường: {fields}.{guess}",
        "--set {name}: no such field in the type {type}. Fields: {fields}.{guess}"),
    "NEW_SET_GUESS": Text(" Có phải ý bạn là “{guess}”?", " Did you mean \"{guess}\"?"),
    "NEW_SET_INVALID": Text(
        "--set {name}=…: “{value}” không hợp lệ cho trường {title} ({kind}).",
        "--set {name}=…: \"{value}\" is not valid for the field {title} ({kind})."),
    "NEW_SET_GROUP": Text(
        "--set {name}=…: trường này là danh sách hoặc nhóm trường; hãy sửa trực tiếp trong tệp sau khi tạo.",
        "--set {name}=…: this field is a list or a group; edit it in the file once created."),
    "NEW_FILE_MISSING": Text(
        "--file: không có tệp “{path}”.",
        "--file: there is no file \"{path}\"."),
    "NEW_NO_ATTACHMENTS": Text(
        "--file: loại nội dung “{kind}” không có tệp đính kèm.",
        "--file: content type \"{kind}\" has no attached files."),
    "NEW_REQUIRED_MISSING": Text(
        "Thiếu giá trị cho trường bắt buộc: {fields}. Thêm {add}.",
        "Required fields without a value: {fields}. Add {add}."),
    "NEW_FILE_OPTION": Text(
        "--file TỆP (tệp văn bản, sẽ được chép vào cạnh tệp mới)",
        "--file FILE (copied beside the new file)"),
    "NEW_EXISTS": Text(
        "Đã có “{path}” (hoặc một mục cùng tên trong {section}): không ghi đè. Chọn tên khác với --slug{week}.",
        "\"{path}\" (or an item with that name in {section}) already exists and is not overwritten. Choose another "
        "name with --slug{week}."),
    "NEW_OR_WEEK": Text(" hoặc --set week=…", " or --set week=…"),
    "NEW_COPY_EXISTS": Text(
        "Đã có tệp “{path}”: không ghi đè. Đổi tên tệp trước khi thêm.",
        "\"{path}\" already exists and is not overwritten. Rename the file first."),

    # --- import docx -------------------------------------------------------------------------------
    "DOCX_TOO_LARGE": Text(
        "Tệp “{name}” quá lớn ({size}; tối đa {limit}): giảm dung lượng ảnh trong Word (Nén ảnh) rồi thử lại.",
        "\"{name}\" is too large ({size}; at most {limit}): compress its pictures in Word and try again."),
    "DOCX_IS_DOC": Text(
        "Tệp “{name}” là tệp Word đời cũ (.doc): mở bằng Word và “Lưu thành” Word Document (.docx).",
        "The file \"{name}\" is a legacy Word file (.doc): open it in Word and save it as a Word Document (.docx)."),
    "DOCX_IS_ODT": Text(
        "Tệp “{name}” là văn bản OpenDocument (.odt): mở bằng LibreOffice và lưu thành Word (.docx).",
        "The file \"{name}\" is an OpenDocument text (.odt): open it in LibreOffice and save it as Word (.docx)."),
    "DOCX_IS_PDF": Text(
        "Tệp “{name}” là tệp PDF: cần bản Word (.docx) gốc của văn bản; để ghi một văn bản PDF vào sổ văn bản, "
        "dùng portalgen import pdf.",
        "The file \"{name}\" is a PDF: the Word (.docx) original is needed; to enter a PDF document in the "
        "register, use portalgen import pdf."),
    "DOCX_NOT_WORD": Text(
        "Tệp “{name}” không phải tệp Word (.docx) hoặc đã bị hỏng.",
        "The file \"{name}\" is not a Word (.docx) file, or it is corrupt."),
    "DOCX_CORRUPT": Text(
        "Tệp Word bị hỏng, không đọc được: mở bằng Word, lưu lại thành tệp mới rồi thử lại.",
        "The Word file is corrupt: open it in Word, save it as a new file and try again."),
    "DOCX_NO_DOCUMENT": Text(
        "Tệp không phải văn bản Word (.docx): không có phần nội dung word/document.xml.",
        "The file is not a Word document (.docx): it has no word/document.xml."),
    "DOCX_UNPACKS_TOO_LARGE": Text(
        "Tệp “{name}” giải nén ra {size} (tối đa {limit}): giảm dung lượng ảnh trong Word hoặc tách văn bản, lưu "
        "thành tệp mới rồi thử lại.",
        "\"{name}\" unpacks to {size} (at most {limit}): compress its pictures in Word or split the text, save it "
        "as a new file and try again."),
    "DOCX_COMPRESSED_TOO_MUCH": Text(
        "Phần “{part}” trong tệp “{name}” bị nén {ratio} lần (tối đa {limit}): dấu hiệu của tệp “bom giải nén”. "
        "Mở tệp gốc bằng Word, lưu thành tệp mới rồi thử lại; nếu không rõ nguồn gốc tệp, đừng dùng.",
        "The part \"{part}\" of \"{name}\" is compressed {ratio} times (at most {limit}): the mark of a "
        "decompression bomb. Open the original in Word, save it as a new file and try again; if you do not know "
        "where the file comes from, do not use it."),
    "DOCX_NO_TEXT": Text(
        "Tệp Word không có đoạn chữ nào để làm tiêu đề bài.",
        "The Word file holds no text to use as a title."),
    "IMPORT_SLUG_TAKEN": Text(
        "Tên “{slug}” đã được dùng trong {section}: chọn tên khác với --slug, hoặc bỏ --slug để tự đặt tên.",
        "The name \"{slug}\" is already used in {section}: choose another --slug, or leave it out."),
    "IMPORT_EXISTS": Text(
        "Đã có “{path}”: không ghi đè. Chọn tên khác với --slug.",
        "\"{path}\" already exists and is not overwritten. Choose another name with --slug."),
    "IMPORT_ALT_IS_FILE_NAME": Text(
        " (mô tả trong Word chỉ là tên tệp “{alt}”)",
        " (the Word description is only the file name \"{alt}\")"),
    "IMPORTED_NEWS": Text(
        "Đã nhập “{source}” thành bản nháp tin tức:",
        "Imported \"{source}\" as a draft news item:"),
    "IMPORTED_PAGE": Text(
        "Đã nhập “{source}” thành trang thông tin:",
        "Imported \"{source}\" as a page:"),
    "IMPORTED_TITLE": Text("Tiêu đề: {title}", "Title: {title}"),
    "IMPORTED_IMAGES": Text("Ảnh: {names}", "Images: {names}"),
    "IMPORT_MUST_FIX": Text("Cần sửa trước khi đăng ({count}):", "To fix before publishing ({count}):"),
    "IMPORT_REVIEW": Text("Nên xem lại ({count}):", "To review ({count}):"),
    "IMPORT_NEXT_FILL": Text(
        "Bước tiếp theo: điền {fields} trong tệp trên, đọc soát nội dung, rồi chạy:",
        "Next: fill in {fields} in the file above, review the text, then run:"),
    "IMPORT_NEXT_REVIEW": Text(
        "Bước tiếp theo: xem lại tệp trên, đọc soát nội dung, rồi chạy:",
        "Next: review the file above, review the text, then run:"),
    "IMPORT_BLANK_CATEGORY": Text("category (chuyên mục)", "category"),
    "IMPORT_BLANK_AUTHOR": Text("author (tác giả)", "author"),
    "IMPORT_BLANK_SUMMARY": Text("summary (tóm tắt)", "summary"),
    "IMPORT_BLANK_KIND": Text("kind (loại trang)", "kind"),
    "IMPORT_PAGE_PUBLISHED": Text(
        "Trang không có trạng thái nháp: khi check không còn lỗi, lần dựng trang sau sẽ đăng trang.",
        "A page has no draft status: once check passes, the next build publishes it."),

    # --- import of official documents (import docx --as document, import pdf) ----------------------------
    "IMPORTED_DOCUMENT": Text(
        "Đã ghi “{source}” vào sổ văn bản:",
        "Entered \"{source}\" in the document register:"),
    "IMPORT_READ": Text("Đã đọc từ thể thức văn bản:", "Read from the official layout:"),
    "IMPORT_NO_OFFICIAL_HEADER": Text(
        "Không nhận ra phần đầu văn bản hành chính (cơ quan ban hành, số, ký hiệu, Quốc hiệu, ngày tháng): mọi "
        "trường phải điền tay.",
        "No official header (issuer, number, national name, date) was recognised: every field must be filled in by "
        "hand."),
    "IMPORT_FIELDS_TO_FILL": Text(
        "Chưa đọc được, cần thêm vào tệp trên: {fields}. Sau đó chạy:",
        "Fields to fill (they could not be read), to add to the file above: {fields}. Then run:"),
    "IMPORT_BLANK_NUMBER": Text("number (số, ký hiệu)", "number"),
    "IMPORT_BLANK_TYPE": Text("type (hình thức văn bản)", "type"),
    "IMPORT_BLANK_ISSUER": Text("issuer (cơ quan ban hành)", "issuer"),
    "IMPORT_BLANK_ISSUE_DATE": Text("issue_date (ngày ban hành)", "issue_date"),
    "IMPORT_BLANK_SIGNER": Text("signer (người ký)", "signer"),
    "IMPORT_BLANK_SIGNER_POSITION": Text("signer_position (chức vụ người ký)", "signer_position"),
    "PDF_TOO_LARGE": Text(
        "Tệp “{name}” quá lớn ({size}; tối đa {limit}).",
        "\"{name}\" is too large ({size}; at most {limit})."),
    "PDF_NOT_PDF": Text(
        "Tệp “{name}” không phải tệp PDF (với tệp Word, dùng: portalgen import docx … --as document).",
        "The file \"{name}\" is not a PDF (for a Word file use: portalgen import docx … --as document)."),
    "PDF_UNREADABLE": Text(
        "Tệp PDF “{name}” bị hỏng hoặc có mật khẩu, không đọc được: xuất lại PDF từ bản Word gốc.",
        "The PDF \"{name}\" is damaged or protected by a password: export it again from the Word original."),
    "PDF_NO_TEXT_LAYER": Text(
        "Tệp PDF “{name}” là bản quét, không có lớp chữ: không đọc được số, ngày, trích yếu. Dùng bản PDF xuất từ "
        "Word, hoặc tạo văn bản bằng portalgen new document rồi điền tay.",
        "The PDF \"{name}\" is a scan without a text layer: its number, date and subject cannot be read. Use a PDF "
        "exported from Word, or create the entry with portalgen new document and fill it in by hand."),

    # --- editor-config, codeowners -------------------------------------------------------------------
    "SETTINGS_UNREADABLE": Text(
        "Không đọc được “{path}” ({reason}). Tệp phải là JSON không có chú thích; sửa hoặc xóa tệp rồi chạy lại.",
        "Cannot read \"{path}\" ({reason}). It must be JSON without comments; fix or remove it and run again."),
    "SETTINGS_NOT_OBJECT": Text(
        "“{path}” không phải một đối tượng JSON {{…}}.",
        "\"{path}\" is not a JSON object."),
    "PORTAL_OUTSIDE_WORKSPACE": Text(
        "Thư mục cổng “{portal}” không nằm trong thư mục làm việc “{workspace}”.",
        "The portal folder \"{portal}\" is not inside the workspace \"{workspace}\"."),
    "EDITOR_CONFIG_STALE": Text(
        "Cấu hình trình soạn thảo đã cũ (chạy portalgen editor-config): {files}",
        "Out of date (run portalgen editor-config): {files}"),
    "EDITOR_CONFIG_CURRENT": Text("Cấu hình trình soạn thảo đã cập nhật.", "Up to date."),
    "EDITOR_CONFIG_WRITTEN": Text("Đã ghi {count} tệp: {files}", "Wrote {count} files: {files}"),
    "EDITOR_CONFIG_UNCHANGED": Text("Đã ghi 0 tệp.", "Wrote 0 files."),
    "PORTAL_OUTSIDE_ROOT": Text(
        "Thư mục cổng “{portal}” không nằm trong thư mục gốc “{root}” (--root).",
        "The portal folder \"{portal}\" is not inside --root \"{root}\"."),
    "CODEOWNERS_STALE": Text(
        "{path} đã cũ: chạy portalgen codeowners.",
        "{path} is out of date: run portalgen codeowners."),
    "CODEOWNERS_CURRENT": Text("{path} đã cập nhật.", "{path} is up to date."),
    "CODEOWNERS_WRITTEN": Text("Đã ghi {path}.", "Wrote {path}."),
    "CODEOWNERS_UNCHANGED": Text("{path} không đổi.", "{path} unchanged."),

    # --- deploy ----------------------------------------------------------------------------------------
    "DEPLOY_REFUSED": Text(
        "Không đăng trang: nội dung còn lỗi; hãy sửa rồi dựng lại.",
        "Deploy refused: the content has errors; fix them and build again."),
    "DEPLOY_PROGRESS": Text(
        "Đang đăng: {unit} ({target}) {done}/{total}",
        "Uploading: {unit} ({target}) {done}/{total}"),
    "DEPLOY_TARGET_FAILED": Text("{target}: LỖI", "{target}: FAILED"),
    "DEPLOY_TARGET_PLAN": Text(
        "{target}: sẽ tải lên {uploads}, sẽ xóa {deletes}, {unchanged} không đổi",
        "{target}: would upload {uploads}, delete {deletes}, {unchanged} unchanged"),
    "DEPLOY_TARGET_DONE": Text(
        "{target}: {uploaded} tải lên, {deleted} xóa, {unchanged} không đổi, {size}, {seconds} giây",
        "{target}: {uploaded} uploaded, {deleted} deleted, {unchanged} unchanged, {size}, {seconds} s"),
    "DEPLOY_TARGET_DONE_FAILED": Text(
        "{target}: {uploaded} tải lên, {deleted} xóa, {unchanged} không đổi, {size}, {seconds} giây — LỖI",
        "{target}: {uploaded} uploaded, {deleted} deleted, {unchanged} unchanged, {size}, {seconds} s — FAILED"),
    "DEPLOY_SUMMARY": Text(
        "{targets} nơi đăng: {done} xong, {failed} lỗi.",
        "{targets} targets: {done} done, {failed} failed."),
    "DEPLOY_SUMMARY_DRY_RUN": Text(
        "{targets} nơi đăng: {done} xong, {failed} lỗi (chạy thử: không thay đổi gì).",
        "{targets} targets: {done} done, {failed} failed (dry run: nothing was changed)."),

    # --- join-shards -------------------------------------------------------------------------------------
    "JOIN_DONE": Text(
        "Đã ghép {parts} phần: {files} tệp ({copied} tệp chép mới, {removed} tệp xóa) vào {output}.",
        "Joined {parts} parts: {files} files ({copied} copied, {removed} removed) into {output}."),
    "JOIN_PART_TWICE": Text("Một phần được nêu hai lần.", "A part is named twice."),
    "JOIN_NOT_A_BUILD": Text(
        "“{folder}” không phải kết quả dựng trang thành công (không có {manifest}). Chạy portalgen build … "
        "-o {folder} --shard K/N cho phần này, và khi chép kết quả giữa các bước CI hãy giữ cả tệp ẩn "
        "(GitHub: include-hidden-files: true).",
        "\"{folder}\" is not a successful build (no {manifest}). Run portalgen build … -o {folder} --shard K/N for "
        "this part, and keep hidden files when CI passes it between jobs (GitHub: include-hidden-files: true)."),
    "JOIN_NO_RECORD": Text(
        "Không có bản ghi lần dựng .{name}.portalgen-build.json bên cạnh “{folder}”. Dựng lại phần này bằng "
        "portalgen build và chép cả tệp ẩn bên cạnh thư mục.",
        "No build record .{name}.portalgen-build.json beside \"{folder}\". Build this part again with portalgen "
        "build and copy the hidden files beside the folder too."),
    "JOIN_CONFLICT": Text(
        "Tệp “{path}” có trong cả “{first}” và “{second}” với nội dung khác nhau: các phần không thuộc cùng một "
        "lần dựng. Dựng lại mọi phần cùng --now và cùng nội dung, với --shard 1/N … N/N.",
        "The file \"{path}\" is in both \"{first}\" and \"{second}\" with different content: the parts are not "
        "from the same build. Build every part again with the same --now and content, --shard 1/N … N/N."),
    "JOIN_PART_EDITED": Text(
        "Tệp “{path}” đã khác với lần dựng phần này (bị sửa hoặc bị xóa). Dựng lại phần này.",
        "The file \"{path}\" differs from what the build of this part wrote (edited or removed). Build this part "
        "again."),
    # --- what a build holds back ------------------------------------------------------------------
    "BUILD_HELD": Text(
        "Đã đăng mọi nội dung đúng; giữ lại {items} tệp có lỗi và {units} đơn vị có unit.yaml lỗi (xem trên). "
        "Hãy sửa các lỗi đó.",
        "Published everything that is valid; held back {items} files with errors and {units} units with a broken "
        "unit.yaml (see above). Fix those errors."),
    "DEPLOY_HELD": Text(
        "Đã đăng các phần đúng của bản dựng; nội dung còn lỗi (được giữ lại, chưa đăng): hãy sửa rồi dựng lại.",
        "Deployed the good parts of the build; the content still has errors (held back, not published): fix them "
        "and build again."),
    "NEW_UNIT_NO_PORTAL": Text(
        "“{folder}” không có unit.yaml hay portal.yaml. Đơn vị mới được tạo trong thư mục của đơn vị cấp trên "
        "(có unit.yaml) hoặc thư mục cổng (có portal.yaml); cổng mới thì tạo bằng portalgen init {folder} "
        "--province TỈNH.",
        "\"{folder}\" holds neither unit.yaml nor portal.yaml. A new unit goes in its parent unit's folder (with "
        "unit.yaml) or the portal folder (with portal.yaml); a new portal is made with portalgen init {folder} "
        "--province PROVINCE."),
    # --- init: a new portal -----------------------------------------------------------------------
    "INIT_SOURCE": Text(
        "Hãy chọn một nguồn đơn vị: --province TỈNH (ví dụ --province \"Ninh Bình\" hoặc --province 37) hoặc "
        "--units TỆP.csv, không dùng cả hai.",
        "Choose one source of units: --province PROVINCE (e.g. --province \"ninh binh\" or --province 37) or "
        "--units FILE.csv, not both."),
    "INIT_PROVINCE_UNKNOWN": Text(
        "--province: không có tỉnh, thành phố “{query}” trong danh mục từ 01/7/2025. Chọn theo mã hoặc tên: "
        "{choices}.",
        "--province: there is no province \"{query}\" in the list of 1 July 2025. Give a code or a name: "
        "{choices}."),
    "INIT_PROVINCE_AMBIGUOUS": Text(
        "--province: “{query}” khớp với nhiều tỉnh, thành phố: {choices}. Hãy ghi mã hoặc tên đầy đủ.",
        "--province: \"{query}\" matches several provinces: {choices}. Give the code or the full name."),
    "INIT_PORTAL_EXISTS": Text(
        "Thư mục “{folder}” đã có portal.yaml (đã có một cổng): portalgen init không ghi đè. Chọn một thư "
        "mục mới hoặc trống.",
        "The folder \"{folder}\" already holds portal.yaml (a portal): portalgen init overwrites nothing. "
        "Choose a new or empty folder."),
    "INIT_CSV_UNREADABLE": Text(
        "Không đọc được tệp “{path}” ({reason}): hãy lưu tệp CSV với bảng mã UTF-8.",
        "The file \"{path}\" cannot be read ({reason}): save the CSV file as UTF-8."),
    "INIT_CSV_HEADER": Text(
        "“{path}”: dòng 1 phải là tên các cột {columns}.",
        "\"{path}\": line 1 must name the columns {columns}."),
    "INIT_CSV_EMPTY": Text(
        "“{path}” không có đơn vị nào (chỉ có dòng tên cột).",
        "\"{path}\" lists no unit (only the line of column names)."),
    "INIT_CSV_NAME": Text(
        "“{path}”, dòng {line}: cột name trống; ghi tên đầy đủ, ví dụ Xã Hải Hậu.",
        "\"{path}\", line {line}: the name column is empty; give the full name, with its type word."),
    "INIT_CSV_TYPE": Text(
        "“{path}”, dòng {line} ({name}): loại “{type}” không dùng được; ghi ở cột type một trong {allowed}, "
        "hoặc để trống nếu tên bắt đầu bằng Tỉnh, Thành phố, Xã, Phường hay Đặc khu.",
        "\"{path}\", line {line} ({name}): the type \"{type}\" cannot be used; give one of {allowed} in the "
        "type column, or leave it empty when the name starts with its type word."),
    "INIT_CSV_CODE": Text(
        "“{path}”, dòng {line} ({name}): mã “{unit_code}” phải có đúng {digits} chữ số (mã theo danh mục hành chính).",
        "\"{path}\", line {line} ({name}): the code \"{unit_code}\" must have exactly {digits} digits (the official "
        "code)."),
    "INIT_CSV_DUPLICATE": Text(
        "“{path}”, dòng {line}: mã {unit_code} đã có ở dòng {other}; mỗi đơn vị chỉ ghi một lần.",
        "\"{path}\", line {line}: the code {unit_code} is already on line {other}; list each unit once."),
    "INIT_CSV_PARENT": Text(
        "“{path}”, dòng {line}: đơn vị {unit_code} có cấp trên {parent}, nhưng tệp không có đơn vị cấp "
        "trên nào mang mã đó. Ghi ở cột parent mã của một đơn vị cấp tỉnh trong tệp, hoặc để trống.",
        "\"{path}\", line {line}: the unit {unit_code} has the parent {parent}, but the file lists no higher "
        "unit with that code. Give the code of a province-level unit of the file in the parent column, or "
        "leave it empty."),
    "INIT_CREATED": Text(
        "Đã tạo cổng ở “{folder}”: portal.yaml và {count} đơn vị. Tiếp theo: sửa base_url trong portal.yaml, "
        "điền liên hệ, lãnh đạo của từng đơn vị (portalgen check {folder} liệt kê những gì còn thiếu).",
        "Created a portal in \"{folder}\": portal.yaml and {count} units. Next: correct base_url in portal.yaml, "
        "add each unit's contacts and leaders (portalgen check {folder} lists what is still missing)."),
})
