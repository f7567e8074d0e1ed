import Foundation
import TocsinConfig
import TocsinModel

/// The config's inhibit rules over the alerts seen so far (Alertmanager's `inhibit.Inhibitor`).
///
/// It must see every version of every alert the store holds (`observe`) and be told when the store collects
/// one (`forget`); then `inhibitingSource(of:at:)` answers exactly as `Inhibitor.Mutes` does, from per-rule
/// indexes instead of scanning all cached sources. A reload builds a new inhibitor and feeds it every stored
/// alert again, as Alertmanager's new inhibitor re-subscribes to the provider.
public struct Inhibitor: Sendable {
    private var rules: [InhibitRuleIndex]

    /// An inhibitor for these rules, in config order, with no alerts seen.
    public init(rules: [InhibitRule]) {
        self.rules = rules.map(InhibitRuleIndex.init)
    }

    /// Records the current stored version of an alert.
    public mutating func observe(_ alert: Alert) {
        observe(alert, fingerprint: alert.fingerprint)
    }

    /// `observe(_:)` for a caller that already computed the fingerprint.
    mutating func observe(_ alert: Alert, fingerprint: Fingerprint) {
        for index in rules.indices {
            rules[index].observe(alert, fingerprint: fingerprint)
        }
    }

    /// Forgets an alert the store has collected.
    public mutating func forget(_ fingerprint: Fingerprint) {
        for index in rules.indices {
            rules[index].forget(fingerprint)
        }
    }

    /// The fingerprint of a source alert that inhibits an alert with `labels` at `now`, or nil when none does.
    ///
    /// Rules are tried in config order and the first hit wins; within a rule, which of several inhibiting
    /// sources is reported is unspecified, as in Alertmanager (map order). The source may be silenced, inhibited
    /// itself or routed anywhere: only its labels and whether it fires at `now` count.
    public func inhibitingSource(of labels: LabelSet, at now: Date) -> Fingerprint? {
        for rule in rules where rule.targetMatchers.matches(labels) {
            if let source = rule.inhibitingSource(of: labels, at: now) {
                return source
            }
        }
        return nil
    }
}
