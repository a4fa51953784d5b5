#!/usr/bin/env python3
"""A mock of Microsoft Graph and the Entra token endpoints that serves a tenantreach world *as Graph would*.

Standard library only; binds 127.0.0.1. Every tenant folder of WORLD is one Graph tenant: a token names its
tenant, and /v1.0/... answers from that tenant's files in Graph's shapes (pages with @odata.nextLink, $select
and $top honoured, members typed, settings null where unset, the properties Graph does not have removed).

Failure injection, for the exporter's tests: --throttle-every (429 with Retry-After), --unavailable-every
(503), --token-requests (a token expires after that many Graph requests: 401), --forbid (403 on a path
prefix), --latency-ms. The server stops by itself after --idle-exit seconds without a request or after
--lifetime seconds in all, whichever comes first.

Usage: mock_graph.py --world WORLD --port-file FILE [options]   (the chosen port is written to FILE)
"""
import argparse
import base64
import hashlib
import json
import os
import socket
import threading
import time
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TEAM_CONVERSATION_MEMBER = "#microsoft.graph.aadUserConversationMember"
EVERYONE_CLAIM = "c:0(.s|true"
EVERYONE_EXCEPT_EXTERNAL_CLAIM = "c:0-.f|rolemanager|spo-grid-all-users/"
SYNC_TEMPLATE_ID = "518e5f48-1fc8-4c48-9387-9fdf28b0dfe7"
USER_DEFAULT_PROPERTIES = ["businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone",
                           "officeLocation", "preferredLanguage", "surname", "userPrincipalName", "id"]
NOT_GRAPH_USER_PROPERTIES = {"homeTenantId", "homeUserId"}


def read_list(folder, name):
    """The objects of a world list file (.json page, bare array, or .jsonl), [] when absent."""
    path = os.path.join(folder, name)
    if os.path.exists(path + "l"):
        with open(path + "l", encoding="utf-8") as lines:
            return [json.loads(line) for line in lines if line.strip()]
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as document:
        data = json.load(document)
    return data["value"] if isinstance(data, dict) else data


def service_default_policy():
    def setting(access):
        return {"usersAndGroups": {"accessType": access, "targets": [{"target": "AllUsers", "targetType": "user"}]},
                "applications": {"accessType": access,
                                 "targets": [{"target": "AllApplications", "targetType": "application"}]}}
    return {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#policies/crossTenantAccessPolicy/default",
            "isServiceDefault": True,
            "inboundTrust": {"isMfaAccepted": False, "isCompliantDeviceAccepted": False,
                             "isHybridAzureADJoinedDeviceAccepted": False},
            "automaticUserConsentSettings": {"inboundAllowed": False, "outboundAllowed": False},
            "b2bCollaborationInbound": setting("allowed"), "b2bCollaborationOutbound": setting("allowed"),
            "b2bDirectConnectInbound": setting("blocked"), "b2bDirectConnectOutbound": setting("blocked")}


class Tenant:
    """One tenant folder, indexed the way the Graph endpoints need it."""

    def __init__(self, folder, tenant_id):
        self.id = tenant_id
        self.organization = read_list(folder, "organization.json")
        self.users = read_list(folder, "users.json")
        self.groups = read_list(folder, "groups.json")
        self.group_by_id = {group["id"].lower(): group for group in self.groups}
        default_path = os.path.join(folder, "crossTenantAccessPolicy", "default.json")
        self.default_policy = None
        if os.path.exists(default_path):
            with open(default_path, encoding="utf-8") as document:
                self.default_policy = json.load(document)
        self.partners = read_list(os.path.join(folder, "crossTenantAccessPolicy"), "partners.json")
        self.policies = read_list(folder, "conditionalAccessPolicies.json")
        self.channels = read_list(folder, "channels.json")
        self.resources = read_list(folder, "resources.json")
        self.sync_jobs = read_list(folder, "crossTenantSync.json")

    def team_ids(self):
        ids = [g["id"] for g in self.groups if "team" in [o.lower() for o in g.get("resourceProvisioningOptions") or []]]
        known = {i.lower() for i in ids}
        for channel in self.channels:
            team = channel.get("teamId")
            if team and team.lower() not in known:
                known.add(team.lower())
                ids.append(team)
        return ids


