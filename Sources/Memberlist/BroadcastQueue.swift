/// memberlist's `TransmitLimitedQueue`: messages waiting to be piggybacked on packets, each sent a limited
/// number of times.
///
/// Each take prefers the messages sent the fewest times, then the largest that still fits, then the newest,
/// and retires a message once it has gone out `retransmitMultiplier × ceil(log10(nodes + 1))` times, so news
/// reaches everyone with high probability at a cost logarithmic in the cluster size. A message queued under a
/// key replaces any older one under the same key (memberlist keys its own alive/suspect/dead by node name, so
/// only the newest news about a node travels); unkeyed messages (Alertmanager's) never replace each other.
public struct BroadcastQueue: Sendable {
    private struct Entry: Sendable {
        var id: UInt64
        var key: String?
        var message: [UInt8]
        var transmits: Int
    }

    /// memberlist's `RetransmitMult` (4 for its own queue; Alertmanager uses max(3, peers/2) for its own).
    public var retransmitMultiplier: Int
    private var entries: [Entry] = []
    private var nextID: UInt64 = 1

    /// An empty queue.
    public init(retransmitMultiplier: Int) {
        self.retransmitMultiplier = retransmitMultiplier
    }

    /// How many messages are waiting.
    public var count: Int { entries.count }

    /// `multiplier × ceil(log10(nodes + 1))`, how many times each message is sent.
    public static func retransmitLimit(multiplier: Int, nodes: Int) -> Int {
        var scale = 0
        var bound = 1
        while bound < nodes + 1 {
            bound *= 10
            scale += 1
        }
        return multiplier * scale
    }

    /// Queues `message`; with a `key`, older messages under that key are dropped. Returns the new message's id
    /// and the ids of the messages it replaced (they count as finished).
    @discardableResult
    public mutating func enqueue(_ message: [UInt8], key: String? = nil) -> (id: UInt64, replaced: [UInt64]) {
        var replaced: [UInt64] = []
        if let key {
            replaced = entries.filter { $0.key == key }.map(\.id)
            entries.removeAll { $0.key == key }
        }
        let id = nextID
        nextID += 1
        entries.append(Entry(id: id, key: key, message: message, transmits: 0))
        return (id, replaced)
    }

    /// Takes the messages to piggyback on one packet: each costs its length plus `overhead`, all within
    /// `limit`. Returns them in the order chosen and the ids of messages that reached their transmit limit.
    public mutating func take(overhead: Int, limit: Int, nodes: Int) -> (messages: [[UInt8]], finished: [UInt64]) {
        guard !entries.isEmpty else { return ([], []) }
        let transmitLimit = Self.retransmitLimit(multiplier: retransmitMultiplier, nodes: nodes)
        var used = 0
        var chosen: Set<UInt64> = []
        var messages: [[UInt8]] = []
        var finished: [UInt64] = []
        while true {
            let free = limit - used - overhead
            guard free > 0 else { break }
            var best: Int?
            for index in entries.indices where !chosen.contains(entries[index].id) && entries[index].message.count <= free {
                guard let current = best else {
                    best = index
                    continue
                }
                let candidate = entries[index]
                let incumbent = entries[current]
                if (candidate.transmits, -candidate.message.count, -Int64(candidate.id))
                    < (incumbent.transmits, -incumbent.message.count, -Int64(incumbent.id)) {
                    best = index
                }
            }
            guard let index = best else { break }
            chosen.insert(entries[index].id)
            used += overhead + entries[index].message.count
            messages.append(entries[index].message)
            entries[index].transmits += 1
        }
        entries.removeAll { entry in
            guard chosen.contains(entry.id), entry.transmits >= transmitLimit else { return false }
            finished.append(entry.id)
            return true
        }
        return (messages, finished)
    }

    /// Drops the oldest messages beyond `maxCount`, as Alertmanager's maintenance prunes its queue to 4096.
    public mutating func prune(keeping maxCount: Int) {
        if entries.count > maxCount {
            entries.removeFirst(entries.count - maxCount)
        }
    }
}
