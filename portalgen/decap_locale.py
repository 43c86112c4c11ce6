"""The Vietnamese strings Decap CMS's own locale lacks, and the helper script that registers them.

Decap ships a partial Vietnamese locale; every string it misses shows in English ("Add từ khóa",
"Insert from URL").  ``portalgen-cms.js`` merges these strings into it, and names the theme's
stylesheet for the preview pane (from the admin page's ``portalgen-preview-style`` meta tag) and
a news item's preview in the theme's article classes.
"""

from __future__ import annotations

import json

#: Decap's strings (by their key in Decap's locale) that its Vietnamese locale lacks, translated.
MISSING: dict[str, str] = {
    "auth.loginWithAzure": "Đăng nhập bằng Azure",
    "auth.loginWithForgejo": "Đăng nhập bằng Forgejo",
    "collection.collectionTop.viewAsList": "Xem dạng danh sách",
    "collection.collectionTop.viewAsGrid": "Xem dạng lưới",
    "collection.collectionTop.groupBy": "Nhóm theo",
    "collection.entries.unpublishedHeader": "Bài chưa công bố",
    "collection.groups.other": "Khác",
    "collection.groups.negateLabel": "Không %{label}",
    "editor.editorControl.field.widgetLabel": "Ô %{widgetLabel}",
    "editor.editorControlPane.i18n.writingInLocale": "Đang viết bằng %{locale}",
    "editor.editorControlPane.i18n.copyFromLocale": "Điền từ ngôn ngữ khác",
    "editor.editorControlPane.i18n.copyFromLocaleConfirm":
        "Điền dữ liệu từ ngôn ngữ %{locale}?\nMọi nội dung đang có sẽ bị ghi đè.",
    "editor.editorInterface.toggleI18n": "Bật/tắt đa ngôn ngữ",
    "editor.editorInterface.togglePreview": "Bật/tắt xem trước",
    "editor.editorInterface.toggleScrollSync": "Cuộn đồng bộ",
    "editor.editorInterface.toggleNotes": "Bật/tắt ghi chú",
    "editor.editorNotesPane.title": "Ghi chú",
    "editor.editorNotesPane.emptyState": "Chưa có ghi chú. Thêm ghi chú đầu tiên ở dưới để trao đổi với nhau.",
    "editor.editorNotesPane.addNote": "Thêm ghi chú",
    "editor.editorNotesPane.addPlaceholder": "Thêm một ghi chú...",
    "editor.editorNotesPane.editPlaceholder": "Sửa ghi chú...",
    "editor.editorNotesPane.save": "Lưu",
    "editor.editorNotesPane.cancel": "Hủy",
    "editor.editorNotesPane.edit": "Sửa",
    "editor.editorNotesPane.delete": "Xóa",
    "editor.editorNotesPane.resolve": "Đã xong",
    "editor.editorNotesPane.unresolve": "Mở lại",
    "editor.editorNotesPane.confirmDelete": "Bạn có chắc muốn xóa ghi chú này?",
    "editor.editorNotesPane.shortcut": "Mẹo: bấm Ctrl+Enter để thêm ghi chú nhanh",
    "editor.editorToolbar.statusInfoTooltipDraft":
        "Bài đang ở trạng thái nháp. Để hoàn tất và gửi duyệt, chuyển trạng thái sang “Chờ duyệt”.",
    "editor.editorToolbar.statusInfoTooltipInReview":
        "Bài đang được duyệt, không cần làm gì thêm. Bạn vẫn có thể sửa tiếp trong lúc chờ duyệt.",
    "editor.editorWidgets.markdown.bold": "Đậm",
    "editor.editorWidgets.markdown.italic": "Nghiêng",
    "editor.editorWidgets.markdown.strikethrough": "Gạch ngang",
    "editor.editorWidgets.markdown.code": "Mã",
    "editor.editorWidgets.markdown.link": "Liên kết",
    "editor.editorWidgets.markdown.linkPrompt": "Nhập địa chỉ của liên kết",
    "editor.editorWidgets.markdown.headings": "Tiêu đề mục",
    "editor.editorWidgets.markdown.quote": "Trích dẫn",
    "editor.editorWidgets.markdown.bulletedList": "Danh sách gạch đầu dòng",
    "editor.editorWidgets.markdown.numberedList": "Danh sách đánh số",
    "editor.editorWidgets.markdown.addComponent": "Thêm thành phần",
    "editor.editorWidgets.markdown.toggleMode.rich": "Chuyển sang soạn thảo trực quan",
    "editor.editorWidgets.markdown.toggleMode.markdown": "Chuyển sang soạn thảo Markdown",
    "editor.editorWidgets.image.chooseMultiple": "Chọn ảnh",
    "editor.editorWidgets.image.chooseUrl": "Chèn từ địa chỉ web",
    "editor.editorWidgets.image.replaceUrl": "Thay bằng địa chỉ web",
    "editor.editorWidgets.image.promptUrl": "Nhập địa chỉ web của ảnh",
    "editor.editorWidgets.image.addMore": "Thêm ảnh",
    "editor.editorWidgets.image.removeAll": "Bỏ tất cả ảnh",
    "editor.editorWidgets.file.chooseUrl": "Chèn từ địa chỉ web",
    "editor.editorWidgets.file.chooseMultiple": "Chọn tệp",
    "editor.editorWidgets.file.replaceUrl": "Thay bằng địa chỉ web",
    "editor.editorWidgets.file.promptUrl": "Nhập địa chỉ web của tệp",
    "editor.editorWidgets.file.addMore": "Thêm tệp",
    "editor.editorWidgets.file.removeAll": "Bỏ tất cả tệp",
    "editor.editorWidgets.datetime.setToNow": "Đặt %{fieldLabel} là bây giờ",
    "editor.editorWidgets.list.add": "Thêm %{item}",
    "editor.editorWidgets.list.addType": "Thêm %{item}",
    "editor.editorWidgets.object.expand": "Mở rộng",
    "editor.editorWidgets.object.collapse": "Thu gọn",
    "mediaLibrary.mediaLibraryCard.copy": "Sao chép",
    "mediaLibrary.mediaLibraryCard.copyUrl": "Sao chép địa chỉ",
    "mediaLibrary.mediaLibraryCard.copyPath": "Sao chép đường dẫn",
    "mediaLibrary.mediaLibraryCard.copyName": "Sao chép tên",
    "mediaLibrary.mediaLibraryCard.copied": "Đã sao chép",
    "mediaLibrary.mediaLibraryModal.close": "Đóng",
    "ui.settingsDropdown.account": "Tùy chọn tài khoản",
    "ui.toast.noteAdded": "Đã thêm ghi chú",
    "ui.toast.onFailToAddNote": "Không thêm được ghi chú: %{details}",
    "ui.toast.noteUpdated": "Đã sửa ghi chú",
    "ui.toast.onFailToUpdateNote": "Không sửa được ghi chú: %{details}",
    "ui.toast.noteDeleted": "Đã xóa ghi chú",
    "ui.toast.onFailToDeleteNote": "Không xóa được ghi chú: %{details}",
    "ui.toast.noteResolved": "Ghi chú đã xong",
    "ui.toast.noteReopened": "Đã mở lại ghi chú",
    "ui.toast.onFailToToggleNote": "Không đổi được trạng thái ghi chú: %{details}",
}


