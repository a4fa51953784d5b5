#!/usr/bin/env python3
"""Runs the benchmark suite once and prints its results as a Markdown table, with every claim as a ratio
against a baseline measured in the same run: batch audit vs the BFS baseline, 2 threads vs 1, a filtered audit vs a full one, snapshot load
vs JSON ingest (and vs ingest + compile), load throughput, and the snapshot's size against what
it holds in memory once loaded. Also reports the peak resident memory of the run.
"""
import argparse
import json
import os
import resource
import subprocess
import sys


def parse_arguments():
    """The benchmark binary, and the flags passed on to it (every argument the parser does not know)."""
    parser = argparse.ArgumentParser(
        prog="bench/report.py",
        usage="%(prog)s BENCH_BINARY [--preset=tiny|S|M|L] [Google Benchmark flags]",
        description=__doc__.split("\n\n")[0],
        epilog="--preset (default S) and every other flag go to the benchmark binary, e.g. "
               "--benchmark_filter=BM_Audit --benchmark_min_time=0.01. "
               "Example: python3 bench/report.py build/bench/tenantreach_bench --preset=S")
    parser.add_argument("binary", metavar="BENCH_BINARY", help="the tenantreach_bench executable (build/bench/)")
    arguments, flags = parser.parse_known_args()
    if not os.path.isfile(arguments.binary):
        parser.error(f"{arguments.binary}: no such file (build it with -DTENANTREACH_BUILD_BENCH=ON)")
    if not os.access(arguments.binary, os.X_OK):
        parser.error(f"{arguments.binary}: not executable")
    return arguments.binary, flags


def run_benchmarks(binary, flags):
    """The benchmark's JSON report; exits with a message when the run fails or prints no JSON."""
    run = subprocess.run([binary, "--benchmark_format=json", *flags], stdout=subprocess.PIPE)
    if run.returncode != 0:
        sys.exit(f"bench/report.py: {binary} exited with status {run.returncode}")
    try:
        return json.loads(run.stdout)
    except json.JSONDecodeError as error:
        sys.exit(f"bench/report.py: {binary} printed no JSON report ({error}); were the flags right?")


def main():
    binary, flags = parse_arguments()
    report = run_benchmarks(binary, flags)
    peak_rss_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    rows = {b["name"].replace("/real_time", ""): b for b in report["benchmarks"]}

    def ms(name):
        return rows[name]["real_time"] if name in rows else None

    print(f"preset {report['context'].get('preset', '?')}, {report['context']['num_cpus']} CPUs, "
          f"peak RSS {peak_rss_mib:.0f} MiB\n")
    print("| benchmark | time (ms) | counters |")
    print("|---|---:|---|")
    for name, row in rows.items():
        counters = {k: v for k, v in row.items() if k in (
            "median_us", "p99_us", "queries", "resources", "users", "bytes_per_second", "snapshot_bytes",
            "in_memory_graph_bytes", "in_memory_bytes", "edges", "csr_bytes")}
        text = ", ".join(f"{k}={v/1e6:.1f}M" if "bytes" in k else f"{k}={v:,.1f}"
                         for k, v in counters.items())
        print(f"| {name} | {row['real_time']:,.2f} | {text} |")

    print("\n| ratio | value |")
    print("|---|---:|")
    for label, numerator, denominator in [
        ("audit, 1 thread: bfs / batch", "BM_Audit/bfs/1", "BM_Audit/batch/1"),
        ("audit, 2 threads: bfs / batch", "BM_Audit/bfs/2", "BM_Audit/batch/2"),
        ("batch audit: 1 thread / 2 threads", "BM_Audit/batch/1", "BM_Audit/batch/2"),
        ("bfs audit: 1 thread / 2 threads", "BM_Audit/bfs/1", "BM_Audit/bfs/2"),
        ("audit --external / full audit, 1 thread", "BM_Audit/batch_external/1", "BM_Audit/batch/1"),
        ("audit --external / full audit, 2 threads", "BM_Audit/batch_external/2", "BM_Audit/batch/2"),
        ("ingest / load", "BM_Ingest", "BM_SnapshotLoad"),
        ("ingest+compile / load", "BM_IngestAndCompile", "BM_SnapshotLoad"),
        ("ingest / load+model", "BM_Ingest", "BM_SnapshotLoadAndModel"),
        ("ingest+compile / load+model", "BM_IngestAndCompile", "BM_SnapshotLoadAndModel"),
    ]:
        if ms(numerator) and ms(denominator):
            print(f"| {label} | {ms(numerator) / ms(denominator):.1f}x |")
    load = rows.get("BM_SnapshotLoad")
    if load:
        print(f"| load MB/s | {load['bytes_per_second'] / 1e6:,.0f} |")
        if load.get("in_memory_bytes"):
            print(f"| snapshot size / in-memory size (graph + model) | "
                  f"{load['snapshot_bytes'] / load['in_memory_bytes']:.2f} |")
        if load.get("in_memory_graph_bytes"):
            print(f"| snapshot size / in-memory size (graph only, before world()) | "
                  f"{load['snapshot_bytes'] / load['in_memory_graph_bytes']:.2f} |")
        if load.get("users") and load.get("edges"):
            print(f"| memory per user object, graph + model (bytes) | {load['in_memory_bytes'] / load['users']:,.0f} |")
            print(f"| memory per user object, graph only (bytes) | {load['in_memory_graph_bytes'] / load['users']:,.0f} |")
            print(f"| memory per edge (membership or grant): both CSR directions with their offsets (bytes) | "
                  f"{load['csr_bytes'] / load['edges']:,.1f} |")


if __name__ == "__main__":
    main()
