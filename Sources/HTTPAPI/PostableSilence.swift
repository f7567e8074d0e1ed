import Foundation
import TocsinModel

/// Decodes a `POST /api/v2/silences` body (`postableSilence`) as Alertmanager's go-swagger code does, with its
/// answers: Go's syntax errors; a blank body is "silence in body is required" (422); the `id` part is decoded
/// before the `Silence` part (`allOf`), keys match exactly or case-insensitively in document order, a type
/// error is remembered and reported once its part is decoded, a bad time stops at once; then go-swagger's
/// validation in its order (required fields alphabetically, then the matchers one by one).
enum PostableSilence {
    /// The anonymous struct of go-swagger's first `allOf` part, as Go prints its type.
    static let firstPartType = #"struct { ID string "json:\"id,omitempty\"" }"#

    /// One matcher as Go's decoder leaves it (nil: absent or null).
    private struct DecodedMatcher {
        var name: String?
        var value: String?
        var isRegex: Bool?
        var isEqual: Bool?
    }

    static func decode(_ body: [UInt8]) throws(APIError) -> PostedSilence {
        let members: [(key: String, value: JSONValue)]
        switch JSONValue.decodeFirst(body) {
        case .success(nil): throw .swagger(.unprocessableContent, code: 602, "silence in body is required")
        case .success(.object(let fields)?): members = fields
        case .success(.null?): members = []
        case .success(let other?): throw parseError("json: cannot unmarshal \(other.goKind) into Go value of type \(firstPartType)")
        case .failure(let error): throw parseError(error.description)
        }
        var typeError: String?
        func string(_ value: JSONValue, _ field: String, into target: inout String?) {
            switch value {
            case .null: break
            case .string(let text): target = text
            default:
                if typeError == nil { typeError = "json: cannot unmarshal \(value.goKind) into Go struct field \(field) of type string" }
            }
        }
        func bool(_ value: JSONValue, _ field: String, into target: inout Bool?) {
            switch value {
            case .null: break
            case .bool(let flag): target = flag
            default: if typeError == nil { typeError = "json: cannot unmarshal \(value.goKind) into Go struct field \(field) of type bool" }
            }
        }

        var id: String?
        for (key, value) in members where GoJSONField.match(key, among: ["id"]) != nil {
            string(value, ".id", into: &id)
        }
        if let typeError { throw parseError(typeError) }

        var comment: String?
        var createdBy: String?
        var startsAt: Date??
        var endsAt: Date??
        var matchers: [DecodedMatcher]?
        for (key, value) in members {
            switch GoJSONField.match(key, among: ["comment", "createdBy", "endsAt", "matchers", "startsAt"]) {
            case "comment": string(value, "Silence.comment", into: &comment)
            case "createdBy": string(value, "Silence.createdBy", into: &createdBy)
            case "startsAt":
                if value != .null { startsAt = .some(try APITimestamp.unmarshal(value, field: "Silence.startsAt", failure: parseError)) }
            case "endsAt":
                if value != .null { endsAt = .some(try APITimestamp.unmarshal(value, field: "Silence.endsAt", failure: parseError)) }
            case "matchers":
                switch value {
                case .null: matchers = nil
                case .array(let elements):
                    var decoded: [DecodedMatcher] = []
                    for (index, element) in elements.enumerated() {
                        // Go reuses the elements of the slice it decodes into.
                        var matcher = index < (matchers?.count ?? 0) ? matchers![index] : DecodedMatcher()
                        switch element {
                        case .object(let fields):
                            for (name, field) in fields {
                                switch GoJSONField.match(name, among: ["isEqual", "isRegex", "name", "value"]) {
                                case "isEqual": bool(field, "Matcher.matchers.isEqual", into: &matcher.isEqual)
                                case "isRegex": bool(field, "Matcher.matchers.isRegex", into: &matcher.isRegex)
                                case "name": string(field, "Matcher.matchers.name", into: &matcher.name)
                                case "value": string(field, "Matcher.matchers.value", into: &matcher.value)
                                default: break
                                }
                            }
                        case .null:
                            // Go leaves a nil matcher, which Alertmanager 0.25 dereferences and panics on; answer instead.
                            throw parseError("matcher \(index) is null")
                        default:
                            if typeError == nil {
                                typeError =
                                    "json: cannot unmarshal \(element.goKind) into Go struct field Silence.matchers of type models.Matcher"
                            }
                        }
                        decoded.append(matcher)
                    }
                    matchers = decoded
                default:
                    if typeError == nil {
                        typeError = "json: cannot unmarshal \(value.goKind) into Go struct field Silence.matchers of type models.Matchers"
                    }
                }
            default: break
            }
        }
        if let typeError { throw parseError(typeError) }

        // go-swagger's validation: required fields alphabetically, then the matchers.
        guard let comment else { throw .swagger(.unprocessableContent, code: 602, "comment in body is required") }
        guard let createdBy else { throw .swagger(.unprocessableContent, code: 602, "createdBy in body is required") }
        guard let endsAt else { throw .swagger(.unprocessableContent, code: 602, "endsAt in body is required") }
        guard let rawMatchers = matchers else { throw .swagger(.unprocessableContent, code: 602, "matchers in body is required") }
        if rawMatchers.isEmpty {
            throw .swagger(.unprocessableContent, code: 612, "matchers in body should have at least 1 items")
        }
        var checked: [(name: String, value: String, isRegex: Bool, isEqual: Bool)] = []
        for (index, matcher) in rawMatchers.enumerated() {
            guard let isRegex = matcher.isRegex else {
                throw .swagger(.unprocessableContent, code: 602, "matchers.\(index).isRegex in body is required")
            }
            guard let name = matcher.name else {
                throw .swagger(.unprocessableContent, code: 602, "matchers.\(index).name in body is required")
            }
            guard let value = matcher.value else {
                throw .swagger(.unprocessableContent, code: 602, "matchers.\(index).value in body is required")
            }
            checked.append((name, value, isRegex, matcher.isEqual ?? true))
        }
        guard let startsAt else { throw .swagger(.unprocessableContent, code: 602, "startsAt in body is required") }

        // Go's zero time is a real instant here: a zero end fails the handler's "start before end" check, a
        // zero start is moved to now by the silences package, as any start in the past is.
        return PostedSilence(
            id: id ?? "", comment: comment, createdBy: createdBy, startsAt: startsAt ?? GettableAlert.goZeroTime,
            endsAt: endsAt ?? GettableAlert.goZeroTime, matchers: checked)
    }

