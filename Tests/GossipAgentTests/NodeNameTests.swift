import Foundation
import GossipAgent
import Testing

@Suite struct NodeNameTests {
    @Test func isAULIDThatSortsByStartTime() {
        let earlier = NodeName.ulid(at: Date(timeIntervalSince1970: 1_700_000_000))
        let later = NodeName.ulid(at: Date(timeIntervalSince1970: 1_700_000_001))
        #expect(earlier.count == 26 && later.count == 26)
        #expect(earlier.allSatisfy { "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains($0) })
        #expect(earlier < later, "a node started later sorts after, so it does not shift older peers' positions")
        #expect(NodeName.ulid() != NodeName.ulid())
    }

    @Test func encodesTheTimestampAsAlertmanagersULIDsDo() {
        // 01M886MY7F... was a real Alertmanager 0.25 name started at 2026-11-25T01:55:42.959Z.
        let name = NodeName.ulid(at: Date(timeIntervalSince1970: 1_795_571_742.959))
        #expect(name.hasPrefix("01M886MY7F"), "\(name)")
    }
}
