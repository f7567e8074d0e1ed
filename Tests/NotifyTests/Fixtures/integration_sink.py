"""HTTP sink for the integration tests, and the driver of the real Alertmanager they compare against.

Usage: integration_sink.py WORK_DIR [AM_FIRING_COUNT AM_RESOLVED_COUNT]

Makes a test CA and a certificate for Alertmanager's fixed HTTPS endpoints (api.pushover.net,
events.pagerduty.com, sts.amazonaws.com), serves HTTP on 127.0.0.1 and, as a forward proxy, opens CONNECT
tunnels itself (TLS with that certificate) so requests to those endpoints are captured too; Alertmanager runs
with HTTPS_PROXY set to it and AWS_CA_BUNDLE to the CA, for the STS calls of SNS role_arn. Every request is appended to
WORK_DIR/captures-PHASE.jsonl (method, path, tunnel host, headers, base64 body). Answers depend on the path:
/fail/CODE/KIND answers CODE with a body of KIND (pd, tg, aws, sts, wx, text); WeChat, Telegram, SNS and STS
(AssumeRole, fresh temporary credentials each time) requests get their APIs' success answers.

With counts, it fills WORK_DIR/am.yml.in's @PORT@ and @CA@ into am.yml, starts prometheus-alertmanager on
it, posts WORK_DIR/alerts-firing.json, waits for AM_FIRING_COUNT captures, posts alerts-resolved.json, waits
for AM_RESOLVED_COUNT more, stops Alertmanager (it also dies with this process) and writes am-done. Then
captures go to captures-tocsin.jsonl. Without counts it only serves (phase "tocsin"). Either way it writes
WORK_DIR/port last and exits by itself after 240 s.
"""
import base64, ctypes, http.server, json, os, signal, socket, ssl, subprocess, sys, threading, time, urllib.request

work = sys.argv[1]
counts = [int(x) for x in sys.argv[2:4]]
phase = {"name": "am" if counts else "tocsin"}
lock = threading.Lock()
threading.Timer(240, lambda: os._exit(3)).start()


def openssl(*args):
    subprocess.run(["openssl", *args], cwd=work, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
        "-subj", "/CN=Tocsin integration test CA")
with open(os.path.join(work, "leaf.ext"), "w") as f:
    f.write("subjectAltName=DNS:api.pushover.net,DNS:events.pagerduty.com,DNS:sts.amazonaws.com\n")
openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=api.pushover.net")
openssl("x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "leaf.pem",
        "-days", "2", "-extfile", "leaf.ext")
tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
tls.load_cert_chain(os.path.join(work, "leaf.pem"), os.path.join(work, "leaf.key"))

FAILURES = {
    "pd": (b'{"status":"invalid event","message":"Event object is invalid","errors":["Length of \'routing_key\' is incorrect","x"]}', "application/json"),
    "tg": (b'{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}', "application/json"),
    "tgflood": (b'{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 7","parameters":{"retry_after":7}}', "application/json"),
    "aws": (b'<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>InvalidParameter</Code><Message>Invalid parameter: TopicArn &amp; more</Message></Error><RequestId>r</RequestId></ErrorResponse>', "text/xml"),
    "wx42001": (b'{"errcode":42001,"errmsg":"access_token expired"}', "application/json"),
    "wx40014": (b'{"errcode":40014,"errmsg":"invalid access_token"}', "application/json"),
    "sts": (b'<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::123456789012:user/am is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/sns</Message></Error><RequestId>e-1</RequestId></ErrorResponse>', "text/xml"),
    "text": (b"nope", "text/plain"),
}


def assume_role_response():
    """STS' AssumeRoleResponse: credentials valid for 15 minutes from now, a fresh key id per call."""
    now = time.time()
    expiration = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now + 900))
    return ('<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n  <AssumeRoleResult>\n'
            '    <SourceIdentity>am</SourceIdentity>\n    <AssumedRoleUser>\n'
            '      <Arn>arn:aws:sts::123456789012:assumed-role/sns/%d</Arn>\n'
            '      <AssumedRoleId>AROA3XFRBF535PLBIFPI4:%d</AssumedRoleId>\n    </AssumedRoleUser>\n'
            '    <Credentials>\n      <AccessKeyId>ASIATEMP%d</AccessKeyId>\n'
            '      <SecretAccessKey>temp/secret+%d</SecretAccessKey>\n'
            '      <SessionToken>IQoJb3JpZ2luX2VjEPT//////////wEaCXVzLWVhc3QtMSJH&amp;%d</SessionToken>\n'
            '      <Expiration>%s</Expiration>\n    </Credentials>\n    <PackedPolicySize>6</PackedPolicySize>\n'
            '  </AssumeRoleResult>\n  <ResponseMetadata>\n    <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>\n'
            '  </ResponseMetadata>\n</AssumeRoleResponse>\n') % (now, now, int(now * 1000) % 100000, now, now, expiration)


