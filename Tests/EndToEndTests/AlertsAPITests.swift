#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Testing

/// `POST` and `GET /api/v2/alerts` of a real node, compared with what Alertmanager 0.25 answers for the
/// same requests (bodies captured from `prometheus-alertmanager` on loopback).
@Suite(.serialized, .timeLimit(.minutes(3)))
struct AlertsAPITests {
    static let alert = #"[{"labels":{"alertname":"Disk","a":"<b>"},"annotations":{"s":"x"},"generatorURL":"http://x/y"}]"#

    func post(_ node: TocsinNode, _ body: String) async -> (status: Int, body: String)? {
        await httpRequest(port: node.port, method: "POST", path: "/api/v2/alerts", body: body, contentType: "application/json")
    }

    @Test func postedAlertIsListedAsAlertmanagerListsIt() async throws {
        try await TocsinNode.with { node in
            #expect(await node.waitUntilReady())
            let posted = await post(node, Self.alert)
            #expect(posted?.status == 200)
            let listed = await httpRequest(port: node.port, method: "GET", path: "/api/v2/alerts")
            #expect(listed?.status == 200)
            let body = listed?.body ?? ""
            #expect(body.hasPrefix(#"[{"annotations":{"s":"x"},"endsAt":""#))
            #expect(body.contains(#""fingerprint":"3543d9938c53ea60","receivers":[{"name":"default"}],"startsAt":""#))
            #expect(body.contains(#""status":{"inhibitedBy":[],"silencedBy":[],"state":"active"},"updatedAt":""#))
            #expect(body.hasSuffix(#""generatorURL":"http://x/y","labels":{"a":"\u003cb\u003e","alertname":"Disk"}}]"# + "\n"))
            let groups = await httpRequest(port: node.port, method: "GET", path: "/api/v2/alerts/groups")
            #expect(groups?.body.hasPrefix(#"[{"alerts":[{"annotations":{"s":"x"},"endsAt":""#) == true)
            #expect(
                groups?.body.hasSuffix(
                    #""labels":{"a":"\u003cb\u003e","alertname":"Disk"}}],"labels":{"alertname":"Disk"},"receiver":{"name":"default"}}]"#
                        + "\n"
                ) == true
            )
            let filtered = await httpRequest(port: node.port, method: "GET", path: "/api/v2/alerts?filter=alertname%3D%22Other%22")
            #expect(filtered?.body == "[]\n")
            let inactiveOnly = await httpRequest(port: node.port, method: "GET", path: "/api/v2/alerts?active=false")
            #expect(inactiveOnly?.body == "[]\n")
        }
    }

    @Test func invalidAlertsGetAlertmanagersErrors() async throws {
        try await TocsinNode.with { node in
            #expect(await node.waitUntilReady())
            let invalid = await post(node, #"[{"labels":{"1a":"x"}},{"labels":{"x":""}}]"#)
            #expect(invalid?.status == 400)
            #expect(invalid?.body == #""invalid label set: invalid name \"1a\"; at least one label pair required""# + "\n")
            let missingLabels = await post(node, "[{}]")
            #expect(missingLabels?.status == 422)
            #expect(missingLabels?.body == #"{"code":602,"message":"0.labels in body is required"}"#)
            let garbage = await post(node, "garbage")
            #expect(garbage?.status == 400)
            #expect(
                garbage?.body
                    == #"{"code":400,"message":"parsing alerts body from \"\" failed, because invalid character 'g' looking for beginning of value"}"#
            )
            let listed = await httpRequest(port: node.port, method: "GET", path: "/api/v2/alerts")
            #expect(listed?.body == "[]\n")
        }
    }

    @Test func alertsSurviveADispatcherKill() async throws {
        try await TocsinNode.with { node in
            #expect(await node.waitUntilReady())
            #expect(await post(node, Self.alert)?.status == 200)
            let dispatcher = try #require(childProcesses(of: node.process.pid)["tocsin-dispatcher"])
            Glibc.kill(dispatcher, SIGKILL)
            let restarted = await eventually(within: .seconds(20)) {
                guard let current = childProcesses(of: node.process.pid)["tocsin-dispatcher"], current != dispatcher else {
                    return false
                }
                let listed = await httpRequest(port: node.port, method: "GET", path: "/api/v2/alerts")
                return listed?.body.contains(#""fingerprint":"3543d9938c53ea60""#) == true
            }
            #expect(restarted)
        }
    }
}
