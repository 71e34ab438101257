"""The tests are offline in every process they start, not only in pytest's own."""

import json
import subprocess
import sys

PROBE = """
import json, socket
out = {}
try:
    socket.create_connection(("93.184.216.34", 80), timeout=2)
    out["public"] = "connected"
except OSError as exc:
    out["public"] = str(exc)
with socket.socket() as server:
    server.bind(("127.0.0.1", 0)); server.listen()
    socket.create_connection(server.getsockname(), timeout=2).close()
    out["loopback"] = "connected"
print(json.dumps(out))
"""


def test_a_child_python_process_refuses_connections_beyond_loopback():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60)
    out = json.loads(result.stdout)
    assert "tests are offline" in out["public"], out
    assert out["loopback"] == "connected"


def test_scripted_dns_answers_in_order_in_a_child(monkeypatch):
    monkeypatch.setenv("VICORPUS_TEST_DNS", json.dumps({"doi-ip.test": [["93.184.216.34"], ["127.0.0.1"]]}))
    code = "import socket; print([socket.gethostbyname('doi-ip.test') for _ in range(3)])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "['93.184.216.34', '127.0.0.1', '127.0.0.1']", result.stderr
