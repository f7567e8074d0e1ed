import Foundation
import Testing
import TocsinConfig
import TocsinDispatch
import TocsinModel

@Suite struct InhibitorTests {
    static let rules = """
        route: {receiver: r}
        receivers: [{name: r}]
        inhibit_rules:
        - source_matchers: ['alertname="JobDown"']
          target_matchers: ['alertname="InstanceDown"']
          equal: [job, zone]
        """

    func inhibitor(_ text: String = rules) throws -> Inhibitor {
        Inhibitor(rules: try loadConfig(text).inhibitRules)
    }

    func alert(_ labels: [String: String], end: Double? = nil) -> Alert {
        posted(labels, start: 0, end: end).ingested(at: at(0), resolveTimeout: 300)
    }

    @Test func firingSourceWithEqualLabelsInhibits() throws {
        var inhibitor = try inhibitor()
        let source = alert(["alertname": "JobDown", "job": "j", "zone": "aa"])
        inhibitor.observe(source)
        #expect(inhibitor.inhibitingSource(of: ["alertname": "InstanceDown", "job": "j", "zone": "aa"], at: at(1)) == source.fingerprint)
        #expect(inhibitor.inhibitingSource(of: ["alertname": "InstanceDown", "job": "j", "zone": "ab"], at: at(1)) == nil)
        #expect(inhibitor.inhibitingSource(of: ["alertname": "Other", "job": "j", "zone": "aa"], at: at(1)) == nil)
    }

    @Test func resolvedSourceDoesNotInhibit() throws {
        var inhibitor = try inhibitor()
        inhibitor.observe(alert(["alertname": "JobDown", "job": "j", "zone": "aa"], end: 5))
        let target: LabelSet = ["alertname": "InstanceDown", "job": "j", "zone": "aa"]
        #expect(inhibitor.inhibitingSource(of: target, at: at(4.9)) != nil)
        #expect(inhibitor.inhibitingSource(of: target, at: at(5)) == nil)
    }

    @Test func equalLabelsMissingOnBothSidesCountAsEqual() throws {
        var inhibitor = try inhibitor()
        inhibitor.observe(alert(["alertname": "JobDown"]))
        #expect(inhibitor.inhibitingSource(of: ["alertname": "InstanceDown"], at: at(1)) != nil)
        #expect(inhibitor.inhibitingSource(of: ["alertname": "InstanceDown", "job": "j"], at: at(1)) == nil)
    }

    @Test func alertMatchingBothSidesIsNotInhibitedByItselfOrItsKind() throws {
        var inhibitor = try inhibitor(
            """
            route: {receiver: r}
            receivers: [{name: r}]
            inhibit_rules:
            - source_matchers: ['severity=~"critical|warning"']
              target_matchers: ['severity=~"warning|info"']
              equal: [cluster]
            """)
        let both = alert(["alertname": "a", "severity": "warning", "cluster": "c"])
        inhibitor.observe(both)
        // Matches both sides: the only source also matches the target side, so it does not count.
        #expect(inhibitor.inhibitingSource(of: both.labels, at: at(1)) == nil)
        // A pure target is inhibited by the two-sided source.
        #expect(inhibitor.inhibitingSource(of: ["alertname": "b", "severity": "info", "cluster": "c"], at: at(1)) == both.fingerprint)
        // A source-only alert inhibits the two-sided one.
        let critical = alert(["alertname": "c", "severity": "critical", "cluster": "c"])
        inhibitor.observe(critical)
        #expect(inhibitor.inhibitingSource(of: both.labels, at: at(1)) == critical.fingerprint)
    }

    @Test func forgottenSourcesStopInhibiting() throws {
        var inhibitor = try inhibitor()
        let source = alert(["alertname": "JobDown", "job": "j", "zone": "aa"])
        inhibitor.observe(source)
        inhibitor.forget(source.fingerprint)
        #expect(inhibitor.inhibitingSource(of: ["alertname": "InstanceDown", "job": "j", "zone": "aa"], at: at(1)) == nil)
    }

    /// Alertmanager's algorithm, scanning every source of every rule (inhibit.go `Mutes`/`hasEqual`).
    func bruteForce(_ rules: [InhibitRule], _ alerts: [Fingerprint: Alert], _ labels: LabelSet, _ now: Date) -> [Fingerprint] {
        for rule in rules where rule.targetMatchers.matches(labels) {
            let excludeTwoSided = rule.sourceMatchers.matches(labels)
            let hits = alerts.values.filter { source in
                rule.sourceMatchers.matches(source.labels) && !source.isResolved(at: now)
                    && rule.equal.allSatisfy { source.labels.value(of: $0) == labels.value(of: $0) }
                    && !(excludeTwoSided && rule.targetMatchers.matches(source.labels))
            }
            if !hits.isEmpty {
                return hits.map(\.fingerprint)
            }
        }
        return []
    }

    @Test func indexAgreesWithBruteForceOnRandomAlertsAndRules() throws {
        var generator = SystemRandomNumberGenerator()
        let names = ["a", "b", "c", "d"]
        let values = ["", "1", "2"]
        func randomLabels() -> LabelSet {
            var labels = LabelSet()
            for name in names {
                let value = values.randomElement(using: &generator)!
                if !value.isEmpty { labels[name] = value }
            }
            return labels
        }
        func randomMatcher() throws -> String {
            let name = names.randomElement(using: &generator)!
            let op = ["=", "!=", "=~", "!~"].randomElement(using: &generator)!
            let value = op.hasSuffix("~") ? ["1|2", ".*", "2", ""].randomElement(using: &generator)! : values.randomElement(using: &generator)!
            return "'\(name)\(op)\"\(value)\"'"
        }
        for _ in 0..<40 {
            var text = "route: {receiver: r}\nreceivers: [{name: r}]\ninhibit_rules:\n"
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let equal = names.filter { _ in Bool.random(using: &generator) }
                text += "- source_matchers: [\(try randomMatcher())]\n"
                text += "  target_matchers: [\(try randomMatcher()), \(try randomMatcher())]\n"
                text += "  equal: [\(equal.joined(separator: ", "))]\n"
            }
            let rules = try loadConfig(text).inhibitRules
            var inhibitor = Inhibitor(rules: rules)
            var alerts: [Fingerprint: Alert] = [:]
            for _ in 0..<60 {
                let end = Double(Int.random(in: 1...10, using: &generator))
                let alert = alert(randomLabels().dictionary, end: end)
                if alert.labels.isEmpty { continue }
                alerts[alert.fingerprint] = alert
                inhibitor.observe(alert)
            }
            for fingerprint in alerts.keys where Int.random(in: 0..<10, using: &generator) == 0 {
                alerts[fingerprint] = nil
                inhibitor.forget(fingerprint)
            }
            for _ in 0..<60 {
                let labels = randomLabels()
                let now = at(Double(Int.random(in: 0...11, using: &generator)))
                let expected = bruteForce(rules, alerts, labels, now)
                let actual = inhibitor.inhibitingSource(of: labels, at: now)
                #expect((actual == nil) == expected.isEmpty, "\(text) \(labels)")
                if let actual {
                    #expect(expected.contains(actual))
                }
            }
        }
    }
}
