"""HTTP(S) test server for CurlTests: prints "PORT <n>" once listening on 127.0.0.1.

Routes: /echo (request as JSON), /status/<code>, /redirect/<n>, /redirect-loop, /slow/<ms>,
/big/<bytes>, /hangup (closes without reading), /stats (accepted TCP connections), /tls (SNI and protocol of this connection).
"""
import argparse
import base64
import json
import socket
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--cert")
parser.add_argument("--key")
parser.add_argument("--client-ca", help="require a client certificate signed by this CA")
parser.add_argument("--max-tls12", action="store_true")
args = parser.parse_args()

context = None
if args.cert:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    context.set_alpn_protocols(["http/1.1"])
    if args.client_ca:
        context.load_verify_locations(args.client_ca)
        context.verify_mode = ssl.CERT_REQUIRED
    if args.max_tls12:
        context.maximum_version = ssl.TLSVersion.TLSv1_2

    def remember_sni(sock, name, _ctx):
        sock.sni = name

    context.sni_callback = remember_sni

lock = threading.Lock()
connections = 0


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024

    def get_request(self):
        global connections
        sock, address = self.socket.accept()
        with lock:
            connections += 1
        if context is not None:
            sock = context.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        return sock, address

    def finish_request(self, request, client_address):
        if context is not None:
            try:
                request.settimeout(10)
                request.do_handshake()
                request.settimeout(None)
            except (OSError, ssl.SSLError):
                return
        super().finish_request(request, client_address)

    def handle_error(self, request, client_address):
        pass


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *_):
        pass

    def reply(self, status, body, headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def handle_any(self):
        if self.path.startswith("/hangup"):
            self.request.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        parts = self.path.split("?")[0].strip("/").split("/")
        route = parts[0]
        if route == "echo":
            payload = {
                "method": self.command,
                "path": self.path,
                "headers": [[k, v] for k, v in self.headers.items()],
                "body": base64.b64encode(body).decode(),
            }
            self.reply(200, json.dumps(payload).encode(), [("Content-Type", "application/json")])
        elif route == "status":
            self.reply(int(parts[1]), b"status body", [("X-Test", "yes"), ("X-Test", "twice")])
        elif route == "redirect":
            remaining = int(parts[1])
            target = "/echo" if remaining <= 1 else "/redirect/%d" % (remaining - 1)
            self.reply(302, b"", [("Location", target)])
        elif route == "redirect-loop":
            self.reply(302, b"", [("Location", "/redirect-loop")])
        elif route == "slow":
            time.sleep(int(parts[1]) / 1000.0)
            self.reply(200, self.path.encode())
        elif route == "big":
            self.reply(200, b"x" * int(parts[1]))
        elif route == "stats":
            with lock:
                count = connections
            self.reply(200, json.dumps({"connections": count}).encode())
        elif route == "tls":
            sni = getattr(self.connection, "sni", None)
            version = self.connection.version() if hasattr(self.connection, "version") else None
            self.reply(200, json.dumps({"sni": sni, "version": version}).encode())
        else:
            self.reply(404, b"not found")

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = handle_any


server = Server(("127.0.0.1", 0), Handler)
print("PORT %d" % server.server_address[1], flush=True)
try:
    server.serve_forever()
except KeyboardInterrupt:
    pass
