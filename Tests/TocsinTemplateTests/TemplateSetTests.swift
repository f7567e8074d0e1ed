import Foundation
import Testing
import TocsinTemplate

@Suite("TemplateSet against Go's text/template and html/template")
struct TemplateSetTests {
    static let corpus = OracleFixtures.cases.filter { $0.defaults != true }
    static let defaultsCases = OracleFixtures.cases.filter { $0.defaults == true }

    private static func render(_ c: OracleCase, set: TemplateSet) -> (output: String, error: String?) {
        do {
            let data = try OracleFixtures.data(for: c)
            return (try set.render(c.template, data: data, html: c.mode == "html"), nil)
        } catch {
            return ("", "\(error)")
        }
    }

    @Test("renders the corpus byte for byte like Go", arguments: corpus)
    func corpusCase(_ c: OracleCase) throws {
        let set = try OracleFixtures.alertmanagerSet(withDefaults: false)
        let (output, error) = Self.render(c, set: set)
        if let expected = c.error {
            #expect(error == expected)
        } else {
            #expect(error == nil)
            #expect(output == c.output)
        }
    }

    @Test(
        "renders Alertmanager 0.25's default templates like Alertmanager",
        .enabled(if: OracleFixtures.alertmanagerTemplates != nil, "set ALERTMANAGER_TEMPLATES to 0.25's template dir"),
        arguments: defaultsCases)
    func defaultTemplate(_ c: OracleCase) throws {
        let set = try OracleFixtures.alertmanagerSet(withDefaults: true)
        let (output, error) = Self.render(c, set: set)
        #expect(error == c.error)
        if c.error == nil {
            #expect(OracleCase.fnv1a64(output) == c.outputFNV, "rendered: \(output)")
        }
    }

    @Test("the corpus covers at least 200 cases and every error kind")
    func corpusSize() {
        #expect(Self.corpus.count >= 200)
        #expect(Self.corpus.contains { $0.error?.contains("executing") == true })
        #expect(Self.corpus.contains { $0.error != nil && $0.error?.contains("executing") == false })
    }
}
