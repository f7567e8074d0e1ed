import Testing
import TocsinTemplate

@Suite("KV behaves like Alertmanager's template.KV")
struct KVTests {
    let kv = KV(["zeta": "z", "alertname": "A", "beta": "b", "Alpha": "x"])

    @Test("SortedPairs puts alertname first and sorts the rest bytewise")
    func sortedPairs() {
        #expect(kv.sortedPairs.pairs.map(\.name) == ["alertname", "Alpha", "beta", "zeta"])
        #expect(kv.sortedPairs.description == "alertname=A, Alpha=x, beta=b, zeta=z")
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
