import Foundation
import Testing
import TestSupport
import TocsinModel

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Starts the real `prometheus-alertmanager` (when installed) on loopback, posts label sets and compares the API's
/// `fingerprint` with ours. The recorded vectors in `LiveVector` cover the same ground when the binary is absent.
@Suite(
    .enabled(if: LiveAlertmanager.binary != nil, "prometheus-alertmanager is not installed; live comparison skipped"))
struct FingerprintLiveAlertmanagerTests {
    @Test(.timeLimit(.minutes(3)))
    func fingerprintsAgreeWithRunningAlertmanager() async throws {
        let server = try LiveAlertmanager.start()
        defer { server.stop() }
        try await server.waitUntilReady()

        var sets = LiveVector.all.map { LabelSet($0.labels) }
        var generator = SplitMix64(seed: 0x7063_6f6e_7369_6e)
        for _ in 0..<40 {
            sets.append(generator.labelSet())
        }
        let body = try JSONSerialization.data(withJSONObject: sets.map { ["labels": $0.dictionary] })
        let (_, postResponse) = try await server.request("POST", "/api/v2/alerts", body: body)
        #expect(postResponse == 200)

        let (data, getResponse) = try await server.request("GET", "/api/v2/alerts", body: nil)
        #expect(getResponse == 200)
        let alerts = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(alerts.count == Set(sets.map(\.fingerprint)).count)
        for alert in alerts {
            let labels = try #require(alert["labels"] as? [String: String])
            let fingerprint = try #require(alert["fingerprint"] as? String)
            #expect(LabelSet(labels).fingerprint.description == fingerprint, "labels \(labels)")
        }
    }
}

/// A throwaway Alertmanager process with its own storage directory and loopback port.
struct LiveAlertmanager: Sendable {
    let process: TestProcess
    let directory: URL
    let port: Int

    static var binary: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/prometheus-alertmanager" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func start() throws -> LiveAlertmanager {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tocsin-model-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let config = directory.appendingPathComponent("alertmanager.yml")
        try "route:\n  receiver: blackhole\nreceivers:\n  - name: blackhole\n".write(
            to: config, atomically: false, encoding: .utf8)
        let port = try freeLoopbackPort()
        let process = try TestProcess.start(
            try #require(binary),
            [
                "--config.file=\(config.path)", "--storage.path=\(directory.appendingPathComponent("data").path)",
                "--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address=",
            ])
        return LiveAlertmanager(process: process, directory: directory, port: port)
    }

    func waitUntilReady() async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if let (_, status) = try? await request("GET", "/-/ready", body: nil), status == 200 {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw LiveAlertmanagerError.notReady
    }

    func request(_ method: String, _ path: String, body: Data?) async throws -> (Data, Int) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.timeoutInterval = 5
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return (data, (response as? HTTPURLResponse)?.statusCode ?? 0)
    }

    /// Kills Alertmanager (nothing of its state is needed) and removes its directory.
    func stop() {
        process.send(signal: SIGKILL)
        try? FileManager.default.removeItem(at: directory)
    }

    /// Asks the kernel for a free port by binding port 0, then releases it for the server.
    static func freeLoopbackPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else {
            throw LiveAlertmanagerError.noPort
        }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(fd, socketAddress, length) == 0 && getsockname(fd, socketAddress, &length) == 0
            }
        }
        guard bound else {
            throw LiveAlertmanagerError.noPort
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

enum LiveAlertmanagerError: Error {
    case notReady
    case noPort
}

/// A small deterministic generator, so a failing random label set can be reproduced.
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    mutating func name() -> String {
        let first = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
        let rest = first + Array("0123456789")
        return String(first[below(first.count)]) + String((0..<below(12)).map { _ in rest[below(rest.count)] })
    }

    mutating func value() -> String {
        let ranges: [ClosedRange<UInt32>] = [
            0x01...0x7f, 0x80...0x2ff, 0x3040...0x30ff, 0x4e00...0x4fff, 0x1f300...0x1f64f,
        ]
        var scalars = String.UnicodeScalarView()
        for _ in 0..<(1 + below(40)) {
            let range = ranges[below(ranges.count)]
            let value = range.lowerBound + UInt32(below(Int(range.upperBound - range.lowerBound) + 1))
            scalars.append(Unicode.Scalar(value)!)
        }
        return String(scalars)
    }

    mutating func labelSet() -> LabelSet {
        LabelSet(pairs: (0..<(1 + below(20))).map { _ in (name(), value()) })
    }
}
