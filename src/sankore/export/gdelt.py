"""Events in the GDELT 2.0 event-table layout: 61 tab-separated columns, no header.

The mapping of each column is documented in docs/gdelt.md. In short: one GDELT row per
Sankore event; Actor1 is the event's first actor, Actor2 its first target; the CAMEO code is
the event's own `cameo` or else the CAMEO root of its PLOVER type (export/cameo.py), after
the type and modality are projected onto PLOVER's single category (events/categories.py):
a planned aid is 03 "express intent to", as GDELT codes a pledge, not 07; a refused meeting
is 12. A negated event with no category of its own ("did not attack") is left out: a GDELT
row states that an event took place. ActionGeo is the event's place. GoldsteinScale is the
fixed score of the EventCode in GDELT's own lookup table (export/goldstein.py); an IGO, NGO or
transnational group is coded CAMEO's way, sector + known group (`IGOUNO`, export/cameo_actors.py);
SOURCEURL is the document's URL when its source is one, else `urn:sankore:doc:<doc id>`. What
Sankore does not compute (tone, ethnic and religion codes, ADM codes) is left empty, never
guessed.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import date, datetime

from ..events.categories import plover_type
from .cameo import cameo_root, quad_class
from .cameo_actors import actor_code
from .goldstein import goldstein
from .tables import QueryStore

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

COLUMNS: list[str] = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO), *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
]
assert len(COLUMNS) == 61

# GDELT geo types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1).
_GEO_TYPE = {"country": 1, "admin1": 5, "admin2": 4, "city": 4}
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_URL = re.compile(r"(?:\A|#)(https?://\S+)\Z", re.IGNORECASE)  # a URL, or a WARC's 'file#URL'

SQL = """
SELECT e.doc_id, e.id, e.type, e.mode, e.cameo, e.modality, d.published, d.ingested_at, d.source, tm.value,
       a.code, a.name, a.country, t.code, t.name, t.country,
       p.name, p.country, p.lat, p.lon, p.geonameid, p.feature
FROM events AS e JOIN documents AS d ON d.id = e.doc_id
LEFT JOIN event_participants AS pa
       ON pa.doc_id = e.doc_id AND pa.event_id = e.id AND pa.role = 'actor' AND pa.position = 0
LEFT JOIN entities AS a ON a.doc_id = pa.doc_id AND a.id = pa.entity_id
LEFT JOIN event_participants AS pt
       ON pt.doc_id = e.doc_id AND pt.event_id = e.id AND pt.role = 'target' AND pt.position = 0
LEFT JOIN entities AS t ON t.doc_id = pt.doc_id AND t.id = pt.entity_id
LEFT JOIN times AS tm ON tm.doc_id = e.doc_id AND tm.id = e.time
LEFT JOIN places AS p ON p.doc_id = e.doc_id AND p.id = e.place
ORDER BY d.published, e.doc_id, e.position
"""


def event_id(doc_id: str, record_id: str) -> int:
    """A stable positive 63-bit integer (GDELT ids are integers) for one event record."""
    return int(hashlib.sha256(f"{doc_id}/{record_id}".encode()).hexdigest()[:15], 16)


def _actor(code: str | None, name: str | None, country: str | None) -> list[object]:
    # 'RUS GOV' -> Actor1Code 'RUSGOV', CountryCode 'RUS', Type1Code 'GOV' (CAMEO actor codes
    # are the country code followed by 3-letter role codes, written without spaces). The UN,
    # stored as 'IGO', is 'IGOUNO' with KnownGroupCode 'UNO', as CAMEO and GDELT write it.
    full, group = actor_code(code, name)
    parts = (code or "").split()
    types = parts[1:] if parts and parts[0] == country else parts
    return [full, name, country, group, None, None, None, *(types + [None] * 3)[:3]]


def source_url(doc_id: str, source: str | None) -> str:
    """GDELT's SOURCEURL: the document's URL when its source is one (a feed entry's link, a
    WARC record's target URI after '#'), else an identifier of the stored document
    (`urn:sankore:doc:<id>`, the `doc_id` of every other export), never a local file path."""
    match = _URL.search(source or "")
    return match[1] if match else f"urn:sankore:doc:{doc_id}"


def _day(time_value: str | None, published: str | None) -> date | None:
    for value in (time_value, published):
        match = _DAY.match(value or "")
        if match:
            try:
                return date(*map(int, match.groups()))
            except ValueError:
                continue
    return None


def exported(plover: str | None, modality: str | None) -> bool:
    """Whether an event becomes a GDELT row: not a negation PLOVER has no category for."""
    return not (plover and modality == "negated" and plover_type(plover, modality) == plover)


def event_code(plover: str | None, mode: str | None, cameo: str | None, modality: str | None) -> str | None:
    """The record's own CAMEO code, unless its modality moves it to another PLOVER category
    ("pledged to send aid": AGREE, 03), whose root then stands."""
    category = plover_type(plover, modality or "asserted") if plover else None
    if category != plover:
        return cameo_root(category)
    return cameo or cameo_root(plover, mode)


def row(values: tuple) -> list[object]:
    (doc_id, record_id, plover, mode, cameo, modality, published, ingested_at, source, time_value,
     a_code, a_name, a_country, t_code, t_name, t_country,
     p_name, p_country, p_lat, p_lon, p_geonameid, p_feature) = values
    day = _day(time_value, published)
    code = event_code(plover, mode, cameo, modality)
    root = code[:2] if code else None
    added = datetime.fromisoformat(ingested_at).strftime("%Y%m%d%H%M%S") if ingested_at else None
    geo: list[object] = [None] * 8
    if p_name is not None or p_lat is not None:
        geo = [_GEO_TYPE.get(p_feature or "", 4 if p_lat is not None else None), p_name, p_country,
               None, None, p_lat, p_lon, p_geonameid]
    return [
        event_id(doc_id, record_id),
        day.strftime("%Y%m%d") if day else None, day.strftime("%Y%m") if day else None,
        day.year if day else None,
        round(day.year + (day.timetuple().tm_yday - 1) / 365, 4) if day else None,
        *_actor(a_code, a_name, a_country), *_actor(t_code, t_name, t_country),
        # GDELT writes every EventCode and EventBaseCode with three digits: a root alone
        # ("06") is "060", as in GDELT's own files; the root column keeps two.
        1, code.ljust(3, "0") if code else None, code[:3].ljust(3, "0") if code else None, root,
        quad_class(root), goldstein(code.ljust(3, "0") if code else None),
        1, 1, 1, None,  # one mention in one article of one source: the record's own document
        *[None] * 8, *[None] * 8, *geo,
        added, source_url(doc_id, source),
    ]


def gdelt_rows(store: QueryStore, size: int = 1000) -> Iterator[list[dict]]:
    _, batches = store.iter_query(SQL, (), size)
    for batch in batches:
        yield [dict(zip(COLUMNS, row(values), strict=True)) for values in batch
               if exported(values[2], values[5])]
