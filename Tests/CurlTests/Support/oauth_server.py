"""OAuth 2.0 token endpoint and protected resource for CurlTests: prints "PORT <n>" once listening on 127.0.0.1.

POST /token: the client-credentials grant for client "tocsin" / secret "s3cr&t" (HTTP Basic, or form parameters
with --params-only), answering {"access_token": "token-<n>", "token_type": "bearer", "expires_in": <--lifetime>}.
/hook: 200 with the request's Authorization header and body as JSON. /stats: token requests so far, and the
form of each.
"""
import argparse
import base64
import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--params-only", action="store_true", help="refuse HTTP Basic client authentication")
parser.add_argument("--lifetime", type=int, default=3600)
args = parser.parse_args()

lock = threading.Lock()
token_requests = []


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *_):
        pass

    def reply(self, status, payload):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/stats":
            with lock:
                self.reply(200, {"token_requests": token_requests})
        else:
            self.reply(200, {"authorization": self.headers.get("Authorization")})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode()
        if self.path != "/token":
            self.reply(200, {"authorization": self.headers.get("Authorization"), "body": body})
            return
        form = dict(urllib.parse.parse_qsl(body))
        client, secret = None, None
        header = self.headers.get("Authorization") or ""
        if header.startswith("Basic ") and not args.params_only:
            decoded = base64.b64decode(header[6:]).decode()
            client, secret = [urllib.parse.unquote_plus(part) for part in decoded.split(":", 1)]
        elif "client_id" in form:
            client, secret = form.get("client_id"), form.get("client_secret")
        with lock:
            token_requests.append({"form": form, "basic": header.startswith("Basic ")})
            count = len(token_requests)
        if (client, secret) != ("tocsin", "s3cr&t") or form.get("grant_type") != "client_credentials":
            self.reply(401, {"error": "invalid_client"})
            return
        self.reply(200, {"access_token": "token-%d" % count, "token_type": "bearer", "expires_in": args.lifetime})


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print("PORT %d" % server.server_address[1], flush=True)
server.serve_forever()
