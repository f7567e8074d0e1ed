import TocsinConfig

/// URL escaping as Go's `net/url` does it, for the URLs Alertmanager's integrations build: query
/// parameters (`url.Values.Encode`, keys sorted) and paths extended with `u.Path += ...`.
///
/// Receivers see these URLs byte for byte (PagerDuty keys, tokens in the query), so the escaping follows
/// Go's rules rather than Foundation's.
enum GoURLEncoding {
    private static let hex = Array("0123456789ABCDEF".utf8)

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// `url.QueryEscape`: everything but unreserved bytes escaped, space as `+`.
    static func queryEscape(_ text: String) -> String {
        String(decoding: queryEscape(bytes: Array(text.utf8)), as: UTF8.self)
    }

    /// `url.QueryEscape` of raw bytes (which need not be valid UTF-8).
    static func queryEscape(bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for byte in bytes {
            if isUnreserved(byte) {
                out.append(byte)
            } else if byte == UInt8(ascii: " ") {
                out.append(UInt8(ascii: "+"))
            } else {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
        return out
    }

    /// The escaping of `URL.EscapedPath` for a path Go has to encode itself: `$&+,/:;=@` stay, `?` and
    /// everything else that is not unreserved is escaped.
    static func pathEscape(_ path: String) -> String {
        var out: [UInt8] = []
        for byte in path.utf8 {
            if isUnreserved(byte) || "$&+,/:;=@".utf8.contains(byte) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes `%XX` escapes (and `+` as space when `plusIsSpace`); nil for a malformed escape.
    static func unescape(_ text: String, plusIsSpace: Bool) -> String? {
        var out: [UInt8] = []
        var bytes = Array(text.utf8)[...]
        while let byte = bytes.popFirst() {
            if byte == UInt8(ascii: "%") {
                guard bytes.count >= 2, let high = hexValue(bytes[bytes.startIndex]),
                    let low = hexValue(bytes[bytes.startIndex + 1])
                else { return nil }
                out.append(high << 4 | low)
                bytes = bytes.dropFirst(2)
            } else if byte == UInt8(ascii: "+") && plusIsSpace {
                out.append(UInt8(ascii: " "))
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// `url.Values.Encode`: `key=value` pairs joined by `&`, keys in byte order, a key's values in
    /// insertion order.
    static func encode(_ values: [(String, String)]) -> String {
        let order = values.indices.sorted { a, b in
            let (ka, kb) = (values[a].0, values[b].0)
            if ka == kb { return a < b }
            return ka.utf8.lexicographicallyPrecedes(kb.utf8)
        }
        return order.map { queryEscape(values[$0].0) + "=" + queryEscape(values[$0].1) }.joined(separator: "&")
    }

    /// `url.ParseQuery`, keeping what parses (pairs with a bad escape or a `;` are dropped, as Go drops
    /// them while reporting an error Alertmanager ignores).
    static func parseQuery(_ raw: String) -> [(String, String)] {
        var pairs: [(String, String)] = []
        for part in raw.split(separator: "&", omittingEmptySubsequences: true) {
            if part.contains(";") { continue }
            let (key, value) = part.firstIndex(of: "=").map { (part[..<$0], part[part.index(after: $0)...]) } ?? (part, "")
            guard let k = unescape(String(key), plusIsSpace: true), let v = unescape(String(value), plusIsSpace: true) else {
                continue
            }
            pairs.append((k, v))
        }
        return pairs
    }
}

extension ConfigURL {
    /// The URL with `suffix` appended to its decoded path and printed again (Go's `u.Path += suffix;
    /// u.String()`), with `query` values set over the existing query when given (`q.Set`, `q.Encode()`).
    func appending(path suffix: String, setting query: [(String, String)]? = nil) -> String {
        var copy = self
        let decoded = GoURLEncoding.unescape(self.path, plusIsSpace: false) ?? self.path
        copy.path = GoURLEncoding.pathEscape(decoded + suffix)
        if let query {
            var values = GoURLEncoding.parseQuery(self.query ?? "")
            for (key, value) in query {
                values.removeAll { $0.0 == key }
                values.append((key, value))
            }
            copy.query = GoURLEncoding.encode(values)
        }
        return copy.description
    }
}
