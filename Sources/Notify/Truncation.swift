/// Alertmanager's cuts of texts that exceed an API's limit (notify/util.go): the text is shortened and
/// ends in `…`, so a reader sees something was cut.
enum Truncation {
    static let marker = "…"

    /// Keeps at most `limit` runes (Unicode scalars), the last one being the marker (`TruncateInRunes`).
    static func inRunes(_ text: String, _ limit: Int) -> (text: String, truncated: Bool) {
        let scalars = text.unicodeScalars
        guard scalars.count > limit else { return (text, false) }
        if limit <= 3 { return (String(String.UnicodeScalarView(scalars.prefix(limit))), true) }
        return (String(String.UnicodeScalarView(scalars.prefix(limit - 1))) + marker, true)
    }

    /// Keeps at most `limit` UTF-8 bytes without splitting a rune, marker included (`TruncateInBytes`).
    static func inBytes(_ text: String, _ limit: Int) -> (text: String, truncated: Bool) {
        guard text.utf8.count > limit else { return (text, false) }
        if limit <= 3 { return (limit == 3 ? marker : String(repeating: ".", count: limit), true) }
        let target = limit - 3
        var kept = String.UnicodeScalarView()
        var bytes = 0
        for scalar in text.unicodeScalars {
            let size = String(scalar).utf8.count
            if bytes + size > target { break }
            kept.append(scalar)
            bytes += size
        }
        return (String(kept) + marker, true)
    }
}
