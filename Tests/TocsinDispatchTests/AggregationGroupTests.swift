import Foundation
import Testing
import TocsinConfig
import TocsinDispatch
import TocsinModel

@Suite struct AggregationGroupTests {
    func makeGroup(at now: Date = at(0)) throws -> AggregationGroup {
        let config = try loadConfig(
            """
            route: {receiver: r, group_by: [alertname], group_wait: 1s, group_interval: 5s, repeat_interval: 1h}
            receivers: [{name: r}]
            """)
        let route = Route(config: config)
        let labels: LabelSet = ["alertname": "a"]
        return AggregationGroup(id: GroupID(routeIndex: 0, fingerprint: labels.fingerprint), labels: labels, route: route, at: now)
    }

    func alert(_ instance: String, start: Double, end: Double? = nil, receivedAt: Double) -> Alert {
        posted(["alertname": "a", "instance": instance], start: start, end: end).ingested(at: at(receivedAt), resolveTimeout: 300)
    }

    @Test func firstTickAfterGroupWaitThenEveryGroupInterval() throws {
        var group = try makeGroup()
        #expect(group.key.rawValue == #"{}:{alertname="a"}"#)
        #expect(group.nextTick == at(1))
        #expect(group.insert(alert("i1", start: 0, receivedAt: 0), at: at(0)) == nil)
        guard case .flush(let flush, let next) = group.tick(at: at(1), sequence: 1) else {
            Issue.record("expected a flush")
            return
        }
        #expect(next == at(6))
        #expect(flush.alerts.count == 1)
        #expect(flush.alerts[0].endsAt == nil)
        #expect(group.hasFlushed)
        _ = group.completeFlush(1, succeeded: true, at: at(1.1))
        // Still holds the firing alert, so the next tick flushes it again; dedup is the notifier's job.
        guard case .flush(let again, let after) = group.tick(at: at(6), sequence: 2) else {
            Issue.record("expected a flush")
            return
        }
        #expect(again.alerts.count == 1)
        #expect(after == at(11))
    }

    @Test func alertOlderThanGroupWaitFlushesAtOnceOnlyBeforeFirstFlush() throws {
        var group = try makeGroup(at: at(10))
        #expect(group.insert(alert("i1", start: 9, receivedAt: 10), at: at(10)) == nil, "exactly group_wait old is not older")
        #expect(group.insert(alert("i2", start: 8.9, receivedAt: 10), at: at(10)) == at(10))
        #expect(group.nextTick == at(10))
        _ = group.tick(at: at(10), sequence: 1)
        #expect(group.insert(alert("i3", start: 0, receivedAt: 10.5), at: at(10.5)) == nil)
        #expect(group.nextTick == at(15))
    }

    @Test func successfulFlushDropsResolvedAlertsUnlessResent() throws {
        var group = try makeGroup()
        _ = group.insert(alert("firing", start: 0, receivedAt: 0), at: at(0))
        _ = group.insert(alert("resolved", start: 0, end: 0.5, receivedAt: 0), at: at(0))
        _ = group.insert(alert("resent", start: 0, end: 0.5, receivedAt: 0), at: at(0))
        guard case .flush(let flush, _) = group.tick(at: at(1), sequence: 7) else {
            Issue.record("expected a flush")
            return
        }
        #expect(flush.alerts.map { $0.labels.value(of: "instance") } == ["firing", "resent", "resolved"])
        #expect(flush.alerts[0].endsAt == nil)
        #expect(flush.alerts[2].endsAt == at(0.5))
        _ = group.insert(alert("resent", start: 0, end: 0.5, receivedAt: 1.5), at: at(1.5))
        #expect(group.completeFlush(99, succeeded: true, at: at(2)) == nil)
        #expect(group.alerts.count == 3, "an acknowledgement of another flush changes nothing")
        #expect(group.completeFlush(7, succeeded: true, at: at(2)) == nil)
        #expect(group.alerts.values.map { $0.labels.value(of: "instance") }.sorted() == ["firing", "resent"])
    }

    @Test func failedFlushKeepsResolvedAlertsForTheNextTick() throws {
        var group = try makeGroup()
        _ = group.insert(alert("resolved", start: 0, end: 0.5, receivedAt: 0), at: at(0))
        _ = group.tick(at: at(1), sequence: 1)
        _ = group.completeFlush(1, succeeded: false, at: at(2))
        guard case .flush(let retry, _) = group.tick(at: at(6), sequence: 2) else {
            Issue.record("expected the resolved alert to be flushed again")
            return
        }
        #expect(retry.alerts.count == 1)
        _ = group.completeFlush(2, succeeded: true, at: at(6.5))
        #expect(group.isEmpty)
        #expect(group.tick(at: at(11), sequence: 3) == .idle(nextTick: at(16)))
    }

    @Test func tickDueDuringAFlushWaitsForIt() throws {
        var group = try makeGroup()
        _ = group.insert(alert("i1", start: 0, receivedAt: 0), at: at(0))
        _ = group.tick(at: at(1), sequence: 1)
        #expect(group.isFlushing)
        #expect(group.tick(at: at(6), sequence: 2) == .deferred)
        #expect(group.nextTick == nil)
        #expect(group.completeFlush(1, succeeded: true, at: at(8)) == at(8))
        guard case .flush(_, let next) = group.tick(at: at(8), sequence: 3) else {
            Issue.record("expected the deferred tick to flush")
            return
        }
        #expect(next == at(13))
    }
}
