import CRE2

extension GoRegex {
    /// The names of the capturing groups, index 0 standing for the whole match: Go's `SubexpNames`
    /// ("" for the whole match and for unnamed groups).
    public var groupNames: [String] {
        let count = Int(cre2shim_group_count(handle))
        var names = [""]
        names.reserveCapacity(count + 1)
        for index in stride(from: 1, through: count, by: 1) {
            var length = 0
            if let pointer = cre2shim_group_name(handle, Int32(index), &length) {
                names.append(String(decoding: UnsafeRawBufferPointer(start: pointer, count: length), as: UTF8.self))
            } else {
                names.append("")
            }
        }
        return names
    }

    /// The leftmost-first match in `utf8` at or after byte `start` (the bytes before `start` still count as
    /// context for `^` and `\b`), as the byte ranges of the whole match (index 0) and of each group (nil when
    /// the group did not take part); nil when there is no match.
    public func firstMatch(in utf8: [UInt8], from start: Int) -> [Range<Int>?]? {
        let groups = Int(cre2shim_group_count(handle))
        var offsets = [Int](repeating: -1, count: 2 * (groups + 1))
        // A trailing NUL keeps the pointer non-null for empty texts, so an empty match is not mistaken for
        // a group that did not take part.
        var bytes = utf8
        bytes.append(0)
        let found = bytes.withUnsafeBufferPointer { text in
            text.withMemoryRebound(to: CChar.self) { chars in
                offsets.withUnsafeMutableBufferPointer { out in
                    cre2shim_search(handle, chars.baseAddress, utf8.count, start, out.baseAddress, Int32(groups))
                }
            }
        }
        guard found != 0 else { return nil }
        return (0...groups).map { i in
            offsets[2 * i] < 0 ? nil : offsets[2 * i]..<offsets[2 * i + 1]
        }
    }

    /// The matches Go's `ReplaceAllString` replaces, in order: each search resumes at the end of the previous
    /// match (one character further after an empty match), and an empty match right after a previous match
    /// is skipped, so `a*` over "baaac" replaces at 0, 1 and 5 but not again at 4.
    public func replacedMatches(in text: String) -> [[Range<Int>?]] {
        let bytes = Array(text.utf8)
        var result: [[Range<Int>?]] = []
        var searchPosition = 0
        var lastMatchEnd = 0
        while searchPosition <= bytes.count {
            guard let match = firstMatch(in: bytes, from: searchPosition), let whole = match[0] else { break }
            if whole.upperBound > lastMatchEnd || whole.lowerBound == 0 {
                result.append(match)
            }
            lastMatchEnd = whole.upperBound
            let width = searchPosition < bytes.count ? Self.utf8Width(bytes[searchPosition]) : 0
            if searchPosition + width > whole.upperBound {
                searchPosition += width
            } else if searchPosition + 1 > whole.upperBound {
                searchPosition += 1
            } else {
                searchPosition = whole.upperBound
            }
        }
        return result
    }

    /// The length of the UTF-8 sequence a lead byte starts (1 for a stray continuation byte, as Go's
    /// decoder treats invalid input).
    private static func utf8Width(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...0xF7: return 4
        case 0xE0...0xEF: return 3
        case 0xC0...0xDF: return 2
        default: return 1
        }
    }
}
