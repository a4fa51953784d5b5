#!/usr/bin/env python3
"""End-to-end tests of `tenantreach export` against the mock Graph server (ctest runs one scenario each).

Usage: export_scenarios.py --cli TENANTREACH SCENARIO [--world WORLD] [--scratch DIR]
Scenarios: roundtrip, failures, forbidden, resume, auth, generated (ctest runs these), generated-s (by hand).
The key check of each: `tenantreach audit --principals` of the exported world equals the original's, byte for
byte. Exits non-zero with a message on the first failed check.
"""
import argparse
import hashlib
import itertools
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SECRET = "mock-secret-Zq81"
CLIENT_ID = "00000000-aaaa-bbbb-cccc-000000000001"


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


class MockGraph:
    """The mock server on a free 127.0.0.1 port, for the length of a `with` block."""

    def __init__(self, world, workdir, *options):
        self.port_file = os.path.join(workdir, "port-%d" % time.monotonic_ns())
        self.process = subprocess.Popen([sys.executable, os.path.join(HERE, "mock_graph.py"), "--world", world,
                                         "--port-file", self.port_file, "--client-id", CLIENT_ID,
                                         "--client-secret", SECRET, "--idle-exit", "120", *options])
        deadline = time.monotonic() + 30
        while not os.path.exists(self.port_file):
            check(self.process.poll() is None, "the mock Graph server did not start")
            check(time.monotonic() < deadline, "the mock Graph server did not report its port")
            time.sleep(0.05)
        with open(self.port_file, encoding="utf-8") as port:
            self.url = "http://127.0.0.1:" + port.read().strip()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=10)

    def stats(self):
        with urllib.request.urlopen(self.url + "/_mock/stats", timeout=10) as answer:
            return json.load(answer)


class Exporter:
    def __init__(self, cli, mock):
        self.cli, self.mock = cli, mock

    def start(self, tenant, world, *extra, auth=("--client-id", CLIENT_ID, "--client-secret-env", "MOCK_SECRET")):
        command = [self.cli, "export", "--tenant", tenant, "-o", world, "--graph-url", self.mock.url,
                   "--login-url", self.mock.url, *auth, *extra]
        env = dict(os.environ, MOCK_SECRET=SECRET)
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)

    def run(self, tenant, world, *extra, **kwargs):
        process = self.start(tenant, world, *extra, **kwargs)
        out, err = process.communicate(timeout=900)
        for text in (out, err):
            check(SECRET not in text and "mock-token-" not in text, "a secret or token was printed: " + text)
        return process.returncode, out, err


def tenant_ids(world):
    return sorted(name for name in os.listdir(os.path.join(world, "tenants")) if not name.startswith("."))


def audit_command(cli, world):
    return [cli, "audit", world, "--principals"]


def audit(cli, world):
    result = subprocess.run(audit_command(cli, world), capture_output=True, text=True, timeout=900)
    check(result.returncode == 0, "audit of %s failed: %s" % (world, result.stderr))
    return result.stdout


