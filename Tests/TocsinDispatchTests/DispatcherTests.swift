import Foundation
import Testing
import TocsinConfig
import TocsinDispatch
import TocsinModel

/// Alertmanager 0.25's acceptance scenarios (test/with_api_v2/acceptance, see the behaviour reference §9.2)
/// replayed on a manual clock, plus the dispatcher's own rules.
@Suite struct DispatcherTests {
    static func config(groupBy: String, wait: String, interval: String, repeatInterval: String, extra: String = "") -> String {
        """
        global: {resolve_timeout: 10s}
        route:
          receiver: default
          group_by: \(groupBy)
          group_wait: \(wait)
          group_interval: \(interval)
          repeat_interval: \(repeatInterval)
        receivers:
        - name: default
        \(extra)
        """
    }

    @Test func batching() throws {
        var harness = try DispatcherHarness(Self.config(groupBy: "[]", wait: "1s", interval: "1s", repeatInterval: "4900ms"))
        try harness.post(posted(["alertname": "test1"], start: 1), at: 1.1)
        try harness.post(posted(["alertname": "test5"], start: 1), at: 1.7)
        try harness.post(
            posted(["alertname": "test2"], start: 1.5), posted(["alertname": "test3"], start: 1.5),
            posted(["alertname": "test4"], start: 1.6), at: 3.3)
        harness.run(until: 9.9)
        let times = harness.sent.map { ($0.time * 10).rounded() / 10 }
        #expect(times == [2.1, 4.1, 9.1])
        #expect(harness.batch(at: 2.1) == ["test1(1)", "test5(1)"])
        #expect(harness.batch(at: 4.1) == ["test1(1)", "test2(1.5)", "test3(1.5)", "test4(1.6)", "test5(1)"])
        #expect(harness.batch(at: 9.1)?.count == 5)
    }

    @Test func repeatThenResolved() throws {
        var harness = try DispatcherHarness(Self.config(groupBy: "[alertname]", wait: "1s", interval: "1s", repeatInterval: "1ms"))
        try harness.post(posted(["alertname": "test"], start: 1), at: 1)
        try harness.post(posted(["alertname": "test"], start: 1, end: 3), at: 3.5)
        harness.run(until: 8)
        #expect(harness.sent.map(\.time) == [2, 3, 4])
        #expect(harness.batch(at: 3) == ["test(1)"])
        #expect(harness.batch(at: 4) == ["test(1,3)"])
        let allEmpty = harness.dispatcher.groups.values.allSatisfy(\.isEmpty)
        #expect(allEmpty, "the resolved alert left the group after the flush")
    }

    @Test func resolvedByResolveTimeout() throws {
        var harness = try DispatcherHarness(Self.config(groupBy: "[alertname]", wait: "1s", interval: "5s", repeatInterval: "4h"))
        try harness.post(
            posted(["alertname": "test", "lbl": "v1"]), posted(["alertname": "test", "lbl": "v2"]),
            posted(["alertname": "test", "lbl": "v3"]), at: 1)
        harness.run(until: 13)
        #expect(harness.sent.map(\.time) == [2, 12])
        #expect(harness.batch(at: 2) == ["test/v1(1)", "test/v2(1)", "test/v3(1)"])
        #expect(harness.batch(at: 12) == ["test/v1(1,11)", "test/v2(1,11)", "test/v3(1,11)"])
        #expect(harness.jobs.map(\.time) == [2, 7, 12], "the tick at 7 produced a job that dedup dropped")
    }

    static let inhibitRule = """
        inhibit_rules:
        - source_match: {alertname: JobDown}
          target_match: {alertname: InstanceDown}
          equal: [job, zone]
        """

    @Test func inhibiting() throws {
        var harness = try DispatcherHarness(
            Self.config(groupBy: "[]", wait: "1s", interval: "1s", repeatInterval: "1s", extra: Self.inhibitRule))
        try harness.post(
            posted(["alertname": "test1", "job": "testjob", "zone": "aa"], start: 1),
            posted(["alertname": "InstanceDown", "job": "testjob", "zone": "aa"], start: 1),
            posted(["alertname": "InstanceDown", "job": "testjob", "zone": "ab"], start: 1), at: 1)
        try harness.post(posted(["alertname": "JobDown", "job": "testjob", "zone": "aa"], start: 2.2), at: 2.2)
        try harness.post(posted(["alertname": "JobDown", "job": "testjob", "zone": "aa"], start: 2.2, end: 3.6), at: 3.6)
        harness.run(until: 4.5)
        #expect(harness.batch(at: 2) == ["InstanceDown/aa(1)", "InstanceDown/ab(1)", "test1/aa(1)"])
        #expect(harness.batch(at: 3) == ["InstanceDown/ab(1)", "JobDown/aa(2.2)", "test1/aa(1)"])
        #expect(harness.batch(at: 4) == ["InstanceDown/aa(1)", "InstanceDown/ab(1)", "JobDown/aa(2.2,3.6)", "test1/aa(1)"])
        let inhibited: LabelSet = ["alertname": "InstanceDown", "job": "testjob", "zone": "aa"]
        #expect(harness.dispatcher.marker.status(of: inhibited.fingerprint).state == .active, "no longer inhibited at 4")
    }

