import CRE2

/// A regular expression with Go's `regexp` syntax and semantics, compiled by RE2.
///
/// RE2 matches in time linear in the input, so patterns that users post in silences cannot cause
/// catastrophic backtracking (`(a+)+b` stays instant). Its default options are Go's: Perl classes and `\b`,
/// leftmost-first matching, UTF-8, `.` not matching `\n`, `^`/`$` at text boundaries only.
///
/// `@unchecked Sendable`: the RE2 object is immutable after construction and RE2 documents its matching
/// functions as thread-safe, so one handle may be shared across tasks. The handle is freed in `deinit`.
public final class GoRegex: @unchecked Sendable, CustomStringConvertible {
    /// The pattern as given.
    public let pattern: String
    let handle: OpaquePointer

    /// Compiles `pattern`; throws Go's error text when the syntax is invalid.
    public init(_ pattern: String) throws(GoRegexError) {
        var bytes = Array(pattern.utf8)
        let count = bytes.count
        guard
            let handle = bytes.withUnsafeMutableBufferPointer({ buffer in
                buffer.withMemoryRebound(to: CChar.self) { cre2shim_compile($0.baseAddress, count) }
            })
        else {
            throw GoRegexError(code: "regexp/syntax: internal error", expression: pattern)
        }
        let code = cre2shim_error_code(handle)
        if code != 0 {
            var length = 0
            let argument =
                cre2shim_error_arg(handle, &length).map { pointer in
                    String(decoding: UnsafeRawBufferPointer(start: pointer, count: length), as: UTF8.self)
                } ?? ""
            cre2shim_delete(handle)
            throw GoRegexError(re2Code: code, argument: argument)
        }
        if GoRegex.containsAnyByteEscape(pattern) {
            cre2shim_delete(handle)
            throw GoRegexError(code: "invalid escape sequence", expression: "\\C")
        }
        self.pattern = pattern
        self.handle = handle
    }

    deinit {
        cre2shim_delete(handle)
    }

    /// True when the whole of `text` matches.
    public func fullMatch(_ text: String) -> Bool {
        withBytes(text) { cre2shim_full_match(handle, $0, $1) != 0 }
    }

    /// True when some substring of `text` matches (Go's `MatchString`).
    public func partialMatch(_ text: String) -> Bool {
        withBytes(text) { cre2shim_partial_match(handle, $0, $1) != 0 }
    }

    public var description: String { pattern }

    /// True when the pattern uses `\C` (any byte) outside a `\Q...\E` literal: RE2 accepts it, Go rejects it.
    private static func containsAnyByteEscape(_ pattern: String) -> Bool {
        var bytes = pattern.utf8.makeIterator()
        var quoted = false
        while let byte = bytes.next() {
            guard byte == UInt8(ascii: "\\"), let next = bytes.next() else {
                continue
            }
            switch (quoted, next) {
            case (false, UInt8(ascii: "C")): return true
            case (false, UInt8(ascii: "Q")): quoted = true
            case (true, UInt8(ascii: "E")): quoted = false
            default: break
            }
        }
        return false
    }

    private func withBytes(_ text: String, _ body: (UnsafePointer<CChar>?, Int) -> Bool) -> Bool {
        var text = text
        if let result = text.utf8.withContiguousStorageIfAvailable({ buffer in
            buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress, $0.count) }
        }) {
            return result
        }
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { buffer in
            buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress, $0.count) }
        } ?? false
    }
}
