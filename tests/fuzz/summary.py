"""Groups the failures of a schemathesis NDJSON report by check, operation and answer."""
import base64, collections, json, sys

def main(path):
    groups = collections.defaultdict(list)
    for line in open(path):
        event = json.loads(line)
        scenario = event.get("ScenarioFinished")
        if not scenario or scenario.get("status") != "failure":
            continue
        recorder = scenario["recorder"]
        for case_id, checks in recorder["checks"].items():
            for check in checks:
                if check["status"] != "failure":
                    continue
                failure = check["failure_info"]["failure"]
                interaction = recorder["interactions"].get(case_id) or {}
                response = interaction.get("response") or {}
                body = response.get("content") or {}
                text = base64.b64decode(body["$base64"]).decode("utf-8", "replace") if "$base64" in body else ""
                try:
                    code = json.loads(text).get("error", "")
                except Exception:
                    code = text[:40]
                case = recorder["cases"][case_id]["value"]
                key = (failure["code"], failure["title"], failure["operation"], response.get("status_code"), code)
                groups[key].append((case, failure["message"], text))
    for key, items in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][2])):
        code, title, operation, status, error = key
        case, message, text = items[0]
        first = (message.splitlines() or [title])[0]
        print(f"{code} {operation} -> {status} {error} ×{len(items)}: {first[:150]}")
        if "-v" in sys.argv:
            print("    request:", json.dumps({k: case.get(k) for k in ("path_parameters", "query", "body", "headers") if case.get(k)})[:400])
            print("    answer:", text[:300])
    print(f"{sum(len(v) for v in groups.values())} failing checks in {len(groups)} groups")

if __name__ == "__main__":
    main(sys.argv[1])
