import Testing
import TocsinConfig

/// `alertmanager_config_hash`: MD5 per RFC 1321, and the metric value Alertmanager 0.25 shows for a file.
@Suite struct ConfigHashTests {
    @Test(arguments: [
        ("", "d41d8cd98f00b204e9800998ecf8427e"),
        ("a", "0cc175b9c0f1b6a831c399e269772661"),
        ("abc", "900150983cd24fb0d6963f7d28e17f72"),
        ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        (String(repeating: "1234567890", count: 8), "57edf4a22be3c955ac49da2e2107b67a"),
    ])
    func rfc1321Vectors(_ input: String, _ hex: String) {
        #expect(MD5.digest(Array(input.utf8)).map { String($0, radix: 16).leftPadded(to: 2) }.joined() == hex)
    }

    @Test func metricHashIsWhatAlertmanagerShowsForTheSameFile() throws {
        // Read off real Alertmanager 0.25's /metrics for this exact file text.
        let text = "route:\n  receiver: r\nreceivers:\n- name: r\n  webhook_configs:\n  - url: http://127.0.0.1:9/x\n"
        #expect(try AlertmanagerConfig.load(text).metricHash == 189_645_374_906_477)
    }

    @Test func onlyReceiversARouteNamesCount() throws {
        let config = try AlertmanagerConfig.load(
            """
            route:
              receiver: a
              routes:
              - receiver: b
            receivers:
            - name: a
              webhook_configs: [{url: 'http://127.0.0.1:9/'}, {url: 'http://127.0.0.1:9/2'}]
            - name: b
              email_configs: [{to: x@example.org, from: y@example.org, smarthost: '127.0.0.1:25'}]
            - name: unused
              webhook_configs: [{url: 'http://127.0.0.1:9/'}]
            """)
        #expect(config.activeReceivers.map(\.name) == ["a", "b"])
        #expect(config.activeReceivers.reduce(0) { $0 + $1.integrationCount } == 3)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
