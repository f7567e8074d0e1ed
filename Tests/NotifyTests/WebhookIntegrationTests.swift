#if canImport(Glibc)
    import Glibc
#endif
import Curl
import Foundation
import Notify
import Supervisor
import Testing
import TocsinConfig

/// The webhook integration against a real HTTP server on 127.0.0.1: http_config credentials on the wire,
/// and Alertmanager's classification of answers (plus Retry-After).
@Suite(.serialized, .timeLimit(.minutes(2)))
struct WebhookIntegrationTests {
    static let server = #"""
        import http.server, json, sys
        log_path, port_path = sys.argv[1], sys.argv[2]
        class Sink(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                answers = {"/echo": (200, {}), "/busy": (503, {"Retry-After": "3"}), "/throttled": (429, {"Retry-After": "2"}),
                           "/throttled-bare": (429, {}), "/gone": (404, {})}
                status, headers = answers.get(self.path, (200, {}))
                body = b"nope" if status == 404 else b""
                with open(log_path, "a") as f: f.write(json.dumps({"path": self.path, "auth": self.headers.get("Authorization")}) + "\n")
                self.send_response(status)
                for k, v in headers.items(): self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            def log_message(self, *a): pass
        server = http.server.HTTPServer(("127.0.0.1", 0), Sink)
        with open(port_path + ".tmp", "w") as f: f.write(str(server.server_address[1]))
        import os; os.rename(port_path + ".tmp", port_path)
        server.serve_forever()
        """#

    /// Runs `body` with the server's port and a reader of the Authorization headers it saw.
    func withServer(_ body: (Int, () -> [String?]) async throws -> Void) async throws {
        let directory = NSTemporaryDirectory() + "notify-webhook-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Self.server.write(toFile: "\(directory)/sink.py", atomically: false, encoding: .utf8)
        let process = try ChildProcess.spawn(
            executable: "/usr/bin/env", arguments: ["python3", "\(directory)/sink.py", "\(directory)/log", "\(directory)/port"],
            environment: [:])
        defer { process.send(signal: SIGKILL) }
        var port = 0
        for _ in 0..<200 where port == 0 {
            port = Int((try? String(contentsOfFile: "\(directory)/port", encoding: .utf8)) ?? "") ?? 0
            if port == 0 { try await Task.sleep(for: .milliseconds(50)) }
        }
        try #require(port > 0)
        try await body(port) {
            let text = (try? String(contentsOfFile: "\(directory)/log", encoding: .utf8)) ?? ""
            return text.split(separator: "\n").map { line in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["auth"] as? String
            }
        }
    }

    func integration(_ yaml: String, client: CurlClient) throws -> WebhookIntegration {
        let config = try AlertmanagerConfig.load("route:\n  receiver: hook\nreceivers:\n- name: hook\n  webhook_configs:\n" + yaml)
        let webhook = try #require(config.receiver(named: "hook")?.webhookConfigs.first)
        return WebhookIntegration(config: webhook, index: 0, client: client, externalURL: "http://am:9093")
    }

    func send(_ integration: WebhookIntegration) async -> IntegrationError? {
        let work = job([firing("A")], now: Date())
        do {
            try await integration.notify(work.alerts, of: work, deadline: Date().addingTimeInterval(20))
            return nil
        } catch {
            return error
        }
    }

    @Test func httpConfigCredentialsAreSent() async throws {
        let client = CurlClient()
        defer { client.shutdown() }
        try await self.withServer { port, authorizations in
            let basic = try self.integration(
                "  - url: http://127.0.0.1:\(port)/echo\n    http_config:\n      basic_auth: {username: alice, password: s3cret}\n",
                client: client)
            #expect(await self.send(basic) == nil)
            let bearer = try self.integration(
                "  - url: http://127.0.0.1:\(port)/echo\n    http_config:\n      authorization: {credentials: t0ken}\n", client: client)
            #expect(await self.send(bearer) == nil)
            #expect(authorizations() == ["Basic " + Data("alice:s3cret".utf8).base64EncodedString(), "Bearer t0ken"])
        }
    }

    @Test func answersAreClassifiedAsAlertmanagerDoesWithRetryAfter() async throws {
        let client = CurlClient()
        defer { client.shutdown() }
        try await self.withServer { port, _ in
            func attempt(_ path: String) async throws -> IntegrationError? {
                await self.send(try self.integration("  - url: http://127.0.0.1:\(port)\(path)\n", client: client))
            }
            let gone = try await attempt("/gone")
            let busy = try await attempt("/busy")
            let throttled = try await attempt("/throttled")
            let bare = try await attempt("/throttled-bare")
            #expect(gone == IntegrationError("unexpected status code 404: http://127.0.0.1:\(port)/gone: nope", isRetryable: false))
            #expect(
                busy
                    == IntegrationError(
                        "unexpected status code 503: http://127.0.0.1:\(port)/busy", isRetryable: true, retryAfter: .seconds(3)))
            #expect(throttled?.retryAfter == .seconds(2))
            #expect(throttled?.isRetryable == true)
            #expect(bare?.isRetryable == false)
        }
        let refused = try self.integration("  - url: http://127.0.0.1:\(try Self.closedPort())/x\n", client: client)
        #expect(await self.send(refused)?.isRetryable == true)
    }

    /// A loopback port nothing listens on.
    static func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
