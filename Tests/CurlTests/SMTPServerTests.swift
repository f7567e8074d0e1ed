import Curl
import Foundation
import Testing

@Suite("Sending mail to a real aiosmtpd server")
struct SMTPServerTests {
    /// An aiosmtpd server and the JSON-lines log its handler writes.
    private struct MailServer {
        let process: ServerProcess
        let directory: TemporaryDirectory
        var log: String { directory.path("mail.log") }

        static func start(_ arguments: [String] = []) async throws -> MailServer {
            let directory = try TemporaryDirectory()
            let process = try await ServerProcess.start(
                script: "smtp_server.py", arguments: ["--log", directory.path("mail.log")] + arguments)
            return MailServer(process: process, directory: directory)
        }

        func mails(count: Int = 1) async throws -> [[String: Any]] {
            try await readJSONLines(log, count: count)
        }
    }

    private func message(to recipients: [String] = ["ops@example.org", "oncall@example.org"]) -> SMTPMessage {
        let mime = MIMEMessage(
            headers: [
                .init(name: "Subject", value: "[FIRING:1] Disk full ✓"),
                .init(name: "From", value: "Alertmanager <am@example.org>"),
                .init(name: "To", value: recipients.joined(separator: ", ")),
            ],
            text: "disk is full\n.leading dot line\n",
            html: "<p>disk is <b>full</b></p>"
        )
        return SMTPMessage(from: "am@example.org", recipients: recipients, content: mime.encoded())
    }

    @Test("a mail arrives with its envelope, EHLO name, headers and both MIME parts")
    func plainDelivery() async throws {
        let server = try await MailServer.start()
        defer { server.directory.remove() }
        let client = CurlClient()
        let smtp = SMTPServer(host: "127.0.0.1", port: server.process.port, hello: "tocsin.local", security: .plain, timeout: .seconds(20))
        try await client.send(mail: message(), via: smtp)
        let mail = try #require(try await server.mails().first)
        #expect(mail["mail_from"] as? String == "am@example.org")
        #expect(mail["rcpt_tos"] as? [String] == ["ops@example.org", "oncall@example.org"])
        #expect(mail["helo"] as? String == "tocsin.local")
        #expect(mail["tls"] as? Bool == false)
        let headers = Dictionary((mail["headers"] as? [[String]] ?? []).map { ($0[0], $0[1]) }) { first, _ in first }
        #expect(headers["Subject"] == "[FIRING:1] Disk full ✓")
        #expect(headers["To"] == "ops@example.org, oncall@example.org")
        #expect(headers["MIME-Version"] == "1.0")
        #expect(headers["Message-Id"]?.hasPrefix("<") == true)
        #expect(headers["Date"] != nil)
        let parts = mail["parts"] as? [[String: String]] ?? []
        #expect(parts.map { $0["type"] } == ["text/plain", "text/html"])
        #expect(parts.first?["content"] == "disk is full\r\n.leading dot line\r\n")
        #expect(parts.last?["content"] == "<p>disk is <b>full</b></p>")
    }

    @Test("AUTH PLAIN carries username, password and identity")
    func authPlain() async throws {
        let server = try await MailServer.start(["--user", "alice", "--password", "pa55"])
        defer { server.directory.remove() }
        let client = CurlClient()
        let smtp = SMTPServer(
            host: "127.0.0.1", port: server.process.port, security: .plain,
            authentication: SMTPAuthentication(username: "alice", password: "pa55", identity: "alice-id"), timeout: .seconds(20))
        try await client.send(mail: message(), via: smtp)
        let mail = try #require(try await server.mails().first)
        #expect(mail["login"] as? String == "alice")
        #expect(mail["authzid"] as? String == "alice-id")
    }

    @Test("a wrong password fails with authenticationFailed")
    func authRejected() async throws {
        let server = try await MailServer.start(["--user", "alice", "--password", "pa55"])
        defer { server.directory.remove() }
        let client = CurlClient()
        let smtp = SMTPServer(
            host: "127.0.0.1", port: server.process.port, security: .plain,
            authentication: SMTPAuthentication(username: "alice", password: "wrong"), timeout: .seconds(20))
        let error = await #expect(throws: CurlError.self) { try await client.send(mail: message(), via: smtp) }
        #expect(error?.kind == .authenticationFailed)
        #expect(error?.isRetryable == true)
    }

    @Test("AUTH CRAM-MD5 is used when only a secret is configured")
    func authCRAMMD5() async throws {
        let server = try await MailServer.start(["--user", "bob", "--secret", "tanstaaftanstaaf"])
        defer { server.directory.remove() }
        let client = CurlClient()
        let smtp = SMTPServer(
            host: "127.0.0.1", port: server.process.port, security: .plain,
            authentication: SMTPAuthentication(username: "bob", secret: "tanstaaftanstaaf"), timeout: .seconds(20))
        try await client.send(mail: message(), via: smtp)
        #expect(try await server.mails().first?["login"] as? String == "bob")
    }

