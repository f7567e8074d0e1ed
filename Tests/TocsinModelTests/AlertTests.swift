import Foundation
import Testing
import TocsinModel

@Suite struct AlertTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func ingestionFillsMissingTimesFromResolveTimeout() {
        let posted = Alert(labels: ["alertname": "A", "empty": ""])
        let ingested = posted.ingested(at: now, resolveTimeout: 300)
        #expect(ingested.startsAt == now)
        #expect(ingested.endsAt == now.addingTimeInterval(300))
        #expect(ingested.timeout)
        #expect(ingested.updatedAt == now)
        #expect(ingested.labels == ["alertname": "A"])
    }

    @Test func ingestionStartsAtEndWhenOnlyEndIsGiven() {
        let end = now.addingTimeInterval(-60)
        let ingested = Alert(labels: ["alertname": "A"], endsAt: end).ingested(at: now, resolveTimeout: 300)
        #expect(ingested.startsAt == end)
        #expect(ingested.endsAt == end)
        #expect(!ingested.timeout)
        #expect(ingested.status(at: now) == .resolved)
    }

    @Test func ingestionKeepsGivenTimes() {
        let start = now.addingTimeInterval(-10)
        let end = now.addingTimeInterval(10)
        let ingested = Alert(labels: ["a": "b"], startsAt: start, endsAt: end).ingested(at: now, resolveTimeout: 300)
        #expect(ingested.startsAt == start)
        #expect(ingested.endsAt == end)
        #expect(!ingested.timeout)
    }

    @Test func validationMessagesAndOrderFollowAlertmanager() {
        func message(_ alert: Alert) -> String? {
            do {
                try alert.validate()
                return nil
            } catch {
                return error.description
            }
        }
        #expect(message(Alert(labels: ["a-b": "x"])) == "start time missing")
        #expect(
            message(Alert(labels: ["a": "x"], startsAt: now, endsAt: now.addingTimeInterval(-1)))
                == "start time must be before end time")
        #expect(message(Alert(labels: ["a-b": "x"], startsAt: now)) == #"invalid label set: invalid name "a-b""#)
        #expect(message(Alert(labels: [:], startsAt: now)) == "at least one label pair required")
        #expect(
            message(Alert(labels: ["a": "x"], annotations: ["sum-mary": "s"], startsAt: now))
                == #"invalid annotations: invalid name "sum-mary""#)
        #expect(message(Alert(labels: ["a": "x"], startsAt: now, endsAt: now)) == nil)
        #expect(message(Alert(labels: ["1a": "x"], startsAt: now)) == #"invalid label set: invalid name "1a""#)
    }

    @Test func resolvedWhenEndIsNotAfterNow() {
        let alert = Alert(labels: ["a": "b"], startsAt: now, endsAt: now)
        #expect(alert.isResolved(at: now))
        #expect(!alert.isResolved(at: now.addingTimeInterval(-1)))
        #expect(!Alert(labels: ["a": "b"], startsAt: now).isResolved(at: now))
        let firing = Alert(labels: ["a": "b"], startsAt: now, endsAt: now.addingTimeInterval(300), timeout: true)
        let resolved = firing.resolved(at: now.addingTimeInterval(5))
        #expect(resolved.endsAt == now.addingTimeInterval(5))
        #expect(!resolved.timeout)
        #expect(resolved.status(at: now.addingTimeInterval(5)) == .resolved)
        #expect(firing.status(at: now) == .firing)
    }

    @Test func identityComesFromLabels() {
        let alert = Alert(labels: ["alertname": "A"], annotations: ["x": "y"])
        #expect(alert.fingerprint.description == "d2c6efc389df0927")
        #expect(alert.hash == 0xf7b1_08d0_4c3b_55fc)
        #expect(alert.name == "A")
    }

    @Test func mergeKeepsEarliestStartAndNewestContent() {
        let old = Alert(
            labels: ["a": "b"], annotations: ["v": "old"], startsAt: now.addingTimeInterval(-100),
            endsAt: now.addingTimeInterval(200), updatedAt: now.addingTimeInterval(-50), timeout: true)
        let new = Alert(
            labels: ["a": "b"], annotations: ["v": "new"], startsAt: now.addingTimeInterval(-10),
            endsAt: now.addingTimeInterval(100), updatedAt: now, timeout: true)
        #expect(old.overlaps(withNewer: new))
        for merged in [old.merged(with: new, at: now), new.merged(with: old, at: now)] {
            #expect(merged.annotations == ["v": "new"])
            #expect(merged.startsAt == now.addingTimeInterval(-100))
            // The older end was invented by resolve_timeout, so it does not override.
            #expect(merged.endsAt == now.addingTimeInterval(100))
        }
        var explicit = old
        explicit.timeout = false
        #expect(explicit.merged(with: new, at: now).endsAt == now.addingTimeInterval(200))
    }

    @Test func mergeOfResolvedKeepsLatestResolution() {
        let old = Alert(
            labels: ["a": "b"], startsAt: now.addingTimeInterval(-100), endsAt: now.addingTimeInterval(-5),
            updatedAt: now.addingTimeInterval(-1))
        let new = Alert(
            labels: ["a": "b"], startsAt: now.addingTimeInterval(-100), endsAt: now.addingTimeInterval(-20),
            updatedAt: now)
        #expect(old.merged(with: new, at: now).endsAt == now.addingTimeInterval(-5))
        let firingOld = Alert(
            labels: ["a": "b"], startsAt: now.addingTimeInterval(-100), endsAt: now.addingTimeInterval(50),
            updatedAt: now.addingTimeInterval(-1))
        #expect(firingOld.merged(with: new, at: now).endsAt == now.addingTimeInterval(-20))
    }

    @Test func reFireAfterResolutionDoesNotOverlap() {
        let old = Alert(labels: ["a": "b"], startsAt: now.addingTimeInterval(-100), endsAt: now.addingTimeInterval(-50))
        let new = Alert(labels: ["a": "b"], startsAt: now, endsAt: now.addingTimeInterval(300))
        #expect(!old.overlaps(withNewer: new))
    }
}
