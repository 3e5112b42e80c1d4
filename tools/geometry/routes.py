"""The route spec: for each layer feature id, the router(s), waypoints, precision and note."""

from __future__ import annotations

from tools.geometry.model import Leg, Route

NO_IRANIAN_PORT = (
    "The source names no Iranian port ('northern ports of Iran'); "
    "Bandar-e Anzali is the map's choice."
)


def _rail(*waypoints: str) -> Leg:
    return Leg("rail", waypoints, "alignment")


def _sea(*waypoints: str) -> Leg:
    return Leg("sea", waypoints, "alignment")


def _straight(*waypoints: str, precision: str = "approximate") -> Leg:
    return Leg("waypoints", waypoints, precision)  # type: ignore[arg-type]


def _bank(bank: str, other: str, *waypoints: str) -> Leg:
    return Leg("bank", waypoints, "approximate", bank=(bank, other))


ROUTES: tuple[Route, ...] = (
    # --- instc.geojson ---
    Route(
        "instc-st-petersburg-moscow",
        "instc",
        "rail",
        ("RU",),
        (_rail("saint-petersburg", "moscow"),),
        "Drawn along the scgraph rail graph from Saint Petersburg to Moscow. The sources name "
        "St. Petersburg as the corridor's end, not the line.",
    ),
    Route(
        "instc-moscow-astrakhan",
        "instc",
        "rail",
        ("RU",),
        (_rail("moscow", "volgograd", "astrakhan"),),
        "Drawn along the scgraph rail graph from Moscow via Volgograd to Astrakhan. The sources "
        "name only 'the Russian heartland'; the line is the map's choice.",
    ),
    Route(
        "instc-astrakhan-samur",
        "instc",
        "rail",
        ("RU",),
        (_rail("astrakhan", "kizlyar", "makhachkala", "derbent", "samur-yalama-border"),),
        "Drawn along the scgraph rail graph from Astrakhan via Kizlyar, Makhachkala and "
        "Derbent to the Samur river border crossing.",
    ),
    Route(
        "instc-samur-astara",
        "instc",
        "rail",
        ("AZ",),
        (
            _rail("samur-yalama-border", "khachmaz", "sumgayit", "alyat", "lankaran"),
            _straight("lankaran", "astara-az"),
        ),
        "Drawn along the scgraph rail graph from the Samur river border crossing via "
        "Khachmaz, Sumgayit and Alyat to Lankaran, then straight along the coast to Astara "
        "(Azerbaijan).",
    ),
    Route(
        "instc-rasht-tehran",
        "instc",
        "rail",
        ("IR",),
        (_rail("rasht", "qazvin", "tehran"),),
        "Drawn along the scgraph rail graph from Rasht via Qazvin to Tehran. "
        "The sources name no line beyond Rasht; this one is the map's choice.",
    ),
    Route(
        "instc-tehran-persian-gulf",
        "instc",
        "rail",
        ("IR",),
        (_rail("tehran", "qom", "bafq", "shahid-rajaee-port"),),
        "Drawn along the scgraph rail graph from Tehran via Qom and Bafq to Bandar Abbas, "
        "with a straight last stretch to Shahid Rajaee port. "
        "The sources say only 'the Persian Gulf'; the line and the port are the map's choice.",
    ),
    Route(
        "instc-persian-gulf-mumbai",
        "instc",
        "sea",
        ("IR", "IN"),
        (_sea("shahid-rajaee-port", "nhava-sheva"),),
        "Drawn along searoute's shipping-lane network from Shahid Rajaee port (Bandar Abbas) "
        "to Nhava Sheva (Mumbai). "
        "The sources name Mumbai but no Gulf port; Shahid Rajaee is the map's choice.",
    ),
    # --- rasht-astara.geojson ---
    Route(
        "rasht-astara-railway",
        "rasht-astara",
        "rail",
        ("IR",),
        (
            _straight(
                "rasht",
                "bandar-e-anzali",
                "rezvanshahr",
                "asalem",
                "hashtpar",
                "lisar",
                "astara-ir",
            ),
        ),
        "The line is not yet built; drawn as straight lines from Rasht through Bandar-e "
        "Anzali, Rezvanshahr, Asalem, Hashtpar (Talesh) and Lisar to Astara along the "
        "planned coastal route.",
    ),
    # --- zangezur.geojson ---
    Route(
        "zangezur-horadiz-aghband",
        "zangezur",
        "rail",
        ("AZ",),
        (_bank("AZ", "IR", "horadiz", "aghband-border"),),
        "Drawn along the Azerbaijani bank of the Araz, about 1 km inside the Natural Earth "
        "border line, from Horadiz to the Armenian border at Aghband.",
    ),
    Route(
        "zangezur-syunik-meghri",
        "zangezur",
        "rail",
        ("AM",),
        (_bank("AM", "IR", "aghband-border", "meghri", "agarak", "am-nakhchivan-border"),),
        "Drawn along the Armenian bank of the Araz, about 1 km inside the Natural Earth "
        "border line, from the Aghband border past Meghri and Agarak to the Nakhchivan "
        "border.",
    ),
    Route(
        "zangezur-nakhchivan-turkey",
        "zangezur",
        "rail",
        ("AZ", "TR"),
        (
            _bank("AZ", "IR", "am-nakhchivan-border", "ordubad", "julfa"),
            _rail("julfa", "nakhchivan", "sharur"),
            _straight(
                "sharur", "sadarak", "dilucu-border", "aralik", "igdir", precision="schematic"
            ),
        ),
        "Drawn along the Araz bank from the Armenian border past Ordubad to Julfa, along the "
        "scgraph rail graph from Julfa via Nakhchivan to Sharur, and as schematic straight "
        "lines via Sadarak, the Dilucu crossing and Aralık to Iğdır.",  # noqa: RUF001
    ),
    # --- goris-kapan.geojson (Armenian M2 highway) ---
    Route(
        "norduz-kapan-road",
        "goris-kapan",
        "road",
        ("IR", "AM"),
        (_straight("norduz", "agarak", "meghri", "kajaran", "kapan"),),
        "Drawn as straight lines from the Norduz crossing via Agarak, Meghri, the Meghri pass "
        "and Kajaran to Kapan; the mountain road's bends are not drawn.",
    ),
    Route(
        "goris-kapan-highway",
        "goris-kapan",
        "road",
        ("AM", "AZ"),
        (_straight("kapan", "artsvanik", "davit-bek", "karahunj", "goris"),),
        "Drawn as straight lines from Kapan via Artsvanik, Davit Bek and the Vorotan and "
        "Shurnukh area to Karahunj and Goris.",
    ),
    Route(
        "goris-yerevan-road",
        "goris-kapan",
        "road",
        ("AM",),
        (
            _straight(
                "goris",
                "sisian",
                "angeghakot",
                "vayk",
                "yeghegnadzor",
                "areni",
                "paruyr-sevak",
                "yeraskh",
                "ararat",
                "artashat",
                "yerevan",
            ),
        ),
        "Drawn as straight lines from Goris via Sisian, Angeghakot, Vayk, Yeghegnadzor, "
        "Areni, Paruyr Sevak, Yeraskh, Ararat and Artashat to Yerevan.",
    ),
    # --- caspian-shipping.geojson ---
    Route(
        "caspian-anzali-astrakhan",
        "caspian-shipping",
        "sea",
        ("IR", "RU"),
        (_sea("anzali-port", "astrakhan-port"),),
        "Drawn along searoute's Caspian lane network from Bandar-e Anzali to Astrakhan, "
        "up the Volga delta ship channel. " + NO_IRANIAN_PORT,
    ),
    Route(
        "caspian-anzali-makhachkala",
        "caspian-shipping",
        "sea",
        ("IR", "RU"),
        (_sea("anzali-port", "makhachkala-port"),),
        "Drawn along searoute's Caspian lane network from Bandar-e Anzali to Makhachkala. "
        + NO_IRANIAN_PORT,
    ),
    Route(
        "caspian-anzali-aktau",
        "caspian-shipping",
        "sea",
        ("IR", "KZ"),
        (_sea("anzali-port", "aktau-port"),),
        "Drawn along searoute's Caspian lane network from Bandar-e Anzali to Aktau. "
        + NO_IRANIAN_PORT,
    ),
    # --- garmsar-incheh-borun.geojson ---
    Route(
        "garmsar-incheh-borun-railway",
        "garmsar-incheh-borun",
        "rail",
        ("IR",),
        (
            _rail("garmsar", "firuzkuh", "pol-e-sefid", "shirgah"),
            _straight("shirgah", "qaem-shahr", "sari", "neka"),
            _rail("neka", "gorgan", "incheh-borun"),
        ),
        "Drawn along the scgraph rail graph from Garmsar via Firuzkuh and Pol-e Sefid to "
        "Shirgah, as straight lines via Qaem Shahr and Sari to Neka, where the graph cuts "
        "the corner, and along the graph via Gorgan to Incheh Borun.",
    ),
    # --- iran-iraq-railway.geojson ---
    Route(
        "iran-iraq-shalamcheh-basra",
        "iran-iraq-railway",
        "rail",
        ("IR", "IQ"),
        (_straight("shalamcheh", "basra-rail"),),
        "Drawn as a straight line from the end of the Iranian line at Shalamcheh across the "
        "Shatt al-Arab to the end of the Iraqi line in north Basra. "
        "The source names neither end of the 30 km railway; Shalamcheh-Basra is the map's choice.",
    ),
    Route(
        "iraq-syria-mediterranean",
        "iran-iraq-railway",
        "rail",
        ("IQ", "SY"),
        (
            _straight(
                "basra-rail",
                "baghdad",
                "al-qaim",
                "abu-kamal",
                "deir-ez-zor",
                "aleppo",
                "latakia",
                precision="schematic",
            ),
        ),
        "Drawn schematically as straight lines from Basra via Baghdad, Al-Qa'im, Abu Kamal, "
        "Deir ez-Zor and Aleppo to Latakia.",
    ),
    # --- chabahar-mumbai.geojson ---
    Route(
        "chabahar-mumbai-sea",
        "chabahar-mumbai",
        "sea",
        ("IR", "IN"),
        (_sea("chabahar-port", "nhava-sheva"),),
        "Drawn along searoute's shipping-lane network from Chabahar (Shahid Beheshti port) "
        "to Nhava Sheva (Mumbai).",
    ),
    # --- baku-tbilisi-kars.geojson ---
    Route(
        "baku-tbilisi-kars-railway",
        "baku-tbilisi-kars",
        "rail",
        ("AZ", "GE", "TR"),
        (_rail("baku", "ganja", "tbilisi", "marabda", "akhalkalaki", "kars"),),
        "Drawn along the scgraph rail graph from Baku via Ganja, Tbilisi, Marabda and "
        "Akhalkalaki to Kars.",
    ),
    # --- instc-eastern-branch.geojson ---
    Route(
        "instc-east-russia-kazakhstan",
        "instc-eastern-branch",
        "rail",
        ("RU", "KZ"),
        (
            _rail("astrakhan", "atyrau", "beyneu", "mangistau"),
            _straight("mangistau", "zhetybay", "zhanaozen"),
            _straight("zhanaozen", "bolashak", precision="schematic"),
        ),
        "Drawn along the scgraph rail graph from Astrakhan via Atyrau and Beyneu to "
        "Mangistau, as straight lines via Zhetybay to Zhanaozen, and schematically to an "
        "estimated Bolashak border point.",
    ),
    Route(
        "instc-east-turkmenistan",
        "instc-eastern-branch",
        "rail",
        ("TM",),
        (
            _straight(
                "serhetyaka", "gyzylgaya", "bereket", "etrek", "akyayla", precision="schematic"
            ),
        ),
        "Drawn schematically as straight lines from an estimated Serhetyaka border point via "
        "Gyzylgaya, Bereket and Etrek to Akyayla.",
    ),
)

ROUTES_BY_ID: dict[str, Route] = {route.id: route for route in ROUTES}

# Sums the sources state for chains of segments: (label, segment ids, km).
CHAIN_CHECKS: tuple[tuple[str, tuple[str, ...], float], ...] = (
    (
        "Saint Petersburg-Mumbai (INSTC western route)",
        (
            "instc-st-petersburg-moscow",
            "instc-moscow-astrakhan",
            "instc-astrakhan-samur",
            "instc-samur-astara",
            "rasht-astara-railway",
            "instc-rasht-tehran",
            "instc-tehran-persian-gulf",
            "instc-persian-gulf-mumbai",
        ),
        7200.0,
    ),
    (
        "Norduz-Yerevan road network",
        ("norduz-kapan-road", "goris-kapan-highway", "goris-yerevan-road"),
        400.0,
    ),
)
