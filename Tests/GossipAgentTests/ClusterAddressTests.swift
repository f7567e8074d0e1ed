import GossipAgent
import Memberlist
import Testing

@Suite struct ClusterAddressTests {
    @Test func readsHostPortAsGoSplitsIt() throws {
        #expect(try ClusterAddress(parsing: "127.0.0.1:9094") == ClusterAddress(host: "127.0.0.1", port: 9094))
        #expect(try ClusterAddress(parsing: "[::1]:9094") == ClusterAddress(host: "::1", port: 9094))
        #expect(try ClusterAddress(parsing: ":9094").isUnspecified)
        #expect(try ClusterAddress(parsing: "0.0.0.0:9094").isUnspecified)
        #expect(throws: ClusterAddress.Invalid(text: "9094")) { try ClusterAddress(parsing: "9094") }
        #expect(throws: ClusterAddress.Invalid(text: "::1:9094")) { try ClusterAddress(parsing: "::1:9094") }
    }

    @Test func resolvesToMemberlistsAddressForm() throws {
        #expect(try ClusterAddress(host: "127.0.0.1", port: 9094).resolve() == NodeAddress(ip: [127, 0, 0, 1], port: 9094))
        #expect(try ClusterAddress(host: "localhost", port: 9094).resolve().port == 9094)
    }
}