class World:
    def __init__(self, root):
        tenants_dir = os.path.join(root, "tenants")
        self.tenants = {}
        for name in sorted(os.listdir(tenants_dir)):
            if not name.startswith("."):
                self.tenants[name.lower()] = Tenant(os.path.join(tenants_dir, name), name.lower())
        self.domains = {}
        for tenant in self.tenants.values():
            for organization in tenant.organization:
                for domain in organization.get("verifiedDomains") or []:
                    self.domains[domain["name"].lower()] = tenant.id

    def resolve_tenant(self, name):
        name = name.lower()
        return self.tenants.get(name) or self.tenants.get(self.domains.get(name, ""))


class Failure(Exception):
    def __init__(self, status, code, message, headers=None):
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers or {}


class State:
    """Counters shared by the request threads."""

    def __init__(self, options):
        self.options = options
        self.lock = threading.Lock()
        self.requests = 0
        self.graph_requests = 0
        self.throttled = 0
        self.unavailable = 0
        self.expired = 0
        self.early_retries = 0
        self.throttled_until = {}  # path -> time before which a retry is too early
        self.tokens = {}           # token -> [tenant id, Graph requests left]
        self.device_polls = {}
        self.token_count = 0
        self.last_request = time.monotonic()

    def issue_token(self, tenant_id):
        with self.lock:
            self.token_count += 1
            token = "mock-token-%d-%s" % (self.token_count, base64.urlsafe_b64encode(os.urandom(9)).decode())
            self.tokens[token] = [tenant_id, self.options.token_requests]
        return token


