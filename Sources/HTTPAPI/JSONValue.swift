/// A parsed JSON document as plain Swift values, for request bodies.
///
/// Foundation's `JSONSerialization` builds bridged `NSDictionary`/`NSArray` trees that every field access must
/// cast back; on `POST /api/v2/alerts` that bridging and casting was 40% of the dispatcher's CPU per alert.
/// This parser reads the bytes straight into an enum and reads them as go-openapi's consumer does (Go's
/// `json.Decoder`): only the first value counts (text after it is ignored), object members stay in document
/// order (so repeated keys can be applied in order, as Go's decoder applies them), strings are decoded as Go
/// decodes them (invalid UTF-8 and lone surrogates become U+FFFD), and a syntax error carries Go's message.
enum JSONValue: Equatable {
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])
    case string(String)
    /// A number, kept as its text (request bodies only need to reject numbers where strings belong).
    case number(String)
    case bool(Bool)
    case null

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.object(let a), .object(let b)): a.map(\.key) == b.map(\.key) && a.map(\.value) == b.map(\.value)
        case (.array(let a), .array(let b)): a == b
        case (.string(let a), .string(let b)), (.number(let a), .number(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        default: false
        }
    }

    /// The value of member `key` of an object (the last one when the key repeats); nil for a missing key or a
    /// value that is not an object.
    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value
    }

    /// Go's name for the value's kind in `json: cannot unmarshal <kind> into ...` errors.
    var goKind: String {
        switch self {
        case .object: "object"
        case .array: "array"
        case .string: "string"
        case .number: "number"
        case .bool: "bool"
        case .null: "null"
        }
    }

    /// The first JSON value of `bytes` (leading whitespace skipped, anything after the value ignored); nil
    /// when there is only whitespace (Go's `io.EOF`, which go-openapi treats as a missing body).
    static func decodeFirst(_ bytes: [UInt8]) -> Result<JSONValue?, JSONSyntaxError> {
        var parser = JSONParser(bytes: bytes)
        return parser.firstValue()
    }
}

/// A body that is not JSON, with the text of Go's decoder error.
enum JSONSyntaxError: Error, Equatable, CustomStringConvertible {
    /// The body ended inside a value.
    case unexpectedEnd
    /// A byte that cannot come where it is; `context` as Go words it ("looking for beginning of value", ...).
    case invalidCharacter(UInt8, context: String)

    var description: String {
        switch self {
        case .unexpectedEnd: "unexpected EOF"
        case .invalidCharacter(let byte, let context): "invalid character \(Self.goQuoteCharacter(byte)) \(context)"
        }
    }

    /// Go's `quoteChar`: the byte taken as a rune (so 0xC3 prints as 'Ã') and quoted as `strconv.Quote` would.
    static func goQuoteCharacter(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "'"): return #"'\''"#
        case UInt8(ascii: "\""): return #"'"'"#
        case 0x07: return #"'\a'"#
        case 0x08: return #"'\b'"#
        case 0x0C: return #"'\f'"#
        case 0x0A: return #"'\n'"#
        case 0x0D: return #"'\r'"#
        case 0x09: return #"'\t'"#
        case 0x0B: return #"'\v'"#
        case UInt8(ascii: "\\"): return #"'\\'"#
        case 0..<0x20, 0x7F: return "'\\x" + hex(byte, width: 2) + "'"
        case 0x80...0xA0, 0xAD: return "'\\u" + hex(byte, width: 4) + "'"
        default: return "'" + String(Character(Unicode.Scalar(byte))) + "'"
        }
    }

    private static func hex(_ byte: UInt8, width: Int) -> String {
        let digits = String(byte, radix: 16)
        return String(repeating: "0", count: width - digits.count) + digits
    }
}

