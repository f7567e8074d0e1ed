import Foundation
import StateStore
import Testing
import TocsinModel

@Suite("Silence index: finds exactly the silences a full scan would")
struct SilenceIndexTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    private func silence(_ id: String, _ matchers: [Matcher], start: TimeInterval = -60, end: TimeInterval = 3600)
        -> Silence
    {
        Silence(
            id: id, matchers: Matchers(matchers), startsAt: now.addingTimeInterval(start),
            endsAt: now.addingTimeInterval(end), updatedAt: now, createdBy: "t", comment: "c")
    }

    @Test func agreesWithFullScanOnMixedMatchers() {
        var silences: [Silence] = []
        for index in 0..<300 {
            var matchers = [Fixtures.matcher("alertname", .equal, "A\(index % 7)")]
            switch index % 7 {
            case 0: matchers.append(Fixtures.matcher("instance", .equal, "i\(index % 11)"))
            case 1: matchers = [Fixtures.matcher("instance", .regexp, "i\(index % 3).*")]
            case 2: matchers.append(Fixtures.matcher("env", .notEqual, "prod"))
            case 3: matchers = [Fixtures.matcher("env", .equal, ""), Fixtures.matcher("job", .notRegexp, "x.*")]
            case 4: matchers = [Fixtures.matcher("instance", .regexp, "i\(index % 11)|i\(index % 5)")]
            case 5: matchers = [Fixtures.matcher("env", .regexp, "de.*"), Fixtures.matcher("instance", .regexp, "i1.*")]
            default: break
            }
            let start: TimeInterval = index % 13 == 0 ? 60 : -60
            let end: TimeInterval = index % 17 == 0 ? -30 : 3600
            silences.append(silence("s\(index)", matchers, start: start, end: end))
        }
        var index = SilenceIndex()
        silences.forEach { index.insert($0) }
        for alert in 0..<200 {
            let labels: LabelSet = [
                "alertname": "A\(alert % 7)", "instance": "i\(alert % 11)", "env": alert % 2 == 0 ? "prod" : "dev",
            ]
            let expectedActive = silences.filter { $0.mutes(labels, at: now) }.map(\.id).sorted()
            let expectedPending = silences.filter {
                $0.state(at: now) == .pending && $0.matchers.matches(labels)
            }.map(\.id).sorted()
            #expect(index.matching(labels, at: now) == MutingSilences(active: expectedActive, pending: expectedPending))
        }
    }

    @Test func literalAlternationsAndPrefixesAreFiledNotScanned() {
        var index = SilenceIndex()
        index.insert(silence("alt", [Fixtures.matcher("job", .regexp, "api|db")]))
        index.insert(silence("prefix", [Fixtures.matcher("instance", .regexp, "host-1.*")]))
        index.insert(silence("scan", [Fixtures.matcher("job", .regexp, "a+")]))
        #expect(index.unanchoredCount == 1)
        #expect(index.matching(["job": "db"], at: now).active == ["alt"])
        #expect(index.matching(["job": "dbx"], at: now).active.isEmpty)
        #expect(index.matching(["instance": "host-12"], at: now).active == ["prefix"])
        #expect(index.matching(["instance": "host-"], at: now).active.isEmpty)
        #expect(index.matching(["job": "aaa"], at: now).active == ["scan"])
        index.remove(id: "prefix")
        #expect(index.matching(["instance": "host-12"], at: now).active.isEmpty)
        #expect(index.count == 2)
    }

    @Test func removeAndReplaceUpdateBuckets() {
        var index = SilenceIndex()
        index.insert(silence("a", [Fixtures.matcher("job", .equal, "api")]))
        #expect(index.mutes(["job": "api"], at: now))
        index.insert(silence("a", [Fixtures.matcher("job", .equal, "db")]))
        #expect(!index.mutes(["job": "api"], at: now))
        #expect(index.mutes(["job": "db"], at: now))
        index.remove(id: "a")
        #expect(!index.mutes(["job": "db"], at: now))
        #expect(index.count == 0)
    }

    @Test func emptyEqualityValueMatchesMissingLabel() {
        var index = SilenceIndex()
        index.insert(silence("a", [Fixtures.matcher("team", .equal, ""), Fixtures.matcher("job", .regexp, "a.*")]))
        #expect(index.mutes(["job": "api"], at: now))
        #expect(!index.mutes(["job": "api", "team": "x"], at: now))
    }
}
