"""What Sankore hangs on `Doc._` survives msgpack: `nlp.pipe(texts, n_process=2)` and
`DocBin(store_user_data=True)` serialize a Doc's user data, and spaCy's msgpack knows no
dataclass or date (E871). Each mention travels as a tagged map of its fields and comes back
as the same frozen dataclass (lists back to the tuples the fields hold); a date as ISO text.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import date
from typing import Any

import srsly

from .. import mentions

_TAG = "__sankore__"
_CLASSES: dict[str, Any] = {cls.__name__: cls for cls in (
    mentions.ActorMention, mentions.PlaceMention, mentions.TimeMention, mentions.QuoteMention,
    mentions.FramingMention, mentions.SentenceVoice, mentions.EventMention)}


def _tuples(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    return value


def encode(obj: Any, chain: Any = None) -> Any:
    if is_dataclass(obj) and type(obj).__name__ in _CLASSES:
        return {_TAG: type(obj).__name__, **{f.name: getattr(obj, f.name) for f in fields(obj)}}
    if isinstance(obj, date):
        return {_TAG: "date", "iso": obj.isoformat()}
    return obj if chain is None else chain(obj)


def decode(obj: Any, chain: Any = None) -> Any:
    if isinstance(obj, dict) and _TAG in obj:
        name = obj[_TAG]
        if name == "date":
            return date.fromisoformat(obj["iso"])
        if name in _CLASSES:
            values: dict[str, Any] = {k: v if isinstance(v, dict) else _tuples(v)
                                      for k, v in obj.items() if k != _TAG}
            return _CLASSES[name](**values)
    return obj if chain is None else chain(obj)


def register() -> None:
    """Idempotent: catalogue keeps one function per name."""
    srsly.msgpack_encoders.register("sankore_mentions", func=encode)
    srsly.msgpack_decoders.register("sankore_mentions", func=decode)


register()
