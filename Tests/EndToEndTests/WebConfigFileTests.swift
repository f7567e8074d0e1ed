#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Supervisor
import TestSupport
import Testing

/// `--web.config.file` on a real node: HTTP Basic users with bcrypt hashes, the configured headers, TLS
/// with a certificate made by `openssl`, and a broken file refused at start, as Alertmanager 0.25 does.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct WebConfigFileTests {
    /// bcrypt (cost 4) of "s3cret".
    static let hash = "$2b$04$abcdefghijklmnopqrstuuLZYjhNQAOdpbzt4WxWlUHjv1wsyH5DG"

    /// `curl -si` (headers and body) of `url`, with extra curl arguments.
    static func curl(_ url: String, _ arguments: [String] = []) async throws -> (status: Int, text: String) {
        let result = try await TestCommand.run("curl", ["-si", "--max-time", "5"] + arguments + [url], timeout: .seconds(20))
        let text = result.standardOutput.replacingOccurrences(of: "\r\n", with: "\n")
        let status = text.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return (status, text)
    }

    @Test func basicAuthUsersAndHeadersApplyToEveryRoute() async throws {
        let scratch = try ScratchDirectory()
        try """
        basic_auth_users:
          alice: '\(Self.hash)'
        http_server_config:
          headers:
            X-Frame-Options: deny
        """.write(toFile: "\(scratch.path)/web.yml", atomically: false, encoding: .utf8)
        try await TocsinNode.with(extraArguments: ["--web.config.file=\(scratch.path)/web.yml"]) { node in
            let base = "http://127.0.0.1:\(node.port)"
            #expect(
                await eventually(within: .seconds(30)) { (try? await Self.curl("\(base)/-/ready", ["-u", "alice:s3cret"]))?.status == 200 })

            let anonymous = try await Self.curl("\(base)/api/v2/status")
            #expect(anonymous.status == 401)
            #expect(anonymous.text.lowercased().contains("\nwww-authenticate: basic\n"))
            #expect(anonymous.text.lowercased().contains("\nx-frame-options: deny\n"))
            #expect(anonymous.text.hasSuffix("\n\nUnauthorized\n"))
            #expect(try await Self.curl("\(base)/-/healthy", ["-u", "alice:wrong"]).status == 401)
            #expect(try await Self.curl("\(base)/-/healthy", ["-u", "bob:s3cret"]).status == 401)

            let allowed = try await Self.curl("\(base)/api/v2/status", ["-u", "alice:s3cret"])
            #expect(allowed.status == 200)
            #expect(allowed.text.lowercased().contains("\nx-frame-options: deny\n"))

            // The file is read again per request: a broken one answers 500 until it is fixed.
            try "basic_auth_users: [\n".write(toFile: "\(scratch.path)/web.yml", atomically: false, encoding: .utf8)
            #expect(try await Self.curl("\(base)/-/healthy", ["-u", "alice:s3cret"]).status == 500)
        }
    }

    @Test func tlsServesHTTPSWithTheConfiguredCertificate() async throws {
        let scratch = try ScratchDirectory()
        let openssl = try await TestCommand.run(
            "openssl",
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.pem", "-days", "2",
                "-subj", "/CN=tocsin.test", "-addext", "subjectAltName=IP:127.0.0.1",
            ], workingDirectory: scratch.path)
        try #require(openssl.status == 0, "\(openssl.standardError)")
        // Relative paths are taken from the web config file's directory.
        try "tls_server_config:\n  cert_file: server.pem\n  key_file: server.key\n".write(
            toFile: "\(scratch.path)/web.yml", atomically: false, encoding: .utf8)
        try await TocsinNode.with(extraArguments: ["--web.config.file=\(scratch.path)/web.yml"]) { (node) async throws in
            let base = "https://127.0.0.1:\(node.port)"
            #expect(
                await eventually(within: .seconds(30)) {
                    (try? await Self.curl("\(base)/-/ready", ["--cacert", "\(scratch.path)/server.pem"]))?.status == 200
                })
            #expect(try await Self.curl("\(base)/api/v2/status", ["--cacert", "\(scratch.path)/server.pem"]).status == 200)
            #expect(try await Self.curl("http://127.0.0.1:\(node.port)/-/healthy").status != 200, "plain HTTP is not served")
        }
    }

    @Test func anInvalidFileStopsTheStartWithItsError() async throws {
        let scratch = try ScratchDirectory()
        try TocsinNode.configuration.write(toFile: "\(scratch.path)/alertmanager.yml", atomically: false, encoding: .utf8)
        try "http_server_config:\n  headers:\n    X-Test: yes\n".write(
            toFile: "\(scratch.path)/web.yml", atomically: false, encoding: .utf8)
        let started = try await TestCommand.run(
            BuiltExecutables.path("tocsin"),
            [
                "--config.file=\(scratch.path)/alertmanager.yml", "--storage.path=\(scratch.path)/data",
                "--web.listen-address=127.0.0.1:\(try freeLoopbackPort())", "--cluster.listen-address=",
                "--web.config.file=\(scratch.path)/web.yml",
            ], timeout: .seconds(60))
        #expect(started.status != 0)
        #expect(started.standardError.contains(#"HTTP header \"X-Test\" can not be configured"#), "\(started.standardError.suffix(1500))")
    }
}