def select(obj, properties, always=()):
    out = {}
    for name in properties:
        out[name] = obj.get(name)
    for name in always:
        if name in obj:
            out[name] = obj[name]
    return out


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def verify_client_assertion(assertion, modulus_hex, token_url):
    """RS256 check of a JWT client assertion against the test's public key (PKCS#1 v1.5, SHA-256)."""
    header_b64, payload_b64, signature_b64 = assertion.split(".")
    header = json.loads(b64url_decode(header_b64))
    payload = json.loads(b64url_decode(payload_b64))
    if header.get("alg") != "RS256" or "x5t" not in header:
        return "the assertion header needs alg RS256 and x5t"
    if payload.get("aud") != token_url:
        return "the assertion's aud is %r, not the token endpoint" % payload.get("aud")
    if not (payload.get("exp", 0) > time.time() >= payload.get("nbf", 0) - 300):
        return "the assertion is not valid now"
    n = int(modulus_hex, 16)
    signature = int.from_bytes(b64url_decode(signature_b64), "big")
    decoded = pow(signature, 65537, n).to_bytes((n.bit_length() + 7) // 8, "big")
    digest_info = bytes.fromhex("3031300d060960864801650304020105000420")
    digest = hashlib.sha256((header_b64 + "." + payload_b64).encode()).digest()
    expected_tail = b"\x00" + digest_info + digest
    if not (decoded.startswith(b"\x00\x01") and decoded.endswith(expected_tail)):
        return "the assertion's signature does not verify"
    return None


def make_handler(world, state):
    options = state.options

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def setup(self):
            super().setup()
            # Headers and body go out in two writes: without this, Nagle and delayed ACKs add 40 ms a request.
            self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        # ---- plumbing
        def send_json(self, status, body, headers=None):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def send_error_body(self, failure):
            self.send_json(failure.status, {"error": {"code": failure.code, "message": failure.message}},
                           failure.headers)

        def do_GET(self):
            self.handle_request("GET")

        def do_POST(self):
            self.handle_request("POST")

        def handle_request(self, method):
            with state.lock:
                state.requests += 1
                state.last_request = time.monotonic()
            if options.latency_ms:
                time.sleep(options.latency_ms / 1000.0)
            url = urllib.parse.urlsplit(self.path)
            try:
                if url.path == "/_mock/stats":
                    with state.lock:
                        self.send_json(200, {"requests": state.requests, "graphRequests": state.graph_requests,
                                             "throttled": state.throttled, "unavailable": state.unavailable,
                                             "expired": state.expired, "earlyRetries": state.early_retries,
                                             "tokens": state.token_count})
                elif method == "POST" and "/oauth2/" in url.path:
                    self.token_endpoint(url)
                elif method == "GET" and (url.path.startswith("/v1.0/") or url.path.startswith("/beta/")):
                    self.graph(url)
                else:
                    raise Failure(404, "NotFound", "no such endpoint")
            except Failure as failure:
                self.send_error_body(failure)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client went away (the resume test kills it)

        # ---- the Entra token endpoints
        def token_endpoint(self, url):
            length = int(self.headers.get("Content-Length", "0"))
            form = {k: v[0] for k, v in urllib.parse.parse_qs(self.rfile.read(length).decode()).items()}
            parts = url.path.strip("/").split("/")
            if len(parts) != 4 or parts[1:3] != ["oauth2", "v2.0"]:
                raise Failure(404, "NotFound", "no such endpoint")
            tenant = world.resolve_tenant(parts[0])
            if tenant is None:
                self.send_json(400, {"error": "invalid_request", "error_description": "AADSTS90002: Tenant not found."})
                return
            if options.client_id and form.get("client_id") != options.client_id:
                self.send_json(400, {"error": "unauthorized_client", "error_description": "AADSTS700016: unknown client"})
                return
            if parts[3] == "devicecode":
                code = base64.urlsafe_b64encode(os.urandom(12)).decode()
                with state.lock:
                    state.device_polls[code] = options.device_pending_polls
                self.send_json(200, {"device_code": code, "user_code": "MOCK-CODE",
                                     "verification_uri": "https://microsoft.com/devicelogin", "expires_in": 900,
                                     "interval": 1, "message": "To sign in, open https://microsoft.com/devicelogin "
                                     "and enter the code MOCK-CODE."})
                return
            grant = form.get("grant_type")
            error = None
            if grant == "client_credentials":
                if "client_assertion" in form:
                    if options.assertion_modulus is None:
                        error = "certificates are not configured"
                    else:
                        token_url = "http://%s:%d%s" % (self.server.server_address[0], self.server.server_address[1],
                                                        url.path)
                        error = verify_client_assertion(form["client_assertion"], options.assertion_modulus,
                                                        token_url)
                elif options.client_secret is not None and form.get("client_secret") != options.client_secret:
                    error = "AADSTS7000215: Invalid client secret provided."
            elif grant == "urn:ietf:params:oauth:grant-type:device_code":
                with state.lock:
                    polls = state.device_polls.get(form.get("device_code"))
                    if polls is None:
                        error = "AADSTS70019: the device code expired"
                    elif polls > 0:
                        state.device_polls[form["device_code"]] = polls - 1
                if polls:
                    self.send_json(400, {"error": "authorization_pending",
                                         "error_description": "AADSTS70016: pending"})
                    return
            elif grant == "refresh_token":
                if not form.get("refresh_token", "").startswith("mock-refresh-"):
                    error = "AADSTS9002313: Invalid refresh token"
            else:
                error = "unsupported grant_type"
            if error:
                self.send_json(401, {"error": "invalid_client", "error_description": error})
                return
            body = {"token_type": "Bearer", "expires_in": 3599, "access_token": state.issue_token(tenant.id)}
            if grant != "client_credentials":
                body["refresh_token"] = "mock-refresh-" + base64.urlsafe_b64encode(os.urandom(9)).decode()
            self.send_json(200, body)

        # ---- Graph
        def graph(self, url):
            with state.lock:
                state.graph_requests += 1
                count = state.graph_requests
                too_early = state.throttled_until.pop(self.path, None)
                if too_early is not None and time.monotonic() < too_early:
                    state.early_retries += 1
            authorization = self.headers.get("Authorization", "")
            token = authorization[len("Bearer "):] if authorization.startswith("Bearer ") else ""
            with state.lock:
                entry = state.tokens.get(token)
                if entry is not None and entry[1] is not None:
                    entry[1] -= 1
                    if entry[1] < 0:
                        state.expired += 1
                        entry = None
            if entry is None:
                raise Failure(401, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired."
                              if token in state.tokens else "Access token is empty or invalid.")
            if options.throttle_every and count % options.throttle_every == 0:
                with state.lock:
                    state.throttled += 1
                    state.throttled_until[self.path] = time.monotonic() + options.retry_after - 0.05
                raise Failure(429, "TooManyRequests", "Too many requests", {"Retry-After": str(options.retry_after)})
            if options.unavailable_every and count % options.unavailable_every == 0:
                with state.lock:
                    state.unavailable += 1
                raise Failure(503, "ServiceUnavailable", "The service is temporarily unavailable.")
            path = url.path.split("/", 2)[2]
            for prefix in options.forbid:
                if path.startswith(prefix.strip("/")):
                    raise Failure(403, "Authorization_RequestDenied",
                                  "Insufficient privileges to complete the operation.")
            query = {k: v[0] for k, v in urllib.parse.parse_qs(url.query).items()}
            tenant = world.tenants[entry[0]]
            result = self.route(tenant, [urllib.parse.unquote(p) for p in path.split("/")], query)
            if isinstance(result, list):
                self.send_page(url, query, result)
            else:
                self.send_json(200, result)

        def send_page(self, url, query, items):
            top = min(int(query.get("$top", options.default_page)), 999, options.max_page)
            skip = int(query.get("$skiptoken", "0"))
            body = {"value": items[skip:skip + top]}
            if skip + top < len(items):
                next_query = dict(query)
                next_query["$skiptoken"] = str(skip + top)
                body["@odata.nextLink"] = "http://%s:%d%s?%s" % (
                    self.server.server_address[0], self.server.server_address[1], url.path,
                    urllib.parse.urlencode(next_query))
            self.send_json(200, body)

        def route(self, tenant, path, query):
            selected = [p for p in query.get("$select", "").split(",") if p]

            def pick(obj, defaults=None, drop=()):
                obj = {k: v for k, v in obj.items() if k not in drop}
                if selected:
                    return select(obj, selected, ["@odata.type"])
                return select(obj, defaults, ["@odata.type"]) if defaults else obj

            match path:
                case ["organization"]:
                    return [pick(o) for o in tenant.organization]
                case ["users"]:
                    return [pick(u, USER_DEFAULT_PROPERTIES, NOT_GRAPH_USER_PROPERTIES) for u in tenant.users]
                case ["groups"]:
                    return [pick(g, drop={"members"}) for g in tenant.groups]
                case ["groups", group_id, "members"]:
                    group = self.find(tenant.group_by_id, group_id)
                    return [pick(m) for m in group.get("members") or []]
                case ["policies", "crossTenantAccessPolicy", "default"]:
                    return tenant.default_policy if tenant.default_policy is not None else service_default_policy()
                case ["policies", "crossTenantAccessPolicy", "partners"]:
                    expand = "identitySynchronization" in query.get("$expand", "")
                    return [p if expand else {k: v for k, v in p.items() if k != "identitySynchronization"}
                            for p in tenant.partners]
                case ["identity", "conditionalAccess", "policies"]:
                    return tenant.policies
                case ["teams"]:
                    return [{"id": t, "displayName": (tenant.group_by_id.get(t.lower()) or {}).get("displayName")}
                            for t in tenant.team_ids()]
                case ["teams", team_id, "allChannels"]:
                    return self.own_channels(tenant, team_id) + self.incoming_channels(tenant, team_id)
                case ["teams", team_id, "incomingChannels"]:
                    return self.incoming_channels(tenant, team_id)
                case ["teams", team_id, "channels", channel_id, "members"]:
                    channel = self.channel(tenant, team_id, channel_id)
                    return [dict({"@odata.type": TEAM_CONVERSATION_MEMBER, "id": "member-%d" % i}, **m)
                            for i, m in enumerate(channel.get("members") or [])]
                case ["teams", team_id, "channels", channel_id, "sharedWithTeams"]:
                    channel = self.channel(tenant, team_id, channel_id)
                    return [{k: v for k, v in s.items() if k != "allowedMembers"}
                            for s in channel.get("sharedWithTeams") or []]
                case ["teams", team_id, "channels", channel_id, "sharedWithTeams", shared_id, "allowedMembers"]:
                    channel = self.channel(tenant, team_id, channel_id)
                    for shared in channel.get("sharedWithTeams") or []:
                        if shared["id"].lower() == shared_id.lower() and shared.get("allowedMembers") is not None:
                            return [dict({"@odata.type": TEAM_CONVERSATION_MEMBER}, **m)
                                    for m in shared["allowedMembers"]]
                    raise Failure(404, "NotFound", "The allowed members of this team are not available.")
                case ["servicePrincipals"]:
                    return [pick(sp) for sp in self.service_principals(tenant, query.get("$filter", ""))]
                case ["servicePrincipals", sp_id, "appRoleAssignedTo"]:
                    return self.app_role_assignments(tenant, sp_id)
                case ["servicePrincipals", sp_id, "synchronization", "jobs"]:
                    job = self.find({j["id"].lower(): j for j in tenant.sync_jobs}, sp_id)
                    return [{"id": job["id"], "templateId": "Azure2Azure",
                             "schedule": {"state": "Active", "interval": "PT40M"},
                             "status": {"code": "Active"}, "synchronizationJobSettings": []}]
                case ["servicePrincipals", sp_id, "synchronization", "jobs", job_id, "schema"]:
                    job = self.find({j["id"].lower(): j for j in tenant.sync_jobs}, job_id)
                    mapping = {"targetAttributeName": "userType", "source": {
                        "expression": '"%s"' % job.get("userTypeMapping", "Member"), "type": "Constant",
                        "name": job.get("userTypeMapping", "Member")}}
                    return {"synchronizationRules": [{"objectMappings": [{"sourceObjectName": "User",
                                                                          "attributeMappings": [mapping]}]}]}
                case ["sites", "getAllSites"]:
                    return [{"id": r["id"], "displayName": r.get("displayName"), "name": r.get("displayName")}
                            for r in tenant.resources if r.get("kind") == "site"]
                case ["sites", site_id, "drive", "root", "permissions"]:
                    site = self.resource(tenant, "site", site_id)
                    return self.sharepoint_permissions(tenant, site)
                case ["storage", "fileStorage", "containerTypes"]:
                    owners = sorted({r.get("appId") or "" for r in tenant.resources if r.get("kind") == "container"})
                    return [{"containerTypeId": self.container_type(o), "owningAppId": o or None,
                             "name": "type of %s" % (o or "Office365")} for o in owners]
                case ["storage", "fileStorage", "containers"]:
                    wanted = query.get("$filter", "").rpartition(" eq ")[2].strip("'")
                    return [{"id": r["id"], "displayName": r.get("displayName"),
                             "containerTypeId": self.container_type(r.get("appId") or "")}
                            for r in tenant.resources if r.get("kind") == "container"
                            and self.container_type(r.get("appId") or "") == wanted]
                case ["storage", "fileStorage", "containers", container_id, "permissions"]:
                    container = self.resource(tenant, "container", container_id)
                    return self.sharepoint_permissions(tenant, container)
                case ["auditLogs", "signIns"]:
                    return [{"id": "signin-%d" % i, "createdDateTime": "2025-01-01T00:00:00Z", "userId": u["id"],
                             "userPrincipalName": u["userPrincipalName"], "homeTenantId": u["homeTenantId"],
                             "resourceTenantId": tenant.id, "crossTenantAccessType": "b2bCollaboration"}
                            for i, u in enumerate(tenant.users)
                            if u.get("homeTenantId") and u["homeTenantId"].lower() != tenant.id]
            raise Failure(404, "Request_ResourceNotFound", "Resource '%s' does not exist." % "/".join(path))

        @staticmethod
        def find(index, key):
            found = index.get(key.lower())
            if found is None:
                raise Failure(404, "Request_ResourceNotFound", "Resource '%s' does not exist." % key)
            return found

        @staticmethod
        def container_type(owner):
            return str(uuid.uuid5(uuid.NAMESPACE_URL, "container-type:" + owner))

        def own_channels(self, tenant, team_id):
            return [{k: v for k, v in c.items() if k not in ("members", "sharedWithTeams", "teamId")}
                    for c in tenant.channels if (c.get("teamId") or "").lower() == team_id.lower()]

        def incoming_channels(self, tenant, team_id):
            incoming = []
            for host in world.tenants.values():
                if host is tenant:
                    continue
                for channel in host.channels:
                    for shared in channel.get("sharedWithTeams") or []:
                        if shared["id"].lower() == team_id.lower() and \
                                (shared.get("tenantId") or host.id).lower() == tenant.id:
                            incoming.append({"id": channel["id"], "displayName": channel.get("displayName"),
                                             "membershipType": "shared", "tenantId": host.id})
            return incoming

        def channel(self, tenant, team_id, channel_id):
            for channel in tenant.channels:
                if channel["id"] == channel_id and (channel.get("teamId") or "").lower() == team_id.lower():
                    return channel
            raise Failure(404, "NotFound", "channel %s not found" % channel_id)

        def resource(self, tenant, kind, resource_id):
            for resource in tenant.resources:
                if resource.get("kind") == kind and resource["id"].lower() == resource_id.lower():
                    return resource
            raise Failure(404, "itemNotFound", "The %s %s does not exist." % (kind, resource_id))

        def service_principals(self, tenant, filter_text):
            if SYNC_TEMPLATE_ID in filter_text:
                return [{"id": j["id"], "appId": j["id"], "displayName": "Cross-tenant sync",
                         "applicationTemplateId": SYNC_TEMPLATE_ID, "appRoleAssignmentRequired": True}
                        for j in tenant.sync_jobs]
            return [{"id": r["id"], "appId": r.get("appId"), "displayName": r.get("displayName"),
                     "appRoleAssignmentRequired": not any(g["principalType"].lower() == "everyone"
                                                          for g in r.get("grants") or []),
                     "applicationTemplateId": None}
                    for r in tenant.resources if r.get("kind") == "application"]

        def app_role_assignments(self, tenant, sp_id):
            for job in tenant.sync_jobs:
                if job["id"].lower() == sp_id.lower():
                    return [{"principalId": p, "principalType": kind, "resourceId": sp_id,
                             "appRoleId": "00000000-0000-0000-0000-000000000000"}
                            for kind, key in (("User", "assignedUsers"), ("Group", "assignedGroups"))
                            for p in job.get(key) or []]
            app = self.resource(tenant, "application", sp_id)
            return [{"principalId": g["principalId"], "principalType": g["principalType"].capitalize(),
                     "resourceId": app["id"], "appRoleId": "00000000-0000-0000-0000-000000000000"}
                    for g in app.get("grants") or [] if g["principalType"].lower() in ("user", "group")]

        def sharepoint_permissions(self, tenant, resource):
            permissions = []
            for i, grant in enumerate(resource.get("grants") or []):
                kind = grant["principalType"].lower()
                if kind == "user":
                    granted = {"user": {"id": grant["principalId"]}}
                elif kind == "group":
                    granted = {"group": {"id": grant["principalId"]}}
                elif kind == "everyone":
                    granted = {"siteUser": {"loginName": EVERYONE_CLAIM, "displayName": "Everyone"}}
                else:
                    granted = {"siteUser": {"loginName": EVERYONE_EXCEPT_EXTERNAL_CLAIM + tenant.id,
                                            "displayName": "Everyone except external users"}}
                permissions.append({"id": "perm-%d" % i, "roles": ["read"], "grantedToV2": granted})
            return permissions

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--world", required=True)
    parser.add_argument("--port-file", required=True, help="where to write the port chosen")
    parser.add_argument("--latency-ms", type=float, default=0)
    parser.add_argument("--default-page", type=int, default=100, help="page size when $top is absent")
    parser.add_argument("--max-page", type=int, default=999, help="largest page served, whatever $top asks")
    parser.add_argument("--throttle-every", type=int, default=0, help="answer every Nth Graph request with 429")
    parser.add_argument("--retry-after", type=int, default=1, help="seconds in the 429's Retry-After")
    parser.add_argument("--unavailable-every", type=int, default=0, help="answer every Nth Graph request with 503")
    parser.add_argument("--token-requests", type=int, default=None, help="Graph requests a token is good for")
    parser.add_argument("--forbid", action="append", default=[], help="answer 403 under this path (e.g. teams)")
    parser.add_argument("--client-id", default=None)
    parser.add_argument("--client-secret", default=None)
    parser.add_argument("--assertion-modulus", default=None, help="hex RSA modulus that client assertions verify with")
    parser.add_argument("--device-pending-polls", type=int, default=1)
    parser.add_argument("--idle-exit", type=float, default=60, help="stop after this many seconds without requests")
    parser.add_argument("--lifetime", type=float, default=1800, help="stop after this many seconds in all")
    options = parser.parse_args()

    world = World(options.world)
    state = State(options)
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(world, state))
    server.daemon_threads = True
    with open(options.port_file + ".tmp", "w", encoding="utf-8") as port_file:
        port_file.write(str(server.server_address[1]))
    os.replace(options.port_file + ".tmp", options.port_file)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    started = time.monotonic()
    while time.monotonic() - started < options.lifetime and \
            time.monotonic() - state.last_request < options.idle_exit:
        time.sleep(0.2)
    server.shutdown()


if __name__ == "__main__":
    main()
