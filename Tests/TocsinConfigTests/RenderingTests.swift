#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import TestSupport
import Testing
@testable import TocsinConfig

/// `config.original` as real Alertmanager 0.25 prints it, compared with our rendering, for every valid
/// config of the corpus. Each file is served by a real `prometheus-alertmanager` on loopback.
@Suite(.serialized) struct RenderingTests {

    @Test(arguments: Corpus.files(prefix: "valid-").enumerated().map { ($0.offset, $0.element) })
    func sameAsAlertmanager(_ index: Int, _ file: URL) async throws {
        guard let binary = Oracle.find("prometheus-alertmanager"), let curl = Oracle.find("curl") else {
            print("prometheus-alertmanager or curl is not installed: skipping the rendering comparison for \(file.lastPathComponent)")
            return
        }
        let expected = try await Self.original(binary: binary, curl: curl, config: file, port: try Self.freePort())
        let ours = try AlertmanagerConfig.load(file: file.path).renderedYAML
        #expect(ours == expected, "\(file.lastPathComponent)")
    }

    @Test func secretsAreHidden() throws {
        let file = Corpus.directory.appendingPathComponent("valid-global-all.yml")
        let text = try AlertmanagerConfig.load(file: file.path).renderedYAML
        #expect(text.contains("smtp_auth_password: <secret>"))
        #expect(text.contains("slack_api_url: <secret>"))
        #expect(text.contains("proxy_url: http://user:xxxxx@proxy:3128"))
        #expect(!text.contains("hooks.slack.com"))
    }

    // Some of Alertmanager's own output does not load back: TLS versions print as numbers, IPv6
    // smarthosts lose their brackets, a null time interval prints with an empty name. We print them the
    // same way, so those files are left out here.
    @Test func renderedConfigLoadsAgain() throws {
        let notRoundTripping: Set = ["valid-global-all.yml", "valid-email-own.yml", "valid-null-list-elements.yml"]
        for file in Corpus.files(prefix: "valid-") where !notRoundTripping.contains(file.lastPathComponent) {
            let first = try AlertmanagerConfig.load(file: file.path)
            let again = try AlertmanagerConfig.load(first.renderedYAML)
            #expect(again.renderedYAML == first.renderedYAML, "\(file.lastPathComponent)")
        }
    }

    /// A TCP port free on 127.0.0.1 right now (bound and released).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw ConfigError("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Starts Alertmanager on `port`, reads `config.original` from /api/v2/status, stops it.
    static func original(binary: String, curl: String, config: URL, port: Int) async throws -> String {
        let storage = FileManager.default.temporaryDirectory.appendingPathComponent("tocsin-render-\(port)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: storage, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: storage) }
        let process = try TestProcess.start(
            binary,
            [
                "--config.file=\(config.path)", "--storage.path=\(storage.path)",
                "--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address=",
            ])
        // Killed when `process` is released, on every path out of here.
        defer { process.send(signal: SIGKILL) }
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let status = try await Oracle.run(curl, ["-sf", "--max-time", "2", "http://127.0.0.1:\(port)/api/v2/status"])
            if status.status == 0, let data = status.stdout.data(using: .utf8),
                let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                let configObject = json["config"] as? [String: Any], let original = configObject["original"] as? String
            {
                return original
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ConfigError("Alertmanager did not answer on port \(port)")
    }
}