    @Test("require_tls upgrades with STARTTLS, verifying the server against the CA")
    func startTLS() async throws {
        let tls = try await TLSFixture.make()
        let server = try await MailServer.start(["--cert", tls.serverCert, "--key", tls.serverKey, "--user", "alice", "--password", "pa55"])
        defer { server.directory.remove() }
        let client = CurlClient()
        let smtp = SMTPServer(
            host: "127.0.0.1", port: server.process.port,
            authentication: SMTPAuthentication(username: "alice", password: "pa55"),
            tls: TLSOptions(caFile: tls.caFile), timeout: .seconds(20))
        #expect(smtp.security == .startTLS)
        try await client.send(mail: message(), via: smtp)
        let mail = try #require(try await server.mails().first)
        #expect(mail["tls"] as? Bool == true)
        #expect(mail["login"] as? String == "alice")
    }

    @Test("STARTTLS against an untrusted certificate fails with a TLS error")
    func startTLSUntrusted() async throws {
        let tls = try await TLSFixture.make()
        let server = try await MailServer.start(["--cert", tls.serverCert, "--key", tls.serverKey])
        defer { server.directory.remove() }
        let client = CurlClient()
        let smtp = SMTPServer(host: "127.0.0.1", port: server.process.port, tls: TLSOptions(caFile: tls.otherCAFile), timeout: .seconds(20))
        let error = await #expect(throws: CurlError.self) { try await client.send(mail: message(), via: smtp) }
        #expect(error?.kind == .tls)
    }

    @Test("require_tls against a server without STARTTLS fails with Alertmanager's message")
    func startTLSMissing() async throws {
        let server = try await MailServer.start()
        defer { server.directory.remove() }
        let client = CurlClient()
        let smtp = SMTPServer(host: "127.0.0.1", port: server.process.port, timeout: .seconds(20))
        let error = await #expect(throws: CurlError.self) { try await client.send(mail: message(), via: smtp) }
        #expect(error?.kind == .startTLSNotOffered)
        #expect(
            error?.message
                == "'require_tls' is true (default) but \"127.0.0.1:\(server.process.port)\" does not advertise the STARTTLS extension"
        )
        #expect(try await readJSONLines(server.log, count: 0, timeout: .zero).isEmpty)
    }

    @Test("opportunistic STARTTLS falls back to plain, and an empty hello says localhost")
    func opportunisticStartTLS() async throws {
        let server = try await MailServer.start()
        defer { server.directory.remove() }
        let client = CurlClient()
        let smtp = SMTPServer(host: "127.0.0.1", port: server.process.port, hello: "", security: .startTLSIfOffered, timeout: .seconds(20))
        try await client.send(mail: message(), via: smtp)
        let mail = try #require(try await server.mails().first)
        #expect(mail["tls"] as? Bool == false)
        #expect(mail["helo"] as? String == "localhost")
    }

    @Test("implicit TLS (smtps) delivers over TLS from the first byte")
    func implicitTLS() async throws {
        let tls = try await TLSFixture.make()
        let server = try await MailServer.start(["--cert", tls.serverCert, "--key", tls.serverKey, "--implicit-tls"])
        defer { server.directory.remove() }
        let client = CurlClient()
        let smtp = SMTPServer(
            host: "127.0.0.1", port: server.process.port, security: .implicitTLS,
            tls: TLSOptions(caFile: tls.caFile, serverName: "tocsin.test"), timeout: .seconds(20))
        try await client.send(mail: message(to: ["one@example.org"]), via: smtp)
        let mail = try #require(try await server.mails().first)
        #expect(mail["rcpt_tos"] as? [String] == ["one@example.org"])
    }

    @Test("a refused recipient fails the send as rejected with the reply code")
    func recipientRejected() async throws {
        let server = try await MailServer.start(["--reject", "nobody@example.org"])
        defer { server.directory.remove() }
        let client = CurlClient()
        let smtp = SMTPServer(host: "127.0.0.1", port: server.process.port, security: .plain, timeout: .seconds(20))
        let error = await #expect(throws: CurlError.self) {
            try await client.send(mail: message(to: ["ops@example.org", "nobody@example.org"]), via: smtp)
        }
        #expect(error?.kind == .rejected)
        #expect(error?.replyCode == 550)
    }

    @Test("Alertmanager's security choice: 465 is implicit TLS, otherwise require_tls decides")
    func alertmanagerSecurity() {
        #expect(SMTPTransportSecurity.alertmanager(port: 465, requireTLS: false) == .implicitTLS)
        #expect(SMTPTransportSecurity.alertmanager(port: 587, requireTLS: true) == .startTLS)
        #expect(SMTPTransportSecurity.alertmanager(port: 25, requireTLS: false) == .plain)
        #expect(SMTPServer(host: "::1", port: 25, timeout: .seconds(20)).smarthost == "[::1]:25")
    }
}
