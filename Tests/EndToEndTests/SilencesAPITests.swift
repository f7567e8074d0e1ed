#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Testing

/// The silence endpoints of a real node, served through tocsin-state, and their effect on the alerts the
/// API lists: a silence mutes as soon as its POST has returned.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct SilencesAPITests {
    static func silenceBody(_ name: String, id: String? = nil) -> String {
        let start = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-60))
        let end = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3600))
        let idField = id.map { #""id":"\#($0)","# } ?? ""
        return
            #"{\#(idField)"matchers":[{"name":"alertname","value":"\#(name)","isRegex":false}],"startsAt":"\#(start)","endsAt":"\#(end)","createdBy":"e2e","comment":"c"}"#
    }

    func post(_ node: TocsinNode, _ path: String, _ body: String) async -> (status: Int, body: String)? {
        await httpRequest(port: node.port, method: "POST", path: path, body: body, contentType: "application/json")
    }

    @Test func silenceMutesAlertsAtOnceAndExpiringItUnmutes() async throws {
        try await TocsinNode.with { node in
            #expect(await node.waitUntilReady())
            #expect(await post(node, "/api/v2/alerts", #"[{"labels":{"alertname":"Muted"}}]"#)?.status == 200)
            let created = await post(node, "/api/v2/silences", Self.silenceBody("Muted"))
            #expect(created?.status == 200)
            let body = created?.body ?? ""
            #expect(body.hasPrefix(#"{"silenceID":""#))
            let id = String(body.dropFirst(14).prefix(36))

            let alerts = await httpRequest(port: node.port, method: "GET", path: "/api/v2/alerts")
            #expect(alerts?.body.contains(#""status":{"inhibitedBy":[],"silencedBy":["\#(id)"],"state":"suppressed"}"#) == true)
            let unsilenced = await httpRequest(port: node.port, method: "GET", path: "/api/v2/alerts?silenced=false")
            #expect(unsilenced?.body == "[]\n")

            let listed = await httpRequest(port: node.port, method: "GET", path: "/api/v2/silences?filter=alertname%3D%22Muted%22")
            #expect(listed?.body.hasPrefix(#"[{"id":"\#(id)","status":{"state":"active"},"updatedAt":""#) == true)
            #expect(listed?.body.contains(#""matchers":[{"isEqual":true,"isRegex":false,"name":"alertname","value":"Muted"}]"#) == true)
            let other = await httpRequest(port: node.port, method: "GET", path: "/api/v2/silences?filter=alertname%3D%22Other%22")
            #expect(other?.body == "[]\n")
            let single = await httpRequest(port: node.port, method: "GET", path: "/api/v2/silence/\(id)")
            #expect(single?.status == 200)

            #expect(await httpRequest(port: node.port, method: "DELETE", path: "/api/v2/silence/\(id)")?.status == 200)
            let unmuted = await eventually(within: .seconds(5)) {
                await httpRequest(port: node.port, method: "GET", path: "/api/v2/alerts")?.body.contains(#""state":"active""#) == true
            }
            #expect(unmuted)
            let expired = await httpRequest(port: node.port, method: "GET", path: "/api/v2/silence/\(id)")
            #expect(expired?.body.contains(#""status":{"state":"expired"}"#) == true)
        }
    }

    @Test func invalidSilencesGetAlertmanagersErrors() async throws {
        try await TocsinNode.with { node in
            #expect(await node.waitUntilReady())
            let missing = await post(node, "/api/v2/silences", "{}")
            #expect(missing?.status == 422)
            #expect(missing?.body == #"{"code":602,"message":"comment in body is required"}"#)
            let empty = await post(node, "/api/v2/silences", Self.silenceBody(""))
            #expect(empty?.status == 400)
            #expect(empty?.body == #""silence invalid: at least one matcher must not match the empty string""# + "\n")
            let unknown = await post(node, "/api/v2/silences", Self.silenceBody("X", id: "nope"))
            #expect(unknown?.status == 404)
            #expect(unknown?.body == #""silence not found""# + "\n")
            let badID = await httpRequest(port: node.port, method: "GET", path: "/api/v2/silence/nonsense")
            #expect(badID?.status == 422)
            #expect(badID?.body == #"{"code":601,"message":"silenceID in path must be of type uuid: \"nonsense\""}"#)
            let absent = "fc6afb14-a75e-43ad-86a3-a989b2b370c9"
            #expect(await httpRequest(port: node.port, method: "GET", path: "/api/v2/silence/\(absent)")?.status == 404)
            let deleteAbsent = await httpRequest(port: node.port, method: "DELETE", path: "/api/v2/silence/\(absent)")
            #expect(deleteAbsent?.status == 500)
            #expect(deleteAbsent?.body == #""silence not found""# + "\n")
        }
    }

    @Test func replicaFollowsAStateStoreRestart() async throws {
        try await TocsinNode.with { node in
            #expect(await node.waitUntilReady())
            let alerts = #"[{"labels":{"alertname":"First"}},{"labels":{"alertname":"Second"}}]"#
            #expect(await post(node, "/api/v2/alerts", alerts)?.status == 200)
            #expect(await post(node, "/api/v2/silences", Self.silenceBody("First"))?.status == 200)
            let state = try #require(childProcesses(of: node.process.pid)["tocsin-state"])
            Glibc.kill(state, SIGKILL)
            let restarted = await eventually(within: .seconds(20)) {
                guard let current = childProcesses(of: node.process.pid)["tocsin-state"], current != state else { return false }
                return await post(node, "/api/v2/silences", Self.silenceBody("Second"))?.status == 200
            }
            #expect(restarted)
            let bothMuted = await eventually(within: .seconds(5)) {
                await httpRequest(port: node.port, method: "GET", path: "/api/v2/alerts?silenced=false")?.body == "[]\n"
            }
            #expect(bothMuted)
            let listed = await httpRequest(port: node.port, method: "GET", path: "/api/v2/alerts")
            #expect(listed?.body.components(separatedBy: #""state":"suppressed""#).count == 3)
        }
    }
}
