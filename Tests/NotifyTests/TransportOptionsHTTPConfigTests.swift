import Curl
import Foundation
import Notify
import Testing
import TocsinConfig

/// `http_config` → transport options: the oauth2 block becomes client credentials, its secret read from its
/// file at each notification.
@Suite struct TransportOptionsHTTPConfigTests {
    @Test func oauth2ClientCredentialsComeFromTheConfigWithTheSecretFile() throws {
        let directory = NSTemporaryDirectory() + "notify-oauth2-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "rotated-secret\n".write(toFile: "\(directory)/secret", atomically: false, encoding: .utf8)
        let config = try AlertmanagerConfig.load(
            """
            route:
              receiver: hook
            receivers:
            - name: hook
              webhook_configs:
              - url: https://hooks.example.org/
                http_config:
                  oauth2:
                    client_id: tocsin
                    client_secret_file: \(directory)/secret
                    token_url: https://auth.example.org/token
                    scopes: [a, b]
                    endpoint_params: {audience: hooks}
                    tls_config: {insecure_skip_verify: true}
            """)
        let httpConfig = try #require(config.receiver(named: "hook")?.webhookConfigs.first?.httpConfig)
        let options = try TransportOptions(httpConfig: httpConfig)
        let oauth2 = try #require(options.oauth2)
        #expect(oauth2.clientID == "tocsin")
        #expect(oauth2.clientSecret == "rotated-secret")
        #expect(oauth2.tokenURL == "https://auth.example.org/token")
        #expect(oauth2.scopes == ["a", "b"])
        #expect(oauth2.endpointParameters == ["audience": "hooks"])
        #expect(oauth2.tls.insecureSkipVerify)

        try FileManager.default.removeItem(atPath: "\(directory)/secret")
        #expect(throws: IntegrationError.self) { try TransportOptions(httpConfig: httpConfig) }
    }
}