def audit_digest(cli, world):
    """SHA-256 of `audit --principals`, read as it streams (the S world's audit is over a gigabyte)."""
    digest = hashlib.sha256()
    process = subprocess.Popen(audit_command(cli, world), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    for chunk in iter(lambda: process.stdout.read(1 << 20), b""):
        digest.update(chunk)
    error = process.stderr.read().decode()
    check(process.wait() == 0, "audit of %s failed: %s" % (world, error))
    return digest.hexdigest()


def check_same_audit(cli, original, exported):
    if audit_digest(cli, original) == audit_digest(cli, exported):
        return
    expected = subprocess.Popen(audit_command(cli, original), stdout=subprocess.PIPE, text=True)
    actual = subprocess.Popen(audit_command(cli, exported), stdout=subprocess.PIPE, text=True)
    for number, (a, b) in enumerate(itertools.zip_longest(expected.stdout, actual.stdout), 1):
        if a != b:
            expected.kill()
            actual.kill()
            fail("audit differs at line %d:\n  original %s\n  exported %s" % (number, (a or "(end)")[:400],
                                                                              (b or "(end)")[:400]))
    fail("audit output differs between two runs of the same world")


def check_private_and_clean(world):
    """Owner-only folders and files, no staging or temporary file left, no secret or token written."""
    for root, dirs, files in os.walk(os.path.join(world, "tenants")):
        check(stat.S_IMODE(os.stat(root).st_mode) == 0o700, root + " is not owner-only")
        for name in dirs:
            check(not name.startswith("."), "a staging folder was left: " + os.path.join(root, name))
        for name in files:
            path = os.path.join(root, name)
            check(not name.endswith((".part", ".tmp")) and name != ".checkpoint.json", "left behind: " + path)
            check(stat.S_IMODE(os.stat(path).st_mode) & 0o077 == 0, path + " is readable by others")
            with open(path, encoding="utf-8") as content:
                text = content.read()
            check(SECRET not in text and "mock-token-" not in text, "a secret or token was written to " + path)


def export_all(exporter, world, target, *extra):
    for tenant in tenant_ids(world):
        code, _, err = exporter.run(tenant, target, *extra)
        check(code == 0, "export of %s failed (%d): %s" % (tenant, code, err))


# ---- scenarios

def roundtrip(cli, world, workdir):
    target = os.path.join(workdir, "exported")
    with MockGraph(world, workdir) as mock:
        exporter = Exporter(cli, mock)
        export_all(exporter, world, target)
        # By domain, into the existing world: the tenant's folder is replaced, the others kept.
        code, _, err = exporter.run("fabrikam.example", target, "--concurrency", "1")
        check(code == 0, "export by domain failed: " + err)
        check("22222222-2222-2222-2222-222222222222" in err, "the summary does not name the tenant: " + err)
    check_private_and_clean(target)
    check_same_audit(cli, world, target)
    report = json.load(open(os.path.join(target, "tenants", tenant_ids(world)[0], "export-report.json")))
    check(report["complete"] and report["files"]["users.jsonl"]["objects"] > 0, "unexpected report: %s" % report)


def failures(cli, world, workdir):
    target = os.path.join(workdir, "exported")
    with MockGraph(world, workdir, "--throttle-every", "9", "--unavailable-every", "10", "--token-requests", "6") as mock:
        export_all(Exporter(cli, mock), world, target, "--concurrency", "2")
        stats = mock.stats()
    check(stats["throttled"] > 0 and stats["unavailable"] > 0 and stats["expired"] > 0,
          "the failures were not injected: %s" % stats)
    check(stats["earlyRetries"] == 0, "a 429 was retried before its Retry-After: %s" % stats)
    check(stats["tokens"] > len(tenant_ids(world)), "expired tokens were not replaced: %s" % stats)
    check_same_audit(cli, world, target)


def forbidden(cli, world, workdir):
    target = os.path.join(workdir, "exported")
    contoso = "11111111-1111-1111-1111-111111111111"
    with MockGraph(world, workdir) as mock:
        export_all(Exporter(cli, mock), world, target)
    shutil.rmtree(os.path.join(target, "tenants", contoso))
    with MockGraph(world, workdir, "--forbid", "teams") as mock:
        exporter = Exporter(cli, mock)
        code, _, err = exporter.run(contoso, target)
        check(code == 3, "a 403 should fail the export without --keep-going (exit %d)" % code)
        check("Team.ReadBasic.All" in err and "403" in err, "the 403 does not name the permission: " + err)
        check(not os.path.exists(os.path.join(target, "tenants", contoso)), "a half-exported tenant was installed")
        code, _, err = exporter.run(contoso, target, "--keep-going")
        check(code == 0, "--keep-going should export the rest: " + err)
        check("channels.json" in err and "Team.ReadBasic.All" in err, "the summary does not list the gap: " + err)
    report = json.load(open(os.path.join(target, "tenants", contoso, "export-report.json")))
    check(not report["complete"] and report["gaps"][0]["file"] == "channels.json", "report: %s" % report)
    check(not os.path.exists(os.path.join(target, "tenants", contoso, "channels.json")), "channels.json written")
    audit(cli, target)  # the world still loads
    check_private_and_clean(target)


def resume(cli, world, workdir):
    target = os.path.join(workdir, "exported")
    contoso = "11111111-1111-1111-1111-111111111111"
    with MockGraph(world, workdir) as mock:
        export_all(Exporter(cli, mock), world, target)
    shutil.rmtree(os.path.join(target, "tenants", contoso))
    checkpoint = os.path.join(target, "tenants", "." + contoso + ".export-partial", ".checkpoint.json")
    with MockGraph(world, workdir, "--max-page", "1", "--latency-ms", "40") as mock:
        exporter = Exporter(cli, mock)
        process = exporter.start(contoso, target, "--concurrency", "1")
        deadline = time.monotonic() + 60
        while True:
            check(process.poll() is None, "the export ended before it could be killed")
            check(time.monotonic() < deadline, "no page of users was checkpointed")
            try:
                with open(checkpoint, encoding="utf-8") as saved:
                    state = json.load(saved)
                if state["files"].get("users.jsonl", {}).get("objects", 0) >= 3:
                    break
            except (OSError, ValueError):
                pass
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
        process.wait()
        check(not os.path.exists(os.path.join(target, "tenants", contoso)), "a killed export installed a tenant")
        before = mock.stats()["graphRequests"]
        code, _, err = exporter.run(contoso, target, "--resume")
        check(code == 0, "--resume failed: " + err)
        check("resuming after" in err, "--resume did not continue the users from their checkpoint: " + err)
        resumed = mock.stats()["graphRequests"] - before
        code, _, _ = exporter.run(contoso, os.path.join(workdir, "full"))
        full = mock.stats()["graphRequests"] - before - resumed
        check(resumed < full, "the resumed export made %d requests, a full one %d" % (resumed, full))
    check_private_and_clean(target)
    check_same_audit(cli, world, target)


def auth(cli, world, workdir):
    contoso = "11111111-1111-1111-1111-111111111111"
    key = os.path.join(workdir, "app.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key + ".key",
                    "-out", key + ".crt", "-subj", "/CN=tenantreach-test", "-days", "2"], check=True,
                   capture_output=True)
    with open(key, "w", encoding="utf-8") as pem:
        pem.write(open(key + ".key").read() + open(key + ".crt").read())
    modulus = subprocess.run(["openssl", "rsa", "-in", key + ".key", "-noout", "-modulus"], check=True,
                             capture_output=True, text=True).stdout.strip().split("=", 1)[1]
    secret_file = os.path.join(workdir, "secret")
    with open(os.open(secret_file, os.O_WRONLY | os.O_CREAT, 0o600), "w", encoding="utf-8") as out:
        out.write(SECRET + "\n")
    with MockGraph(world, workdir, "--assertion-modulus", modulus) as mock:
        token_script = os.path.join(workdir, "get-token.py")
        with open(token_script, "w", encoding="utf-8") as script:
            script.write(
                "import json, urllib.parse, urllib.request\n"
                "form = urllib.parse.urlencode({'client_id': %r, 'client_secret': %r, 'grant_type': "
                "'client_credentials', 'scope': 'x'}).encode()\n"
                "body = json.load(urllib.request.urlopen(%r, form))\n"
                "print(json.dumps({'accessToken': body['access_token'], 'tokenType': 'Bearer'}))\n"
                % (CLIENT_ID, SECRET, mock.url + "/" + contoso + "/oauth2/v2.0/token"))
        exporter = Exporter(cli, mock)
        ways = {
            "secret file": ("--client-id", CLIENT_ID, "--client-secret-file", secret_file),
            "certificate": ("--client-id", CLIENT_ID, "--certificate", key),
            "device code": ("--client-id", CLIENT_ID, "--device-code"),
            "token command": ("--token-command", "%s %s" % (sys.executable, token_script)),
        }
        for name, arguments in ways.items():
            target = os.path.join(workdir, name.replace(" ", "-"))
            code, _, err = exporter.run(contoso, target, auth=arguments)
            check(code == 0, "sign-in by %s failed: %s" % (name, err))
            check(os.path.exists(os.path.join(target, "tenants", contoso, "users.jsonl")), name + ": no users")
            if name == "device code":
                check("MOCK-CODE" in err, "the device code was not shown: " + err)
            check_private_and_clean(target)
        with open(secret_file, "w", encoding="utf-8") as out:
            out.write("wrong-secret\n")
        code, _, err = exporter.run(contoso, os.path.join(workdir, "refused"),
                                    auth=("--client-id", CLIENT_ID, "--client-secret-file", secret_file))
        check(code == 3 and "AADSTS7000215" in err and "wrong-secret" not in err, "bad secret: %d %s" % (code, err))
        code, _, err = exporter.run(contoso, os.path.join(workdir, "two"),
                                    auth=("--client-id", CLIENT_ID, "--device-code", "--client-secret-file", secret_file))
        check(code == 2, "two sign-ins at once must be refused (exit %d): %s" % (code, err))


