import Foundation
import StateStore
import Testing
import TocsinModel

/// Runs the real Alertmanager 0.25 over directories written by Tocsin, and the reverse.
@Suite(
    "Interop with the real Alertmanager 0.25 (skipped when prometheus-alertmanager is not installed)",
    .serialized, .enabled(if: AlertmanagerProcess.isInstalled, "prometheus-alertmanager is not installed"))
struct AlertmanagerInteropTests {
    @Test func alertmanagerSeesTocsinsSilences() async throws {
        let directory = TemporaryDirectory()
        let store = try StateStore(configuration: StateStoreConfiguration(directory: directory.path))
        let now = Date()
        let active = try await store.setSilence(
            Fixtures.silence(
                matchers: [Fixtures.matcher("job", .equal, "api"), Fixtures.matcher("env", .regexp, "prod|stage")],
                startsAt: now, endsAt: now.addingTimeInterval(3600), createdBy: "tocsin", comment: "from tocsin"))
        let pending = try await store.setSilence(
            Fixtures.silence(
                matchers: [Fixtures.matcher("team", .notEqual, "x")], startsAt: now.addingTimeInterval(600),
                endsAt: now.addingTimeInterval(7200), createdBy: "tocsin", comment: "later"))
        try await store.logNotification(
            receiver: NotificationReceiver(groupName: "null", integration: "webhook", idx: 0),
            groupKey: GroupKey(rawValue: "{}:{alertname=\"A\"}"), firingAlerts: [1], resolvedAlerts: [], expiry: 0)
        try await store.close()

        let alertmanager = try await AlertmanagerProcess(storagePath: directory.path)
        let (body, status) = try await alertmanager.request("GET", "/api/v2/silences")
        #expect(status == 200)
        let silences = try #require(try JSONSerialization.jsonObject(with: body) as? [[String: Any]])
        let byID = Dictionary(uniqueKeysWithValues: silences.map { ($0["id"] as? String ?? "", $0) })
        #expect(Set(byID.keys) == [active, pending])
        let first = try #require(byID[active])
        #expect(first["comment"] as? String == "from tocsin")
        #expect(first["createdBy"] as? String == "tocsin")
        #expect((first["status"] as? [String: Any])?["state"] as? String == "active")
        let matchers = try #require(first["matchers"] as? [[String: Any]])
        #expect(matchers.count == 2)
        #expect(matchers[1]["name"] as? String == "env")
        #expect(matchers[1]["value"] as? String == "prod|stage")
        #expect(matchers[1]["isRegex"] as? Bool == true)
        let second = try #require(byID[pending])
        #expect((second["status"] as? [String: Any])?["state"] as? String == "pending")
        #expect((second["matchers"] as? [[String: Any]])?.first?["isEqual"] as? Bool == false)
        await alertmanager.stop()
        directory.remove()
    }

    @Test func tocsinLoadsAlertmanagersSnapshot() async throws {
        let directory = TemporaryDirectory()
        var created: [String: String] = [:]
        do {
            let alertmanager = try await AlertmanagerProcess(storagePath: directory.path)
            let formatter = ISO8601DateFormatter()
            for (name, comment) in [("svc", "first"), ("host", "second")] {
                let body: [String: Any] = [
                    "matchers": [["name": name, "value": "v.*", "isRegex": true, "isEqual": true]],
                    "startsAt": formatter.string(from: Date()),
                    "endsAt": formatter.string(from: Date().addingTimeInterval(3600)),
                    "createdBy": "amtool", "comment": comment,
                ]
                let (response, status) = try await alertmanager.request(
                    "POST", "/api/v2/silences", body: try JSONSerialization.data(withJSONObject: body))
                #expect(status == 200)
                let id = try #require(
                    (try JSONSerialization.jsonObject(with: response) as? [String: Any])?["silenceID"] as? String)
                created[id] = comment
            }
            await alertmanager.stop()
        }
        let store = try StateStore(configuration: StateStoreConfiguration(directory: directory.path))
        #expect(store.recovery.silencesFromSnapshot == 2)
        let silences = await store.querySilences(SilenceQuery(states: [.active]))
        #expect(Dictionary(uniqueKeysWithValues: silences.map { ($0.id, $0.comment) }) == created)
        #expect(silences.allSatisfy { $0.createdBy == "amtool" && $0.matchers.first?.type == .regexp })
        #expect(await store.mutes(["svc": "value"]).isMuted)
        try await store.close()
        directory.remove()
    }
}
