import Foundation
import TocsinModel
import TocsinTemplate

/// The body of a webhook notification: Alertmanager 0.25's `webhook.Message` (`*template.Data` plus
/// `version`, `groupKey`, `truncatedAlerts`), encoded as `json.Encoder` writes it, trailing newline
/// included.
public struct WebhookMessage: Sendable, Equatable {
    public var receiver: String
    public var groupKey: String
    public var groupLabels: LabelSet
    /// The alerts sent, after max_alerts truncation.
    public var alerts: [NotifiedAlert]
    public var truncatedAlerts: Int
    public var externalURL: String
    /// The instant alert statuses are judged at (Alertmanager uses the wall clock when it renders).
    public var now: Date

    /// The message for `alerts`, keeping at most `maxAlerts` of them (0: all) and counting the rest.
    public init(
        receiver: String, groupKey: String, groupLabels: LabelSet, alerts: [NotifiedAlert], maxAlerts: UInt64, externalURL: String,
        now: Date
    ) {
        self.receiver = receiver
        self.groupKey = groupKey
        self.groupLabels = groupLabels
        if maxAlerts > 0, alerts.count > Int(clamping: maxAlerts) {
            self.alerts = Array(alerts.prefix(Int(clamping: maxAlerts)))
            self.truncatedAlerts = alerts.count - Int(clamping: maxAlerts)
        } else {
            self.alerts = alerts
            self.truncatedAlerts = 0
        }
        self.externalURL = externalURL
        self.now = now
    }

    /// Go's `time.Time` JSON form: RFC 3339 with up to nine fraction digits, trailing zeros dropped.
    static func goTime(_ time: GoTime) -> String {
        time.utc.format("2006-01-02T15:04:05.999999999Z07:00")
    }

    /// The exact bytes Alertmanager would POST.
    public var encoded: [UInt8] {
        var json = GoJSONWriter()
        let anyFiring = self.alerts.contains { !$0.isResolved(at: self.now) }
        json.raw("{\"receiver\":")
        json.string(TemplateData.quoteMeta(self.receiver))
        json.raw(",\"status\":")
        json.string(anyFiring ? "firing" : "resolved")
        json.raw(",\"alerts\":[")
        for (index, alert) in self.alerts.enumerated() {
            if index > 0 { json.raw(",") }
            json.raw("{\"status\":")
            json.string(alert.isResolved(at: self.now) ? "resolved" : "firing")
            json.raw(",\"labels\":")
            json.map(alert.labels)
            json.raw(",\"annotations\":")
            json.map(alert.annotations)
            json.raw(",\"startsAt\":")
            json.string(Self.goTime(alert.startsAt))
            json.raw(",\"endsAt\":")
            json.string(Self.goTime(alert.endsAt ?? GoTime.zero))
            json.raw(",\"generatorURL\":")
            json.string(alert.generatorURL)
            json.raw(",\"fingerprint\":")
            json.string(alert.fingerprint.description)
            json.raw("}")
        }
        json.raw("],\"groupLabels\":")
        json.map(self.groupLabels)
        json.raw(",\"commonLabels\":")
        json.map(Self.common(self.alerts.map(\.labels)))
        json.raw(",\"commonAnnotations\":")
        json.map(Self.common(self.alerts.map(\.annotations)))
        json.raw(",\"externalURL\":")
        json.string(self.externalURL)
        json.raw(",\"version\":\"4\",\"groupKey\":")
        json.string(self.groupKey)
        json.raw(",\"truncatedAlerts\":\(self.truncatedAlerts)}\n")
        return Array(json.text.utf8)
    }

    /// The pairs every set shares (template.go `Data`: start from the first alert, drop what differs).
    static func common(_ sets: [LabelSet]) -> LabelSet {
        guard var common = sets.first?.dictionary else { return LabelSet() }
        for set in sets.dropFirst() {
            let values = set.dictionary
            common = common.filter { values[$0.key] == $0.value }
        }
        return LabelSet(common)
    }
}
