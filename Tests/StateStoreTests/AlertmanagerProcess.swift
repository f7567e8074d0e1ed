import Foundation
import TestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The real Alertmanager 0.25 running on loopback over a storage directory, for compatibility tests.
final class AlertmanagerProcess {
    static let binary = "/usr/bin/prometheus-alertmanager"
    static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    let port: Int
    private let process: TestProcess

    /// Starts Alertmanager on `storagePath` with a minimal config and waits (bounded) until it is ready.
    init(storagePath: String) async throws {
        port = Self.freePort()
        let config = storagePath + "/alertmanager.yml"
        try "route:\n  receiver: \"null\"\nreceivers:\n  - name: \"null\"\n".write(
            toFile: config, atomically: false, encoding: .utf8)
        process = try TestProcess.start(
            Self.binary,
            [
                "--config.file=\(config)", "--storage.path=\(storagePath)",
                "--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address=",
            ])
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let (_, status) = try? await request("GET", "/-/ready"), status == 200 {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        await stop()
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "Alertmanager did not become ready"])
    }

    /// Sends a request to the API and returns the body and status.
    func request(_ method: String, _ path: String, body: Data? = nil) async throws -> (Data, Int) {
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

    /// SIGTERM (Alertmanager then writes its shutdown snapshots) and waits, bounded, for the exit.
    func stop() async {
        await process.stop(grace: .seconds(15))
    }

    private static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
