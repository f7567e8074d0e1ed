import Testing
@testable import TocsinConfig

@Suite struct YAMLScalarTests {
    @Test func resolvesLikeYAMLv2() {
        #expect(YAMLScalar.resolveTag(plain: "yes") == "!!bool")
        #expect(YAMLScalar.resolveTag(plain: "Off") == "!!bool")
        #expect(YAMLScalar.resolveTag(plain: "~") == "!!null")
        #expect(YAMLScalar.resolveTag(plain: "0x1F") == "!!int")
        #expect(YAMLScalar.resolveTag(plain: "1_000") == "!!int")
        #expect(YAMLScalar.resolveTag(plain: "1e3") == "!!float")
        #expect(YAMLScalar.resolveTag(plain: ".inf") == "!!float")
        #expect(YAMLScalar.resolveTag(plain: "inf") == "!!str")
        #expect(YAMLScalar.resolveTag(plain: "5m") == "!!str")
        #expect(YAMLScalar.goParseInt("017") == 15)
        #expect(YAMLScalar.goParseInt("-0b101") == -5)
    }

    @Test func mapKeysSortLikeYAMLv2() {
        let keys = ["a1", "a", "_u", "B", "a10", "a2", "zz"]
        #expect(keys.sorted(by: YAMLRender.yamlKeyLess) == ["_u", "B", "a", "a1", "a2", "a10", "zz"])
    }

    @Test func stringsAreQuotedOnlyWhenNeeded() {
        func emitted(_ value: String) -> String { YAMLRender.emit(YAMLRender.string(value)) }
        #expect(emitted("plain") == "plain\n")
        #expect(emitted("true") == "\"true\"\n")
        #expect(emitted("12:30") == "\"12:30\"\n")
        #expect(emitted("{{ .X }}") == "'{{ .X }}'\n")
        #expect(emitted("...") == "'...'\n")
    }
}
