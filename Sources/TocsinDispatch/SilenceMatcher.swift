import Foundation
import TocsinModel

/// The seam through which the dispatcher asks which silences mute an alert; the daemon plugs in its local
/// replica of the state store's silence index, tests a fixed list.
///
/// Implementations must answer as Alertmanager's `Silencer.Mutes` decides: the silences whose matchers all
/// match `labels` and that are active at `instant` (start and end inclusive, `silence.getState`).
public protocol SilenceMatcher: Sendable {
    /// Ids of the silences active at `instant` that match `labels`; empty when the alert is not silenced.
    func silencedBy(_ labels: LabelSet, at instant: Date) -> [String]
}

/// A silence matcher over a fixed list of silences, scanned in full: for tests and tools, not for 100k alerts.
public struct SilenceList: SilenceMatcher {
    /// The silences, in any state.
    public var silences: [Silence]

    /// A matcher over `silences`.
    public init(_ silences: [Silence] = []) {
        self.silences = silences
    }

    /// Ids of the listed silences active at `instant` whose matchers all match `labels`, in list order.
    public func silencedBy(_ labels: LabelSet, at instant: Date) -> [String] {
        silences.filter { $0.mutes(labels, at: instant) }.map(\.id)
    }
}
