/// Alertmanager's `template.Data`, the value notification templates execute over (and the body of webhook
/// notifications). Passed as a pointer in Alertmanager, so it prints as `&{...}` and errors name
/// `*template.Data`.
public struct TemplateData: TemplateObject, Equatable {
    public let receiver: String
    public let status: String
    public let alerts: TemplateAlerts
    public let groupLabels: KV
    public let commonLabels: KV
    public let commonAnnotations: KV
    public let externalURL: String
    /// True when the data is passed by value, as `amtool template render` passes it: then it prints as
    /// `{...}` and errors name `template.Data` (Alertmanager's notifiers pass a pointer).
    public var isPassedByValue = false
    /// The fields as template values, boxed once.
    private let values: [TemplateValue]

    /// Data with every field given as is (no derivation).
    public init(
        receiver: String, status: String, alerts: TemplateAlerts, groupLabels: KV, commonLabels: KV,
        commonAnnotations: KV, externalURL: String
    ) {
        self.receiver = receiver
        self.status = status
        self.alerts = alerts
        self.groupLabels = groupLabels
        self.commonLabels = commonLabels
        self.commonAnnotations = commonAnnotations
        self.externalURL = externalURL
        self.values = [
            .string(receiver), .string(status), .object(alerts), .object(groupLabels), .object(commonLabels),
            .object(commonAnnotations), .string(externalURL),
        ]
    }

    /// Equal when every field is.
    public static func == (a: TemplateData, b: TemplateData) -> Bool {
        a.receiver == b.receiver && a.status == b.status && a.alerts == b.alerts && a.groupLabels == b.groupLabels
            && a.commonLabels == b.commonLabels && a.commonAnnotations == b.commonAnnotations
            && a.externalURL == b.externalURL
    }

    /// Builds the data the way Alertmanager's `Template.Data` does: the receiver name regex-quoted, the
    /// status `firing` if any alert fires, and the labels and annotations common to every alert.
    public init(receiverName: String, groupLabels: [String: String], alerts: [TemplateAlert], externalURL: String) {
        var commonLabels = alerts.first?.labels.entries ?? [:]
        var commonAnnotations = alerts.first?.annotations.entries ?? [:]
        for alert in alerts.dropFirst() {
            commonLabels = commonLabels.filter { alert.labels.entries[$0.key] == $0.value }
            commonAnnotations = commonAnnotations.filter { alert.annotations.entries[$0.key] == $0.value }
        }
        self.init(
            receiver: Self.quoteMeta(receiverName),
            status: alerts.contains { $0.status == "firing" } ? "firing" : "resolved",
            alerts: TemplateAlerts(alerts), groupLabels: KV(groupLabels), commonLabels: KV(commonLabels),
            commonAnnotations: KV(commonAnnotations), externalURL: externalURL)
    }

    /// Go's `regexp.QuoteMeta`, which Alertmanager applies to the receiver name (template.go `Data`).
    public static func quoteMeta(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            if "\\.+*?()|[]{}^$".unicodeScalars.contains(ch) { out += "\\" }
            out.unicodeScalars.append(ch)
        }
        return out
    }

    public var typeName: String { isPassedByValue ? "template.Data" : "*template.Data" }
    public var isPointer: Bool { !isPassedByValue }

    public var structFields: [TemplateValue]? { values }
    public var jsonFieldNames: [String]? {
        ["receiver", "status", "alerts", "groupLabels", "commonLabels", "commonAnnotations", "externalURL"]
    }

    /// The fields `Receiver`, `Status`, `Alerts`, `GroupLabels`, `CommonLabels`, `CommonAnnotations`,
    /// `ExternalURL`.
    public func field(named name: String) -> TemplateValue? {
        switch name {
        case "Receiver": return values[0]
        case "Status": return values[1]
        case "Alerts": return values[2]
        case "GroupLabels": return values[3]
        case "CommonLabels": return values[4]
        case "CommonAnnotations": return values[5]
        case "ExternalURL": return values[6]
        default: return nil
        }
    }
}
