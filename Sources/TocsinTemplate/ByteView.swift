/// A zero-based window onto template text as UTF-8 bytes, so the context scanners can look ahead and
/// hand on the rest without copying it.
struct ByteView {
    let base: [UInt8]
    let lower: Int
    let upper: Int

    init(_ base: [UInt8], _ lower: Int = 0, _ upper: Int? = nil) {
        self.base = base
        self.lower = lower
        self.upper = upper ?? base.count
    }

    var count: Int { upper - lower }
    var isEmpty: Bool { upper == lower }
    subscript(i: Int) -> UInt8 { base[lower + i] }
    var bytes: ArraySlice<UInt8> { base[lower..<upper] }

    func dropFirst(_ n: Int) -> ByteView { ByteView(base, lower + n, upper) }
    func prefix(_ n: Int) -> ByteView { ByteView(base, lower, lower + n) }
    func slice(_ from: Int, _ to: Int) -> ByteView { ByteView(base, lower + from, lower + to) }

    /// The first position at or after `from` holding one of `set`.
    func firstIndex(ofAny set: [UInt8], from: Int = 0) -> Int? {
        var i = from
        while i < count {
            if set.contains(self[i]) { return i }
            i += 1
        }
        return nil
    }

    /// The first position at or after `from` where `pattern` starts.
    func firstIndex(of pattern: [UInt8], from: Int = 0) -> Int? {
        guard pattern.count <= count else { return nil }
        var i = from
        while i + pattern.count <= count {
            var k = 0
            while k < pattern.count && self[i + k] == pattern[k] { k += 1 }
            if k == pattern.count { return i }
            i += 1
        }
        return nil
    }

    /// Whether `pattern` starts at `i`, ASCII letters compared without case.
    func hasPrefixFolded(_ pattern: [UInt8], at i: Int = 0) -> Bool {
        guard i + pattern.count <= count else { return false }
        for k in 0..<pattern.count where Self.lower(self[i + k]) != Self.lower(pattern[k]) { return false }
        return true
    }

    static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b | 0x20 : b }

    /// The position after the HTML white space (space, tab, LF, FF, CR) starting at `i`.
    func skipSpace(from i: Int) -> Int {
        var j = i
        while j < count && Self.isSpace(self[j]) { j += 1 }
        return j
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D }
    static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    static func isAlphaNum(_ b: UInt8) -> Bool { isAlpha(b) || (b >= 0x30 && b <= 0x39) }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
