/// go-openapi's `uri` format check, which is Go's `url.ParseRequestURI` succeeding: an absolute URI or an
/// absolute path. Alertmanager answers a `generatorURL` that fails it with a 422, so Tocsin must accept and
/// refuse exactly the same texts (`mailto:x`, `http://` and `/graph?g0.expr=up` pass; `x`, `x y` and
/// `::bad` do not).
enum GoRequestURI {
    /// Whether `text` parses as Go's `url.ParseRequestURI` parses it.
    static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        if bytes.isEmpty || bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) { return false }
        if text == "*" { return true }
        guard let (scheme, afterScheme) = Self.scheme(bytes) else { return false }
        var rest = afterScheme
        // The query is cut off unchecked (a lone trailing "?" included).
        if let question = rest.firstIndex(of: UInt8(ascii: "?")) {
            rest = Array(rest[..<question])
        }
        guard rest.first == UInt8(ascii: "/") else {
            // A rootless path after a scheme is opaque (mailto:x); without a scheme it is no request URI.
            return !scheme.isEmpty
        }
        if !scheme.isEmpty, rest.starts(with: Array("//".utf8)) {
            let authorityAndPath = rest.dropFirst(2)
            let slash = authorityAndPath.firstIndex(of: UInt8(ascii: "/")) ?? authorityAndPath.endIndex
            guard isValidAuthority(Array(authorityAndPath[..<slash])) else { return false }
            rest = Array(authorityAndPath[slash...])
        }
        return unescapes(rest, inHost: false)
    }

    /// Go's `getScheme`: the scheme (empty when there is none) and what follows its colon; nil for a leading
    /// colon ("missing protocol scheme").
    private static func scheme(_ bytes: [UInt8]) -> (String, [UInt8])? {
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if index == 0 { return ("", bytes) }
            case UInt8(ascii: ":"):
                if index == 0 { return nil }
                return (String(decoding: bytes[..<index], as: UTF8.self), Array(bytes[(index + 1)...]))
            default:
                return ("", bytes)
            }
        }
        return ("", bytes)
    }

    /// Go's `parseAuthority`: optional userinfo before the last `@`, then a host with an optional numeric port.
    private static func isValidAuthority(_ authority: [UInt8]) -> Bool {
        let at = authority.lastIndex(of: UInt8(ascii: "@"))
        let host = at.map { Array(authority[($0 + 1)...]) } ?? authority
        guard isValidHost(host) else { return false }
        guard let at else { return true }
        let userinfo = Array(authority[..<at])
        let allowed = Set("-._:~!$&'()*+,;=%@".utf8)
        guard userinfo.allSatisfy({ isAlphanumeric($0) || allowed.contains($0) }) else { return false }
        return userinfo.split(separator: UInt8(ascii: ":"), maxSplits: 1, omittingEmptySubsequences: false)
            .allSatisfy { unescapes(Array($0), inHost: false) }
    }

    /// Go's `parseHost`: a bracketed IP literal or a name, each with an optional `:digits` port, and only
    /// the characters a host may hold.
    private static func isValidHost(_ host: [UInt8]) -> Bool {
        if host.first == UInt8(ascii: "[") {
            guard let close = host.lastIndex(of: UInt8(ascii: "]")) else { return false }
            guard isValidOptionalPort(Array(host[(close + 1)...])) else { return false }
        } else if let colon = host.lastIndex(of: UInt8(ascii: ":")) {
            guard isValidOptionalPort(Array(host[colon...])) else { return false }
        }
        return unescapes(host, inHost: true)
    }

    private static func isValidOptionalPort(_ port: [UInt8]) -> Bool {
        guard let first = port.first else { return true }
        return first == UInt8(ascii: ":") && port.dropFirst().allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    /// Go's `unescape` succeeding: every `%` starts two hex digits (in a host, only for bytes ≥ 0x80, or
    /// `%25`), and a host holds no ASCII character that would need escaping.
    private static func unescapes(_ bytes: [UInt8], inHost: Bool) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, let high = hexValue(bytes[index + 1]), hexValue(bytes[index + 2]) != nil else {
                    return false
                }
                if inHost, high < 8, !(bytes[index + 1] == UInt8(ascii: "2") && bytes[index + 2] == UInt8(ascii: "5")) {
                    return false
                }
                index += 3
                continue
            }
            if inHost, byte < 0x80, !isAllowedInHost(byte) { return false }
            index += 1
        }
        return true
    }

    private static let hostPunctuation = Set("!$&'()*+,;=:[]<>\"-_.~".utf8)

    private static func isAllowedInHost(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || hostPunctuation.contains(byte)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
