"""Where lines lie: table-driven cases for land lines and sea lanes on the real base map."""

from __future__ import annotations

import pytest

from geo.geography import land_problem, samples, sea_problem

# Known places: [lon, lat].
TEHRAN, QOM, BAKU, GANJA, YEREVAN = (
    [51.42, 35.69],
    [50.88, 34.64],
    [49.87, 40.41],
    [46.36, 40.68],
    [44.51, 40.18],
)
ANZALI, AKTAU = [49.47, 37.48], [51.17, 43.66]
CHANNEL_MOUTH, ASTRAKHAN = [47.9, 45.45], [48.05, 46.35]
MUMBAI, GUJARAT_INLAND = [72.84, 18.95], [72.6, 23.0]


@pytest.mark.parametrize(
    ("line", "countries", "fragment"),
    [
        ([TEHRAN, QOM], ["IR"], None),
        ([BAKU, GANJA], ["AZ"], None),
        ([GANJA, YEREVAN], ["AZ", "AM"], None),
        ([BAKU, GANJA, YEREVAN], ["AZ"], "outside AZ, in Armenia (AM)"),
        ([TEHRAN, BAKU], ["IR", "AZ"], "in the sea"),
    ],
    ids=[
        "inside-one-country",
        "inside-another",
        "across-a-listed-border",
        "into-an-unlisted-country",
        "across-the-caspian",
    ],
)
def test_land_problem(line: list[list[float]], countries: list[str], fragment: str | None) -> None:
    problem = land_problem([line], countries)
    if fragment is None:
        assert problem is None
    else:
        assert problem is not None and fragment in problem


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ([ANZALI, [50.5, 40.0], AKTAU], None),
        ([ANZALI, [51.0, 40.0], [49.5, 43.5], [48.6, 44.9], CHANNEL_MOUTH, ASTRAKHAN], None),
        ([ANZALI, [51.0, 40.0], [49.5, 43.5], [48.6, 44.9], [47.0, 45.6], ASTRAKHAN], "Russia"),
        ([MUMBAI, [70.0, 21.0], GUJARAT_INLAND, [69.0, 23.0]], "inside India (IN)"),
        ([ANZALI, TEHRAN, [53.0, 37.5]], "inside Iran (IR)"),
    ],
    ids=[
        "open-caspian",
        "volga-channel-exempt",
        "beside-the-channel",
        "across-gujarat",
        "across-iran",
    ],
)
def test_sea_problem(line: list[list[float]], fragment: str | None) -> None:
    problem = sea_problem([line])
    if fragment is None:
        assert problem is None
    else:
        assert problem is not None and fragment in problem


def test_samples_are_dense_and_measured_from_the_start() -> None:
    lons, lats, along = samples([TEHRAN, QOM])
    assert (lons[0], lats[0]) == (TEHRAN[0], TEHRAN[1])
    assert (lons[-1], lats[-1]) == (QOM[0], QOM[1])
    assert along[0] == 0 and 125_000 < along[-1] < 130_000  # Tehran-Qom is ~127 km
    assert max(along[1:] - along[:-1]) < 2_500  # a point at least every 2.5 km
