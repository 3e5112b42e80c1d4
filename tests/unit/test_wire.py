"""bench.wire.phases: where an input's time went, split at the rerun request and the last
message received before the result showed."""

from __future__ import annotations

import pytest

from bench.wire import Message, Phases, phases


def sent(t: float, kind: str = "rerun_script") -> Message:
    return Message(t, True, 40, kind)


def received(t: float, kind: str = "delta") -> Message:
    return Message(t, False, 900, kind)


@pytest.mark.parametrize(
    ("why", "messages", "expected"),
    [
        (
            "a click: debounce, the server's reply, the browser",
            [sent(1260.0), received(1300.0), received(1330.0), received(1400.0, "script_finished")],
            Phases(260.0, 140.0, 20.0),
        ),
        (
            "messages after the result showed belong to no phase",
            [sent(1010.0), received(1050.0), received(1500.0)],
            Phases(10.0, 40.0, 370.0),
        ),
        (
            "the first request after the input counts, not an earlier or later one",
            [sent(900.0), sent(1100.0), received(1150.0), sent(1200.0), received(1300.0)],
            Phases(100.0, 200.0, 120.0),
        ),
        (
            "what the page sends besides rerun requests is not a request",
            [sent(1001.0, "widget_event"), sent(1050.0), received(1060.0)],
            Phases(50.0, 10.0, 360.0),
        ),
        (
            "order of arrival in the list does not matter, the clock does",
            [received(1300.0), sent(1100.0), received(1200.0)],
            Phases(100.0, 200.0, 120.0),
        ),
        ("no rerun request at all", [received(1100.0)], None),
        ("the request came after the result", [sent(1500.0), received(1600.0)], None),
        ("nothing arrived between request and result", [sent(1100.0), received(1450.0)], None),
    ],
)
def test_phases(why: str, messages: list[Message], expected: Phases | None) -> None:
    assert phases(messages, started=1000.0, done=1420.0) == expected, why


def test_the_phases_add_up_to_the_whole() -> None:
    split = phases([sent(1255.5), received(1301.25), received(1377.0)], 1000.0, 1420.0)
    assert split is not None
    assert split.request_ms + split.server_ms + split.render_ms == pytest.approx(420.0)