    /// A decoded body that passed go-swagger's checks; the matchers' own validation comes after the handler's
    /// time checks, as in Alertmanager.
    struct PostedSilence {
        let id: String
        let comment: String
        let createdBy: String
        let startsAt: Date
        let endsAt: Date
        let matchers: [(name: String, value: String, isRegex: Bool, isEqual: Bool)]

        /// The silence, or the silences package's error for a regex that does not compile.
        func silence() throws(APIError) -> Silence {
            var built: [Matcher] = []
            for (index, matcher) in matchers.enumerated() {
                let type: MatchType =
                    matcher.isRegex ? (matcher.isEqual ? .regexp : .notRegexp) : (matcher.isEqual ? .equal : .notEqual)
                do {
                    built.append(try Matcher(name: matcher.name, type: type, value: matcher.value))
                } catch {
                    // Alertmanager reports the pattern's own compile error, not the anchored one's.
                    var cause = error
                    do { _ = try GoRegex(matcher.value) } catch { cause = error }
                    let invalid = SilenceValidationError.invalidMatcherRegex(index: index, pattern: matcher.value, error: cause)
                    throw .handler(.badRequest, "silence invalid: \(invalid)")
                }
            }
            return Silence(
                id: id, matchers: Matchers(built), startsAt: startsAt, endsAt: endsAt, updatedAt: Date(), createdBy: createdBy,
                comment: comment)
        }
    }

    private static func parseError(_ reason: String) -> APIError {
        .swagger(.badRequest, code: 400, "parsing silence body from \"\" failed, because \(reason)")
    }
}