/// A recursive-descent reader of RFC 8259 JSON over UTF-8 bytes, failing where Go's scanner fails and with
/// its words. Nesting is bounded, so a hostile body of a million `[` cannot exhaust the stack: Go allows
/// 10,000 levels, but 10,000 recursive frames overflow a task's stack here, and no alert or silence nests
/// deeper than four, so the bound is 512 (with Go's message).
private struct JSONParser {
    let bytes: [UInt8]
    var position = 0
    var depth = 0
    static let maximumDepth = 512

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func firstValue() -> Result<JSONValue?, JSONSyntaxError> {
        skipWhitespace()
        guard position < bytes.count else { return .success(nil) }
        do {
            return .success(try value())
        } catch {
            return .failure(error)
        }
    }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
            position += 1
        }
    }

    /// The byte at `position`, or the end-of-input error.
    private func next() throws(JSONSyntaxError) -> UInt8 {
        guard let byte = current else { throw .unexpectedEnd }
        return byte
    }

    private mutating func value() throws(JSONSyntaxError) -> JSONValue {
        skipWhitespace()
        switch try next() {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        case let byte: throw .invalidCharacter(byte, context: "looking for beginning of value")
        }
    }

    private mutating func literal(_ text: String, _ value: JSONValue) throws(JSONSyntaxError) -> JSONValue {
        let expected = Array(text.utf8)
        position += 1
        for index in 1..<expected.count {
            let byte = try next()
            guard byte == expected[index] else {
                let character = Character(Unicode.Scalar(expected[index]))
                throw .invalidCharacter(byte, context: "in literal \(text) (expecting '\(character)')")
            }
            position += 1
        }
        return value
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw .invalidCharacter(bytes[position], context: "exceeded max depth") }
    }

    private mutating func object() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        position += 1
        var members: [(key: String, value: JSONValue)] = []
        skipWhitespace()
        if try next() == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            let quote = try next()
            guard quote == UInt8(ascii: "\"") else {
                throw .invalidCharacter(quote, context: "looking for beginning of object key string")
            }
            let key = try string()
            skipWhitespace()
            let colon = try next()
            guard colon == UInt8(ascii: ":") else { throw .invalidCharacter(colon, context: "after object key") }
            position += 1
            members.append((key, try value()))
            skipWhitespace()
            let separator = try next()
            position += 1
            switch separator {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "}"): return .object(members)
            default: throw .invalidCharacter(separator, context: "after object key:value pair")
            }
        }
    }

    private mutating func array() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if try next() == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            elements.append(try value())
            skipWhitespace()
            let separator = try next()
            position += 1
            switch separator {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "]"): return .array(elements)
            default: throw .invalidCharacter(separator, context: "after array element")
            }
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`; the byte after it is left for the caller, as
    /// Go's scanner judges it in the enclosing context.
    private mutating func number() throws(JSONSyntaxError) -> JSONValue {
        let start = position
        func isDigit(_ byte: UInt8?) -> Bool { byte.map { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } ?? false }
        if current == UInt8(ascii: "-") {
            position += 1
            let byte = try next()
            guard isDigit(byte) else { throw .invalidCharacter(byte, context: "in numeric literal") }
        }
        if current == UInt8(ascii: "0") {
            position += 1
        } else {
            while isDigit(current) { position += 1 }
        }
        if current == UInt8(ascii: ".") {
            position += 1
            let byte = try next()
            guard isDigit(byte) else { throw .invalidCharacter(byte, context: "after decimal point in numeric literal") }
            while isDigit(current) { position += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            let byte = try next()
            guard isDigit(byte) else { throw .invalidCharacter(byte, context: "in exponent of numeric literal") }
            while isDigit(current) { position += 1 }
        }
        return .number(String(decoding: bytes[start..<position], as: UTF8.self))
    }

    /// A string literal at `position` (which holds its opening quote), unescaped.
    private mutating func string() throws(JSONSyntaxError) -> String {
        position += 1
        let start = position
        // Fast path: no escapes, so the bytes between the quotes are the string.
        while let byte = current, byte != UInt8(ascii: "\\") {
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: bytes[start..<position], as: UTF8.self)
                position += 1
                return text
            }
            if byte < 0x20 { throw .invalidCharacter(byte, context: "in string literal") }
            position += 1
        }
        var unescaped = Array(bytes[start..<position])
        while true {
            let byte = try next()
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: unescaped, as: UTF8.self)
            case UInt8(ascii: "\\"):
                let escape = try next()
                position += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): unescaped.append(escape)
                case UInt8(ascii: "b"): unescaped.append(0x08)
                case UInt8(ascii: "f"): unescaped.append(0x0C)
                case UInt8(ascii: "n"): unescaped.append(0x0A)
                case UInt8(ascii: "r"): unescaped.append(0x0D)
                case UInt8(ascii: "t"): unescaped.append(0x09)
                case UInt8(ascii: "u"): unescaped.append(contentsOf: String(Character(try unicodeEscape())).utf8)
                default: throw .invalidCharacter(escape, context: "in string escape code")
                }
            default:
                if byte < 0x20 { throw .invalidCharacter(byte, context: "in string literal") }
                unescaped.append(byte)
            }
        }
    }

    /// The scalar of `\uXXXX` (the `\u` already read), joining a surrogate pair; a lone surrogate is U+FFFD.
    private mutating func unicodeEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
        let high = try hex4()
        if (0xD800..<0xDC00).contains(high), position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
            bytes[position + 1] == UInt8(ascii: "u")
        {
            let save = position
            position += 2
            if let low = try? hex4(), (0xDC00..<0xE000).contains(low) {
                return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) ?? "\u{FFFD}"
            }
            position = save
        }
        return Unicode.Scalar(high) ?? "\u{FFFD}"
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = try next()
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw .invalidCharacter(byte, context: "in \\u hexadecimal character escape")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }
}
