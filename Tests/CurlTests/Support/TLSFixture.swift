import Foundation
import TestSupport

/// Where the shared certificates live; removed when the test process exits.
private let fixtureDirectory = FileManager.default.temporaryDirectory
    .appendingPathComponent("curltests-tls-\(getpid())").path

/// Certificates made with the `openssl` CLI once per test run: a CA, a server certificate it
/// signed for `tocsin.test`, `localhost` and 127.0.0.1, a client certificate it signed, and a
/// second, untrusted CA.
struct TLSFixture: Sendable {
    let directory: String
    var caFile: String { directory + "/ca.pem" }
    var otherCAFile: String { directory + "/other-ca.pem" }
    var serverCert: String { directory + "/server.pem" }
    var serverKey: String { directory + "/server.key" }
    var clientCert: String { directory + "/client.pem" }
    var clientKey: String { directory + "/client.key" }

    /// Made once per test run, by whichever test asks first.
    private static let shared = Task { try await TLSFixture.create() }

    static func make() async throws -> TLSFixture {
        try await shared.value
    }

    private init(directory: String) {
        self.directory = directory
    }

    private static func create() async throws -> TLSFixture {
        let directory = fixtureDirectory
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: fixtureDirectory) }
        func openssl(_ arguments: [String]) async throws {
            let result = try await TestCommand.run("openssl", arguments, workingDirectory: directory)
            guard result.status == 0 else {
                throw ServerStartError(script: "openssl", output: arguments.joined(separator: " ") + ": " + result.standardError)
            }
        }
        for ca in ["ca", "other-ca"] {
            try await openssl([
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(ca).key", "-out", "\(ca).pem",
                "-days", "2", "-subj", "/CN=Tocsin Test \(ca)",
            ])
        }
        let leaves = [
            ("server", "tocsin.test", "subjectAltName=DNS:tocsin.test,DNS:localhost,IP:127.0.0.1"),
            ("client", "tocsin-client", "extendedKeyUsage=clientAuth"),
        ]
        for (name, commonName, extensions) in leaves {
            try "\(extensions)\n".write(toFile: directory + "/\(name).ext", atomically: false, encoding: .utf8)
            try await openssl([
                "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(name).key", "-out", "\(name).csr",
                "-subj", "/CN=\(commonName)",
            ])
            try await openssl([
                "x509", "-req", "-in", "\(name).csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "\(name).pem", "-days", "2", "-extfile", "\(name).ext",
            ])
        }
        return TLSFixture(directory: directory)
    }
}
