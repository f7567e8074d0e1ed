# Runs real Alertmanager 0.25 once on 127.0.0.1 with the given config, posts the alerts of each phase in
# turn (the next once everything the previous one should cause has arrived), and captures what it sends,
# tagged with the phase: Slack webhook bodies (an HTTP sink), mails (an aiosmtpd SMTP sink) and the errors
# it logs for notifications that fail. Started by NotifyTests' TemplateOracleTests; everything it starts is stopped
# before it exits, and it gives up after the deadline in its input.
#   usage: template-oracle.py INPUT.json OUTPUT.json
import json, os, re, shutil, socket, subprocess, sys, tempfile, threading, time, urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer
from socketserver import ThreadingMixIn

spec = json.load(open(sys.argv[1]))
deadline = time.time() + spec["deadline"]
lock = threading.Lock()
slack, mails = [], []
phase = [0]


class Sink(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with lock:
            slack.append({"phase": phase[0], "body": json.loads(body)})
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


class ThreadingServer(ThreadingMixIn, HTTPServer):
    daemon_threads = True


def free_port():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return port


def part_bytes(message, content_type):
    for part in message.walk():
        if part.get_content_type() == content_type:
            # Go's quoted-printable writer sends CRLF line ends; the templates produce LF.
            return part.get_payload(decode=True).replace(b"\r\n", b"\n").decode("utf-8")
    return None


class MailHandler:
    async def handle_DATA(self, server, session, envelope):
        import email
        from email import policy
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        record = {"phase": phase[0], "subject": str(message["Subject"]), "case": str(message["X-Case"]),
                  "html": part_bytes(message, "text/html"), "text": part_bytes(message, "text/plain")}
        with lock:
            mails.append(record)
        return "250 OK"


def log_errors(path):
    """The num_alerts and err values of Alertmanager's "Notify for alerts failed" lines, logfmt-unquoted."""
    errors = []
    try:
        lines = open(path, encoding="utf-8", errors="replace").read().splitlines()
    except OSError:
        return errors
    for line in lines:
        if "Notify for alerts failed" not in line:
            continue
        m = re.search(r' err="((?:[^"\\]|\\.)*)"', line)
        n = re.search(r' num_alerts=(\d+)', line)
        if m and n:
            errors.append({"num_alerts": int(n.group(1)), "err": json.loads('"' + m.group(1) + '"')})
    return errors


work = tempfile.mkdtemp(prefix="template-oracle-")
am = None
sink = ThreadingServer(("127.0.0.1", 0), Sink)
threading.Thread(target=sink.serve_forever, daemon=True).start()
controller = None
result = {"slack": [], "mails": [], "errors": [], "phase_errors": [], "log": ""}
try:
    smtp_port = 0
    if spec.get("smtp"):
        from aiosmtpd.controller import Controller
        smtp_port = free_port()
        controller = Controller(MailHandler(), hostname="127.0.0.1", port=smtp_port)
        controller.start()
    for name, text in spec.get("templates", {}).items():
        with open(os.path.join(work, name), "w") as f:
            f.write(text)
    am_port = free_port()
    config = (spec["config"].replace("SLACK_URL", "http://127.0.0.1:%d/slack" % sink.server_address[1])
              .replace("SMARTHOST", "127.0.0.1:%d" % smtp_port).replace("TEMPLATE_DIR", work))
    with open(os.path.join(work, "am.yml"), "w") as f:
        f.write(config)
    log_path = os.path.join(work, "am.log")
    with open(log_path, "w") as log:
        am = subprocess.Popen(
            ["prometheus-alertmanager", "--config.file=" + os.path.join(work, "am.yml"),
             "--storage.path=" + os.path.join(work, "data"), "--web.listen-address=127.0.0.1:%d" % am_port,
             "--cluster.listen-address=", "--web.external-url=" + spec["external_url"]],
            stdout=log, stderr=log)
    base = "http://127.0.0.1:%d" % am_port
    while time.time() < deadline:
        try:
            urllib.request.urlopen(base + "/-/ready", timeout=1)
            break
        except Exception:
            if am.poll() is not None:
                break
            time.sleep(0.05)
    for index, step in enumerate(spec["phases"]):
        with lock:
            phase[0] = index
        result["phase_errors"].append(len(log_errors(log_path)))
        request = urllib.request.Request(base + "/api/v2/alerts", data=json.dumps(step["alerts"]).encode(),
                                         headers={"Content-Type": "application/json"})
        urllib.request.urlopen(request, timeout=5)
        # Done when this phase brought the expected requests, mails and error lines (by their num_alerts).
        while time.time() < deadline and am.poll() is None:
            with lock:
                done = (sum(1 for r in slack if r["phase"] == index) >= step["expect_slack"]
                        and sum(1 for r in mails if r["phase"] == index) >= step["expect_mails"])
            if done:
                counts = [e["num_alerts"] for e in log_errors(log_path)[result["phase_errors"][index]:]]
                if all(n in counts for n in step["expect_errors"]):
                    break
            time.sleep(0.05)
finally:
    if am is not None and am.poll() is None:
        am.kill()
        am.wait()
    if controller is not None:
        controller.stop()
    sink.shutdown()
    with lock:
        result["slack"], result["mails"] = list(slack), list(mails)
    log_path = os.path.join(work, "am.log")
    # An error line belongs to the last phase that had begun before it was logged.
    result["errors"] = log_errors(log_path)
    for i, entry in enumerate(result["errors"]):
        entry["phase"] = max([p for p, start in enumerate(result["phase_errors"]) if start <= i] or [0])
    try:
        result["log"] = "\n".join(open(log_path, encoding="utf-8", errors="replace").read().splitlines()[-20:])
    except OSError:
        pass
    with open(sys.argv[2] + ".tmp", "w") as f:
        json.dump(result, f)
    os.rename(sys.argv[2] + ".tmp", sys.argv[2])
    shutil.rmtree(work, ignore_errors=True)
