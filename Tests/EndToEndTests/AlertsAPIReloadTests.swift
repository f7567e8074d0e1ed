import Foundation
import Testing

/// A reload reaches the dispatcher's pipeline: receivers and routing follow the new config at once.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct AlertsAPIReloadTests {
    @Test func reloadReroutesStoredAlerts() async throws {
        try await TocsinNode.with { node in
            #expect(await node.waitUntilReady())
            let posted = await httpRequest(
                port: node.port, method: "POST", path: "/api/v2/alerts",
                body: #"[{"labels":{"alertname":"Disk","team":"ops"}}]"#, contentType: "application/json"
            )
            #expect(posted?.status == 200)
            try """
            route:
              receiver: default
              group_by: ['alertname']
              routes:
                - receiver: ops
                  matchers: ['team="ops"']
            receivers:
              - name: default
              - name: ops
            """.write(toFile: node.configPath, atomically: false, encoding: .utf8)
            #expect(await httpRequest(port: node.port, method: "POST", path: "/-/reload")?.status == 200)
            let rerouted = await eventually(within: .seconds(5)) {
                await httpRequest(port: node.port, method: "GET", path: "/api/v2/alerts")?.body.contains(#""receivers":[{"name":"ops"}]"#)
                    == true
            }
            #expect(rerouted)
            let receivers = await httpRequest(port: node.port, method: "GET", path: "/api/v2/receivers")
            #expect(receivers?.body == #"[{"name":"default"},{"name":"ops"}]"# + "\n")
            let unsupported = await httpRequest(
                port: node.port, method: "POST", path: "/api/v2/alerts", body: "[]", contentType: "text/plain")
            #expect(unsupported?.status == 415)
            #expect(
                unsupported?.body == #"{"code":415,"message":"unsupported media type \"text/plain\", only [application/json] are allowed"}"#
            )
        }
    }
}
