import Foundation
import Testing
import TocsinModel

@testable import HTTPAPI

/// Response bodies are written as Go's encoding/json writes them.
@Suite struct JSONBufferTests {
    func written(_ write: (inout JSONBuffer) -> Void) -> String {
        var buffer = JSONBuffer()
        write(&buffer)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    @Test func stringsAreEscapedHTMLSafeAsGoDoes() {
        #expect(written { $0.string("plain") } == #""plain""#)
        #expect(written { $0.string("a\"b\\c\nd\re\tf") } == #""a\"b\\c\nd\re\tf""#)
        #expect(written { $0.string("<a&b>") } == #""\u003ca\u0026b\u003e""#)
        #expect(written { $0.string("\u{01}\u{1f}") } == #""\u0001\u001f""#)
        #expect(written { $0.string("line\u{2028}para\u{2029}") } == #""line\u2028para\u2029""#)
        #expect(written { $0.string("é→€😀") } == "\"é→€😀\"", "0xE2 starts → and € too, which stay as they are")
    }

    @Test func labelSetsAndListsKeepGosOrder() {
        #expect(written { $0.labels(["b": "2", "a": "1", "A": "0"]) } == #"{"A":"0","a":"1","b":"2"}"#)
        #expect(written { $0.labels(LabelSet()) } == "{}")
        #expect(written { $0.strings(["x", "y"]) } == #"["x","y"]"#)
        #expect(written { $0.strings([]) } == "[]")
    }

    @Test func timestampsHaveThreeTruncatedFractionDigits() {
        #expect(written { $0.timestamp(Date(timeIntervalSince1970: 1_767_225_600.9999)) } == #""2026-01-01T00:00:00.999Z""#)
        #expect(written { $0.timestamp(GettableAlert.goZeroTime) } == #""0001-01-01T00:00:00.000Z""#)
        #expect(written { $0.timestamp(Date(timeIntervalSince1970: -1.5)) } == #""1969-12-31T23:59:58.500Z""#)
    }
}
