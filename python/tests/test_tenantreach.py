"""The Python module against the example world: the answers equal the CLI's JSON (--names), the audit iterator
equals `audit --principals --names`, exceptions carry their details, and queries run with the GIL released."""
import json
import os
import shutil
import subprocess
import threading

import pytest

import tenantreach

WORLD = os.environ["TENANTREACH_EXAMPLE_WORLD"]
CLI = os.environ["TENANTREACH_CLI"]
DESIGN = "Contoso/Design (shared with Fabrikam and Litware)"


def cli_json(*args, names=True):
    command = [CLI, *args] + (["--names"] if names else [])
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines()]


@pytest.fixture(scope="module")
def world():
    return tenantreach.open(WORLD)


def test_who_can_reach_equals_the_cli(world):
    assert world.who_can_reach(DESIGN) == cli_json("who-can-reach", WORLD, DESIGN)[0]


def test_what_can_reach_equals_the_cli(world):
    assert world.what_can_reach("pradeep@fabrikam.example") == cli_json(
        "what-can-reach", WORLD, "pradeep@fabrikam.example")[0]


def test_explain_names_the_refusing_policy(world):
    answer = world.explain("grady@litware.example", DESIGN)
    assert answer == cli_json("explain", WORLD, "grady@litware.example", DESIGN)[0]
    assert not answer["reachable"]
    assert answer["paths"][0]["reasons"][0]["code"] == "ca-mfa-untrusted"
    assert answer["paths"][0]["reasons"][0]["policyName"] == "Require MFA for all external users"


def test_audit_iterates_what_the_cli_prints(world):
    assert list(world.audit(principals=True)) == cli_json("audit", WORLD, "--principals")


def test_audit_filters(world):
    external = list(world.audit(external=True, via=["b2bDirectConnect"], principals=True))
    assert external == cli_json("audit", WORLD, "--external", "--via", "b2bDirectConnect", "--principals")
    assert all(p["via"] == ["b2bDirectConnect"] for r in external for p in r["principals"])


def test_an_audit_left_early_stops_cleanly(world):
    audit = world.audit(threads=1)
    first = next(audit)
    assert first["resource"]["tenantId"]
    audit.close()
    with pytest.raises(StopIteration):
        next(audit)


def test_stats_equal_the_cli(world):
    stats = world.stats()
    assert stats == cli_json("stats", WORLD, names=False)[0]
    assert stats["counts"]["tenants"] == 3


def test_errors_are_python_exceptions_with_details(world, tmp_path):
    with pytest.raises(tenantreach.NotFoundError):
        world.who_can_reach("Contoso/No such resource")
    with pytest.raises(ValueError):
        list(world.audit(via=["teleport"]))
    with pytest.raises(tenantreach.InputError) as bad_kind:
        list(world.audit(kinds=["mailbox"]))
    assert "mailbox" in str(bad_kind.value)
    broken = tmp_path / "world"
    shutil.copytree(WORLD, broken)
    (broken / "tenants" / "22222222-2222-2222-2222-222222222222" / "users.json").write_text('{"value": [{"id": 7}]}')
    with pytest.raises(tenantreach.InputError) as bad_world:
        tenantreach.open(str(broken))
    assert bad_world.value.file.endswith("users.json")
    assert bad_world.value.field == "id"
    assert issubclass(tenantreach.AmbiguousError, tenantreach.NotFoundError)
    assert issubclass(tenantreach.NotFoundError, tenantreach.Error)


def test_queries_run_in_parallel_threads(world):
    # The GIL is released during queries: eight Python threads share one World and get the same answers.
    expected = world.who_can_reach(DESIGN)
    answers = []

    def query():
        for _ in range(20):
            answers.append(world.who_can_reach(DESIGN))

    threads = [threading.Thread(target=query) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [expected] * 160
