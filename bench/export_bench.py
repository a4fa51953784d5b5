#!/usr/bin/env python3
"""Export speed: the S preset's hub tenant from the mock Graph server with latency injected, at several
concurrencies. Prints a Markdown table for bench/RESULTS.md. Not run in CI (minutes at concurrency 1).

Usage: python3 bench/export_bench.py build/cli/tenantreach [--latency-ms 50] [--concurrency 1 4 16]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "mock_graph"))
from export_scenarios import Exporter, MockGraph, tenant_ids  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cli")
    parser.add_argument("--latency-ms", type=float, default=50)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 4, 16])
    options = parser.parse_args()
    cli = os.path.abspath(options.cli)
    workdir = tempfile.mkdtemp(prefix="tenantreach-export-bench-")
    try:
        world = os.path.join(workdir, "S")
        subprocess.run([cli, "generate", "--preset", "S", "--seed", "1", "-o", world], check=True, capture_output=True)
        hub = max(tenant_ids(world), key=lambda t: sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in
                                                          os.walk(os.path.join(world, "tenants", t)) for f in fs))
        print("| concurrency | requests | total time | requests/s | CPU time of the exporter |")
        print("|---:|---:|---:|---:|---:|")
        with MockGraph(world, workdir, "--latency-ms", str(options.latency_ms)) as mock:
            exporter = Exporter(cli, mock)
            for concurrency in options.concurrency:
                target = os.path.join(workdir, "out-%d" % concurrency)
                started = time.monotonic()
                before = os.times()
                code, _, err = exporter.run(hub, target, "--concurrency", str(concurrency), "--quiet")
                after = os.times()
                seconds = time.monotonic() - started
                if code != 0:
                    sys.exit("export failed: " + err)
                report = json.load(open(os.path.join(target, "tenants", hub, "export-report.json")))
                requests = report["requests"]["total"]
                cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
                print("| %d | %d | %.1f s | %.0f | %.1f s |" % (concurrency, requests, seconds, requests / seconds, cpu))
                shutil.rmtree(target)
        users = sum(1 for _ in open(os.path.join(world, "tenants", hub, "users.jsonl")))
        print("\nhub tenant %s: %d users; mock latency %g ms per request" % (hub, users, options.latency_ms))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