    @Test func alwaysInhibiting() throws {
        var harness = try DispatcherHarness(
            Self.config(groupBy: "[]", wait: "1s", interval: "1s", repeatInterval: "1s", extra: Self.inhibitRule))
        try harness.post(
            posted(["alertname": "InstanceDown", "job": "testjob", "zone": "aa"], start: 1),
            posted(["alertname": "JobDown", "job": "testjob", "zone": "aa"], start: 1), at: 1)
        harness.run(until: 2)
        let target: LabelSet = ["alertname": "InstanceDown", "job": "testjob", "zone": "aa"]
        let source: LabelSet = ["alertname": "JobDown", "job": "testjob", "zone": "aa"]
        #expect(harness.dispatcher.marker.status(of: target.fingerprint).inhibitedBy == [source.fingerprint.description])
        #expect(harness.dispatcher.marker.status(of: target.fingerprint).state == .suppressed)
        try harness.post(
            posted(["alertname": "InstanceDown", "job": "testjob", "zone": "aa"], start: 1, end: 2.6),
            posted(["alertname": "JobDown", "job": "testjob", "zone": "aa"], start: 1, end: 2.6), at: 2.6)
        harness.run(until: 3.5)
        #expect(harness.sent.map(\.time) == [2, 3])
        #expect(harness.batch(at: 2) == ["JobDown/aa(1)"])
        #expect(harness.batch(at: 3) == ["InstanceDown/aa(1,2.6)", "JobDown/aa(1,2.6)"])
    }

    static func silence(_ matchers: String, from start: Double, to end: Double) throws -> Silence {
        Silence(
            id: "s-\(start)", matchers: try Matchers(parsing: matchers), startsAt: at(start), endsAt: at(end),
            updatedAt: at(start), createdBy: "test", comment: "")
    }