def phrases() -> dict:
    """:data:`MISSING` as Decap's nested locale object."""
    out: dict = {}
    for key in sorted(MISSING):
        *parents, last = key.split(".")
        node = out
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = MISSING[key]
    return out


_HELPER = """// portalgen: written by portalgen build beside decap-cms.js (edits are overwritten).
// Completes Decap's Vietnamese locale and gives the preview pane the theme's styles and articles.
(function () {
  "use strict";
  var CMS = window.CMS;
  if (!CMS) { return; }
  var missing = %s;
  function merge(base, extra) {
    var out = {};
    Object.keys(base || {}).forEach(function (k) { out[k] = base[k]; });
    Object.keys(extra).forEach(function (k) {
      out[k] = (typeof extra[k] === "object") ? merge(out[k], extra[k]) : (out[k] === undefined ? extra[k] : out[k]);
    });
    return out;
  }
  CMS.registerLocale("vi", merge(CMS.getLocale("vi"), missing));
  var style = document.querySelector('meta[name="portalgen-preview-style"]');
  if (style && style.content) { CMS.registerPreviewStyle(style.content); }
  // A news item previewed as the site shows it, with the theme's classes.  Decap's own preview
  // of an existing item's photo re-renders without end as the clerk types (React error 185).
  var h = window.h;
  if (h && CMS.registerPreviewTemplate) {
    CMS.registerPreviewTemplate("news", function (props) {
      var data = props.entry.get("data");
      return h("article", {className: "pg-article"},
        h("h1", {}, data.get("title") || ""),
        h("p", {className: "pg-article__meta"}, String(data.get("date") || "")),
        h("p", {className: "pg-lead"}, data.get("summary") || ""),
        h("div", {className: "pg-prose"}, props.widgetFor("body")));
    });
  }
}());
"""


def helper_script() -> bytes:
    """``portalgen-cms.js``: registers the missing strings and the preview's stylesheet."""
    data = json.dumps(phrases(), ensure_ascii=False, indent=2, sort_keys=True).replace("\n", "\n  ")
    return (_HELPER % data).encode("utf-8")
