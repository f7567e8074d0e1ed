import Foundation
import TocsinModel

/// Decodes a `POST /api/v2/silences` body (`postableSilence`) with go-swagger's checks, in its order
/// (required fields alphabetically, then the matchers one by one), and Alertmanager's messages.
enum PostableSilence {
    static func decode(_ body: [UInt8]) throws(APIError) -> Silence {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
        } catch {
            throw parseError("unexpected EOF")
        }
        guard let object = parsed as? [String: Any] else {
            throw parseError("json: cannot unmarshal value into Go value of type models.PostableSilence")
        }
        for field in ["comment", "createdBy", "endsAt", "matchers", "startsAt"] where object[field] == nil || object[field] is NSNull {
            throw .swagger(.unprocessableContent, code: 602, "\(field) in body is required")
        }
        guard let comment = object["comment"] as? String, let createdBy = object["createdBy"] as? String else {
            throw parseError("json: cannot unmarshal value into Go struct field of type string")
        }
        guard let rawMatchers = object["matchers"] as? [Any] else {
            throw parseError("json: cannot unmarshal value into Go struct field PostableSilence.matchers of type models.Matchers")
        }
        if rawMatchers.isEmpty {
            throw .swagger(.unprocessableContent, code: 612, "matchers in body should have at least 1 items")
        }
        var matchers: [Matcher] = []
        for (index, raw) in rawMatchers.enumerated() {
            guard let matcher = raw as? [String: Any] else {
                throw parseError("json: cannot unmarshal value into Go struct field of type models.Matcher")
            }
            for field in ["isRegex", "name", "value"] where matcher[field] == nil || matcher[field] is NSNull {
                throw .swagger(.unprocessableContent, code: 602, "matchers.\(index).\(field) in body is required")
            }
            guard let name = matcher["name"] as? String, let value = matcher["value"] as? String,
                let isRegex = matcher["isRegex"] as? Bool
            else {
                throw parseError("json: cannot unmarshal value into Go struct field of type models.Matcher")
            }
            let isEqual = (matcher["isEqual"] as? Bool) ?? true
            let type: MatchType = isRegex ? (isEqual ? .regexp : .notRegexp) : (isEqual ? .equal : .notEqual)
            do {
                matchers.append(try Matcher(name: name, type: type, value: value))
            } catch {
                throw .handler(
                    .badRequest,
                    "silence invalid: invalid label matcher \(index): invalid regular expression \(GoJSON.string(value)): \(error)"
                )
            }
        }
        guard let startsAt = try time(object["startsAt"]), let endsAt = try time(object["endsAt"]) else {
            throw .handler(.badRequest, "silence invalid: invalid zero start timestamp")
        }
        return Silence(
            id: (object["id"] as? String) ?? "",
            matchers: Matchers(matchers),
            startsAt: startsAt,
            endsAt: endsAt,
            updatedAt: Date(),
            createdBy: createdBy,
            comment: comment
        )
    }

    private static func time(_ value: Any?) throws(APIError) -> Date? {
        guard let text = value as? String, let parsed = APITimestamp.parse(text) else {
            throw parseError("parsing time as \"2006-01-02T15:04:05Z07:00\" failed")
        }
        return parsed
    }

    private static func parseError(_ reason: String) -> APIError {
        .swagger(.badRequest, code: 400, "parsing silence body from \"\" failed, because \(reason)")
    }
}
