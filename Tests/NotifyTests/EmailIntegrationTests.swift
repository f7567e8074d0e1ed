#if canImport(Glibc)
    import Glibc
#endif
import Curl
import Foundation
import Notify
import Supervisor
import Testing
import TocsinConfig
import TocsinTemplate

/// The email integration against a real SMTP server (aiosmtpd) on 127.0.0.1: AUTH from the config, the
/// default subject in Alertmanager's `__subject` form, the default HTML-only body, the envelope from
/// `from`/`to`.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct EmailIntegrationTests {
    static let server = #"""
        import asyncio, email, json, sys
        from email import policy
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult
        log_path, port_path = sys.argv[1], sys.argv[2]
        class Handler:
            async def handle_DATA(self, server, session, envelope):
                message = email.message_from_bytes(envelope.content, policy=policy.default)
                parts = [p.get_content() for p in message.walk() if p.get_content_type() == "text/plain"]
                html = [p.get_content() for p in message.walk() if p.get_content_type() == "text/html"]
                auth = session.auth_data
                record = {"from": envelope.mail_from, "to": envelope.rcpt_tos, "subject": str(message["Subject"]),
                          "header_to": str(message["To"]), "text": parts, "html": html, "login": auth.login.decode() if auth else None}
                with open(log_path, "a") as f: f.write(json.dumps(record) + "\n")
                return "250 OK"
        def authenticate(server, session, envelope, mechanism, auth_data):
            ok = auth_data.login == b"alice" and auth_data.password == b"s3cret"
            return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)
        import socket
        probe = socket.socket(); probe.bind(("127.0.0.1", 0)); free = probe.getsockname()[1]; probe.close()
        controller = Controller(Handler(), hostname="127.0.0.1", port=free, authenticator=authenticate, auth_require_tls=False)
        controller.start()
        with open(port_path + ".tmp", "w") as f: f.write(str(free))
        import os; os.rename(port_path + ".tmp", port_path)
        import time
        while True: time.sleep(3600)
        """#

    @Test func sendsTheDefaultSubjectAndHTMLBodyWithAuth() async throws {
        let directory = NSTemporaryDirectory() + "notify-email-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Self.server.write(toFile: "\(directory)/smtp.py", atomically: false, encoding: .utf8)
        let portPath = "\(directory)/port"
        let process = try ChildProcess.spawn(
            executable: "/usr/bin/env", arguments: ["python3", "\(directory)/smtp.py", "\(directory)/mail.log", portPath], environment: [:])
        defer { process.send(signal: SIGKILL) }
        var port = 0
        for _ in 0..<200 where port == 0 {
            port = Int((try? String(contentsOfFile: portPath, encoding: .utf8)) ?? "") ?? 0
            if port == 0 { try await Task.sleep(for: .milliseconds(50)) }
        }
        try #require(port > 0)

        let config = try AlertmanagerConfig.load(
            """
            route:
              receiver: mail
            receivers:
            - name: mail
              email_configs:
              - to: Ops Team <ops@example.com>
                from: alertmanager@example.com
                smarthost: 127.0.0.1:\(port)
                auth_username: alice
                auth_password: s3cret
                require_tls: false
            """)
        let client = CurlClient()
        defer { client.shutdown() }
        let clock = WallClock()
        let templates = try NotificationTemplates()
        let integration = EmailIntegration(
            config: try #require(config.receiver(named: "mail")?.emailConfigs.first), index: 0, client: client,
            externalURL: "http://am:9093", templates: templates, clock: clock)
        var work = job([firing("DiskFull", instance: "db1"), firing("DiskFull", instance: "db2")], now: clock.now())
        work.receiver = "mail"
        work.groupLabels = ["alertname": "DiskFull"]
        try await integration.notify(work.alerts, of: work, deadline: Date().addingTimeInterval(30))

        let log = try String(contentsOfFile: "\(directory)/mail.log", encoding: .utf8)
        let record = try #require(try JSONSerialization.jsonObject(with: Data(log.utf8)) as? [String: Any])
        #expect(record["subject"] as? String == "[FIRING:2] DiskFull ")
        #expect(record["from"] as? String == "alertmanager@example.com")
        #expect(record["to"] as? [String] == ["ops@example.com"])
        #expect(record["header_to"] as? String == "Ops Team <ops@example.com>")
        #expect(record["login"] as? String == "alice")
        // Alertmanager 0.25 sends only the HTML part by default (`text` is empty unless set).
        #expect(record["text"] as? [String] == [])
        let html = try #require((record["html"] as? [String])?.first).replacingOccurrences(of: "\r\n", with: "\n")
        let data = NotificationTemplates.data(
            receiver: "mail", groupLabels: work.groupLabels, alerts: work.alerts, externalURL: "http://am:9093", now: clock.now())
        let expected = try templates.render(#"{{ template "email.default.html" . }}"#, data: data, html: true)
        #expect(html == expected)
        #expect(html.contains("alertname = DiskFull<br"))
        #expect(html.contains("<title>[FIRING:2] DiskFull </title>"))
    }

    @Test func theSubjectNamesTheCommonLabelsBeyondTheGroupLabels() throws {
        let templates = try NotificationTemplates()
        let data = NotificationTemplates.data(
            receiver: "r", groupLabels: ["alertname": "DiskFull"],
            alerts: [firing("DiskFull", instance: "db1")], externalURL: "", now: Date())
        #expect(try templates.render(#"{{ template "email.default.subject" . }}"#, data: data) == "[FIRING:1] DiskFull (db1)")
    }
}

/// User template files override the defaults, as Alertmanager parses them after its own.
@Suite struct NotificationTemplatesTests {
    @Test func userFilesOverrideTheDefaultSubject() throws {
        let directory = NSTemporaryDirectory() + "notify-templates-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try #"{{ define "email.default.subject" }}custom {{ .Status }}{{ end }}"#.write(
            toFile: "\(directory)/mine.tmpl", atomically: false, encoding: .utf8)
        let templates = try NotificationTemplates(templateGlobs: ["\(directory)/*.tmpl"])
        let data = NotificationTemplates.data(receiver: "r", groupLabels: [:], alerts: [firing("A")], externalURL: "", now: Date())
        #expect(try templates.render(#"{{ template "email.default.subject" . }}"#, data: data) == "custom firing")
    }

    @Test func anUnparsableFileIsNamed() throws {
        let directory = NSTemporaryDirectory() + "notify-templates-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "{{ define \"x\" }}{{ .Unclosed".write(toFile: "\(directory)/bad.tmpl", atomically: false, encoding: .utf8)
        #expect(throws: NotifyFailure.self) { try NotificationTemplates(templateGlobs: ["\(directory)/*.tmpl"]) }
    }
}
