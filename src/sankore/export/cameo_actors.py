"""CAMEO actor codes of the organisations Sankore names: the code GDELT writes for the UN is
`IGOUNO`, with `UNO` as the actor's KnownGroupCode, not a bare `IGO`.

Sankore's actor dictionary (`resources/data/organizations.tsv`) codes a transnational body by
its sector alone (`IGO`, `NGO`, `IMG`) and keeps the organisation in the entity's canonical
name. CAMEO names the organisation with a three-letter "known group" code; `KNOWN_GROUP` maps
each dictionary key to that code. The codes are those of CAMEO's known-group list (CAMEO
codebook 1.1b3, Schrodt 2012, ch. 3; the GDELT Project's lookup file `CAMEO.knowngroup.txt`,
which GDELT's KnownGroupCode columns use): `UNO` United Nations, `NAT` NATO, `EEC` European
Union, `WAS` ECOWAS, `IAE` IAEA, `SCE` OSCE, `KID` UNICEF, `HCR` UNHCR, and so on. An
organisation CAMEO has no code for (BRICS, the African Union, the Sahel alliance) keeps its
sector code alone: nothing is invented. CAMEO's actor dictionaries (PETRARCH's
`Phoenix.International.actors.txt`) write a UN body as `IGOUNO` + sector codes and place some
IGOs under a region (`IGOWSTNAT`); the export writes sector + known group only (`IGONAT`),
the part every CAMEO reader decodes the same way.
"""

from __future__ import annotations

from functools import lru_cache

# organizations.tsv key -> CAMEO known-group code.
KNOWN_GROUP: dict[str, str] = {
    # United Nations and its agencies (CAMEO codes the Security Council as the UN, IGOUNO).
    "UN": "UNO", "UNSC": "UNO", "UNHCR": "HCR", "UNICEF": "KID", "WFP": "WFP", "WHO": "WHO",
    "FAO": "FAO", "ILO": "ILO", "IAEA": "IAE", "ICJ": "ICJ",
    "UNIFIL": "UNO", "MONUSCO": "UNO", "UNMISS": "UNO", "UNAMID": "UNO", "MINUSCA": "UNO",
    "MINUSMA": "UNO",
    # Courts and tribunals
    "ICC": "ICC", "ICTY": "WCT", "ICTR": "WCT",
    # Economic and financial bodies
    "IMF": "IMF", "WORLDBANK": "WBK", "WTO": "WTO", "OPEC": "OPC", "AFDB": "AFB", "ADB": "ADB",
    "G7": "GOS", "IOM": "IOM", "INTERPOL": "ITP",
    # Alliances and regional organisations
    "NATO": "NAT", "EU": "EEC", "OSCE": "SCE", "COE": "COE", "CIS": "CIS", "OAS": "OAS",
    "OAU": "OAU", "ARABLEAGUE": "ARL", "GCC": "GCC", "ASEAN": "ASN", "ECOWAS": "WAS",
    "SADC": "SAD", "IGAD": "IAD", "OIC": "OIC", "COMMONWEALTH": "CWN", "NAM": "NON",
    "SAARC": "SAA",
    # Non-governmental organisations
    "ICRC": "IRC", "IFRC": "CRC", "AMNESTY": "AMN", "HRW": "HRW", "MSF": "MSF", "OXFAM": "XFM",
    "ICG": "ICG",
    # Armed and political groups
    "ALQAEDA": "ALQ", "TALIBAN": "TAL", "HAMAS": "HMS", "HEZBOLLAH": "HEZ", "PIJ": "ISJ",
    "PLO": "PLO", "FATAH": "FTA", "POLISARIO": "PLS", "GIA": "GIA",
}

# Sector codes that stand for a transnational actor; CAMEO writes its known group after them.
TRANSNATIONAL = ("IGO", "NGO", "IMG")


@lru_cache(maxsize=1)
def _by_name() -> dict[str, str]:
    """Canonical name (as stored in `entities.name`) -> known-group code."""
    from ..resources.lexicons import organizations

    return {actor.name.lower(): KNOWN_GROUP[key] for key, actor in organizations().items()
            if key in KNOWN_GROUP}


def known_group(name: str | None) -> str | None:
    """The CAMEO known-group code of a stored organisation, by its canonical name."""
    return _by_name().get((name or "").lower())


def actor_code(code: str | None, name: str | None) -> tuple[str | None, str | None]:
    """(CAMEO actor code without spaces, known-group code) of a stored actor:
    ('IGO', 'United Nations') -> ('IGOUNO', 'UNO'); ('PSE REB', 'Hamas') -> ('PSEREB', 'HMS');
    ('RUS GOV', 'Sergei Lavrov') -> ('RUSGOV', None)."""
    parts = (code or "").split()
    group = known_group(name)
    if group and parts and parts[-1] in TRANSNATIONAL and len(parts) == 1:
        parts.append(group)
    return "".join(parts) or None, group
