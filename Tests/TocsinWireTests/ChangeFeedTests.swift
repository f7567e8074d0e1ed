import Testing
import TocsinWire

@Suite struct ChangeFeedTests {
    private func readiness(_ waiting: String...) -> WireEvent.OneOf_Body {
        .readiness(WireReadiness(waitingFor: waiting))
    }

    /// Collects the next `count` events of a subscription.
    private func take(_ count: Int, from subscription: WireTopicSubscription) async -> [WireTopicEvent] {
        var events: [WireTopicEvent] = []
        for await event in subscription.events {
            events.append(event)
            if events.count == count { break }
        }
        return events
    }

    @Test func newSubscriberGetsSnapshotThenLiveEvents() async {
        let feed = ChangeFeed(name: "t")
        feed.publish(self.readiness("a"))
        let subscription = feed.subscribe(resumingFrom: nil) { [self.readiness("snapshot")] }
        #expect(subscription.resync)
        #expect(subscription.position.version == 1)
        feed.publish(self.readiness("b"))
        let events = await self.take(2, from: subscription)
        #expect(events.map(\.body) == [self.readiness("snapshot"), self.readiness("b")])
        #expect(events.last?.position.version == 2)
    }

    @Test func subscriberResumingInsideTheWindowGetsOnlyWhatItMissed() async {
        let feed = ChangeFeed(name: "t", retainedEvents: 10)
        for name in ["a", "b", "c"] { feed.publish(self.readiness(name)) }
        let resume = WireStreamPosition(epoch: feed.epoch, version: 1)
        let subscription = feed.subscribe(resumingFrom: resume) { [self.readiness("snapshot")] }
        #expect(!subscription.resync)
        let events = await self.take(2, from: subscription)
        #expect(events.map(\.body) == [self.readiness("b"), self.readiness("c")])
    }

    @Test func subscriberFromAnotherEpochMustResync() {
        let feed = ChangeFeed(name: "t")
        feed.publish(self.readiness("a"))
        let subscription = feed.subscribe(resumingFrom: WireStreamPosition(epoch: "old", version: 1)) { [] }
        #expect(subscription.resync)
    }

    @Test func subscriberBehindTheRetainedHistoryMustResync() {
        let feed = ChangeFeed(name: "t", retainedEvents: 4)
        for index in 0..<20 { feed.publish(self.readiness("\(index)")) }
        let stale = feed.subscribe(resumingFrom: WireStreamPosition(epoch: feed.epoch, version: 2)) { [] }
        #expect(stale.resync)
        let recent = feed.subscribe(resumingFrom: WireStreamPosition(epoch: feed.epoch, version: 19)) { [] }
        #expect(!recent.resync)
    }

    @Test func cancelledSubscriberIsForgotten() async {
        let feed = ChangeFeed(name: "t")
        let subscription = feed.subscribe(resumingFrom: nil) { [] }
        #expect(feed.subscriberCount == 1)
        let consumer = Task { for await _ in subscription.events {} }
        consumer.cancel()
        _ = await consumer.value
        #expect(feed.subscriberCount == 0)
    }
}
