/// html/template's `srcsetFilterAndEscaper`: each comma-separated candidate of a `srcset` keeps its URL
/// (normalized) and its descriptor when the URL's scheme is safe and the descriptor is only letters, digits
/// and spaces; any other candidate becomes `#ZgotmplZ`.
enum SrcsetEscaper {
    static func escape(_ s: String) -> String {
        let bytes = Array(s.utf8)
        var out = ""
        var left = 0
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: ",") {
            out += candidate(bytes, left, i)
            out += ","
            left = i + 1
        }
        out += candidate(bytes, left, bytes.count)
        return out
    }

    private static func candidate(_ s: [UInt8], _ left: Int, _ right: Int) -> String {
        var start = left
        while start < right && isSpace(s[start]) { start += 1 }
        var end = right
        for i in start..<right where isSpace(s[i]) {
            end = i
            break
        }
        let url = String(decoding: s[start..<end], as: UTF8.self)
        let descriptorIsPlain = s[end..<right].allSatisfy { isSpace($0) || ByteView.isAlphaNum($0) }
        guard HTMLEscaper.isSafeURL(url), descriptorIsPlain else { return "#ZgotmplZ" }
        return String(decoding: s[left..<start], as: UTF8.self) + HTMLEscaper.processURL(url, normalize: true)
            + String(decoding: s[end..<right], as: UTF8.self)
    }

    /// WHATWG ASCII white space: tab, LF, FF, CR, space.
    private static func isSpace(_ b: UInt8) -> Bool { b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D || b == 0x20 }
}
