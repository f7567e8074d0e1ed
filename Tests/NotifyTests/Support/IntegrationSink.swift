#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Supervisor
import Testing

/// One request the sink received.
struct CapturedRequest: Equatable, CustomStringConvertible {
    var method: String
    var path: String
    /// `host:port` of the CONNECT tunnel it came through, nil for a plain request.
    var tunnel: String?
    /// Header names lower-cased.
    var headers: [String: String]
    var body: [UInt8]

    var bodyText: String { String(decoding: self.body, as: UTF8.self) }

    var description: String {
        "\(self.method) \(self.path) \(self.tunnel ?? "") \(self.headers.sorted { $0.key < $1.key }) \(self.bodyText)"
    }

    /// Which integration endpoint it went to: the first path segment, or for a tunnel its host and the
    /// `token` query parameter (two Pushover configs share the host).
    var endpoint: String {
        guard let tunnel = self.tunnel else { return String(self.path.split(separator: "/").first ?? "") }
        let token = self.path.split(separator: "?").last?.split(separator: "&").first { $0.hasPrefix("token=") }
        return tunnel + (token.map { " " + $0 } ?? "")
    }
}

/// `integration_sink.py` (Fixtures) as a child process: an HTTP sink and CONNECT-tunnel proxy on 127.0.0.1
/// with a test CA, and optionally the driver of a real Alertmanager run. SIGKILLed when the body returns
/// or throws; Alertmanager dies with it.
struct IntegrationSink {
    let directory: String
    let port: Int

    var caFile: String { self.directory + "/ca.pem" }

    static var script: String {
        get throws {
            try #require(Bundle.module.url(forResource: "Fixtures/integration_sink.py", withExtension: nil)).path
        }
    }

    /// Whether the tools the sink needs are installed.
    static var toolsAvailable: Bool {
        ["/usr/bin/openssl", "/usr/bin/prometheus-alertmanager"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `body` with a sink; `prepare` writes the sink's inputs into its directory first, and
    /// `arguments` are the sink's arguments after the directory.
    static func with<T>(
        arguments: [String] = [], prepare: (String) throws -> Void = { _ in }, _ body: (IntegrationSink) async throws -> T
    ) async throws -> T {
        let directory = NSTemporaryDirectory() + "notify-sink-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try prepare(directory)
        let process = try ChildProcess.spawn(
            executable: "/usr/bin/env", arguments: ["python3", try Self.script, directory] + arguments, environment: [:])
        defer { process.send(signal: SIGKILL) }
        var port = 0
        for _ in 0..<300 where port == 0 {
            port = Int((try? String(contentsOfFile: "\(directory)/port", encoding: .utf8)) ?? "") ?? 0
            if port == 0 { try await Task.sleep(for: .milliseconds(50)) }
        }
        try #require(port > 0, "the sink did not start: \(process.lastErrorLine ?? "")")
        return try await body(IntegrationSink(directory: directory, port: port))
    }

    /// The requests of `phase` (`am` or `tocsin`) in arrival order.
    func captures(_ phase: String = "tocsin") -> [CapturedRequest] {
        let text = (try? String(contentsOfFile: "\(self.directory)/captures-\(phase).jsonl", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            var headers: [String: String] = [:]
            for pair in object["headers"] as? [[String]] ?? [] where pair.count == 2 {
                headers[pair[0].lowercased()] = pair[1]
            }
            return CapturedRequest(
                method: object["method"] as? String ?? "", path: object["path"] as? String ?? "", tunnel: object["tunnel"] as? String,
                headers: headers, body: Array(Data(base64Encoded: object["body"] as? String ?? "") ?? Data()))
        }
    }

    /// Waits (bounded) for the file `name` in the sink's directory and returns its text.
    func waitForFile(_ name: String, seconds: Double) async throws -> String? {
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        while ContinuousClock.now < deadline {
            if let text = try? String(contentsOfFile: "\(self.directory)/\(name)", encoding: .utf8) { return text }
            try await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }
}
