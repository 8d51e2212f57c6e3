#!/usr/bin/env python3
"""Writes the seed corpus of tests/fuzz (corpus/<target>/<name>): a few small, real inputs per target, valid and
near-valid. Protobuf seeds are encoded from text format by protoc, from the messages the demo and the README use.
Deterministic: running it again rewrites the same files. Run it after changing proto/ or the API's requests."""

import base64
import pathlib
import subprocess

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CORPUS = HERE / "corpus"
PROTO = "floorwalk/v1/floorwalk.proto"


def protobuf(message, text):
    """The binary encoding of `text` (protobuf text format) as floorwalk.v1.<message>."""
    return subprocess.run(["protoc", f"--encode=floorwalk.v1.{message}", f"-I{ROOT / 'proto'}", PROTO],
                          input=text.encode(), capture_output=True, check=True).stdout


def write(target, name, data):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode())


# --- Messages shared by several targets --------------------------------------------------------------------------
PUSH_JSON = """{"deviceId": "fuzz-manager",
 "observations": [{
   "id": "0192f1a4-5b6c-7d8e-9f00-112233445566", "employeeId": "FR10001",
   "observedAt": "2026-11-28T10:15:00Z", "modelVersion": 1,
   "ratings": [{"dimensionId": "welcome", "level": 4}, {"dimensionId": "closing", "level": 2}],
   "comment": "Warm welcome; missed the add-on at the till.", "coachingAction": "Role-play closing tomorrow",
   "revision": 1, "baseRevision": 0}],
 "activities": [{
   "id": "0192f1a4-5b6c-7d8e-9f00-aabbccddeeff", "kind": "ONE_TO_ONE", "occurredAt": "2026-11-29T09:00:00Z",
   "participantIds": ["FR10001", "FR10002"], "note": "Closing practice", "revision": 1, "baseRevision": 0}]}
"""
PUSH_TEXT = """device_id: "fuzz-manager"
observations {
  id: "0192f1a4-5b6c-7d8e-9f00-112233445577" employee_id: "FR10002"
  observed_at { seconds: 1796200000 nanos: 250000000 } model_version: 1
  ratings { dimension_id: "welcome" level: 3 } ratings { dimension_id: "advice" level: 1 }
  comment: "Good product knowledge" revision: 1 base_revision: 0
}
activities {
  id: "0192f1a4-5b6c-7d8e-9f00-aabbccddee00" kind: TEAM_BRIEFING occurred_at { seconds: 1796203600 }
  participant_ids: "FR10001" participant_ids: "FR10003" note: "Morning briefing" revision: 1 base_revision: 0
}
"""
PUSH_EDIT_TEXT = """observations {
  id: "0192f1a4-5b6c-7d8e-9f00-112233445566" employee_id: "FR10001"
  observed_at { seconds: 1796200000 } model_version: 1 deleted: true revision: 2 base_revision: 1
}
"""
MODEL_JSON = (ROOT / "tests/data/server/model.json").read_text()
MODEL_TEXT = """id: "cx-demo" version: 1 name: "Customer experience model"
scale { levels { level: 1 label: "Discovering" } levels { level: 2 label: "Developing" }
        levels { level: 3 label: "Mastering" } levels { level: 4 label: "Expert" } mastery_threshold: 3 }
dimensions { id: "welcome" name: "Welcome" description: "Every customer feels noticed" behaviours: "Greets within 30 seconds" }
dimensions { id: "closing" name: "Closing" behaviours: "Suggests a complementary product" }
"""
UNITS_JSON = """{"units": [{"id": "demo-retail", "name": "Demo Retail", "kind": "ORGANIZATION"},
 {"id": "ile-de-france", "parentId": "demo-retail", "name": "Île-de-France", "kind": "REGION"},
 {"id": "paris-opera", "parentId": "ile-de-france", "name": "Paris Opéra", "kind": "STORE"}]}
"""
UNITS_TEXT = """units { id: "demo-retail" name: "Demo Retail" kind: ORGANIZATION }
units { id: "provence-alpes-cote-azur" parent_id: "demo-retail" name: "Provence-Alpes-Côte d'Azur" kind: REGION }
units { id: "nice-massena" parent_id: "provence-alpes-cote-azur" name: "Nice Masséna" kind: STORE }
"""
UNITS_CYCLE_JSON = (ROOT / "tests/data/server/units_cycle.json").read_text()
EMPLOYEES_JSON = (ROOT / "tests/data/server/employees.json").read_text()
EMPLOYEES_TEXT = """employees { id: "FR19999" unit_id: "paris-opera" display_name: "Léa Martin" job_title: "Sales advisor" active: true }
employees { id: "FR10002" unit_id: "paris-opera" display_name: "Hugo Petit" active: false }
"""
USERS_JSON = """{"users": [{"username": "manager.new", "displayName": "New Manager", "role": "MANAGER",
 "unitIds": ["paris-opera"], "password": "long-enough-1"},
 {"username": "hq", "displayName": "Claire Dubois", "role": "HQ", "active": true}]}
"""
USERS_TEXT = """users { username: "director.east" display_name: "East" role: DIRECTOR unit_ids: "ile-de-france" password: "long-enough-2" }
users { username: "manager" display_name: "Camille Laurent" role: MANAGER unit_ids: "paris-opera" active: false }
"""
KPIS_JSON = """{"kpis": [{"unitId": "paris-opera", "period": "2026-10", "metric": "salesUplift", "value": 4200},
 {"unitId": "paris-opera", "period": "2026-W44", "metric": "nps", "value": -12.5}]}
"""
KPIS_TEXT = """kpis { unit_id: "paris-opera" period: "2026-11" metric: "trainingCost" value: 1200 }
kpis { unit_id: "lyon-part-dieu" period: "2020-W53" metric: "csat" value: 4.25 }
"""
SETTINGS_JSON = """{"minGroupSize": 5, "dueAfterDays": 14}\n"""
LOGIN_JSON = """{"organization":"demo","username":"manager","password":"demo1234","deviceId":"laptop-1","deviceName":"My laptop"}"""

