import Foundation
import Testing
import TocsinDispatch
import TocsinModel

@Suite struct AlertStoreTests {
    @Test func overlappingResendMergesEarliestStartAndLatestAnnotations() {
        var store = AlertStore()
        var first = posted(["alertname": "a"], start: 1.1).ingested(at: at(1), resolveTimeout: 300)
        first.annotations = ["v": "1"]
        store.put(first, at: at(1))
        var second = posted(["alertname": "a"], start: 1).ingested(at: at(1.2), resolveTimeout: 300)
        second.annotations = ["v": "2"]
        // new.StartsAt (1) is not inside (1.1, 301.1) but new.EndsAt (301.2) is not either: replaced.
        let replaced = store.put(second, at: at(1.2))
        #expect(replaced.startsAt == at(1))
        var third = posted(["alertname": "a"], start: 2).ingested(at: at(2.1), resolveTimeout: 300)
        third.annotations = ["v": "3"]
        let merged = store.put(third, at: at(2.1))
        #expect(merged.startsAt == at(1))
        #expect(merged.annotations["v"] == "3")
        #expect(store.count == 1)
        #expect(store[merged.fingerprint] == merged)
    }

    @Test func refireAfterResolutionReplaces() {
        var store = AlertStore()
        store.put(posted(["alertname": "a"], start: 1, end: 3).ingested(at: at(1), resolveTimeout: 300), at: at(1))
        let refired = store.put(posted(["alertname": "a"], start: 5).ingested(at: at(5), resolveTimeout: 300), at: at(5))
        #expect(refired.startsAt == at(5))
        #expect(refired.endsAt == at(305))
    }

    @Test func resolveTimeoutEndsAlertsThatAreNotResent() {
        var store = AlertStore()
        let alert = posted(["alertname": "a"]).ingested(at: at(1), resolveTimeout: 10)
        store.put(alert, at: at(1))
        #expect(store[alert.fingerprint]?.isResolved(at: at(10.9)) == false)
        #expect(store[alert.fingerprint]?.isResolved(at: at(11)) == true)
    }

    @Test func garbageCollectionRemovesOnlyResolved() {
        var store = AlertStore()
        store.put(posted(["alertname": "done"], start: 1, end: 2).ingested(at: at(1), resolveTimeout: 300), at: at(1))
        store.put(posted(["alertname": "firing"], start: 1).ingested(at: at(1), resolveTimeout: 300), at: at(1))
        let removed = store.collectGarbage(at: at(2))
        #expect(names(removed) == ["done"])
        #expect(names(store.all) == ["firing"])
    }
}
