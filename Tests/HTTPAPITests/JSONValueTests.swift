import Testing

@testable import HTTPAPI

/// The request-body parser reads what Go's `json.Decoder` reads and fails with its messages.
@Suite struct JSONValueTests {
    func error(_ text: String) -> String {
        switch JSONValue.decodeFirst(Array(text.utf8)) {
        case .failure(let error): error.description
        case .success(let value): "parsed \(String(describing: value))"
        }
    }

    @Test func readsValuesInDocumentOrder() throws {
        let value = try JSONValue.decodeFirst(Array(#" {"b":[1,-2.5e3,true,null],"a":"x\u00e9\ud83d\ude00\n","b":{}} "#.utf8)).get()
        #expect(
            value
                == .object([
                    ("b", .array([.number("1"), .number("-2.5e3"), .bool(true), .null])), ("a", .string("xé😀\n")), ("b", .object([])),
                ]))
        #expect(value?["b"] == .object([]), "the last of repeated keys")
        #expect(value?["a"]?.goKind == "string")
    }

    @Test func onlyTheFirstValueCountsAndBlankIsNoValue() throws {
        #expect(try JSONValue.decodeFirst(Array("[1] garbage".utf8)).get() == .array([.number("1")]))
        #expect(try JSONValue.decodeFirst(Array(" \n\t".utf8)).get() == nil)
        #expect(try JSONValue.decodeFirst([]).get() == nil)
    }

    @Test func loneSurrogatesAndInvalidUTF8BecomeReplacementCharacters() throws {
        #expect(try JSONValue.decodeFirst(Array(#""\ud800x""#.utf8)).get() == .string("\u{FFFD}x"))
        #expect(try JSONValue.decodeFirst([0x22, 0xFF, 0x22]).get() == .string("\u{FFFD}"))
    }

    @Test func syntaxErrorsReadAsGos() {
        #expect(error(#"[{"a" 1}]"#) == "invalid character '1' after object key")
        #expect(error(#"[{"a":1 "b"}]"#) == #"invalid character '"' after object key:value pair"#)
        #expect(error("[1 2]") == "invalid character '2' after array element")
        #expect(error("[{1}]") == "invalid character '1' looking for beginning of object key string")
        #expect(error(#"["a\x"]"#) == "invalid character 'x' in string escape code")
        #expect(error(#"["\u12g4"]"#) == #"invalid character 'g' in \u hexadecimal character escape"#)
        #expect(error("[tru]") == "invalid character ']' in literal true (expecting 'e')")
        #expect(error("[-a]") == "invalid character 'a' in numeric literal")
        #expect(error("[1.a]") == "invalid character 'a' after decimal point in numeric literal")
        #expect(error("[1ea]") == "invalid character 'a' in exponent of numeric literal")
        #expect(error("[\"a\tb\"]") == #"invalid character '\t' in string literal"#)
        #expect(error("[01]") == "invalid character '1' after array element")
        #expect(error("[é]") == "invalid character 'Ã' looking for beginning of value")
        #expect(error("[\u{7f}]") == #"invalid character '\x7f' looking for beginning of value"#)
        #expect(error("[{\"a\":\"b\"}") == "unexpected EOF")
        #expect(error("[nul") == "unexpected EOF")
        #expect(error(String(repeating: "[", count: 513)) == "invalid character '[' exceeded max depth")
    }
}