UNITS_CSV = """id,parentId,name,kind
demo-retail,,Demo Retail,ORGANIZATION
ile-de-france,demo-retail,Île-de-France,REGION
paris-opera,ile-de-france,"Paris Opéra, flagship",STORE
paris-opera-am,paris-opera,Morning team,team
"""
EMPLOYEES_CSV = """id,unitId,displayName,jobTitle,active
FR19999,paris-opera,Léa Martin,Sales advisor,true
FR10002,paris-opera,"Durand, Léa",Cashier,TRUE
FR10003,lyon-part-dieu,Hugo Petit,Seller,false
FR10004,paris-opera,Inès Roux,,
"""
USERS_CSV = """username,displayName,role,unitIds,password,active
manager.new,New Manager,MANAGER,paris-opera; paris-marais,long-enough-1,
director.north,Isabelle Morel,director,ile-de-france,,true
hq,Claire Dubois,HQ,,,
"""
KPIS_CSV = """unitId,period,metric,value
paris-opera,2026-10,salesUplift,4200
paris-opera,2026-11,salesUplift,3900
paris-opera,2026-10,trainingCost,1500
lyon-part-dieu,2026-W05,nps,+41.5
"""


def http_request(method, target, body=b"", headers=()):
    if isinstance(body, str):
        body = body.encode()
    lines = [f"{method} {target} HTTP/1.1", "Host: 127.0.0.1:8080", *headers]
    if body or method in ("POST", "PUT"):
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def auth(account):
    return f"Authorization: Bearer @{account}"


JSON = "Content-Type: application/json"
PB = "Content-Type: application/x-protobuf"
CSV = "Content-Type: text/csv"

# --- http_request --------------------------------------------------------------------------------------------------
write("http_request", "login.http", http_request("POST", "/api/v1/auth/login", LOGIN_JSON, [JSON]))
write("http_request", "login_bad_password.http",
      http_request("POST", "/api/v1/auth/login", LOGIN_JSON.replace("demo1234", "guess"), [JSON]))
write("http_request", "pull.http", http_request("GET", "/api/v1/sync/pull?limit=100", headers=[auth("manager")]))
write("http_request", "pull_protobuf_cursor.http",
      http_request("GET", "/api/v1/sync/pull?limit=2&cursor=" + base64.urlsafe_b64encode(b"x:12").decode().rstrip("="),
                   headers=[auth("director.north"), "Accept: application/x-protobuf"]))
