import Testing
import TocsinModel

@Suite struct GroupKeyTests {
    @Test(arguments: LiveVector.all)
    func groupKeyMatchesAlertmanagerWebhook(vector: LiveVector) throws {
        let labels = LabelSet(vector.labels)
        let groupLabels = LiveVector.groupBy(vector.route).map { labels.selecting($0) } ?? labels
        let key = GroupKey(routeKey: try LiveVector.routeKey(vector.route), groupLabels: groupLabels)
        #expect(key.rawValue == vector.groupKey)
    }

    @Test func emptyGroupUnderRoot() {
        #expect(GroupKey(routeKey: RouteKey(parent: nil, matchers: []), groupLabels: LabelSet()).rawValue == "{}:{}")
    }

    @Test func hashIsSHA256Hex() {
        #expect(GroupKey(rawValue: "").hash == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(GroupKey(rawValue: "abc").hash == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            GroupKey(rawValue: "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq").hash
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
