import Testing
import TocsinDispatch
import TocsinModel

@Suite struct MarkerTests {
    @Test func stateFollowsBothLists() {
        var marker = Marker()
        let fingerprint = Fingerprint(rawValue: 1)
        #expect(marker.status(of: fingerprint) == .unprocessed)
        marker.setSilenced(fingerprint, by: [])
        #expect(marker.status(of: fingerprint).state == .active)
        marker.setSilenced(fingerprint, by: ["b", "a"])
        #expect(marker.status(of: fingerprint).state == .suppressed)
        #expect(marker.status(of: fingerprint).silencedBy == ["a", "b"])
        marker.setInhibited(fingerprint, by: ["00000000000000ff"])
        marker.setSilenced(fingerprint, by: [])
        #expect(marker.status(of: fingerprint).state == .suppressed)
        #expect(marker.status(of: fingerprint).inhibitedBy == ["00000000000000ff"])
        marker.setInhibited(fingerprint, by: [])
        #expect(marker.status(of: fingerprint).state == .active)
        #expect(marker.count(.active) == 1)
        #expect(marker.count(.suppressed) == 0)
        marker.delete(fingerprint)
        #expect(marker.status(of: fingerprint).state == .unprocessed)
        #expect(marker.count(.active) == 0)
    }
}
