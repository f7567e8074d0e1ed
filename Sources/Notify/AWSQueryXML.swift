/// Reads the few elements Tocsin needs from the XML answers of AWS query-protocol APIs (SNS, STS):
/// `<Message>` of an `ErrorResponse`, the `<Credentials>` of an `AssumeRoleResponse`.
///
/// Their answers are flat, namespaced only on the root and never use CDATA, so the text of the first
/// element with a name is enough; a full XML parser (libxml2 through FoundationXML) is not linked for it.
enum AWSQueryXML {
    /// The unescaped text of the first `<name>` element of `xml`, nil when there is none.
    static func element(_ name: String, in xml: String) -> String? {
        Self.inner(name, in: xml).map { Self.unescaped(String($0)) }
    }

    /// The raw (still escaped) content of the first `<name>` element, to look for elements inside it.
    static func inner(_ name: String, in xml: String) -> Substring? {
        guard let open = xml.range(of: "<\(name)>"), let close = xml.range(of: "</\(name)>", range: open.upperBound..<xml.endIndex)
        else { return nil }
        return xml[open.upperBound..<close.lowerBound]
    }

    /// `text` with XML's five predefined entities and numeric character references replaced.
    static func unescaped(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semicolon = after.firstIndex(of: ";"), after.distance(from: after.startIndex, to: semicolon) <= 10 else {
                out += "&"
                rest = after
                continue
            }
            let entity = after[..<semicolon]
            let named = ["lt": "<", "gt": ">", "amp": "&", "quot": "\"", "apos": "'"]
            if let value = named[String(entity)] {
                out += value
            } else if entity.hasPrefix("#"), let scalar = Self.scalar(entity.dropFirst()) {
                out.unicodeScalars.append(scalar)
            } else {
                out += "&" + entity + ";"
            }
            rest = after[after.index(after: semicolon)...]
        }
        return out + rest
    }

    /// The scalar of a numeric reference's digits (`65` or `x41`).
    private static func scalar(_ digits: Substring) -> Unicode.Scalar? {
        let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
        return value.flatMap(Unicode.Scalar.init)
    }
}
