import Testing
import TocsinDaemon

@Suite struct KingpinArgumentsTests {
    @Test func emptyValueAfterEqualsBecomesASeparateEmptyArgument() {
        #expect(KingpinArguments.normalized(["--cluster.listen-address=", "--log.level=debug", "--web.listen-address", ":9093"]) == [
            "--cluster.listen-address", "", "--log.level=debug", "--web.listen-address", ":9093",
        ])
    }

    @Test func valuesContainingEqualsAreLeftAlone() {
        #expect(KingpinArguments.normalized(["--cluster.peer=a=", "-="]) == ["--cluster.peer=a=", "-="])
    }
}