    @Test func silencing() throws {
        var harness = try DispatcherHarness(Self.config(groupBy: "[]", wait: "1s", interval: "1s", repeatInterval: "1ms"))
        try harness.post(posted(["alertname": "test1"], start: 1), posted(["alertname": "test2"], start: 1), at: 1)
        harness.run(until: 2.3)
        let silence = try Self.silence(#"{alertname="test1"}"#, from: 2.5, to: 4.5)
        harness.dispatcher.silences = SilenceList([silence])
        harness.run(until: 5.5)
        #expect(harness.batch(at: 2) == ["test1(1)", "test2(1)"])
        #expect(harness.batch(at: 3) == ["test2(1)"])
        #expect(harness.batch(at: 4) == ["test2(1)"])
        #expect(harness.batch(at: 5) == ["test1(1)", "test2(1)"])
    }

    @Test func silenceDelete() throws {
        var harness = try DispatcherHarness(Self.config(groupBy: "[]", wait: "1s", interval: "1s", repeatInterval: "1ms"))
        try harness.post(posted(["alertname": "test1"], start: 1), posted(["alertname": "test2"], start: 1), at: 1)
        harness.run(until: 1.3)
        var silence = try Self.silence(#"{alertname=~".+"}"#, from: 1.5, to: 100)
        harness.dispatcher.silences = SilenceList([silence])
        harness.run(until: 3.5)
        let test1: LabelSet = ["alertname": "test1"]
        #expect(harness.dispatcher.marker.status(of: test1.fingerprint).silencedBy == [silence.id])
        silence.endsAt = at(3.5)
        harness.dispatcher.silences = SilenceList([silence])
        harness.run(until: 4.5)
        #expect(harness.sent.map(\.time) == [4])
        #expect(harness.batch(at: 4) == ["test1(1)", "test2(1)"])
        #expect(harness.dispatcher.marker.status(of: test1.fingerprint).state == .active)
    }

    @Test func reloadRestartsTimers() throws {
        let text = Self.config(groupBy: "[]", wait: "1s", interval: "6s", repeatInterval: "10m")
        var harness = try DispatcherHarness(text)
        try harness.post(posted(["alertname": "test1"], start: 1), at: 1)
        harness.run(until: 3)
        harness.dispatcher.reload(try loadConfig(text), at: at(3))
        try harness.post(posted(["alertname": "test2"], start: 4), at: 4)
        harness.run(until: 10)
        #expect(harness.sent.map(\.time) == [2, 9])
        #expect(harness.batch(at: 9) == ["test1(1)", "test2(4)"])
        #expect(harness.jobs.map(\.time) == [2, 3, 9], "the re-ingested old alert flushed at once at the reload")
    }

    @Test func continueSendsOneJobPerMatchingRoute() throws {
        var harness = try DispatcherHarness(
            """
            route:
              receiver: default
              group_wait: 1s
              routes:
              - {receiver: pager, matchers: ['severity="critical"'], continue: true}
              - {receiver: team, matchers: ['team="db"']}
              - {receiver: never, matchers: ['team="db"']}
            receivers: [{name: default}, {name: pager}, {name: team}, {name: never}]
            """)
        try harness.post(posted(["alertname": "a", "severity": "critical", "team": "db"], start: 0), at: 0)
        try harness.post(posted(["alertname": "b", "team": "web"], start: 0), at: 0)
        harness.run(until: 1)
        let receivers = harness.jobs.map(\.job.receiver).sorted()
        #expect(receivers == ["default", "pager", "team"])
        let keys = Set(harness.jobs.map(\.job.groupKey.rawValue))
        #expect(keys.contains(#"{}/{severity="critical"}:{}"#))
        #expect(keys.contains(#"{}/{team="db"}:{}"#))
    }

    @Test func groupByEverythingMakesOneGroupPerAlert() throws {
        var harness = try DispatcherHarness(Self.config(groupBy: "['...']", wait: "1s", interval: "1s", repeatInterval: "1h"))
        try harness.post(
            posted(["alertname": "a", "instance": "1"]), posted(["alertname": "a", "instance": "2"]),
            posted(["alertname": "b"]), at: 0)
        harness.run(until: 1)
        #expect(harness.jobs.count == 3)
        #expect(harness.jobs.allSatisfy { $0.job.alerts.count == 1 && $0.job.groupLabels == $0.job.alerts[0].labels })
        #expect(harness.jobs.contains { $0.job.groupKey.rawValue == #"{}:{alertname="a", instance="2"}"# })
    }

    static let intervals = """
        time_intervals:
        - name: evening
          time_intervals: [{times: [{start_time: '22:00', end_time: '23:00'}]}]
        - name: morning
          time_intervals: [{times: [{start_time: '06:00', end_time: '07:00'}]}]
        """

    // The tests' epoch, 1_700_000_000, is Tuesday 2023-11-14 22:13:20 UTC.
    @Test func muteTimeIntervalDropsEverythingAndCountsAsSuccess() throws {
        var harness = try DispatcherHarness(
            """
            route:
              receiver: default
              group_wait: 1s
              group_interval: 1s
              routes: [{receiver: muted, matchers: ['team="x"'], mute_time_intervals: [evening]}]
            receivers: [{name: default}, {name: muted}]
            \(Self.intervals)
            """)
        try harness.post(posted(["alertname": "a", "team": "x"], start: 0, end: 0.5), posted(["alertname": "b"], start: 0), at: 0)
        harness.run(until: 1)
        #expect(harness.jobs.map(\.job.receiver) == ["default"])
        let muted = harness.dispatcher.groups.values.first { $0.receiver == "muted" }
        #expect(muted?.isEmpty == true, "the muted flush succeeded, so its resolved alert was dropped")
    }

    @Test func activeTimeIntervalDropsEverythingOutsideIt() throws {
        var harness = try DispatcherHarness(
            """
            route:
              receiver: default
              group_wait: 1s
              routes:
              - {receiver: day, matchers: ['team="x"'], active_time_intervals: [morning], continue: true}
              - {receiver: night, matchers: ['team="x"'], active_time_intervals: [morning, evening]}
            receivers: [{name: default}, {name: day}, {name: night}]
            \(Self.intervals)
            """)
        try harness.post(posted(["alertname": "a", "team": "x"], start: 0), at: 0)
        harness.run(until: 1)
        #expect(harness.jobs.map(\.job.receiver) == ["night"])
    }

    @Test func failedDeliveryKeepsResolvedAlertsAndRetriesAtNextInterval() throws {
        var harness = try DispatcherHarness(Self.config(groupBy: "[]", wait: "1s", interval: "2s", repeatInterval: "1h"))
        var failures = 1
        harness.succeeds = { _ in
            defer { failures -= 1 }
            return failures <= 0
        }
        try harness.post(posted(["alertname": "a"], start: 0, end: 0.5), at: 0)
        harness.run(until: 6)
        #expect(harness.jobs.map(\.time) == [1, 3])
        #expect(harness.jobs.allSatisfy { $0.job.alerts.count == 1 })
        let allEmpty = harness.dispatcher.groups.values.allSatisfy(\.isEmpty)
        #expect(allEmpty)
    }

    @Test func jobCarriesRouteOptionsAndDeadline() throws {
        var harness = try DispatcherHarness(Self.config(groupBy: "[alertname]", wait: "1s", interval: "3s", repeatInterval: "2h"))
        try harness.post(posted(["alertname": "a", "job": "j"], start: 0, end: 100), at: 0)
        harness.run(until: 1)
        let job = try #require(harness.jobs.first?.job)
        #expect(job.receiver == "default")
        #expect(job.groupLabels == ["alertname": "a"])
        #expect(job.repeatInterval == PrometheusDuration(seconds: 7200))
        #expect(job.flushedAt == at(1))
        #expect(job.deadline == at(11), "max(group_interval, 10s) after the tick")
        #expect(job.alerts.first?.endsAt == nil, "a firing alert is sent without its endsAt")
    }

    @Test func slowDeliveryDefersTheNextTick() throws {
        var dispatcher = Dispatcher(
            config: try loadConfig(Self.config(groupBy: "[]", wait: "1s", interval: "1s", repeatInterval: "1h")), at: at(0))
        try dispatcher.ingest(posted(["alertname": "a"], start: 0), at: at(0))
        let first = dispatcher.advance(to: at(1))
        #expect(first.count == 1)
        #expect(dispatcher.advance(to: at(2)).isEmpty, "the tick at 2 waits for the flush in flight")
        dispatcher.acknowledge(first[0].id, succeeded: true, at: at(2.5))
        #expect(dispatcher.nextDeadline == at(2.5))
        let second = dispatcher.advance(to: at(2.5))
        #expect(second.map(\.flushedAt) == [at(2.5)])
    }

    @Test func unacknowledgedFlushFailsAtItsDeadline() throws {
        var dispatcher = Dispatcher(
            config: try loadConfig(Self.config(groupBy: "[]", wait: "1s", interval: "2s", repeatInterval: "1h")), at: at(0))
        try dispatcher.ingest(posted(["alertname": "a"], start: 0, end: 0.5), at: at(0))
        let first = dispatcher.advance(to: at(1))
        #expect(first.first?.deadline == at(11))
        #expect(dispatcher.advance(to: at(10.9)).isEmpty, "ticks wait for the flush in flight")
        let retried = dispatcher.advance(to: at(11))
        #expect(retried.map { names($0.alerts) } == [["a"]], "the deadline failed the flush and released the tick")
        dispatcher.acknowledge(first[0].id, succeeded: true, at: at(11.5))
        #expect(dispatcher.groups.values.first?.flushInFlight == retried.first?.id.sequence, "a late outcome is ignored")
        dispatcher.acknowledge(retried[0].id, succeeded: true, at: at(11.5))
        #expect(dispatcher.groups.values.first?.isEmpty == true)
    }

    @Test func reloadDiscardsTheFlushInFlight() throws {
        let config = try loadConfig(Self.config(groupBy: "[]", wait: "1s", interval: "5s", repeatInterval: "1h"))
        var dispatcher = Dispatcher(config: config, at: at(0))
        try dispatcher.ingest(posted(["alertname": "a"], start: 0, end: 0.5), at: at(0))
        let jobs = dispatcher.advance(to: at(1))
        #expect(jobs.count == 1)
        dispatcher.reload(config, at: at(2))
        dispatcher.acknowledge(jobs[0].id, succeeded: true, at: at(2))
        let group = try #require(dispatcher.groups.values.first)
        #expect(group.alerts.count == 1, "the stale acknowledgement did not touch the new group")
        #expect(group.nextTick == at(2), "the re-ingested alert is older than group_wait")
        let again = dispatcher.advance(to: at(2))
        #expect(again.map { names($0.alerts) } == [["a"]])
    }

    @Test func putAcceptsAlreadyIngestedAlertsFromAReplay() throws {
        var dispatcher = Dispatcher(config: try loadConfig(Self.config(groupBy: "[]", wait: "1s", interval: "5s", repeatInterval: "1h")), at: at(0))
        let replayed = posted(["alertname": "a"], start: -100).ingested(at: at(-50), resolveTimeout: 300)
        dispatcher.put(replayed, at: at(0))
        #expect(dispatcher.store.count == 1)
        #expect(dispatcher.nextDeadline == at(0), "an alert older than group_wait flushes its new group at once")
        #expect(dispatcher.advance(to: at(0)).first?.alerts.first?.startsAt == at(-100))
    }

    @Test func emptyGroupLingersUntilCleanupThenStartsOver() throws {
        var harness = try DispatcherHarness(Self.config(groupBy: "[]", wait: "10s", interval: "5s", repeatInterval: "1h"))
        try harness.post(posted(["alertname": "a"], start: 0, end: 1), at: 0)
        harness.run(until: 10)
        #expect(harness.jobs.map(\.time) == [10])
        // The group is empty but ticks on; an alert joining it is flushed at its next tick, without group_wait.
        try harness.post(posted(["alertname": "b"], start: 12), at: 12)
        harness.run(until: 15)
        #expect(harness.jobs.map(\.time) == [10, 15])
        try harness.post(posted(["alertname": "b"], start: 12, end: 16), at: 16)
        harness.run(until: 20)
        #expect(harness.dispatcher.groups.count == 1)
        harness.run(until: 30)
        #expect(harness.dispatcher.groups.isEmpty, "the cleanup at 30s deleted the empty group")
        try harness.post(posted(["alertname": "c"], start: 31), at: 31)
        harness.run(until: 40)
        #expect(harness.jobs.map(\.time) == [10, 15, 20], "a new group waits group_wait again")
        harness.run(until: 41)
        #expect(harness.jobs.map(\.time) == [10, 15, 20, 41])
    }

    @Test func garbageCollectionForgetsResolvedAlerts() throws {
        var harness = try DispatcherHarness(Self.config(groupBy: "[]", wait: "1s", interval: "1s", repeatInterval: "1h"))
        try harness.post(posted(["alertname": "old"], start: 0, end: 5), posted(["alertname": "live"], start: 0, end: 10_000), at: 0)
        harness.run(until: 2)
        let old: LabelSet = ["alertname": "old"]
        #expect(harness.dispatcher.marker.status(of: old.fingerprint).state == .active)
        harness.run(until: 1800)
        #expect(harness.dispatcher.store.count == 1)
        #expect(harness.dispatcher.marker.status(of: old.fingerprint).state == .unprocessed)
    }

    @Test func ingestRejectsInvalidAlertsWithAlertmanagersMessage() throws {
        var dispatcher = Dispatcher(config: try loadConfig(Self.config(groupBy: "[]", wait: "1s", interval: "1s", repeatInterval: "1h")), at: at(0))
        #expect(throws: AlertValidationError.self) {
            try dispatcher.ingest(posted(["alertname": "a"], start: 5, end: 1), at: at(0))
        }
        #expect(dispatcher.store.count == 0)
        #expect(dispatcher.groups.isEmpty)
    }

    @Test func refreshStatusEvaluatesInhibitionAndSilences() throws {
        let text = """
            route: {receiver: r, group_wait: 1s}
            receivers: [{name: r}]
            inhibit_rules:
            - {source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: [alertname]}
            """
        var dispatcher = Dispatcher(config: try loadConfig(text), at: at(0))
        let warning: LabelSet = ["alertname": "test1", "severity": "warning"]
        let critical: LabelSet = ["alertname": "test1", "severity": "critical"]
        try dispatcher.ingest(Alert(labels: warning), at: at(0))
        #expect(dispatcher.marker.status(of: warning.fingerprint).state == .unprocessed)
        #expect(dispatcher.refreshStatus(of: warning, at: at(0)).state == .active)
        dispatcher.silences = SilenceList([try Self.silence(#"{alertname="test1"}"#, from: 0, to: 100)])
        try dispatcher.ingest(Alert(labels: critical), at: at(1))
        let status = dispatcher.refreshStatus(of: warning, at: at(2))
        #expect(status.inhibitedBy == [critical.fingerprint.description])
        #expect(status.silencedBy == ["s-0.0"])
        dispatcher.silences = SilenceList()
        #expect(dispatcher.refreshStatus(of: warning, at: at(3)).state == .suppressed)
        #expect(dispatcher.refreshStatus(of: critical, at: at(3)).state == .active)
    }
}
