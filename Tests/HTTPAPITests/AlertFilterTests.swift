import Foundation
import Testing
import TocsinDispatch
import TocsinModel

@testable import HTTPAPI

@Suite struct AlertFilterTests {
    static let active = AlertMarkerStatus(silencedBy: [], inhibitedBy: [])
    static let silenced = AlertMarkerStatus(silencedBy: ["s"], inhibitedBy: [])
    static let now = Date()
    static let firing = Alert(labels: ["alertname": "Disk", "team": "ops"], endsAt: now.addingTimeInterval(60))

    func filter(_ filters: [String] = [], receiver: String? = nil, active: String? = nil, silenced: String? = nil) throws -> AlertFilter {
        try AlertFilter(filters: filters, receiver: receiver, active: active, silenced: silenced, inhibited: nil)
    }

    @Test func emptyValueMatchersFollowMatchFilterLabels() throws {
        // api/v2 matchFilterLabels: `x=""` passes when x is missing, `team!=""` when team is present.
        #expect(try filter(["x=\"\""]).includes(Self.firing, status: Self.active, receivers: ["r"], at: Self.now))
        #expect(try filter(["team!=\"\""]).includes(Self.firing, status: Self.active, receivers: ["r"], at: Self.now))
        #expect(try !filter(["team=\"dev\""]).includes(Self.firing, status: Self.active, receivers: ["r"], at: Self.now))
    }

    @Test func stateFlagsUseGoBooleansAndResolvedAlertsAreNeverListed() throws {
        #expect(try !filter(active: "maybe").includes(Self.firing, status: Self.active, receivers: [], at: Self.now))
        #expect(try filter(active: "Yes").includes(Self.firing, status: Self.active, receivers: [], at: Self.now))
        #expect(try !filter(silenced: "false").includes(Self.firing, status: Self.silenced, receivers: [], at: Self.now))
        let resolved = Alert(labels: ["alertname": "Old"], endsAt: Self.now.addingTimeInterval(-1))
        #expect(try !filter().includes(resolved, status: Self.active, receivers: [], at: Self.now))
    }

    @Test func receiverIsAnAnchoredRegexAndBadInputGetsAlertmanagersMessages() throws {
        #expect(try filter(receiver: "te.*").includes(Self.firing, status: Self.active, receivers: ["x", "team"], at: Self.now))
        #expect(try !filter(receiver: "ea").includes(Self.firing, status: Self.active, receivers: ["team"], at: Self.now))
        // Alertmanager compiles the anchored pattern, so its error quotes that.
        #expect(throws: APIError.handler(.badRequest, "failed to parse receiver param: error parsing regexp: missing closing ): `^(?:()$`"))
        {
            try filter(receiver: "(")
        }
        #expect(throws: APIError.self) { try filter(["nonsense"]) }
    }
}
