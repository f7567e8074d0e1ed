import Foundation
import TocsinModel

/// Decodes a `POST /api/v2/alerts` body (`postableAlerts`) into model alerts, with go-swagger's checks and
/// messages: a body that is not a JSON array is a 400 parse error, an alert without `labels` a 422 (code 602),
/// a time that is not RFC 3339 a 400 parse error. Unknown fields are ignored, as Go's decoder does.
enum PostableAlerts {
    static func decode(_ body: [UInt8]) throws(APIError) -> [Alert] {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
        } catch {
            throw parseError(syntaxMessage(body))
        }
        guard let elements = parsed as? [Any] else {
            throw parseError("json: cannot unmarshal \(goKind(parsed)) into Go value of type models.PostableAlerts")
        }
        var alerts: [Alert] = []
        for (index, element) in elements.enumerated() {
            guard let object = element as? [String: Any] else {
                throw parseError("json: cannot unmarshal \(goKind(element)) into Go value of type models.PostableAlert")
            }
            guard let labelsValue = object["labels"], !(labelsValue is NSNull) else {
                throw .swagger(.unprocessableContent, code: 602, "\(index).labels in body is required")
            }
            let labels = try stringMap(labelsValue, field: "labels")
            let annotations = try stringMap(object["annotations"] ?? [String: Any](), field: "annotations")
            let generatorURL: String
            switch object["generatorURL"] {
            case nil, is NSNull: generatorURL = ""
            case let text as String: generatorURL = text
            case let other?:
                throw parseError(
                    "json: cannot unmarshal \(goKind(other)) into Go struct field PostableAlert.generatorURL of type strfmt.URI")
            }
            alerts.append(
                Alert(
                    labels: LabelSet(pairs: labels),
                    annotations: LabelSet(pairs: annotations),
                    startsAt: try time(object["startsAt"], field: "startsAt"),
                    endsAt: try time(object["endsAt"], field: "endsAt"),
                    generatorURL: generatorURL
                )
            )
        }
        return alerts
    }

    private static func parseError(_ reason: String) -> APIError {
        .swagger(.badRequest, code: 400, "parsing alerts body from \"\" failed, because \(reason)")
    }

    private static func stringMap(_ value: Any, field: String) throws(APIError) -> [(String, String)] {
        if value is NSNull { return [] }
        guard let object = value as? [String: Any] else {
            throw parseError("json: cannot unmarshal \(goKind(value)) into Go struct field PostableAlert.\(field) of type models.LabelSet")
        }
        var pairs: [(String, String)] = []
        for (name, element) in object {
            guard let text = element as? String else {
                throw parseError("json: cannot unmarshal \(goKind(element)) into Go struct field PostableAlert.\(field) of type string")
            }
            pairs.append((name, text))
        }
        return pairs
    }

    private static func time(_ value: Any?, field: String) throws(APIError) -> Date? {
        switch value {
        case nil, is NSNull:
            return nil
        case let text as String:
            guard let parsed = APITimestamp.parse(text) else {
                throw parseError(
                    "parsing time \(GoJSON.string(text)) as \"2006-01-02T15:04:05Z07:00\": cannot parse \(GoJSON.string(text)) as \"2006\"")
            }
            return parsed
        case let other?:
            throw parseError("json: cannot unmarshal \(goKind(other)) into Go struct field PostableAlert.\(field) of type strfmt.DateTime")
        }
    }

    /// Go's name for a JSON value's kind in unmarshal errors.
    private static func goKind(_ value: Any) -> String {
        switch value {
        case is [Any]: "array"
        case is [String: Any]: "object"
        case is String: "string"
        case is NSNull: "null"
        default: "number"
        }
    }

    /// The syntax error Go's decoder reports for a body that is not JSON.
    private static func syntaxMessage(_ body: [UInt8]) -> String {
        guard let first = body.first(where: { ![0x20, 0x09, 0x0a, 0x0d].contains($0) }) else {
            return "EOF"
        }
        let starts = Array("[{\"-0123456789tfn".utf8)
        if !starts.contains(first) {
            return "invalid character \(goCharacter(first)) looking for beginning of value"
        }
        return "unexpected EOF"
    }

    private static func goCharacter(_ byte: UInt8) -> String {
        if byte == 0x27 { return "'\\''" }
        if byte == 0x22 { return "'\"'" }
        if byte < 0x20 || byte >= 0x7f { return "'\\x\(String(byte, radix: 16))'" }
        return "'\(Character(Unicode.Scalar(byte)))'"
    }
}
