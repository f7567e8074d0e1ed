import Foundation
import TocsinDispatch
import TocsinModel

/// The query of `GET /api/v2/alerts` and `/alerts/groups` (api/v2 `alertFilter`, `matchFilterLabels`):
/// resolved alerts are never listed; `receiver` is an anchored regex any of the alert's receivers must match;
/// `filter` matchers treat a missing label as matching an empty positive matcher and a present one as
/// matching an empty negative matcher; `active`, `silenced`, `inhibited` drop alerts in that state when false.
/// `unprocessed` is accepted and ignored, as in 0.25.
struct AlertFilter: Sendable {
    var matchers: [Matcher] = []
    var receiver: AnchoredRegex?
    var active = true
    var silenced = true
    var inhibited = true

    /// Parses the query parameters; errors are Alertmanager's 400 messages.
    init(filters: [String], receiver: String?, active: String?, silenced: String?, inhibited: String?) throws(APIError) {
        for filter in filters {
            do {
                matchers.append(try Matcher(parsing: filter))
            } catch {
                throw .handler(.badRequest, error.description)
            }
        }
        if let receiver {
            do {
                self.receiver = try AnchoredRegex(receiver)
            } catch {
                throw .handler(.badRequest, "failed to parse receiver param: \(error)")
            }
        }
        self.active = active.map(Self.goBool) ?? true
        self.silenced = silenced.map(Self.goBool) ?? true
        self.inhibited = inhibited.map(Self.goBool) ?? true
    }

    /// Whether `alert` with `status` and `receivers` is listed at `now`; nil `receivers` skips the receiver
    /// check (the groups endpoint applies it to the group's route instead).
    func includes(_ alert: Alert, status: AlertMarkerStatus, receivers: [String]?, at now: Date) -> Bool {
        if let endsAt = alert.endsAt, endsAt < now { return false }
        if let receiver, let receivers, !receivers.contains(where: receiver.matches) { return false }
        guard matchesLabels(alert.labels) else { return false }
        if !active, status.state == .active { return false }
        if !silenced, !status.silencedBy.isEmpty { return false }
        if !inhibited, !status.inhibitedBy.isEmpty { return false }
        return true
    }

    private func matchesLabels(_ labels: LabelSet) -> Bool {
        for matcher in matchers {
            let present = labels[matcher.name]
            switch matcher.type {
            case .notEqual, .notRegexp:
                if matcher.value.isEmpty, present != nil { continue }
            case .equal, .regexp:
                if matcher.value.isEmpty, present == nil { continue }
            }
            if !matcher.matches(present ?? "") { return false }
        }
        return true
    }

    /// go-openapi `swag.ConvertBool`: only these words are true, anything else is silently false.
    static func goBool(_ text: String) -> Bool {
        ["true", "1", "yes", "ok", "y", "on", "selected", "checked", "t", "enabled"].contains(text.lowercased())
    }
}
