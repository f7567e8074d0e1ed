import Foundation
import Testing
import TocsinConfig

/// `--web.config.file`: exporter-toolkit's format and error texts, as Alertmanager 0.25 reports them
/// (texts read off the real binary).
@Suite struct WebConfigTests {
    @Test func aCompleteFileLoadsWithRelativePathsFromItsDirectory() throws {
        let directory = NSTemporaryDirectory() + "webconfig-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try """
        tls_server_config:
          cert_file: server.pem
          key_file: /etc/keys/server.key
          client_auth_type: RequireAndVerifyClientCert
          client_ca_file: ca.pem
          min_version: TLS13
        http_server_config:
          headers:
            X-Frame-Options: deny
        basic_auth_users:
          alice: $2b$04$abcdefghijklmnopqrstuuLZYjhNQAOdpbzt4WxWlUHjv1wsyH5DG
        """.write(toFile: "\(directory)/web.yml", atomically: false, encoding: .utf8)
        let config = try WebConfig.load(file: "\(directory)/web.yml")
        #expect(config.tls.certFile == "\(directory)/server.pem")
        #expect(config.tls.keyFile == "/etc/keys/server.key")
        #expect(config.tls.clientCAFile == "\(directory)/ca.pem")
        #expect(config.tls.minVersion == "TLS13")
        #expect(try config.clientAuth() == .requireAndVerify)
        #expect(config.headers == ["X-Frame-Options": "deny"])
        #expect(config.users.keys.sorted() == ["alice"])
        try config.checkBeforeServing()
    }

    @Test(arguments: [
        ("bogus: 1\n", "yaml: unmarshal errors:\n  line 1: field bogus not found in type web.Config"),
        ("tls_server_config:\n  cert: x\n", "yaml: unmarshal errors:\n  line 2: field cert not found in type web.TLSStruct"),
        ("http_server_config:\n  headers:\n    X-Test: yes\n", "HTTP header \"X-Test\" can not be configured"),
        (
            "http_server_config:\n  headers:\n    X-Frame-Options: allow\n",
            "invalid value for X-Frame-Options. Expected one of: [\"deny\" \"sameorigin\"], but got: \"allow\""
        ),
        ("tls_server_config:\n  min_version: TLS14\n", "unknown TLS version: TLS14"),
        ("tls_server_config:\n  client_auth_type: Sometimes\n", "Invalid ClientAuth: Sometimes"),
        (
            "tls_server_config:\n  cert_file: a\n  key_file: b\n  client_ca_file: ca.pem\n",
            "Client CA's have been configured without a Client Auth Policy"
        ),
        ("tls_server_config:\n  curve_preferences: [CurveP999]\n", "unknown curve: CurveP999"),
    ])
    func invalidFilesAreRefusedWithExporterToolkitsText(_ text: String, _ message: String) {
        #expect(throws: ConfigError(message)) { try WebConfig.parse(text) }
    }

    @Test func incompleteTLSAndBadHashesAreRefusedBeforeServing() throws {
        #expect(throws: ConfigError("missing key_file")) {
            try WebConfig.parse("tls_server_config:\n  cert_file: x.pem\n").checkBeforeServing()
        }
        #expect(throws: ConfigError("missing cert_file")) {
            try WebConfig.parse("tls_server_config:\n  key_file: x.pem\n").checkBeforeServing()
        }
        #expect(throws: ConfigError("crypto/bcrypt: hashedSecret too short to be a bcrypted password")) {
            try WebConfig.parse("basic_auth_users:\n  alice: notahash\n").checkBeforeServing()
        }
        #expect(!(try WebConfig.parse("basic_auth_users:\n  alice: x\n").tls.isEnabled))
    }
}
