import Foundation
import TestSupport

/// A Python test server from `Support/`, started on 127.0.0.1 with an ephemeral port it prints as
/// `PORT <n>`. Waiting for the port is bounded and never blocks the cooperative pool; ``stop()`` (or
/// releasing the value) kills it.
final class ServerProcess: Sendable {
    let port: Int
    private let process: TestProcess

    /// The directory of the Python scripts.
    static let supportDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    private init(port: Int, process: TestProcess) {
        self.port = port
        self.process = process
    }

    /// Starts `script` and waits (at most 15 seconds) for the port it listens on.
    static func start(script: String, arguments: [String] = []) async throws -> ServerProcess {
        let process = try TestProcess.start(
            "python3", ["-u", supportDirectory.appendingPathComponent(script).path] + arguments)
        // Generous: on a loaded machine a Python start with its imports can take seconds.
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            let text = process.standardOutput
            if let line = text.split(separator: "\n").first, line.hasPrefix("PORT "), text.contains("\n"),
                let port = Int(line.dropFirst(5))
            {
                return ServerProcess(port: port, process: process)
            }
            guard ContinuousClock.now < deadline, process.exit == nil else { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        process.send(signal: SIGKILL)
        throw ServerStartError(script: script, output: process.standardOutput + process.standardError)
    }

    /// Kills the server; the test is done with it.
    func stop() {
        process.send(signal: SIGKILL)
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var tlsBaseURL: String { "https://127.0.0.1:\(port)" }
}

struct ServerStartError: Error, CustomStringConvertible {
    let script: String
    let output: String
    var description: String { "\(script) did not print its port; output: \(output)" }
}

/// A fresh temporary directory, removed by ``remove()``.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("curltests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Decodes a JSON object body.
func jsonObject(_ bytes: [UInt8]) throws -> [String: Any] {
    let value = try JSONSerialization.jsonObject(with: Data(bytes))
    guard let object = value as? [String: Any] else { throw ServerStartError(script: "json", output: "not an object") }
    return object
}

/// Reads a JSON-lines log written by a test server, waiting (bounded) until it has `count` lines.
func readJSONLines(_ path: String, count: Int, timeout: Duration = .seconds(10)) async throws -> [[String: Any]] {
    let deadline = ContinuousClock.now + timeout
    while true {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n")
        if lines.count >= count || ContinuousClock.now >= deadline {
            return try lines.map { try jsonObject(Array($0.utf8)) }
        }
        try await Task.sleep(for: .milliseconds(50))
    }
}
