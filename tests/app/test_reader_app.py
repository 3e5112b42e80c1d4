"""AppTest: the source reader's URL state, its content, and its way back to the map."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from geo.load import load_dataset
from geo.paths import DEFAULT_PATHS
from geo.urlstate import context_href
from tests.app.apprun import run_app

DATASET = load_dataset(DEFAULT_PATHS)
LOAN = DATASET.passages["rasht-astara-5bn-loan"]


def has_map(at: AppTest) -> bool:
    return any(type(e).__name__ == "UnknownElement" for e in at.main)


def notices(at: AppTest) -> str:
    return "\n".join(text.value for text in at.text)


def test_a_passage_link_opens_its_seed_in_the_reader_with_the_passage_anchored() -> None:
    at = run_app(passage=LOAN.id)
    assert not at.exception
    assert not has_map(at)
    assert at.query_params["reader"] == LOAN.seed
    assert at.query_params["passage"] == LOAN.id
    anchors = [h.proto.anchor for h in at.main.subheader]
    assert f"passage-{LOAN.id}" in anchors
    body = "\n".join(m.value for m in at.main.markdown)
    assert ":blue-background[For that the Russian side pledged" in body
    assert notices(at) == ""


def test_every_quoted_passage_of_the_seed_has_its_heading() -> None:
    at = run_app(reader=LOAN.seed)
    anchors = {h.proto.anchor for h in at.main.subheader}
    quoted = {f"passage-{p.id}" for p in DATASET.passages.values() if p.seed == LOAN.seed}
    assert quoted <= anchors
    assert "blue-background" not in "\n".join(m.value for m in at.main.markdown)


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"reader": "nope.txt"}, "Ignored reader=“nope.txt”: no source document has that name."),
        ({"passage": "<script>x</script>"}, "no quoted passage has that id"),
    ],
)
def test_a_bad_reader_link_falls_back_to_the_map_with_a_notice(
    params: dict[str, str], notice: str
) -> None:
    at = run_app(**params)
    assert not at.exception
    assert has_map(at)
    assert notice in notices(at)
    assert "reader" not in at.query_params


def test_show_on_the_map_selects_the_segment_and_leaves_the_reader() -> None:
    at = run_app(passage=LOAN.id)
    button = at.button(key=f"read-{LOAN.id}-rasht-astara-railway")
    at = button.click().run()
    assert not at.exception
    assert has_map(at)
    assert at.sidebar.header[0].value == DATASET.segments["rasht-astara-railway"].name
    assert at.query_params["segment"] == "rasht-astara-railway"
    assert "reader" not in at.query_params
    assert at.query_params["zoom"] == "7"


def test_back_to_the_map_and_another_document() -> None:
    at = run_app(reader=LOAN.seed)
    at = at.button(key="reader-002_413ac2ffaa53d0e7.txt").click().run()
    assert at.query_params["reader"] == "002_413ac2ffaa53d0e7.txt"
    assert "passage" not in at.query_params
    at = at.button(key="reader-back").click().run()
    assert has_map(at)
    assert "reader" not in at.query_params


def test_every_sidebar_quote_links_to_its_place_in_the_reader() -> None:
    at = run_app(segment="rasht-astara-railway")
    sidebar = "\n".join(m.value for m in at.sidebar.markdown)
    for passage_id in DATASET.segments["rasht-astara-railway"].passages:
        href = context_href(DATASET.passages[passage_id].seed, passage_id)
        assert f"[Read in context ↗]({href})" in sidebar
