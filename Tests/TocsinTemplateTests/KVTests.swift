import Testing
import TocsinTemplate

@Suite("KV behaves like Alertmanager's template.KV")
struct KVTests {
    let kv = KV(["zeta": "z", "alertname": "A", "beta": "b", "Alpha": "x"])

    @Test("SortedPairs puts alertname first and sorts the rest bytewise")
    func sortedPairs() {
        #expect(kv.sortedPairs.pairs.map(\.name) == ["alertname", "Alpha", "beta", "zeta"])
        #expect(kv.sortedPairs.pairs.map(\.value) == ["A", "x", "b", "z"])
    }

    @Test("KV and Pairs print as Go prints a map and a slice of structs: 0.25 has no String methods")
    func printing() throws {
        var set = TemplateSet()
        try set.parse("{{ . }}|{{ .SortedPairs }}", name: "t")
        #expect(
            try set.execute("t", data: .object(kv)) == "map[Alpha:x alertname:A beta:b zeta:z]|[{alertname A} {Alpha x} {beta b} {zeta z}]")
    }

    @Test("Remove drops the named keys only")
    func remove() {
        #expect(kv.removing(["beta", "missing"]).entries == ["zeta": "z", "alertname": "A", "Alpha": "x"])
    }

    @Test("a missing key indexes as an empty string (missingkey=zero on map[string]string)")
    func missingKey() throws {
        let out = try TemplateSet().render("[{{ .nope }}]", data: .object(kv))
        #expect(out == "[]")
    }
}
