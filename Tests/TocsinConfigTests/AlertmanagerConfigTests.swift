import Foundation
import Testing
@testable import TocsinConfig

@Suite struct AlertmanagerConfigTests {
    func load(_ file: String) throws -> AlertmanagerConfig {
        try AlertmanagerConfig.load(file: Corpus.directory.appendingPathComponent(file).path)
    }

    @Test func defaultsWithoutGlobal() throws {
        let config = try load("valid-minimal.yml")
        #expect(config.global == GlobalConfig())
        #expect(config.global.resolveTimeout == PrometheusDuration(seconds: 300))
        #expect(config.global.smtpRequireTLS)
        #expect(config.global.httpConfig?.followRedirects == true)
        #expect(config.global.pagerdutyURL?.description == "https://events.pagerduty.com/v2/enqueue")
    }

    @Test func emailTakesGlobals() throws {
        let email = try #require(load("valid-email-global.yml").receivers.first?.emailConfigs.first)
        #expect(email.smarthost == HostPort(host: "localhost", port: "25"))
        #expect(email.from == "a@b.c")
        #expect(email.hello == "localhost")
        #expect(email.requireTLS == false)  // set on the config itself
        #expect(email.headers == ["Subject": "hi", "X-Custom": "v"])
        #expect(email.effectiveHeaders["To"] == "x@y.z")
    }

    @Test func integrationsTakeGlobalURLsAndKeys() throws {
        let config = try load("valid-opsgenie.yml")
        let opsgenie = try #require(config.receivers.first?.opsGenieConfigs)
        #expect(opsgenie[0].apiKey.value == "k")
        #expect(opsgenie[0].apiURL?.description == "https://api.opsgenie.com/")
        #expect(opsgenie[1].apiKey.isEmpty && opsgenie[1].apiKeyFile == "/etc/og")
        #expect(opsgenie[1].apiURL?.description == "https://og.example.com/v2/")  // trailing slash added
        #expect(opsgenie[0].httpConfig == config.global.httpConfig)
        let wechat = try #require(load("valid-global-all.yml").global.weChatAPIURL)
        #expect(wechat.description == "https://wc.example.com/cgi-bin")
    }

    @Test func integrationDefaults() throws {
        let pd = try #require(load("valid-pagerduty.yml").receivers.first?.pagerdutyConfigs)
        #expect(pd[0].details["firing"] == "custom")
        #expect(pd[0].details["num_firing"] == "{{ .Alerts.Firing | len }}")
        #expect(pd[0].source == pd[0].client)
        #expect(pd[1].url?.description == "https://pd.example.com/v1")
        let webhook = try #require(load("valid-webhook.yml").receivers.first?.webhookConfigs.first)
        #expect(!webhook.sendResolved && webhook.maxAlerts == 10)
        let pushover = try #require(load("valid-pushover.yml").receivers.first?.pushoverConfigs.first)
        #expect(pushover.retry.description == "30s" && pushover.expire.description == "2h30m0s")
        let telegram = try #require(load("valid-telegram.yml").receivers.first?.telegramConfigs.first)
        #expect(telegram.apiURL?.description == "https://api.telegram.org" && telegram.chatID == -1_001_234)
    }

    @Test func bearerTokenBecomesAuthorization() throws {
        let hooks = try #require(load("valid-http-config-variants.yml").receivers.first?.webhookConfigs)
        #expect(hooks[0].httpConfig?.authorization == Authorization(type: "Bearer", credentials: Secret("t")))
        #expect(hooks[1].httpConfig?.authorization?.credentialsFile == "/t")
        #expect(hooks[2].httpConfig?.oauth2?.scopes == ["a"])
        #expect(hooks[3].httpConfig?.authorization?.type == "Token")
    }

    @Test func relativePathsFollowTheConfigFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tocsin-paths-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("am.yml")
        try """
        templates: ['tmpl/*.tmpl', '/abs/*.tmpl']
        global:
          http_config: {tls_config: {ca_file: ca.pem}}
        route:
          receiver: r
        receivers:
        - name: r
          webhook_configs:
          - url: http://a
            http_config:
              basic_auth: {username: u, password_file: ./secrets/../pw}
        """.write(to: file, atomically: false, encoding: .utf8)
        let config = try AlertmanagerConfig.load(file: file.path)
        #expect(config.templates == [directory.path + "/tmpl/*.tmpl", "/abs/*.tmpl"])
        #expect(config.global.httpConfig?.tlsConfig.caFile == directory.path + "/ca.pem")
        let auth = try #require(config.receivers[0].webhookConfigs[0].httpConfig?.basicAuth)
        #expect(auth.passwordFile == directory.path + "/pw")
        try " hunter2\n".write(toFile: directory.path + "/pw", atomically: false, encoding: .utf8)
        #expect(try auth.resolvedPassword() == "hunter2")
    }

    @Test func secretsNeverPrint() throws {
        let config = try load("valid-global-all.yml")
        #expect(config.global.smtpAuthPassword.description == "<secret>")
        #expect(config.global.smtpAuthPassword.value == "p")
        #expect(config.global.slackAPIURL?.description == "<secret>")
        #expect(!"\(config.global)".contains("hooks.slack.com"))
    }

    @Test func secretPlaceholderIsAccepted() throws {
        let slack = try #require(load("valid-slack-secret-placeholder.yml").receivers.first?.slackConfigs.first)
        #expect(slack.apiURL != nil && slack.apiURL?.url == nil)
    }

    @Test func secretFiles() throws {
        #expect(throws: ConfigError("open /nonexistent/key: no such file or directory")) {
            try SecretFile.resolve(Secret(""), file: "/nonexistent/key")
        }
        #expect(try SecretFile.resolve(Secret("inline"), file: "/nonexistent/key") == "inline")
    }

    @Test func loadErrorsNameTheProblem() {
        #expect(throws: ConfigError("no route provided in config")) { try AlertmanagerConfig.load("   \n") }
        #expect(throws: ConfigError("no routes provided")) { try AlertmanagerConfig.load("receivers: []\n") }
        #expect(throws: ConfigError("yaml: unmarshal errors:\n  line 1: field foo not found in type config.plain")) {
            try AlertmanagerConfig.load("foo: 1\nroute: {receiver: r}\nreceivers: [{name: r}]\n")
        }
        #expect(throws: ConfigError("open /nonexistent.yml: no such file or directory")) {
            try AlertmanagerConfig.load(file: "/nonexistent.yml")
        }
    }

    @Test func timeIntervalsShareOneNameSpace() throws {
        let config = try load("valid-route-full.yml")
        #expect(Set(config.namedTimeIntervals.keys) == ["biz", "offhours"])
        #expect(config.receiver(named: "b") != nil && config.receiver(named: "zz") == nil)
    }
}