def read_objects(path):
    with open(path, encoding="utf-8") as document:
        data = json.load(document)
    return data["value"] if isinstance(data, dict) else data


def graph_expressible_copy(world, target):
    """The world as Graph can express it: guests' home user ids are in no Graph response (only the home tenant
    is, in the sign-in logs), an application cannot be granted to "everyone except external users", and a
    team is shared with a channel once (the `property` preset repeats one, with and without allowedMembers)."""
    shutil.copytree(world, target)
    for tenant in tenant_ids(target):
        folder = os.path.join(target, "tenants", tenant)
        channels_file = os.path.join(folder, "channels.json")
        if os.path.exists(channels_file):
            channels = read_objects(channels_file)
            for channel in channels:
                seen = set()
                shared = []
                for team in channel.get("sharedWithTeams") or []:
                    if team["id"].lower() not in seen:
                        seen.add(team["id"].lower())
                        shared.append(team)
                if "sharedWithTeams" in channel:
                    channel["sharedWithTeams"] = shared
            with open(channels_file, "w", encoding="utf-8") as out:
                json.dump({"value": channels}, out)
        users = os.path.join(folder, "users.jsonl") if os.path.exists(os.path.join(folder, "users.jsonl")) else None
        if users:
            lines = [json.loads(line) for line in open(users, encoding="utf-8") if line.strip()]
        else:
            users = os.path.join(folder, "users.json")
            data = json.load(open(users, encoding="utf-8"))
            lines = data["value"] if isinstance(data, dict) else data
        for user in lines:
            user.pop("homeUserId", None)
        with open(users, "w", encoding="utf-8") as out:
            if users.endswith(".jsonl"):
                out.writelines(json.dumps(user) + "\n" for user in lines)
            else:
                json.dump({"value": lines}, out)
        resources = os.path.join(folder, "resources.json")
        if os.path.exists(resources):
            data = json.load(open(resources, encoding="utf-8"))
            for resource in data["value"]:
                if resource.get("kind") == "application":
                    resource["grants"] = [g for g in resource.get("grants", [])
                                          if g["principalType"] != "everyoneExceptExternalUsers"]
            with open(resources, "w", encoding="utf-8") as out:
                json.dump(data, out)


