import Curl
import Testing

@Suite("QuotedPrintable matches Go's mime/quotedprintable writer")
struct QuotedPrintableTests {
    private func encoded(_ text: String) -> String {
        String(decoding: QuotedPrintable.encode(text), as: UTF8.self)
    }

    @Test("printable ASCII passes, '=' and non-ASCII are encoded")
    func basicEncoding() {
        #expect(encoded("hello world") == "hello world")
        #expect(encoded("a=b") == "a=3Db")
        #expect(encoded("é") == "=C3=A9")
    }

    @Test("every line ending becomes CRLF and whitespace before it is encoded")
    func lineEndings() {
        #expect(encoded("a\r\nb\nc\rd") == "a\r\nb\r\nc\r\nd")
        #expect(encoded("trailing space \nnext") == "trailing space=20\r\nnext")
        #expect(encoded("tab\t\r\nx") == "tab=09\r\nx")
        #expect(encoded("end ") == "end=20")
    }

    @Test("long lines get '=' soft breaks at 76 characters")
    func softBreaks() {
        let long = String(repeating: "x", count: 100)
        #expect(encoded(long) == String(repeating: "x", count: 75) + "=\r\n" + String(repeating: "x", count: 25))
        let nearEnd = String(repeating: "x", count: 74) + "="
        #expect(encoded(nearEnd) == String(repeating: "x", count: 74) + "=\r\n=3D")
    }
}
