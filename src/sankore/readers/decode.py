"""Bytes to text: BOMs, UTF-8, then charset detection; binary and empty input refused."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

from ..errors import ReadError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control bytes that never occur in text (tab, LF, CR, FF and ESC excluded).
_MAX_MESS = 0.3
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def decode(data: bytes, source: str) -> str:
    """Decode `data` as text or raise `ReadError` naming `source` and the reason."""
    if not data.strip():
        raise ReadError("empty file", source=source)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ReadError(f"invalid {encoding} after its byte-order mark: {exc.reason}",
                                source=source) from exc
    sample = data[:8192]
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if b"\x00" in sample or sum(sample.count(bytes([c])) for c in _CONTROL) > len(sample) * 0.05:
        raise ReadError("binary file, not text", source=source)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    mixed = _mixed_lines(data)
    if mixed is not None:
        return mixed
    # English news in an 8-bit encoding is overwhelmingly Windows-1252, and on short text
    # charset detection cannot tell it from cp1250/cp1257 (it reads "à" as "ą"). So
    # cp1252 goes first, kept only if the text it gives reads as text (low mess ratio:
    # Cyrillic or Greek read as cp1252 scores above 1).
    try:
        text = data.decode("cp1252")
        if mess_ratio(text) < _MAX_MESS:
            return text
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    # charset-normalizer always proposes something for 8-bit input; a high chaos score
    # means the "text" it would give is garbage, so we refuse rather than guess.
    if best is None or best.chaos > _MAX_MESS:
        raise ReadError("undetectable text encoding", source=source)
    return str(best)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text written without a byte-order mark (Windows tools do): mostly-ASCII text
    has a zero byte in every other position, on the odd side (LE) or the even side (BE)."""
    sample = data[:8192]
    if len(sample) < 4 or sample.count(0) < len(sample) // 4:
        return None
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    encoding = "utf-16-le" if odd > 0.9 * len(sample) // 2 > even else \
        "utf-16-be" if even > 0.9 * len(sample) // 2 > odd else None
    if encoding is None or len(data) % 2:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return text if mess_ratio(text) < _MAX_MESS and "\x00" not in text else None


def _mixed_lines(data: bytes) -> str | None:
    """A file whose lines are partly UTF-8 (with non-ASCII characters) and partly 8-bit
    (cp1252): pasted together from two sources. Each line is decoded by its own encoding,
    rather than the whole file as cp1252, which would garble every UTF-8 line."""
    lines = data.splitlines(keepends=True)
    utf8_lines = 0
    decoded = []
    for line in lines:
        try:
            decoded.append(line.decode("utf-8"))
            utf8_lines += not line.isascii()
        except UnicodeDecodeError:
            decoded.append(line.decode("cp1252", errors="replace"))
    return "".join(decoded) if utf8_lines else None
