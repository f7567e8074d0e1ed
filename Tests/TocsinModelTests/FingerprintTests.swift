import Testing
import Foundation
import TocsinModel

@Suite struct FingerprintTests {
    @Test func emptySetIsTheFNVOffsetBasis() {
        #expect(LabelSet().fingerprint.rawValue == 14_695_981_039_346_656_037)
        #expect(LabelSet().fingerprint.description == "cbf29ce484222325")
    }

    @Test func printsSixteenZeroPaddedDigits() {
        #expect(Fingerprint(rawValue: 0x1f).description == "000000000000001f")
        #expect(Fingerprint(rawValue: .max).description == "ffffffffffffffff")
    }

    @Test func parsesHexLikeGo() {
        #expect(Fingerprint(hex: "1f")?.rawValue == 0x1f)
        #expect(Fingerprint(hex: "F0A2C4E9F6752C21")?.rawValue == 0xf0a2_c4e9_f675_2c21)
        #expect(Fingerprint(hex: "") == nil)
        #expect(Fingerprint(hex: "xyz") == nil)
        #expect(Fingerprint(hex: "+1f") == nil)
        #expect(Fingerprint(hex: "0x1f") == nil)
        #expect(Fingerprint(hex: "1ffffffffffffffff") == nil)
    }

    @Test func codesAsHexString() throws {
        let fingerprint = Fingerprint(rawValue: 0xabc)
        let data = try JSONEncoder().encode([fingerprint])
        #expect(String(decoding: data, as: UTF8.self) == #"["0000000000000abc"]"#)
        #expect(try JSONDecoder().decode([Fingerprint].self, from: data) == [fingerprint])
    }

    @Test func ordersByValue() {
        #expect(Fingerprint(rawValue: 1) < Fingerprint(rawValue: 2))
    }
}
