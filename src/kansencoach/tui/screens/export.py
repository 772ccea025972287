"""The export dialog: where to write the draft, markdown, HTML or Word, and never a silent overwrite."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

from kansencoach.core.common.files import WriteError
from kansencoach.core.draft.draft import Draft
from kansencoach.core.draft.export import format_of
from kansencoach.core.sessions.conversation import SUFFIXES, Conversation, OutputFormat
from kansencoach.i18n import t
from kansencoach.tui.screens.dialogs import ConfirmDialog, Dialog, DialogBody

_EDITING_ACTIONS = {
    "backspace": "delete_left",
    "delete": "delete_right",
    "home": "home",
    "end": "end",
    "left": "cursor_left",
    "right": "cursor_right",
}
"""The keys that edit the file name and that a button does nothing with, and their actions in the field."""


class ExportDialog(Dialog[Path | None]):
    """Ask where and how to export; returns the path written, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", t("tui.close"))]

    def __init__(self, conversation: Conversation, draft: Draft) -> None:
        super().__init__()
        self.conversation = conversation
        self.draft = draft
        self.written: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="export-dialog"):
            with Vertical(classes="dialog-head"):
                yield Label(t("tui.export_title"), classes="dialog-question")
                yield Label(t("tui.export_path"))
                # Not selected on focus: one key would otherwise replace the whole path.
                yield Input(
                    str(self.conversation.default_export_path()), id="export-path", select_on_focus=False
                )
            with DialogBody():
                with RadioSet(id="export-format"):
                    yield RadioButton(t("tui.export_markdown"), value=True, id="markdown")
                    yield RadioButton(t("tui.export_html"), id="html")
                    yield RadioButton(t("tui.export_docx"), id="docx")
                    yield RadioButton(t("tui.export_session"), id="session")
                yield Label("", id="export-message", classes="validation", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("tui.export_do"), id="export", variant="primary")
                yield Button(t("tui.close"), id="close")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @property
    def fmt(self) -> OutputFormat:
        pressed = self.query_one(RadioSet).pressed_button
        chosen = pressed.id if pressed is not None else None
        return next((fmt for fmt in SUFFIXES if fmt == chosen), "markdown")

    @on(RadioSet.Changed)
    def _format_changed(self) -> None:
        field = self.query_one("#export-path", Input)
        path = Path(field.value)
        if path.suffix in SUFFIXES.values():
            field.value = str(path.with_suffix(SUFFIXES[self.fmt]))

    @on(Input.Changed, "#export-path")
    def _path_changed(self, event: Input.Changed) -> None:
        """A file name with another format's suffix chooses that format: an .html file holds HTML,
        as on the command line (a name without a known suffix leaves the choice as it is)."""
        path = Path(event.value)
        wanted = "session" if path.suffix.lower() == SUFFIXES["session"] else format_of(path)
        if wanted is not None and wanted != self.fmt:
            self.query_one(f"#{wanted}", RadioButton).value = True

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export")
    def _export(self) -> None:
        self.export()

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(self.written)

    @work(exclusive=True)
    async def export(self) -> None:
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self._say(t("tui.export_need_path"), error=True)
            return
        path = Path(raw).expanduser()
        force = False
        if path.is_file():
            force = await self.app.push_screen_wait(
                ConfirmDialog(t("tui.export_overwrite", path=path), t("tui.overwrite"))
            )
            if not force:
                return
        try:
            self.written = self.conversation.export(self.draft, path, self.fmt, force)
        except WriteError as error:
            self._say(str(error), error=True)
            return
        self._say(t("tui.export_done", path=self.written), error=False)
        self.app.notify(t("plain.exported", path=self.written))
        self.query_one("#close", Button).focus()

    async def on_key(self, event: events.Key) -> None:
        """What is typed while a button has the focus edits the file name: after an export the
        focus is on "Sluiten" (Enter closes), and a new name typed there went nowhere."""
        if not isinstance(self.focused, Button) or not (event.is_printable or event.key in _EDITING_ACTIONS):
            return
        event.stop()
        field = self.query_one("#export-path", Input)
        # At once (focus() waits for the keys already queued), so the next key reaches the field itself.
        self.set_focus(field)
        if event.character is not None and event.is_printable:
            field.insert_text_at_cursor(event.character)
        else:
            await field.run_action(_EDITING_ACTIONS[event.key])

    def _say(self, text: str, error: bool) -> None:
        label = self.query_one("#export-message", Label)
        label.update(text)
        label.set_class(error, "error")
        label.set_class(not error, "success")
        # On a small terminal the message is below the formats, out of the body's view: the body
        # keeps to its end, where the message is, whatever height the message wraps to, until the
        # officer scrolls or moves the focus into it.
        self.query_one(DialogBody).anchor()
