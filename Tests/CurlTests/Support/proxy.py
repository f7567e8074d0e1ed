"""Forward proxy for CurlTests: absolute-form HTTP requests and CONNECT tunnels.

Prints "PORT <n>"; appends each request line it handles to the log file given as argument, and
adds "Via: tocsin-test-proxy" to the plain HTTP requests it forwards.
"""
import socket
import sys
import threading
from urllib.parse import urlsplit

log_path = sys.argv[1]
log_lock = threading.Lock()


def log(line):
    with log_lock:
        with open(log_path, "a") as f:
            f.write(line + "\n")


def pipe(source, sink):
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            sink.sendall(data)
    except OSError:
        pass
    finally:
        try:
            sink.shutdown(socket.SHUT_WR)
        except OSError:
            pass


def read_head(conn):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None, b""
        data += chunk
    head, rest = data.split(b"\r\n\r\n", 1)
    return head.decode("latin-1").split("\r\n"), rest


def serve(client):
    try:
        lines, rest = read_head(client)
        if not lines:
            return
        method, target, version = lines[0].split(" ")
        log(lines[0])
        if method == "CONNECT":
            host, port = target.rsplit(":", 1)
            upstream = socket.create_connection((host, int(port)))
            client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        else:
            url = urlsplit(target)
            upstream = socket.create_connection((url.hostname, url.port or 80))
            path = url.path + ("?" + url.query if url.query else "")
            headers = [h for h in lines[1:] if not h.lower().startswith(("proxy-connection", "connection"))]
            head = "%s %s %s\r\n" % (method, path, version)
            head += "\r\n".join(headers + ["Via: tocsin-test-proxy", "Connection: close"]) + "\r\n\r\n"
            upstream.sendall(head.encode("latin-1") + rest)
            rest = b""
        if rest:
            upstream.sendall(rest)
        back = threading.Thread(target=pipe, args=(upstream, client), daemon=True)
        back.start()
        pipe(client, upstream)
        back.join(30)
    except OSError:
        pass
    finally:
        client.close()


listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 0))
listener.listen(128)
print("PORT %d" % listener.getsockname()[1], flush=True)
while True:
    conn, _ = listener.accept()
    threading.Thread(target=serve, args=(conn,), daemon=True).start()
