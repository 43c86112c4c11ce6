"""``portalgen import docx``: a Word file becomes a draft news item or page in a unit folder.

:func:`docx.read_docx` checks the file by its bytes, :func:`docx.convert_docx` converts it
(mammoth's HTML through :mod:`.htmltree`, :mod:`.title` and :mod:`.markdown`, pictures through
:mod:`.images`), :func:`draft.plan_draft` chooses the place and front matter,
:func:`draft.write_draft` writes new files only, and :func:`draft.format_report` says what to do
next.  Everything that could not be converted faithfully is a note (:mod:`.notes`); input that
cannot be imported raises :class:`portalgen.failures.UsageFailure`.  Names, YAML fields and the
schema check of the draft are those of ``portalgen new`` (:mod:`portalgen.authoring`).
"""