def export_generated(cli, workdir, preset, seed):
    """A generated world, as Graph can express it, exported tenant by tenant audits the same."""
    name = "%s-%d" % (preset, seed)
    generated = os.path.join(workdir, name + "-generated")
    subprocess.run([cli, "generate", "--preset", preset, "--seed", str(seed), "-o", generated], check=True,
                   capture_output=True)
    reference = os.path.join(workdir, name + "-reference")
    graph_expressible_copy(generated, reference)
    target = os.path.join(workdir, name + "-exported")
    with MockGraph(reference, workdir) as mock:
        export_all(Exporter(cli, mock), reference, target, "--sign-ins", "30", "--concurrency", "8", "--quiet")
    check_same_audit(cli, reference, target)


def generated(cli, world, workdir):
    """The small presets: `tiny`, and `property` (every linking rule, group cycles, dangling references,
    members of tenants not in the world, every Conditional Access condition) for three seeds."""
    export_generated(cli, workdir, "tiny", 1)
    for seed in (1, 2, 3):
        export_generated(cli, workdir, "property", seed)


def generated_s(cli, world, workdir):
    """The S preset (100,000 users in 10 tenants): minutes, so run by hand, not by ctest."""
    export_generated(cli, workdir, "S", 1)


SCENARIOS = {"roundtrip": roundtrip, "failures": failures, "forbidden": forbidden, "resume": resume, "auth": auth,
             "generated": generated, "generated-s": generated_s}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--world", default=os.path.join(HERE, "..", "..", "examples", "three-tenants", "world"))
    parser.add_argument("--scratch", default=None, help="where to make the working folder (default: the system's "
                        "temporary directory; ctest uses its build tree, which nothing else cleans)")
    parser.add_argument("scenario", choices=sorted(SCENARIOS))
    options = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="tenantreach-export-", dir=options.scratch)
    try:
        SCENARIOS[options.scenario](os.path.abspath(options.cli), os.path.abspath(options.world), workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print("ok: " + options.scenario)


if __name__ == "__main__":
    main()
