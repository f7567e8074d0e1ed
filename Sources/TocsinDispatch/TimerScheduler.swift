import Foundation

/// All of a dispatcher's timers in one indexed binary min-heap keyed by deadline, so 100k aggregation groups
/// cost 100k heap entries rather than 100k tasks or threads.
///
/// It is a plain value: it never reads a clock. The owner asks for `nextDeadline`, sleeps until then on
/// whatever clock it uses (a real one in the daemon, a manual one in tests) and pops what is due. Each key has
/// at most one deadline; scheduling it again moves it. Equal deadlines pop in the order they were scheduled,
/// so runs are deterministic.
public struct TimerScheduler<Key: Hashable & Sendable>: Sendable {
    private struct Entry: Sendable {
        var key: Key
        var deadline: Date
        var sequence: UInt64

        func precedes(_ other: Entry) -> Bool {
            deadline != other.deadline ? deadline < other.deadline : sequence < other.sequence
        }
    }

    private var heap: [Entry] = []
    private var positions: [Key: Int] = [:]
    private var nextSequence: UInt64 = 0

    /// An empty scheduler.
    public init() {}

    /// How many timers are armed.
    public var count: Int { heap.count }

    /// The earliest armed deadline, or nil when nothing is armed.
    public var nextDeadline: Date? { heap.first?.deadline }

    /// When `key` fires, or nil when it is not armed.
    public func deadline(of key: Key) -> Date? {
        positions[key].map { heap[$0].deadline }
    }

    /// Arms `key` to fire at `deadline`, replacing any earlier arming of the same key (O(log n)).
    public mutating func schedule(_ key: Key, at deadline: Date) {
        let entry = Entry(key: key, deadline: deadline, sequence: nextSequence)
        nextSequence += 1
        if let index = positions[key] {
            heap[index] = entry
            siftUp(siftDown(index))
        } else {
            heap.append(entry)
            positions[key] = heap.count - 1
            siftUp(heap.count - 1)
        }
    }

    /// Disarms `key`; nothing happens when it is not armed (O(log n)).
    public mutating func cancel(_ key: Key) {
        guard let index = positions[key] else { return }
        remove(at: index)
    }

    /// Disarms every key for which `predicate` is true (O(n log n)); used when a reload discards all groups.
    public mutating func cancelAll(where predicate: (Key) -> Bool) {
        for key in heap.map(\.key) where predicate(key) {
            cancel(key)
        }
    }

    /// Removes and returns the earliest timer if its deadline is not after `now`.
    public mutating func popNext(dueAt now: Date) -> (key: Key, deadline: Date)? {
        guard let first = heap.first, first.deadline <= now else { return nil }
        remove(at: 0)
        return (first.key, first.deadline)
    }

    private mutating func remove(at index: Int) {
        let removed = heap[index]
        positions[removed.key] = nil
        let last = heap.removeLast()
        guard index < heap.count else { return }
        heap[index] = last
        positions[last.key] = index
        siftUp(siftDown(index))
    }

    private mutating func swapAt(_ a: Int, _ b: Int) {
        heap.swapAt(a, b)
        positions[heap[a].key] = a
        positions[heap[b].key] = b
    }

    @discardableResult
    private mutating func siftDown(_ start: Int) -> Int {
        var index = start
        while true {
            let left = 2 * index + 1
            let right = left + 1
            var smallest = index
            if left < heap.count, heap[left].precedes(heap[smallest]) { smallest = left }
            if right < heap.count, heap[right].precedes(heap[smallest]) { smallest = right }
            if smallest == index { return index }
            swapAt(index, smallest)
            index = smallest
        }
    }

    private mutating func siftUp(_ start: Int) {
        var index = start
        while index > 0 {
            let parent = (index - 1) / 2
            guard heap[index].precedes(heap[parent]) else { return }
            swapAt(index, parent)
            index = parent
        }
    }
}