class Sink(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    tunnel = None

    def do_CONNECT(self):
        self.send_response(200, "Connection established")
        self.end_headers()
        conn = tls.wrap_socket(self.connection, server_side=True)
        self.connection = conn
        self.rfile = conn.makefile("rb")
        self.wfile = conn.makefile("wb", buffering=0)
        self.tunnel = self.path
        self.close_connection = False
        while not self.close_connection:
            self.handle_one_request()
        self.close_connection = True

    def answer(self):
        n = int(self.headers.get("Content-Length", 0) or 0)
        body = self.rfile.read(n) if n else b""
        record = {"method": self.command, "path": self.path, "tunnel": self.tunnel,
                  "headers": [[k, v] for k, v in self.headers.items()], "body": base64.b64encode(body).decode()}
        with lock:
            with open(os.path.join(work, "captures-%s.jsonl" % phase["name"]), "a") as f:
                f.write(json.dumps(record) + "\n")
        status, out, ctype = 200, b"ok", "text/plain"
        parts = self.path.split("?")[0].split("/")
        if "fail" in parts:
            i = parts.index("fail")
            status = int(parts[i + 1])
            out, ctype = FAILURES.get(parts[i + 2] if len(parts) > i + 2 else "text", FAILURES["text"])
        elif self.path.split("?")[0].endswith("/gettoken"):
            out, ctype = b'{"errcode":0,"errmsg":"ok","access_token":"tok-1","expires_in":7200}', "application/json"
        elif self.path.split("?")[0].endswith("/message/send"):
            out, ctype = b'{"errcode":0,"errmsg":"ok"}', "application/json"
        elif self.path.split("?")[0].endswith("/sendMessage"):
            out, ctype = b'{"ok":true,"result":{"message_id":7,"chat":{"id":-100},"date":0,"text":"x"}}', "application/json"
        elif b"Action=AssumeRole" in body:
            out, ctype = assume_role_response().encode(), "text/xml"
        elif b"Action=Publish" in body:
            out, ctype = (b'<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>m-1'
                          b'</MessageId></PublishResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>'), "text/xml"
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    do_GET = do_POST = do_PUT = answer

    def log_message(self, *args):
        pass


class Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # clients closing kept-alive connections are no news


server = Server(("127.0.0.1", 0), Sink)
server.daemon_threads = True
port = server.server_address[1]
threading.Thread(target=server.serve_forever, daemon=True).start()


def captured(name):
    try:
        with open(os.path.join(work, "captures-%s.jsonl" % name)) as f:
            return sum(1 for _ in f)
    except FileNotFoundError:
        return 0


def wait_for(predicate, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def die_with_parent():
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def run_alertmanager():
    with open(os.path.join(work, "am.yml.in")) as f:
        config = f.read().replace("@PORT@", str(port)).replace("@CA@", os.path.join(work, "ca.pem"))
    with open(os.path.join(work, "am.yml"), "w") as f:
        f.write(config)
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    web = probe.getsockname()[1]
    probe.close()
    log = open(os.path.join(work, "alertmanager.log"), "w")
    am = subprocess.Popen(["prometheus-alertmanager", "--config.file=" + os.path.join(work, "am.yml"),
                           "--storage.path=" + os.path.join(work, "data"), "--web.listen-address=127.0.0.1:%d" % web,
                           "--cluster.listen-address=", "--web.external-url=http://am.example:9093", "--log.level=debug"],
                          stdout=log, stderr=log, preexec_fn=die_with_parent,
                          # aws-sdk-go's STS client (sigv4.role_arn) has no config for its endpoint: it reaches
                          # sts.amazonaws.com through this proxy, trusting the test CA.
                          env=dict(os.environ, HTTPS_PROXY="http://127.0.0.1:%d" % port,
                                   AWS_CA_BUNDLE=os.path.join(work, "ca.pem")))
    status = "ok"
    try:
        def ready():
            try:
                return urllib.request.urlopen("http://127.0.0.1:%d/-/ready" % web, timeout=1).status == 200
            except OSError:
                return False

        def post(name):
            with open(os.path.join(work, name), "rb") as f:
                request = urllib.request.Request("http://127.0.0.1:%d/api/v2/alerts" % web, data=f.read(),
                                                 headers={"Content-Type": "application/json"})
            urllib.request.urlopen(request, timeout=5).read()

        if not wait_for(ready, 20):
            status = "alertmanager not ready"
        else:
            post("alerts-firing.json")
            if not wait_for(lambda: captured("am") >= counts[0], 30):
                status = "firing: %d of %d captures" % (captured("am"), counts[0])
            post("alerts-resolved.json")
            if not wait_for(lambda: captured("am") >= counts[0] + counts[1], 30):
                status = "resolved: %d of %d captures" % (captured("am"), counts[0] + counts[1])
            time.sleep(1)  # anything unexpected (retries, extra requests) shows as a count mismatch
    finally:
        am.kill()
        am.wait()
    with lock:
        phase["name"] = "tocsin"
    with open(os.path.join(work, "am-done.tmp"), "w") as f:
        f.write(status)
    os.rename(os.path.join(work, "am-done.tmp"), os.path.join(work, "am-done"))


with open(os.path.join(work, "port.tmp"), "w") as f:
    f.write(str(port))
os.rename(os.path.join(work, "port.tmp"), os.path.join(work, "port"))
if counts:
    run_alertmanager()
while True:
    time.sleep(60)
