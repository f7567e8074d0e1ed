import Curl
import Testing

@Suite("MIMEHeaderEncoding matches Go's mime.QEncoding.Encode(\"utf-8\", s)")
struct MIMEHeaderEncodingTests {
    @Test("values that need no encoding are unchanged")
    func plain() {
        #expect(MIMEHeaderEncoding.qEncode("[FIRING:2] HighLatency (api)") == "[FIRING:2] HighLatency (api)")
        #expect(MIMEHeaderEncoding.qEncode("a\tb") == "a\tb")
    }

    @Test("non-ASCII values become one Q word, spaces as '_' and specials escaped")
    func encodedWord() {
        #expect(MIMEHeaderEncoding.qEncode("Disk full ✓") == "=?utf-8?q?Disk_full_=E2=9C=93?=")
        #expect(MIMEHeaderEncoding.qEncode("a?b_c=d é") == "=?utf-8?q?a=3Fb=5Fc=3Dd_=C3=A9?=")
    }

    @Test("long values split into words of at most 75 characters without splitting a character")
    func splitting() {
        let value = String(repeating: "é", count: 70)
        let word = "=?utf-8?q?" + String(repeating: "=C3=A9", count: 10) + "?="
        #expect(MIMEHeaderEncoding.qEncode(value) == Array(repeating: word, count: 7).joined(separator: " "))
    }
}
