import Memberlist
import Testing

@Suite struct MessagePackDecoderTests {
    let decoder = MessagePackDecoder()

    @Test func acceptsEveryIntegerWidthAndSignedFormsHoldingNonNegativeValues() throws {
        #expect(try decoder.decodeValue([0xcc, 0x05][...]) == .uint(5))
        #expect(try decoder.decodeValue([0xcd, 0x00, 0x05][...]) == .uint(5))
        #expect(try decoder.decodeValue([0xce, 0, 0, 0, 5][...]) == .uint(5))
        #expect(try decoder.decodeValue([0xcf, 0, 0, 0, 0, 0, 0, 0, 5][...]) == .uint(5))
        #expect(try decoder.decodeValue([0xd0, 0x05][...]) == .uint(5))
        #expect(try decoder.decodeValue([0xd1, 0xff, 0xfe][...]) == .int(-2))
        #expect(try decoder.decodeValue([0xe0][...]) == .int(-32))
    }

    @Test func readsStr8AndBinAsGoAcceptsThem() throws {
        #expect(try decoder.decodeValue([0xd9, 0x01, 0x41][...]) == .raw([0x41]))
        #expect(try decoder.decodeValue([0xc5, 0x00, 0x01, 0x41][...]) == .binary([0x41]))
    }

    @Test func reportsConsumedBytesAndLeavesTrailingBytes() throws {
        let (value, consumed) = try decoder.decode([0x81, 0xa1, 0x61, 0x01, 0xff, 0xff][...])
        #expect(consumed == 4)
        #expect(value == .map([MessagePackMapEntry(key: .raw([0x61]), value: .uint(1))]))
    }

    @Test func truncatedInputIsReportedAsTruncated() {
        for bytes: [UInt8] in [[], [0xcd, 0x01], [0xa5, 0x41], [0xda, 0x00], [0x92, 0x01, 0xcd], [0xcb, 0, 0]] {
            #expect(throws: MessagePackError.truncated) { try decoder.decode(bytes[...]) }
        }
    }

    @Test func hostileLengthsAreRefusedBeforeAllocating() {
        #expect(throws: MessagePackError.lengthExceedsInput(declared: 0xffff_ffff, remaining: 0)) {
            try decoder.decode([0xdd, 0xff, 0xff, 0xff, 0xff][...])
        }
        #expect(throws: MessagePackError.lengthExceedsInput(declared: 0xffff_ffff, remaining: 1)) {
            try decoder.decode([0xdf, 0xff, 0xff, 0xff, 0xff, 0x00][...])
        }
        #expect(throws: MessagePackError.truncated) { try decoder.decode([0xdb, 0xff, 0xff, 0xff, 0xff][...]) }
    }

    @Test func nestingIsBounded() {
        let deep = [UInt8](repeating: 0x91, count: 100_000) + [0x00]
        #expect(throws: MessagePackError.nestingTooDeep(limit: 32)) { try decoder.decode(deep[...]) }
        let shallow = [UInt8](repeating: 0x91, count: 32) + [0x00]
        #expect(throws: Never.self) { try decoder.decode(shallow[...]) }
    }

    @Test func reservedAndExtFormatsAreRefused() {
        for byte: UInt8 in [0xc1, 0xc7, 0xd4, 0xd8] {
            #expect(throws: MessagePackError.unsupportedFormat(byte)) { try decoder.decode([byte, 0, 0, 0][...]) }
        }
    }

    @Test func structFieldsFollowGoRules() throws {
        let value = try decoder.decodeValue(Bytes.hex("85 a1 41 c0 a1 42 c4 01 07 a1 43 cd 01 00 a1 44 ff a1 45 c3")[...])
        let fields = try MessagePackStruct(value)
        #expect(try fields.string("A") == "", "nil is the zero value")
        #expect(try fields.bytes("B") == [7], "a byte field accepts bin")
        #expect(throws: MessagePackError.typeMismatch(field: "B", expected: "string")) { try fields.string("B") }
        #expect(try fields.unsigned("C", as: UInt16.self) == 256)
        #expect(throws: MessagePackError.integerOverflow(field: "C", value: "256")) { try fields.unsigned("C", as: UInt8.self) }
        #expect(throws: MessagePackError.integerOverflow(field: "D", value: "-1")) { try fields.unsigned("D", as: UInt32.self) }
        #expect(try fields.signed("D") == -1)
        #expect(try fields.bool("E"))
        #expect(try fields.unsigned("Missing", as: UInt32.self) == 0)
        #expect(throws: MessagePackError.nonStringKey) { try MessagePackStruct(.map([MessagePackMapEntry(key: .uint(1), value: .nil)])) }
        #expect(throws: MessagePackError.notAMap) { try MessagePackStruct(.uint(1)) }
    }
}
