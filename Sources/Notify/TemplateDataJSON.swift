import Foundation
import TocsinTemplate

/// `template.Data` read from JSON as Go's `encoding/json` reads it for `amtool template render
/// --template.data`: fields by their JSON names (matched case-insensitively, as Go does), missing fields
/// left at their zero values, nothing derived (`commonLabels` is what the file says).
public enum TemplateDataJSON {
    /// Why the file could not be read as template data.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Decodes `bytes`; the data is passed by value, as amtool passes it.
    public static func decode(_ bytes: Data) throws(Failure) -> TemplateData {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed])
        } catch {
            throw Failure(description: "invalid JSON: \(error.localizedDescription)")
        }
        guard let root = object as? [String: Any] else {
            throw Failure(description: "json: cannot unmarshal \(goKind(object)) into Go value of type template.Data")
        }
        let fields = lowercasedKeys(root)
        var alerts: [TemplateAlert] = []
        if let list = fields["alerts"], !(list is NSNull) {
            guard let items = list as? [Any] else {
                throw Failure(
                    description: "json: cannot unmarshal \(goKind(list)) into Go struct field Data.alerts of type template.Alerts")
            }
            for item in items {
                guard let alert = item as? [String: Any] else {
                    throw Failure(
                        description: "json: cannot unmarshal \(goKind(item)) into Go struct field Data.alerts of type template.Alert")
                }
                alerts.append(try decodeAlert(lowercasedKeys(alert)))
            }
        }
        var data = TemplateData(
            receiver: try string(fields, "receiver", in: "Data"),
            status: try string(fields, "status", in: "Data"),
            alerts: TemplateAlerts(alerts),
            groupLabels: try kv(fields, "groupLabels", in: "Data"),
            commonLabels: try kv(fields, "commonLabels", in: "Data"),
            commonAnnotations: try kv(fields, "commonAnnotations", in: "Data"),
            externalURL: try string(fields, "externalURL", in: "Data"))
        data.isPassedByValue = true
        return data
    }

    private static func decodeAlert(_ fields: [String: Any]) throws(Failure) -> TemplateAlert {
        TemplateAlert(
            status: try string(fields, "status", in: "Data.alerts"),
            labels: try kv(fields, "labels", in: "Data.alerts"),
            annotations: try kv(fields, "annotations", in: "Data.alerts"),
            startsAt: try time(fields, "startsAt"),
            endsAt: try time(fields, "endsAt"),
            generatorURL: try string(fields, "generatorURL", in: "Data.alerts"),
            fingerprint: try string(fields, "fingerprint", in: "Data.alerts"))
    }

    private static func lowercasedKeys(_ object: [String: Any]) -> [String: Any] {
        var out: [String: Any] = [:]
        for (key, value) in object { out[key.lowercased()] = value }
        return out
    }

    private static func string(_ fields: [String: Any], _ name: String, in type: String) throws(Failure) -> String {
        guard let value = fields[name.lowercased()], !(value is NSNull) else { return "" }
        guard let text = value as? String else {
            throw Failure(description: "json: cannot unmarshal \(goKind(value)) into Go struct field \(type).\(name) of type string")
        }
        return text
    }

    private static func kv(_ fields: [String: Any], _ name: String, in type: String) throws(Failure) -> KV {
        guard let value = fields[name.lowercased()], !(value is NSNull) else { return KV() }
        guard let object = value as? [String: Any] else {
            throw Failure(description: "json: cannot unmarshal \(goKind(value)) into Go struct field \(type).\(name) of type template.KV")
        }
        var entries: [String: String] = [:]
        for (key, element) in object {
            guard let text = element as? String else {
                throw Failure(description: "json: cannot unmarshal \(goKind(element)) into Go struct field \(type).\(name) of type string")
            }
            entries[key] = text
        }
        return KV(entries)
    }

    private static func time(_ fields: [String: Any], _ name: String) throws(Failure) -> GoTime {
        guard let value = fields[name.lowercased()], !(value is NSNull) else { return GoTime.zero }
        guard let text = value as? String else {
            throw Failure(description: "json: cannot unmarshal \(goKind(value)) into Go struct field Data.alerts.\(name) of type time.Time")
        }
        guard let time = GoTime(rfc3339: text) else {
            throw Failure(description: "parsing time \"\(text)\" as \"2006-01-02T15:04:05Z07:00\": cannot parse")
        }
        return time
    }

    /// The JSON kind Go names in unmarshalling errors.
    private static func goKind(_ value: Any) -> String {
        switch value {
        case is String: return "string"
        case is [Any]: return "array"
        case is [String: Any]: return "object"
        case let number as NSNumber: return String(cString: number.objCType) == "c" ? "bool" : "number"
        default: return "null"
        }
    }
}
