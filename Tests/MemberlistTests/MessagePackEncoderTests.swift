import Memberlist
import Testing

@Suite struct MessagePackEncoderTests {
    @Test func integersTakeTheSmallestGoForm() {
        let cases: [(MessagePackValue, [UInt8])] = [
            (.uint(0), [0x00]), (.uint(127), [0x7f]), (.uint(128), [0xcc, 0x80]), (.uint(255), [0xcc, 0xff]),
            (.uint(256), [0xcd, 0x01, 0x00]), (.uint(29194), [0xcd, 0x72, 0x0a]),
            (.uint(65536), [0xce, 0x00, 0x01, 0x00, 0x00]),
            (.uint(1 << 32), [0xcf, 0, 0, 0, 1, 0, 0, 0, 0]),
            (.int(5), [0x05]), (.int(300), [0xcd, 0x01, 0x2c]),
            (.int(-1), [0xff]), (.int(-32), [0xe0]), (.int(-33), [0xd0, 0xdf]),
            (.int(-129), [0xd1, 0xff, 0x7f]), (.int(-40000), [0xd2, 0xff, 0xff, 0x63, 0xc0]),
            (.int(Int64.min), [0xd3, 0x80, 0, 0, 0, 0, 0, 0, 0]),
        ]
        for (value, bytes) in cases {
            #expect(MessagePackEncoder.encode(value) == bytes, "\(value)")
        }
    }

    @Test func rawUsesFixrawRaw16Raw32AndNeverStr8() {
        #expect(MessagePackEncoder.encode(.raw([])) == [0xa0])
        #expect(MessagePackEncoder.encode(.raw(Array(repeating: 1, count: 31))).prefix(1) == [0xbf])
        #expect(MessagePackEncoder.encode(.raw(Array(repeating: 1, count: 32))).prefix(3) == [0xda, 0x00, 0x20])
        #expect(MessagePackEncoder.encode(.raw(Array(repeating: 1, count: 70000))).prefix(5) == [0xdb, 0x00, 0x01, 0x11, 0x70])
        #expect(MessagePackEncoder.encode(.binary([1, 2])) == [0xc4, 0x02, 1, 2])
    }

    @Test func scalarsContainersAndFloats() {
        #expect(MessagePackEncoder.encode(.nil) == [0xc0])
        #expect(MessagePackEncoder.encode(.bool(true)) == [0xc3])
        #expect(MessagePackEncoder.encode(.bool(false)) == [0xc2])
        #expect(MessagePackEncoder.encode(.float64(1.5)) == [0xcb, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0])
        #expect(MessagePackEncoder.encode(.float32(1.5)) == [0xca, 0x3f, 0xc0, 0, 0])
        #expect(MessagePackEncoder.encode(.array([.uint(1), .nil])) == [0x92, 0x01, 0xc0])
        let big = MessagePackValue.array(Array(repeating: .uint(0), count: 16))
        #expect(MessagePackEncoder.encode(big).prefix(3) == [0xdc, 0x00, 0x10])
        let map = MessagePackValue.map([MessagePackMapEntry(key: .string("b"), value: .uint(1)),
                                        MessagePackMapEntry(key: .string("a"), value: .uint(2))])
        #expect(MessagePackEncoder.encode(map) == [0x82, 0xa1, 0x62, 0x01, 0xa1, 0x61, 0x02], "wire order is kept")
    }

    @Test func randomValuesRoundTrip() throws {
        var random = SplitMix64(state: 7)
        func value(_ depth: Int) -> MessagePackValue {
            switch random.next() % (depth > 3 ? 8 : 10) {
            case 0: return .nil
            case 1: return .bool(random.next() & 1 == 1)
            case 2: return .uint(random.next() >> (random.next() % 64))
            case 3: return .int(-Int64(random.next() >> (1 + random.next() % 63)) - 1)
            case 4: return .float64(Double(bitPattern: random.next() & 0x3fff_ffff_ffff_ffff))
            case 5: return .raw((0..<Int(random.next() % 70)).map { _ in UInt8(truncatingIfNeeded: random.next()) })
            case 6: return .binary((0..<Int(random.next() % 300)).map { _ in UInt8(truncatingIfNeeded: random.next()) })
            case 7: return .float32(Float(bitPattern: UInt32(truncatingIfNeeded: random.next()) & 0x3fff_ffff))
            case 8: return .array((0..<Int(random.next() % 20)).map { _ in value(depth + 1) })
            default:
                return .map((0..<Int(random.next() % 20)).map { _ in
                    MessagePackMapEntry(key: value(depth + 1), value: value(depth + 1))
                })
            }
        }
        for _ in 0..<500 {
            let original = value(0)
            let bytes = MessagePackEncoder.encode(original)
            let (decoded, consumed) = try MessagePackDecoder().decode(bytes[...])
            #expect(decoded == original)
            #expect(consumed == bytes.count)
        }
    }
}
