#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Supervisor

/// A real Alertmanager 0.25 (Debian's `prometheus-alertmanager`) on loopback, as a cluster peer for tests,
/// with the few API calls the cluster tests need.
struct AlertmanagerPeer {
    static let executable = "/usr/bin/prometheus-alertmanager"
    static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: executable) }

    let scratch: ScratchDirectory
    let process: ChildProcess
    let clusterPort: Int
    let webPort: Int

    /// The configuration a peer starts with unless a test gives its own.
    static let configuration = "route:\n  receiver: default\nreceivers:\n  - name: default\n"

    /// A peer listening for the cluster on a free port, or with clustering disabled when not `clustered`
    /// (kingpin refuses a repeated `--cluster.listen-address`).
    static func start(extraArguments: [String] = [], configuration: String = Self.configuration, clustered: Bool = true) throws
        -> AlertmanagerPeer
    {
        let scratch = try ScratchDirectory()
        try configuration.write(
            toFile: "\(scratch.path)/alertmanager.yml", atomically: false, encoding: .utf8
        )
        let clusterPort = try freeLoopbackPort()
        let webPort = try freeLoopbackPort()
        let process = try ChildProcess.spawn(
            executable: executable,
            arguments: [
                "--config.file=\(scratch.path)/alertmanager.yml",
                "--storage.path=\(scratch.path)/data",
                "--web.listen-address=127.0.0.1:\(webPort)",
                clustered ? "--cluster.listen-address=127.0.0.1:\(clusterPort)" : "--cluster.listen-address=",
                "--cluster.reconnect-interval=1s",
                "--log.level=warn",
            ] + extraArguments,
            environment: [:]
        )
        return AlertmanagerPeer(scratch: scratch, process: process, clusterPort: clusterPort, webPort: webPort)
    }

    /// Runs `body` with a started Alertmanager (answering HTTP) and kills it afterwards, whatever happened.
    static func with<T>(
        extraArguments: [String] = [], configuration: String = Self.configuration, clustered: Bool = true,
        _ body: (AlertmanagerPeer) async throws -> T
    ) async throws -> T {
        let peer = try Self.start(extraArguments: extraArguments, configuration: configuration, clustered: clustered)
        do {
            guard await eventually(within: .seconds(20), { await httpStatus(port: peer.webPort, path: "/-/ready") == 200 }) else {
                throw POSIXError(.ETIMEDOUT)
            }
            let result = try await body(peer)
            await peer.stop()
            return result
        } catch {
            await peer.stop()
            throw error
        }
    }

    func stop() async {
        self.process.send(signal: SIGKILL)
        _ = await self.process.waitForExit(orKillAfter: .seconds(60))
    }

    /// Creates a silence `alertname=<name>` through API v2 and returns its id.
    func createSilence(name: String, comment: String) async throws -> String {
        let formatter = ISO8601DateFormatter()
        let body: [String: Any] = [
            "matchers": [["name": "alertname", "value": name, "isRegex": false, "isEqual": true]],
            "startsAt": formatter.string(from: Date()),
            "endsAt": formatter.string(from: Date().addingTimeInterval(3600)),
            "createdBy": "gossip-e2e",
            "comment": comment,
        ]
        let json = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
        guard
            let answer = await httpRequest(
                port: self.webPort, method: "POST", path: "/api/v2/silences", body: json, contentType: "application/json"),
            answer.status == 200,
            let object = try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any],
            let id = object["silenceID"] as? String
        else { throw POSIXError(.EPROTO) }
        return id
    }

    /// The ids of the silences Alertmanager lists.
    func silenceIDs() async -> Set<String> {
        guard let answer = await httpRequest(port: self.webPort, method: "GET", path: "/api/v2/silences"), answer.status == 200,
            let list = try? JSONSerialization.jsonObject(with: Self.unchunked(answer.body)) as? [[String: Any]]
        else { return [] }
        return Set(list.compactMap { $0["id"] as? String })
    }

    /// The value of an unlabelled sample on `/metrics`, or nil when absent.
    func metric(_ name: String) async -> Double? {
        guard let answer = await httpRequest(port: self.webPort, method: "GET", path: "/metrics"), answer.status == 200 else { return nil }
        let text = String(decoding: Self.unchunked(answer.body), as: UTF8.self)
        for line in text.split(separator: "\n") where line.hasPrefix(name + " ") {
            return Double(line.dropFirst(name.count + 1))
        }
        return nil
    }

    /// The peers `/api/v2/status` lists, ourselves included.
    func peerNames() async -> [String] {
        guard let answer = await httpRequest(port: self.webPort, method: "GET", path: "/api/v2/status"), answer.status == 200,
            let status = try? JSONSerialization.jsonObject(with: Self.unchunked(answer.body)) as? [String: Any],
            let cluster = status["cluster"] as? [String: Any], let peers = cluster["peers"] as? [[String: Any]]
        else { return [] }
        return peers.compactMap { $0["name"] as? String }
    }

    /// The body of a response that may have come with chunked transfer encoding (Go chunks bodies over 2 KB).
    static func unchunked(_ body: String) -> Data {
        let bytes = Array(body.utf8)
        guard let first = bytes.first, first != UInt8(ascii: "["), first != UInt8(ascii: "{") else { return Data(bytes) }
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            guard let lineEnd = bytes[index...].firstIndex(of: UInt8(ascii: "\r")),
                let size = Int(String(decoding: bytes[index..<lineEnd], as: UTF8.self), radix: 16), size > 0,
                lineEnd + 2 + size <= bytes.count
            else { break }
            out += bytes[(lineEnd + 2)..<(lineEnd + 2 + size)]
            index = lineEnd + 2 + size + 2
        }
        return index == 0 ? Data(bytes) : Data(out)
    }
}
