import Foundation

/// A Python test server from `Support/`, started on 127.0.0.1 with an ephemeral port it prints as
/// `PORT <n>`. Waiting for the port is bounded; ``stop()`` (or deinit) terminates and reaps it.
final class ServerProcess: Sendable {
    let port: Int
    private let process: Process

    /// The directory of the Python scripts.
    static let supportDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    init(script: String, arguments: [String] = []) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-u", Self.supportDirectory.appendingPathComponent(script).path] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process

        let reader = output.fileHandleForReading
        var buffer = Data()
        let deadline = Date().addingTimeInterval(15)
        var found: Int?
        while found == nil && Date() < deadline && process.isRunning {
            var pollDescriptor = pollfd(fd: reader.fileDescriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&pollDescriptor, 1, 100) > 0 else { continue }
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            if let text = String(data: buffer, encoding: .utf8), let line = text.split(separator: "\n").first,
                line.hasPrefix("PORT "), text.contains("\n")
            {
                found = Int(line.dropFirst(5))
            }
        }
        guard let found else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw ServerStartError(script: script, output: String(decoding: buffer, as: UTF8.self))
        }
        port = found
    }

    deinit {
        stop()
    }

    /// Kills with SIGKILL: a child spawned from a test thread inherits that thread's blocked
    /// signals, SIGTERM among them, so a polite terminate() would never be delivered.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
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
func readJSONLines(_ path: String, count: Int, timeout: TimeInterval = 10) throws -> [[String: Any]] {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n")
        if lines.count >= count || Date() >= deadline {
            return try lines.map { try jsonObject(Array($0.utf8)) }
        }
        Thread.sleep(forTimeInterval: 0.05)
    }
}
