"""Chinese line layout for WeasyPrint: inter-character justification and clean line edges.

WeasyPrint 70 justifies a line by widening its spaces only (``weasyprint.layout.inline.justify_line``),
so a Chinese line, which has none, stays ragged wherever it holds Latin words, digits or compressed
punctuation. This module extends WeasyPrint's own line layout, in the same pass, rather than laying
every paragraph out twice: when a line of a Chinese block (``lang="zh…"``) is aligned,

- a Latin run's quarter-em margin (``span.sp-before`` / ``sp-after``, from
  ``diglot.editions.typesetting``) is dropped where it touches the start or the end of the line: the
  space is due between Han and Latin, never against the margin;
- a justified line's missing width is shared out equally over its justification opportunities, as
  CSS Text's ``text-justify: inter-character`` says: after every Han character and punctuation mark
  (as Pango letter spacing) and at every space of a Latin run (as WeasyPrint's word spacing). Latin
  letters and digits are never spaced apart, nor a punctuation mark compressed with ``halt``; the
  line's last character takes none, so that it ends exactly at the measure.

Lines of other languages go to WeasyPrint's own function unchanged. ``install()`` hooks this in, and
refuses a WeasyPrint without the two functions it wraps.
"""

from __future__ import annotations

from typing import Any

from weasyprint.formatting_structure import boxes
from weasyprint.layout import inline
from weasyprint.text import line_break
from weasyprint.text.ffi import TO_UNITS, ffi, pango

_ALIGN = inline.text_align
_SET_TEXT = line_break.Layout.set_text


class InterCharacter(float):
    """A text box's justification spacing that goes after every character, not only at spaces."""


def install() -> None:
    """Let WeasyPrint's line layout justify Chinese lines between characters (once per process)."""
    if inline.text_align is text_align:
        return
    for module, name in ((inline, "text_align"), (line_break.Layout, "set_text")):
        if not callable(getattr(module, name, None)):
            raise RuntimeError(f"WeasyPrint has no {name}: diglot.pdf.justify does not fit this version")
    inline.text_align = text_align
    line_break.Layout.set_text = _set_text


def text_align(context: Any, line: Any, available_width: float, last: bool) -> float:
    """WeasyPrint's ``text_align``, with a Chinese line's edges trimmed and its justification spread
    between characters."""
    if not _chinese(line):
        return float(_ALIGN(context, line, available_width, last))
    _trim_start(line)
    _trim_end(line)
    if line.width >= available_width or last or line.style["text_align_all"] != "justify":
        return float(_ALIGN(context, line, available_width, last))
    last_text = _last_text(line)
    opportunities = _opportunities(line) - _spaced(last_text)
    if opportunities > 0 and line.style["white_space"] in ("normal", "nowrap", "pre-line"):
        _spread(context, line, (available_width - line.width) / opportunities, 0.0, last_text)
    return 0.0


def _chinese(box: Any) -> bool:
    return str(box.style["lang"] or "").lower().startswith("zh")


def _classes(box: Any) -> set[str]:
    element = getattr(box, "element", None)
    return set((element.get("class") or "").split()) if element is not None else set()


def _trim_start(line: Any) -> None:
    """Drop the quarter em before a Latin run that starts the line."""
    chain, box = [line], line
    while box.children and isinstance(box.children[0], boxes.InlineBox):
        box = box.children[0]
        chain.append(box)
        if box.margin_left and "sp-before" in _classes(box):
            margin = box.margin_left
            line.translate(-margin)
            for ancestor in chain:
                ancestor.position_x += margin
            for ancestor in chain[:-1]:
                ancestor.width -= margin
            box.margin_left = 0
            return


def _trim_end(line: Any) -> None:
    """Drop the quarter em after a Latin run that ends the line."""
    chain, box = [line], line
    while box.children and isinstance(box.children[-1], boxes.InlineBox):
        box = box.children[-1]
        chain.append(box)
        if box.margin_right and "sp-after" in _classes(box):
            for ancestor in chain[:-1]:
                ancestor.width -= box.margin_right
            box.margin_right = 0
            return


def _spaced(box: Any) -> bool:
    """Whether text box ``box`` is spaced between characters (Chinese, not Latin, not compressed)."""
    return box is not None and _chinese(box) and not {"latin", "halt"} & _classes(box)


def _last_text(box: Any) -> Any:
    """The last text box in ``box``, looking past inline boxes left empty at the line's end."""
    if isinstance(box, boxes.TextBox):
        return box
    for child in reversed(getattr(box, "children", ())):
        if child.is_in_normal_flow() and (text := _last_text(child)) is not None:
            return text
    return None


def _opportunities(box: Any) -> int:
    """Where a justified Chinese line may take extra space: see the module's docstring."""
    if isinstance(box, boxes.TextBox):
        if _spaced(box):
            return len(box.text)
        return int(box.text.count(" ") + box.text.count("\u00a0"))
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        return sum(_opportunities(child) for child in box.children if child.is_in_normal_flow())
    return 0


def _spread(context: Any, box: Any, spacing: float, x_advance: float, last: Any) -> float:
    """Give each opportunity in ``box`` ``spacing`` more, moving what follows: the returned advance.
    ``last`` is the line's last text box, whose last character takes no spacing."""
    if isinstance(box, boxes.TextBox):
        box.position_x += x_advance
        if _spaced(box):
            # Pango spaces a text's characters apart, not its ends: the space after the box's last
            # character is left between it and the next box.
            inner, after = spacing * max(len(box.text) - 1, 0), 0.0 if box is last else spacing
            justification: float = InterCharacter(spacing)
        else:
            inner, justification, after = spacing * _opportunities(box), spacing, 0.0
        if inner:
            box.justification_spacing = justification
            box.pango_layout = inline.create_layout(box.text, box.style, context, max_width=None,
                                                    justification_spacing=justification)
            box.pango_layout.deactivate()
            box.width += inner
        return x_advance + inner + after
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        box.position_x += x_advance
        start = x_advance
        for child in box.children:
            if child.is_in_normal_flow():
                x_advance = _spread(context, child, spacing, x_advance, last)
        box.width += x_advance - start
        return x_advance
    box.translate(x_advance, 0)  # an atomic inline: moved, not widened
    return x_advance


def _set_text(self: Any, text: str, justify: bool = False) -> None:
    """WeasyPrint's ``Layout.set_text``; when drawing a box justified between characters, with Pango
    letter spacing over the whole text instead of word spacing."""
    spacing = self.justification_spacing
    if not (justify and isinstance(spacing, InterCharacter)):
        _SET_TEXT(self, text, justify)
        return
    self.justification_spacing = 0
    try:
        _SET_TEXT(self, text, justify)
    finally:
        self.justification_spacing = spacing
    attributes = pango.pango_layout_get_attributes(self.layout)
    if attributes == ffi.NULL:
        attributes = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
    # WeasyPrint writes each glyph's adjustment truncated to whole thousandths of an em: half a
    # thousandth more makes that a rounding, so that a line's characters drift by half as much.
    rounding = self.style["font_size"] / 2000
    letter_spacing = pango.pango_attr_letter_spacing_new(round((float(spacing) + rounding) * TO_UNITS))
    letter_spacing.start_index, letter_spacing.end_index = 0, len(self.text.encode())
    pango.pango_attr_list_change(attributes, letter_spacing)
    pango.pango_layout_set_attributes(self.layout, attributes)