write("http_request", "push_json.http", http_request("POST", "/api/v1/sync/push", PUSH_JSON, [auth("manager"), JSON]))
write("http_request", "push_protobuf.http",
      http_request("POST", "/api/v1/sync/push", protobuf("PushRequest", PUSH_TEXT),
                   [auth("manager"), PB, "Accept: application/x-protobuf"]))
write("http_request", "push_chunked_trailer.http",
      b"POST /api/v1/sync/push HTTP/1.1\r\nHost: x\r\n" + auth("manager").encode() +
      b"\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
      b"10\r\n{\"deviceId\": \"fu\r\nc\r\nzz-manager\"}\r\n0\r\nAuthorization: Bearer @admin\r\n\r\n")
write("http_request", "push_malformed.http",
      http_request("POST", "/api/v1/sync/push", '{"deviceId": 3', [auth("manager"), JSON]))
write("http_request", "indicators.http",
      http_request("GET", "/api/v1/indicators?unitId=ile-de-france&at=2026-10-01&windowDays=90&from=2026-09-01&to=2026-10-01",
                   headers=[auth("hq")]))
write("http_request", "series.http",
      http_request("GET", "/api/v1/indicators/series?unitId=paris-opera&from=2026-06-01&to=2026-12-01&step=week",
                   headers=[auth("director.north")]))
write("http_request", "export_csv.http",
      http_request("GET", "/api/v1/indicators/export.csv?unitId=ile-de-france", headers=[auth("hq")]))
write("http_request", "kpi.http",
      http_request("GET", "/api/v1/indicators/kpi?metric=nps&unitId=ile-de-france&lagPeriods=1&from=2026-06-01",
                   headers=[auth("hq")]))
write("http_request", "roi.http",
      http_request("GET", "/api/v1/indicators/roi?unitId=ile-de-france&benefitMetric=sales&costMetric=nps&from=2026-01-01&to=2027-01-01",
                   headers=[auth("hq")]))
write("http_request", "import_employees_csv.http",
      http_request("PUT", "/api/v1/admin/employees", EMPLOYEES_CSV, [auth("admin"), CSV]))
write("http_request", "import_kpis_csv.http", http_request("PUT", "/api/v1/admin/kpis", KPIS_CSV, [auth("admin"), CSV]))
write("http_request", "import_model_json.http",
      http_request("PUT", "/api/v1/admin/model", MODEL_JSON, [auth("admin"), JSON]))
write("http_request", "import_users_protobuf.http",
      http_request("PUT", "/api/v1/admin/users", protobuf("UsersImport", USERS_TEXT), [auth("admin"), PB]))
write("http_request", "settings_put.http",
      http_request("PUT", "/api/v1/admin/settings", SETTINGS_JSON, [auth("admin"), JSON]))
write("http_request", "devices_revoke.http",
      http_request("POST", "/api/v1/admin/devices/laptop-1/revoke?signOutUser=true", headers=[auth("admin")]))
write("http_request", "admin_pipelined.http",
      http_request("GET", "/api/v1/admin/users", headers=[auth("admin")]) +
      http_request("HEAD", "/api/v1/admin/devices", headers=[auth("admin")]) +
      http_request("GET", "/api/v1/units", headers=[auth("director.north"), "Connection: close"]))
write("http_request", "me_logout.http",
      http_request("GET", "/api/v1/me", headers=[auth("manager")]) +
      http_request("POST", "/api/v1/auth/logout", headers=[auth("manager")]))
write("http_request", "health.http", http_request("GET", "/healthz") + http_request("GET", "/readyz"))
write("http_request", "bad_escape.http", http_request("GET", "/api/v1/indicators?unitId=%zz", headers=[auth("hq")]))
write("http_request", "method_not_allowed.http", http_request("DELETE", "/api/v1/sync/pull", headers=[auth("manager")]))
write("http_request", "gzip_coding.http",
      b"POST /api/v1/sync/push HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n")
write("http_request", "two_lengths.http",
      b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}")

# --- wire_decode: first byte = message << 1 | (1 for JSON) ---------------------------------------------------------
KINDS = ["push", "model", "units", "employees", "users", "kpis", "settings", "login"]


def wire(kind, json_body=None, binary_body=None, suffix=""):
    selector = KINDS.index(kind) << 1
    if json_body is not None:
        write("wire_decode", f"{kind}{suffix}.json", bytes([selector | 1]) + json_body.encode())
    if binary_body is not None:
        write("wire_decode", f"{kind}{suffix}.pb", bytes([selector]) + binary_body)


