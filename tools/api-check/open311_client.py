"""Liaison's Open311 endpoint through an unmodified third-party client library.

georeport (PyPI, Apache-2.0) is the maintained Python client of GeoReport v2. Its 0.3.1
release reads: services, a service definition, request lists and one request, in XML and
in JSON. It has no call for submitting a request or resolving a token, so those two steps
go through `requests` (the HTTP library georeport itself uses) exactly as a 311 app would.

    python open311_client.py BASE_URL API_KEY
"""

import sys

import requests
from georeport import GeoReport

base, api_key = sys.argv[1].rstrip("/"), sys.argv[2]
root = f"{base}/open311/v2"


def check(condition, message):
    if not condition:
        raise SystemExit(f"FAILED: {message}")
    print(f"ok: {message}")


for fmt in ("json", "xml"):
    client = GeoReport(root, api_key=api_key, output_format=fmt)
    services = client.get_service_list()
    services = services if isinstance(services, list) else [services]
    check(len(services) > 0, f"{fmt}: {len(services)} services listed")
    with_questions = [s for s in services if str(s["metadata"]).lower() == "true"]
    check(with_questions, f"{fmt}: a service has attributes")
    service = with_questions[0]
    definition = client.get_service_definition(service["service_code"])
    if fmt == "xml":
        attributes = definition["attributes"]["attribute"]
        attributes = attributes if isinstance(attributes, list) else [attributes]
    else:
        attributes = definition["attributes"]
    check(
        len(attributes) > 0 and all("code" in a and "datatype" in a for a in attributes),
        f"{fmt}: definition of {service['service_code']} has {len(attributes)} attributes",
    )

    # Submit with an answer to every required attribute, as a 311 app would.
    form = {
        "api_key": api_key,
        "service_code": service["service_code"],
        "lat": "51.5072",
        "long": "-0.1276",
        "description": f"Checked with georeport ({fmt})",
    }
    for a in attributes:
        if str(a["required"]).lower() != "true":
            continue
        values = a.get("values") or []
        if fmt == "xml" and values:
            values = values["value"]
            values = values if isinstance(values, list) else [values]
        code, kind = a["code"], a["datatype"]
        if kind == "multivaluelist":
            form[f"attribute[{code}][]"] = values[0]["key"]
        elif kind == "singlevaluelist":
            form[f"attribute[{code}]"] = values[0]["key"]
        elif kind == "number":
            form[f"attribute[{code}]"] = "3"
        elif kind == "datetime":
            form[f"attribute[{code}]"] = "2026-11-01T09:00:00Z"
        else:
            form[f"attribute[{code}]"] = "By the school gate"
    posted = requests.post(f"{root}/requests.json", data=form, timeout=10)
    check(posted.status_code == 201, f"{fmt}: request submitted ({posted.status_code})")
    receipt = posted.json()[0]
    token = requests.get(f"{root}/tokens/{receipt['token']}.{fmt}", timeout=10)
    check(
        token.status_code == 200 and receipt["service_request_id"] in token.text,
        f"{fmt}: token resolves to {receipt['service_request_id']}",
    )

    one = client.get_service_request(receipt["service_request_id"])
    check(
        one["service_request_id"] == receipt["service_request_id"]
        and one["description"] == form["description"]
        and one["status"] == "open",
        f"{fmt}: request read back",
    )
    listed = client.get_service_requests(service_code=service["service_code"], status="open")
    listed = listed if isinstance(listed, list) else [listed]
    check(
        any(r["service_request_id"] == receipt["service_request_id"] for r in listed),
        f"{fmt}: request listed among {len(listed)}",
    )
print("georeport: all checks passed")
