/// Alertmanager's `template.Alert`: one alert of a notification as templates see it.
public struct TemplateAlert: TemplateObject, Equatable {
    public let status: String
    public let labels: KV
    public let annotations: KV
    public let startsAt: GoTime
    public let endsAt: GoTime
    public let generatorURL: String
    public let fingerprint: String
    /// The fields as template values, boxed once: templates read them per alert per render.
    private let values: [TemplateValue]

    /// An alert with every field Alertmanager exposes to templates.
    public init(
        status: String, labels: KV, annotations: KV, startsAt: GoTime, endsAt: GoTime, generatorURL: String,
        fingerprint: String
    ) {
        self.status = status
        self.labels = labels
        self.annotations = annotations
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.generatorURL = generatorURL
        self.fingerprint = fingerprint
        self.values = [
            .string(status), .object(labels), .object(annotations), .object(startsAt), .object(endsAt),
            .string(generatorURL), .string(fingerprint),
        ]
    }

    /// Equal when every field is.
    public static func == (a: TemplateAlert, b: TemplateAlert) -> Bool {
        a.status == b.status && a.labels == b.labels && a.annotations == b.annotations && a.startsAt == b.startsAt
            && a.endsAt == b.endsAt && a.generatorURL == b.generatorURL && a.fingerprint == b.fingerprint
    }

    public var typeName: String { "template.Alert" }

    public var structFields: [TemplateValue]? { values }
    public var jsonFieldNames: [String]? {
        ["status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint"]
    }

    /// The fields `Status`, `Labels`, `Annotations`, `StartsAt`, `EndsAt`, `GeneratorURL`, `Fingerprint`.
    public func field(named name: String) -> TemplateValue? {
        switch name {
        case "Status": return values[0]
        case "Labels": return values[1]
        case "Annotations": return values[2]
        case "StartsAt": return values[3]
        case "EndsAt": return values[4]
        case "GeneratorURL": return values[5]
        case "Fingerprint": return values[6]
        default: return nil
        }
    }
}
