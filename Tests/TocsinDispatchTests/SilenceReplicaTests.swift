import Foundation
import Testing
import TocsinDispatch
import TocsinModel

/// The replica answers through an index; a full scan of the same silences (`SilenceList`) is the oracle.
@Suite struct SilenceReplicaTests {
    static func silence(_ id: String, _ matchers: String, from start: Double = 0, to end: Double = 100) throws -> Silence {
        Silence(
            id: id, matchers: try Matchers(parsing: matchers), startsAt: at(start), endsAt: at(end), updatedAt: at(0),
            createdBy: "test", comment: "")
    }

    /// Silences of every shape the index files differently: equality, literal alternation, prefix, and the
    /// ones it cannot file (negative, empty value, general regex), plus pending and expired ones.
    static func silences() throws -> [Silence] {
        [
            try silence("eq-instance", #"{instance="host-1"}"#),
            try silence("eq-two", #"{alertname="Down",instance="host-2"}"#),
            try silence("alternation", #"{alertname=~"Down|Up"}"#),
            try silence("prefix", #"{instance=~"host-1.*"}"#),
            try silence("negative", #"{job!="api"}"#),
            try silence("empty", #"{team=""}"#),
            try silence("regex", #"{instance=~"h.st-[0-9]"}"#),
            try silence("pending", #"{instance="host-1"}"#, from: 50),
            try silence("expired", #"{instance="host-1"}"#, to: 5),
        ]
    }

    static let alerts: [LabelSet] = [
        ["alertname": "Down", "instance": "host-1", "job": "api", "team": "a"],
        ["alertname": "Down", "instance": "host-2", "job": "api", "team": "a"],
        ["alertname": "Up", "instance": "host-10", "job": "api", "team": "a"],
        ["alertname": "Other", "instance": "host-3", "job": "db", "team": "a"],
        ["alertname": "Other", "instance": "other", "job": "api"],
        ["alertname": "Other", "instance": "host-1x", "job": "api", "team": "b"],
    ]

    /// The ids are sorted, as Alertmanager's `Silencer.Mutes` sorts them (a full scan answers in list order).
    @Test func agreesWithAFullScan() throws {
        let silences = try Self.silences()
        var replica = SilenceReplica()
        silences.forEach { replica.upsert($0) }
        let scan = SilenceList(silences)
        for labels in Self.alerts {
            for instant in [at(10), at(60), at(200)] {
                #expect(replica.silencedBy(labels, at: instant) == scan.silencedBy(labels, at: instant).sorted(), "\(labels) at \(instant)")
            }
        }
        #expect(replica.silencedBy(Self.alerts[0], at: at(10)) == ["alternation", "eq-instance", "prefix", "regex"])
        #expect(replica.silencedBy(Self.alerts[4], at: at(10)) == ["empty"])
        #expect(replica.silencedBy(Self.alerts[0], at: at(60)) == ["alternation", "eq-instance", "pending", "prefix", "regex"])
    }

    @Test func updatesAndRemovalsChangeTheAnswer() throws {
        var replica = SilenceReplica()
        replica.upsert(try Self.silence("s", #"{instance="host-1"}"#))
        #expect(replica.silencedBy(Self.alerts[0], at: at(10)) == ["s"])
        // A new version with other matchers is filed anew; the old filing must not linger.
        replica.upsert(try Self.silence("s", #"{instance="host-2"}"#))
        #expect(replica.silencedBy(Self.alerts[0], at: at(10)).isEmpty)
        #expect(replica.silencedBy(Self.alerts[1], at: at(10)) == ["s"])
        #expect(replica["s"]?.matchers.description == #"{instance="host-2"}"#)
        #expect(replica.count == 1)
        replica.remove("s")
        #expect(replica.silencedBy(Self.alerts[1], at: at(10)).isEmpty)
        #expect(replica["s"] == nil)
        #expect(replica.count == 0)
    }
}
