"""The ``--help`` of every command, by code, in Vietnamese and English.

A command names its help text and its short help (one line in ``portalgen --help``); an option
names its help text.  Options that mean the same in several commands share a code.  The command
line (:mod:`portalgen.cli`) prints them in the language of ``--lang`` given anywhere on the
command line, else of the environment variable ``PORTALGEN_LANG``, else in Vietnamese.  What the
commands say when they run is :data:`portalgen.phrases.PHRASES`.
"""

from __future__ import annotations

from .speech import Catalogue, Text

HELP = Catalogue("command help", {
    # --- the group and options every command has -------------------------------------------------
    "PORTALGEN": Text(
        "portalgen: cổng thông tin điện tử tĩnh cho cơ quan nhà nước.",
        "portalgen: static e-portals for Vietnamese state agencies."),
    "OPTION_HELP": Text("Hiện trợ giúp này rồi thoát.", "Show this message and exit."),
    "OPTION_VERSION": Text("Hiện phiên bản rồi thoát.", "Show the version and exit."),
    "OPTION_LANG": Text(
        "Ngôn ngữ của thông báo và trợ giúp (mặc định lấy từ biến môi trường PORTALGEN_LANG).",
        "Language of messages and help (the default comes from the environment variable PORTALGEN_LANG)."),
    "OPTION_LANG_ALL": Text(
        "Ngôn ngữ của trợ giúp và thông báo cho mọi lệnh (mặc định lấy từ biến môi trường PORTALGEN_LANG).",
        "Language of help and messages for every command (the default comes from the environment variable "
        "PORTALGEN_LANG)."),
    "OPTION_LANG_REPORT": Text(
        "Ngôn ngữ của trang, thông báo và trợ giúp (mặc định lấy từ biến môi trường PORTALGEN_LANG).",
        "Language of the page, messages and help (the default comes from the environment variable "
        "PORTALGEN_LANG)."),
    "OPTION_CACHE_REUSE": Text(
        "Dùng lại kết quả đọc PDF, Word, ảnh đã lưu ở thư mục này (như portalgen build).",
        "Reuse what was read from PDF, Word and image files, saved in this folder (as portalgen build does)."),
    "CHECK_NOW": Text(
        "Ngày giờ kiểm tra (mặc định: hôm nay, giờ Việt Nam).",
        "Date and time of the check (default: today, Vietnam time)."),
    "BUILD_NOW": Text(
        "Ngày giờ dựng trang (mặc định: hôm nay, giờ Việt Nam).",
        "Date and time of the build (default: today, Vietnam time)."),
    "NEW_SLUG": Text(
        "Tên tệp/thư mục (mặc định: theo tiêu đề).",
        "File or folder name (default: from the title)."),
    "EDITOR_CONFIG_CHECK": Text(
        "Không ghi; thoát với mã 1 nếu tệp cấu hình đã cũ (cho CI).",
        "Write nothing; exit with code 1 if the settings file is out of date (for CI)."),

    # --- check -----------------------------------------------------------------------------------
    "CHECK": Text("Kiểm tra nội dung của mọi đơn vị.", "Check every unit's content."),
    "CHECK_SHORT": Text("Kiểm tra nội dung của mọi đơn vị.", "Check every unit's content."),
    "CHECK_UNIT": Text(
        "Chỉ kiểm tra một đơn vị (thư mục tính từ cổng, ví dụ nam-dinh/my-loc).",
        "Check only one unit (its folder inside the portal, e.g. nam-dinh/my-loc)."),
    "CHECK_FORMAT": Text(
        "Dạng báo cáo: text, json, github (chú thích GitHub Actions), gitlab (code quality).",
        "Report format: text, json, github (GitHub Actions annotations), gitlab (code quality)."),
    "CHECK_STRICT": Text(
        "Coi cảnh báo (kể cả nội dung bắt buộc còn thiếu) là lỗi.",
        "Treat warnings (missing required content included) as errors."),

    "REPORT_ERRORS_ONLY": Text(
        "Chỉ liệt kê lỗi; cảnh báo vẫn được đếm ở dòng tổng kết.",
        "List errors only; warnings are still counted in the closing line."),
    "REPORT_SUMMARY": Text(
        "Thay danh sách vấn đề bằng một dòng cho mỗi đơn vị: số lỗi, số cảnh báo.",
        "Instead of the problems, one line per unit: its numbers of errors and warnings."),

    # --- build -----------------------------------------------------------------------------------
    "BUILD": Text("Kiểm tra rồi dựng trang tĩnh cho mọi đơn vị.", "Check, then build every unit's static site."),
    "BUILD_SHORT": Text("Kiểm tra rồi dựng trang tĩnh cho mọi đơn vị.", "Check, then build every unit's site."),
    "BUILD_OUTPUT": Text("Thư mục kết quả.", "Output folder."),
    "BUILD_UNIT": Text(
        "Chỉ ghi trang của một đơn vị (thư mục tính từ cổng).",
        "Write only one unit's pages (its folder inside the portal)."),
    "BUILD_STRICT": Text(
        "Không dựng gì khi còn lỗi hay cảnh báo (mặc định: vẫn đăng mọi nội dung đúng, giữ lại tệp có lỗi).",
        "Build nothing while there are errors or warnings (by default: publish everything valid, hold back "
        "files with errors)."),
    "BUILD_CACHE": Text(
        "Thư mục lưu kết quả xử lý ảnh, PDF, Word để lần sau không làm lại, và bản đúng lần trước của mọi "
        "tệp (CI nên giữ lại).",
        "Folder that keeps processed images, PDF and Word files so the next build does not redo them, and the "
        "last good version of every file (CI should keep it)."),
    "BUILD_NO_CACHE": Text(
        "Làm lại mọi việc: không dùng thư mục cache, không bỏ qua khi nội dung không đổi.",
        "Redo everything: no cache folder, no skipping when the content is unchanged."),
    "BUILD_JOBS": Text(
        "Số tiến trình song song (mặc định: số nhân CPU).",
        "Number of parallel processes (default: the number of CPU cores)."),
    "BUILD_SHARD": Text(
        "Chỉ dựng phần thứ K trong N phần rời nhau (để chia việc cho nhiều máy CI).",
        "Build only part K of N disjoint parts (to share the work between CI machines)."),

    # --- serve -----------------------------------------------------------------------------------
    "SERVE": Text(
        "Xem trước: dựng, chạy máy chủ trên 127.0.0.1, tự dựng lại khi sửa.",
        "Preview: build, serve on 127.0.0.1, rebuild on every change."),
    "SERVE_SHORT": Text("Xem trước, tự dựng lại khi sửa.", "Preview with live reload."),
    "SERVE_PORT": Text("Cổng mạng.", "Network port."),
    "SERVE_UNIT": Text("Chỉ dựng và xem một đơn vị.", "Build and preview only one unit."),
    "SERVE_NOW": Text(
        "Ngày giờ dựng trang (mặc định: lúc dựng, giờ Việt Nam).",
        "Date and time of the build (default: when it builds, Vietnam time)."),
    "SERVE_EDITOR": Text(
        "Chạy cả trang quản trị nội dung (Decap CMS) với kho trên máy: /…/admin/ của mỗi đơn vị.",
        "Also run the web editor (Decap CMS) against the working copy: /…/admin/ of each unit."),
    "SERVE_CACHE": Text("Thư mục cache dùng chung với portalgen build.", "Cache folder shared with portalgen build."),

    # --- import, import docx ---------------------------------------------------------------------
    "IMPORT": Text("Nhập nội dung từ tệp khác.", "Import content from other files."),
    "IMPORT_SHORT": Text("Nhập nội dung từ tệp khác.", "Import content from other files."),
    "IMPORT_DOCX": Text(
        "Chuyển một tệp Word (.docx) thành bản nháp trong thư mục đơn vị.",
        "Turn a Word file (.docx) into a draft in a unit's folder."),
    "IMPORT_DOCX_SHORT": Text("Chuyển tệp Word thành bản nháp.", "Turn a Word file into a draft."),
    "IMPORT_DOCX_UNIT": Text(
        "Thư mục của đơn vị nhận bài, ví dụ sites/nam-dinh/my-loc.",
        "Folder of the unit that receives the article, e.g. sites/nam-dinh/my-loc."),
    "IMPORT_DOCX_AS": Text(
        "news: bản nháp tin tức (news/NĂM/TÊN/index.md); page: trang thông tin (pages/); document: văn bản trong "
        "sổ văn bản (documents/TÊN.yaml, tệp Word để cạnh).",
        "news: a news draft (news/YEAR/NAME/index.md); page: an information page (pages/); document: an entry of "
        "the document register (documents/NAME.yaml, the Word file beside it)."),
    "IMPORT_DOCX_NOW": Text(
        "Ngày của bài (mặc định: hôm nay, giờ Việt Nam).",
        "Date of the article (default: today, Vietnam time)."),
    "IMPORT_DOCX_SLUG": Text(
        "Tên thư mục/tệp của bài (mặc định: theo tiêu đề).",
        "Folder or file name of the article (default: from the title)."),
    "IMPORT_PDF": Text(
        "Ghi một văn bản hành chính dạng PDF có lớp chữ vào sổ văn bản của đơn vị (documents/TÊN.yaml, tệp PDF để "
        "cạnh): số, ký hiệu, hình thức, cơ quan ban hành, ngày, trích yếu, người ký đọc từ thể thức văn bản.",
        "Enter an administrative document, a PDF with a text layer, in a unit's document register "
        "(documents/NAME.yaml, the PDF beside it): number, type, issuer, date, subject and signer read from its "
        "official layout."),
    "IMPORT_PDF_SHORT": Text("Ghi văn bản PDF vào sổ văn bản.", "Enter a PDF document in the register."),
    "IMPORT_PDF_UNIT": Text(
        "Thư mục của đơn vị ban hành hoặc đăng văn bản, ví dụ sites/nam-dinh/my-loc.",
        "Folder of the unit that publishes the document, e.g. sites/nam-dinh/my-loc."),
    "IMPORT_PDF_SLUG": Text(
        "Tên tệp của văn bản (mặc định: ký hiệu, số và năm, ví dụ qd-15-2026).",
        "File name of the document (default: symbol, number and year, e.g. qd-15-2026)."),

    # --- report ----------------------------------------------------------------------------------
    "REPORT": Text(
        "Bảng theo dõi nội dung bắt buộc của mọi đơn vị.",
        "Dashboard of every unit's required content."),
    "REPORT_SHORT": Text("Bảng theo dõi nội dung bắt buộc.", "Dashboard of required content."),
    "REPORT_OUTPUT": Text(
        "Thư mục ghi bảng theo dõi (index.html, CSV, JSON) và tệp lịch sử lich-su.json.",
        "Folder for the dashboard (index.html, CSV, JSON) and its history file lich-su.json."),
    "REPORT_NOW": Text(
        "Ngày giờ đánh giá (mặc định: hôm nay, giờ Việt Nam).",
        "Date and time of the assessment (default: today, Vietnam time)."),

    # --- next-change -----------------------------------------------------------------------------
    "NEXT_CHANGE": Text(
        "In thời điểm trang thay đổi tiếp theo: đăng, hết hạn, hạn chót, tuần mới.",
        "Print when the output changes next: publish_at, expire_at, deadlines, a new week."),
    "NEXT_CHANGE_SHORT": Text("In thời điểm trang thay đổi tiếp theo.", "Print when the output changes next."),
    "NEXT_CHANGE_NOW": Text(
        "Thời điểm hiện tại (mặc định: bây giờ, giờ Việt Nam).",
        "The present moment (default: now, Vietnam time)."),
    "NEXT_CHANGE_SINCE": Text(
        "Lần dựng trước: thoát 0 nếu từ đó đến --now có nội dung đến hạn thay đổi (cần dựng lại), 1 nếu chưa.",
        "The previous build: exit 0 if some content is due to change between it and --now (build again), "
        "1 if not."),

    # --- new -------------------------------------------------------------------------------------
    "NEW": Text(
        "Tạo tệp nội dung mới có chú thích từng trường, đã qua được check.\n\n"
        "TYPE: news, page, document, procedure, schedule, consultation, procurement, faq, unit.",
        "Create a new content file with a comment on every field; it passes check.\n\n"
        "TYPE: news, page, document, procedure, schedule, consultation, procurement, faq, unit."),
    "NEW_SHORT": Text("Tạo tệp nội dung mới.", "Create a new content file."),
    "NEW_UNIT": Text(
        "Thư mục của đơn vị, ví dụ sites/nam-dinh/my-loc (với unit: đơn vị cấp trên, hoặc thư mục cổng).",
        "The unit's folder, e.g. sites/nam-dinh/my-loc (for unit: the parent unit, or the portal folder)."),
    "NEW_TITLE": Text(
        "Tiêu đề (tin, trang, dự thảo, đấu thầu), trích yếu (văn bản), tên (thủ tục, đơn vị), "
        "câu hỏi (hỏi đáp) hoặc nội dung (lịch công tác).",
        "Title (news, page, consultation, procurement), summary (document), name (procedure, unit), "
        "question (faq) or content (schedule)."),
    "NEW_SET": Text(
        "Giá trị của một trường, ví dụ --set number=15/QĐ-UBND hoặc --set contacts.phone=\"0229 3871 535\".",
        "The value of one field, e.g. --set number=15/CT-UBND or --set contacts.phone=\"0229 3871 535\"."),
    "NEW_FILE": Text(
        "Tệp đính kèm (văn bản, dự thảo…), được chép vào cạnh tệp mới.",
        "An attached file (document, consultation…), copied beside the new file."),
    "NEW_NOW": Text(
        "Ngày điền vào tệp (mặc định: hôm nay, giờ Việt Nam).",
        "The date written into the file (default: today, Vietnam time)."),

    # --- editor-config ---------------------------------------------------------------------------
    "EDITOR_CONFIG": Text(
        "Ghi .vscode/settings.json gắn mỗi loại tệp YAML với lược đồ của nó.",
        "Write .vscode/settings.json, linking each kind of YAML file to its schema."),
    "EDITOR_CONFIG_SHORT": Text("Ghi cấu hình VS Code cho tệp YAML.", "Write the VS Code settings for YAML files."),
    "EDITOR_CONFIG_WORKSPACE": Text(
        "Thư mục mở trong VS Code (thường là gốc kho git), chứa thư mục cổng.",
        "The folder opened in VS Code (usually the git repository's root) that holds the portal folder."),

    # --- codeowners ------------------------------------------------------------------------------
    "CODEOWNERS": Text(
        "Ghi CODEOWNERS: ban biên tập của mỗi đơn vị duyệt thay đổi trong thư mục của mình.",
        "Write CODEOWNERS: each unit's editorial board reviews the changes in its own folder."),
    "CODEOWNERS_SHORT": Text("Ghi CODEOWNERS cho ban biên tập.", "Write CODEOWNERS for the editorial boards."),
    "CODEOWNERS_ROOT": Text(
        "Thư mục gốc của kho git (đường dẫn trong CODEOWNERS tính từ đây).",
        "The git repository's root folder (paths in CODEOWNERS start here)."),
    "CODEOWNERS_OUTPUT": Text(
        "Tệp kết quả (mặc định: ROOT/CODEOWNERS; GitHub cũng đọc .github/CODEOWNERS, GitLab .gitlab/CODEOWNERS).",
        "The file to write (default: ROOT/CODEOWNERS; GitHub also reads .github/CODEOWNERS, "
        "GitLab .gitlab/CODEOWNERS)."),
    "CODEOWNERS_CHECK": Text(
        "Không ghi; thoát với mã 1 nếu tệp đã cũ (cho CI).",
        "Write nothing; exit with code 1 if the file is out of date (for CI)."),

    # --- deploy ----------------------------------------------------------------------------------
    "DEPLOY": Text(
        "Đăng trang đã dựng lên máy chủ: FTP, FTPS, SFTP, rsync, thư mục.",
        "Publish the built sites to their servers: FTP, FTPS, SFTP, rsync, a folder."),
    "DEPLOY_SHORT": Text("Đăng trang đã dựng lên máy chủ.", "Publish the built sites."),
    "DEPLOY_OUTPUT": Text(
        "Thư mục kết quả đã dựng bằng portalgen build.",
        "The output folder built by portalgen build."),
    "DEPLOY_UNIT": Text(
        "Chỉ đăng trang của một đơn vị (thư mục tính từ cổng).",
        "Publish only one unit's pages (its folder inside the portal)."),
    "DEPLOY_TARGET": Text(
        "Chỉ đăng tới nơi đăng có tên này (trường name).",
        "Publish only to the target of this name (its name field)."),
    "DEPLOY_DRY_RUN": Text(
        "Chỉ liệt kê những gì sẽ thay đổi, không sửa gì trên máy chủ.",
        "Only list what would change; change nothing on the servers."),
    "DEPLOY_MAX_DELETES": Text(
        "Không xóa quá N tệp ở một nơi đăng (trừ khi có --force).",
        "Delete at most N files on one target (unless --force)."),
    "DEPLOY_FORCE": Text("Cho phép xóa nhiều hơn --max-deletes.", "Allow deleting more than --max-deletes."),
    "DEPLOY_JOBS": Text(
        "Số nơi đăng được đăng song song, mỗi nơi một kết nối.",
        "How many targets are published at once, one connection each."),
    "DEPLOY_NOW": Text(
        "Ngày giờ kiểm tra nội dung (mặc định: hôm nay, giờ Việt Nam).",
        "Date and time of the content check (default: today, Vietnam time)."),

    # --- join-shards -----------------------------------------------------------------------------
    "JOIN_SHARDS": Text(
        "Ghép các phần dựng bằng --shard K/N thành một thư mục kết quả có danh sách tệp.",
        "Join the parts built with --shard K/N into one output folder with its list of files."),
    "JOIN_SHARDS_SHORT": Text("Ghép các phần dựng bằng --shard.", "Join the parts built with --shard."),
    "JOIN_SHARDS_OUTPUT": Text(
        "Thư mục nhận kết quả ghép, để portalgen deploy -o OUT đăng.",
        "The folder that receives the joined output, for portalgen deploy -o OUT to publish."),
    "DEPLOY_CACHE": Text(
        "Thư mục cache của portalgen build: nơi đăng của đơn vị có unit.yaml lỗi lấy từ bản đúng lần trước.",
        "portalgen build's cache folder: a unit whose unit.yaml has errors is deployed to the targets of its "
        "last good version."),

    # --- init ------------------------------------------------------------------------------------
    "INIT": Text(
        "Tạo cổng mới ở thư mục DIR (mặc định: sites): portal.yaml và unit.yaml của tỉnh và mọi xã, phường, "
        "đặc khu theo danh mục đơn vị hành chính từ 01/7/2025, hoặc của các đơn vị trong một tệp CSV.",
        "Create a new portal in DIR (default: sites): portal.yaml and the unit.yaml of the province and of every "
        "commune, ward and special zone of the official list of 1 July 2025, or of the units of a CSV file."),
    "INIT_SHORT": Text("Tạo cổng mới cho một tỉnh.", "Create a new portal for a province."),
    "INIT_PROVINCE": Text(
        "Tỉnh, thành phố: mã (37) hoặc tên, có dấu hay không (\"Ninh Bình\", \"ninh binh\", \"ha noi\").",
        "The province: its code (37) or its name, with or without tone marks (\"ninh binh\", \"ha noi\")."),
    "INIT_UNITS": Text(
        "Tệp CSV (UTF-8) các đơn vị, cột code,name,type,parent (parent: mã đơn vị cấp trên trong tệp).",
        "A CSV file (UTF-8) of units, columns code,name,type,parent (parent: the code of its parent in the file)."),
    "INIT_NAME": Text(
        "Tên cổng (mặc định: Cổng thông tin điện tử + tên tỉnh).",
        "The portal's name (default: the Vietnamese for \"e-portal of\" and the province's name)."),
    "INIT_BASE_URL": Text(
        "Địa chỉ của cổng (mặc định: https://<tên tỉnh viết liền>.gov.vn/).",
        "The portal's address (default: https://<province name without spaces>.gov.vn/)."),
})
