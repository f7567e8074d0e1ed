/// Alertmanager's `template.Alerts`, with `.Firing` and `.Resolved`, which return plain `[]template.Alert`
/// (so, as in Go, the result has no `.Firing` of its own).
public struct TemplateAlerts: TemplateObject, Equatable {
    public let alerts: [TemplateAlert]
    /// The slice as `range` and `index` see it, built once per notification rather than per access.
    private let view: TemplateValue

    /// The alerts of one notification, in Alertmanager's order.
    public init(_ alerts: [TemplateAlert]) {
        self.alerts = alerts
        self.view = .list(TemplateList(alerts.map { .object($0) }, typeName: "template.Alerts"))
    }

    /// Equal when the alerts are.
    public static func == (a: TemplateAlerts, b: TemplateAlerts) -> Bool { a.alerts == b.alerts }

    public var typeName: String { "template.Alerts" }
    public var kindView: TemplateValue? { view }

    public var firing: [TemplateAlert] { alerts.filter { $0.status == "firing" } }
    public var resolved: [TemplateAlert] { alerts.filter { $0.status == "resolved" } }

    /// `Firing` and `Resolved`.
    public func method(named name: String) -> TemplateMethod? {
        let subset: [TemplateAlert]
        switch name {
        case "Firing": subset = firing
        case "Resolved": subset = resolved
        default: return nil
        }
        return TemplateMethod([]) { _ in .list(TemplateList(subset.map { .object($0) }, typeName: "[]template.Alert")) }
    }
}
