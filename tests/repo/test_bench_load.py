"""bench/load.py refuses bad arguments with a message naming the option, before it
touches a database or starts a server; its defaults are the load test of
docs/performance.md (16 users for 60 s on bench_l, 4 workers)."""

import importlib
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture(scope="module")
def load():
    pytest.importorskip("psutil")
    pytest.importorskip("requests")
    sys.path.insert(0, str(BENCH))  # bench/load.py imports its neighbours, as a script does
    try:
        yield importlib.import_module("load")
    finally:
        sys.path.remove(str(BENCH))


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--users", "5"], "--users must be at least 6"),
        (["--users", "many"], "argument --users: invalid int value"),
        (["--seconds", "2"], "--seconds must be at least 5"),
        (["--think", "-1"], "--think must be 0 or more"),
        (["--workers", "0"], "--workers must be at least 2"),
        (["--lines", "10"], "--lines must be at least 1000"),
        (["--customers", "3"], "--customers must be at least 10"),
        (["--size", "M"], "argument --size: invalid choice"),
        (["--database", "bench_l; DROP TABLE x"], "--database must be lower-case"),
        (["--port", "80"], "--port must be between 1024 and 65535"),
        (["--port", "8760", "--gevent-port", "8760"], "--gevent-port must differ"),
    ],
)
def test_bad_arguments_are_refused(load, capsys, argv, message):
    with pytest.raises(SystemExit) as stop:
        load.parse_args(argv)
    assert stop.value.code == 2
    assert message in capsys.readouterr().err


def test_defaults(load):
    args = load.parse_args([])
    assert (args.size, args.database, args.users, args.seconds, args.workers) == (
        "L",
        "bench_l",
        16,
        60,
        4,
    )
    assert (args.port, args.gevent_port) == (8569, 8570)
    small = load.parse_args(["--size", "S", "--database", "hl_load", "--gevent-port", "8770"])
    assert (small.database, small.gevent_port) == ("hl_load", 8770)


@pytest.mark.parametrize(
    "users, mix",
    [
        (16, {"manager": 5, "salesperson": 4, "portal": 4, "exporter": 1, "confirmer": 2}),
        (6, {"manager": 1, "salesperson": 1, "portal": 1, "exporter": 1, "confirmer": 2}),
        (8, {"manager": 2, "salesperson": 2, "portal": 1, "exporter": 1, "confirmer": 2}),
    ],
)
def test_every_role_is_played(load, users, mix):
    assert load.role_counts(users) == mix
