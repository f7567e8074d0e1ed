import Foundation
import TocsinModel

/// Decodes a `POST /api/v2/alerts` body (`postableAlerts`) into model alerts as Alertmanager's go-swagger code
/// does, with its answers:
/// - a body that is not JSON: 400 with Go's syntax error; a blank body: 422 "alerts in body is required";
///   text after the first JSON value is ignored (Go's `json.Decoder`);
/// - each alert is decoded in two parts, as the generated `allOf` code does: first `annotations`, `startsAt`
///   and `endsAt` (into an anonymous struct), then `generatorURL` and `labels` (into `Alert`); keys match
///   fields exactly or case-insensitively, in document order, repeated objects merging into one map; a type
///   error is remembered and reported once its part is decoded, a bad time or URL stops at once;
/// - then validation: per alert, `generatorURL` must be a request URI (422, code 601) and `labels` present
///   (422, code 602); the first failure is the answer.
enum PostableAlerts {
    /// The anonymous struct of go-swagger's first `allOf` part, as Go prints its type.
    static let firstPartType =
        #"struct { Annotations models.LabelSet "json:\"annotations,omitempty\""; EndsAt strfmt.DateTime "json:\"endsAt,omitempty\""; StartsAt strfmt.DateTime "json:\"startsAt,omitempty\"" }"#

    static func decode(_ body: [UInt8]) throws(APIError) -> [Alert] {
        let parsed: JSONValue
        switch JSONValue.decodeFirst(body) {
        case .success(let value?): parsed = value
        case .success(nil): throw .swagger(.unprocessableContent, code: 602, "alerts in body is required")
        case .failure(let error): throw parseError(error.description)
        }
        guard case .array(let elements) = parsed else {
            if parsed == .null { return [] }
            throw parseError("json: cannot unmarshal \(parsed.goKind) into Go value of type models.PostableAlerts")
        }
        var decoded: [DecodedAlert] = []
        decoded.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            decoded.append(try DecodedAlert(element, index: index))
        }
        for (index, alert) in decoded.enumerated() {
            if let url = alert.generatorURL, !url.isEmpty, !GoRequestURI.isValid(url) {
                throw .swagger(.unprocessableContent, code: 601, "\(index).generatorURL in body must be of type uri: \(GoJSON.string(url))")
            }
            if alert.labels == nil {
                throw .swagger(.unprocessableContent, code: 602, "\(index).labels in body is required")
            }
        }
        return decoded.map { alert in
            Alert(
                labels: LabelSet(pairs: alert.labels ?? []),
                annotations: LabelSet(pairs: alert.annotations ?? []),
                startsAt: alert.startsAt,
                endsAt: alert.endsAt,
                generatorURL: alert.generatorURL ?? ""
            )
        }
    }

    /// One alert's fields as Go's decoder leaves them (nil: absent or null).
    private struct DecodedAlert {
        var annotations: [(String, String)]?
        var startsAt: Date?
        var endsAt: Date?
        var generatorURL: String?
        var labels: [(String, String)]?

        init(_ element: JSONValue, index: Int) throws(APIError) {
            guard case .object(let members) = element else {
                // Go leaves a nil alert, which Alertmanager 0.25 then dereferences and panics on; answer instead.
                if element == .null { throw PostableAlerts.parseError("alert \(index) is null") }
                throw PostableAlerts.parseError(
                    "json: cannot unmarshal \(element.goKind) into Go value of type \(PostableAlerts.firstPartType)")
            }
            var typeError: String?
            for (key, value) in members {
                switch GoJSONField.match(key, among: ["annotations", "endsAt", "startsAt"]) {
                case "annotations":
                    PostableAlerts.merge(value, into: &annotations, field: ".annotations", typeError: &typeError)
                case "endsAt": endsAt = try APITimestamp.unmarshal(value, field: ".endsAt", failure: PostableAlerts.parseError) ?? endsAt
                case "startsAt":
                    startsAt = try APITimestamp.unmarshal(value, field: ".startsAt", failure: PostableAlerts.parseError) ?? startsAt
                default: break
                }
            }
            if let typeError { throw PostableAlerts.parseError(typeError) }
            for (key, value) in members {
                switch GoJSONField.match(key, among: ["generatorURL", "labels"]) {
                case "generatorURL":
                    switch value {
                    case .null: break
                    case .string(let text): generatorURL = text
                    default:
                        throw PostableAlerts.parseError(
                            "json: cannot unmarshal \(value.goKind) into Go struct field Alert.generatorURL of type string")
                    }
                case "labels": PostableAlerts.merge(value, into: &labels, field: "Alert.labels", typeError: &typeError)
                default: break
                }
            }
            if let typeError { throw PostableAlerts.parseError(typeError) }
        }
    }

    static func parseError(_ reason: String) -> APIError {
        .swagger(.badRequest, code: 400, "parsing alerts body from \"\" failed, because \(reason)")
    }

    /// Decodes a `models.LabelSet` member as Go does into an existing map: null clears it, an object adds its
    /// members (a null value becomes ""), anything else is a type error remembered in `typeError` (the first
    /// one wins) while decoding goes on.
    private static func merge(_ value: JSONValue, into map: inout [(String, String)]?, field: String, typeError: inout String?) {
        switch value {
        case .null:
            map = nil
        case .object(let members):
            var pairs = map ?? []
            for (name, element) in members {
                switch element {
                case .string(let text): pairs.append((name, text))
                case .null: pairs.append((name, ""))
                default:
                    if typeError == nil {
                        typeError = "json: cannot unmarshal \(element.goKind) into Go struct field \(field) of type string"
                    }
                }
            }
            map = pairs
        default:
            if typeError == nil {
                typeError = "json: cannot unmarshal \(value.goKind) into Go struct field \(field) of type models.LabelSet"
            }
        }
    }
}
