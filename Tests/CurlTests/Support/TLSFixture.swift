import Foundation

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

    static let shared: Result<TLSFixture, any Error> = Result { try TLSFixture() }

    static func make() throws -> TLSFixture {
        try shared.get()
    }

    private init() throws {
        let directory = fixtureDirectory
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: fixtureDirectory) }
        self.directory = directory
        func openssl(_ arguments: [String]) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["openssl"] + arguments
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw ServerStartError(script: "openssl", output: arguments.joined(separator: " "))
            }
        }
        for ca in ["ca", "other-ca"] {
            try openssl([
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
            try openssl([
                "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(name).key", "-out", "\(name).csr",
                "-subj", "/CN=\(commonName)",
            ])
            try openssl([
                "x509", "-req", "-in", "\(name).csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "\(name).pem", "-days", "2", "-extfile", "\(name).ext",
            ])
        }
    }
}