wire("push", PUSH_JSON, protobuf("PushRequest", PUSH_TEXT))
wire("push", None, protobuf("PushRequest", PUSH_EDIT_TEXT), "_delete")
wire("push", '{"deviceId": "a", "deviceId": "b"}', None, "_duplicate_member")
wire("model", MODEL_JSON, protobuf("ExperienceModel", MODEL_TEXT))
wire("units", UNITS_JSON, protobuf("UnitsImport", UNITS_TEXT))
wire("units", UNITS_CYCLE_JSON, None, "_cycle")
wire("employees", EMPLOYEES_JSON, protobuf("EmployeesImport", EMPLOYEES_TEXT))
wire("users", USERS_JSON, protobuf("UsersImport", USERS_TEXT))
wire("kpis", KPIS_JSON, protobuf("KpisImport", KPIS_TEXT))
wire("settings", SETTINGS_JSON, protobuf("OrganizationSettings", "min_group_size: 3 due_after_days: 30"))
wire("login", LOGIN_JSON, protobuf("LoginRequest", 'organization: "demo" username: "hq" password: "demo1234" device_id: "phone:1"'))

# --- csv_parse ------------------------------------------------------------------------------------------------------
write("csv_parse", "units.csv", UNITS_CSV)
write("csv_parse", "employees_crlf_bom.csv", "\ufeff" + EMPLOYEES_CSV.replace("\n", "\r\n"))
write("csv_parse", "quotes.csv", 'a,b,c\r\n"x ""quoted""",",",\r\n"multi\nline",=1+2,\'@x\n')
write("csv_parse", "no_final_newline.csv", "unitId,period,metric,value\nparis-opera,2026-10,nps,41")
write("csv_parse", "unterminated.csv", 'id,name\n1,"open\n')
write("csv_parse", "text_after_quote.csv", 'id,name\n1,"closed"x\n')

# --- csv_import: first line = the import ----------------------------------------------------------------------------
write("csv_import", "units.csv", "units\n" + UNITS_CSV)
write("csv_import", "units_bad.csv", "units\n" + (ROOT / "tests/data/server/units_bad.csv").read_text())
write("csv_import", "employees.csv", "employees\n" + EMPLOYEES_CSV)
write("csv_import", "users.csv", "users\n" + USERS_CSV)
write("csv_import", "users_bad.csv", "users\n" + (ROOT / "tests/data/server/users_bad.csv").read_text())
write("csv_import", "kpis.csv", "kpis\n" + KPIS_CSV)
write("csv_import", "kpis_bad.csv", "kpis\n" + (ROOT / "tests/data/server/kpis_bad.csv").read_text())
write("csv_import", "kpis_width.csv", "kpis\nunitId,period,metric,value\nparis-opera,2026-10,nps\n\n")
write("csv_import", "model.csv", "model\nid,name\ncx,Model\n")

# --- cursor ---------------------------------------------------------------------------------------------------------
def cursor(text):
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


write("cursor", "valid", cursor("0b1c2d3e-4f50-4617-8899-aabbccddeeff:1234"))
write("cursor", "zero", cursor("db:0"))
write("cursor", "negative", cursor("db:-5"))
write("cursor", "no_separator", cursor("db12"))
write("cursor", "padded", cursor("db:77") + "==")
write("cursor", "huge_number", cursor("db:99999999999999999999"))

# --- query_params ---------------------------------------------------------------------------------------------------
write("query_params", "indicators", "unitId=ile-de-france&at=2026-10-01&windowDays=90&from=2026-09-01&to=2026-10-01")
write("query_params", "series", "unitId=lyon-part-dieu&from=2026-06-01&to=2026-12-01&step=week")
write("query_params", "kpi", "metric=nps&unitId=ile-de-france&lagPeriods=1&from=2026-06-01T00:00:00.5%2B02:00")
write("query_params", "roi", "benefitMetric=salesUplift&costMetric=trainingCost&from=2026-01-01&to=2027-01-01")
write("query_params", "bad_window", "windowDays=0&at=2026-02-30")
write("query_params", "period_labels", "metric=2020-W53&benefitMetric=9999-12&costMetric=0001-W01&step=day")
