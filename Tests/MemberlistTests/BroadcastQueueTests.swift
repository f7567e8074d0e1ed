import Memberlist
import Testing

@Suite struct BroadcastQueueTests {
    @Test func retransmitLimitMatchesMemberlist() {
        #expect(BroadcastQueue.retransmitLimit(multiplier: 3, nodes: 2) == 3)
        #expect(BroadcastQueue.retransmitLimit(multiplier: 3, nodes: 9) == 3)
        #expect(BroadcastQueue.retransmitLimit(multiplier: 3, nodes: 10) == 6)
        #expect(BroadcastQueue.retransmitLimit(multiplier: 4, nodes: 99) == 8)
        #expect(BroadcastQueue.retransmitLimit(multiplier: 4, nodes: 100) == 12)
    }

    @Test func fewestTransmitsThenLargestThatFitsThenNewest() {
        var queue = BroadcastQueue(retransmitMultiplier: 3)
        queue.enqueue([1])
        queue.enqueue([2, 2, 2])
        queue.enqueue([3])
        let first = queue.take(overhead: 2, limit: 100, nodes: 2)
        #expect(first.messages == [[2, 2, 2], [3], [1]])
        queue.enqueue([4])
        let second = queue.take(overhead: 2, limit: 5, nodes: 2)
        #expect(second.messages == [[4]], "the unsent message first; then no room for another")
        let third = queue.take(overhead: 2, limit: 8, nodes: 2)
        #expect(third.messages == [[2, 2, 2], [4]], "all sent once: largest, then the newest that fits")
    }

    @Test func messagesRetireAfterTheLimitAndKeysReplace() {
        var queue = BroadcastQueue(retransmitMultiplier: 3)
        let (id, _) = queue.enqueue([9], key: "node-a")
        let (replacement, replaced) = queue.enqueue([10], key: "node-a")
        #expect(replaced == [id])
        #expect(queue.count == 1)
        var sent = 0
        var finished: [UInt64] = []
        for _ in 0..<5 {
            let round = queue.take(overhead: 2, limit: 100, nodes: 2)
            sent += round.messages.count
            finished += round.finished
        }
        #expect(sent == 3, "Alertmanager sends each part exactly 3 times in a small cluster")
        #expect(finished == [replacement])
        #expect(queue.count == 0)
        for index in 0..<10 { queue.enqueue([UInt8(index)]) }
        queue.prune(keeping: 4)
        #expect(queue.count == 4)
    }
}
