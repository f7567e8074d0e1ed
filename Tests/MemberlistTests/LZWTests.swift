import Memberlist
import Testing

@Suite struct LZWTests {
    /// The same pseudo-random text the Go program below compressed:
    /// `x = x*1103515245 + 12345; b = byte(x>>16)%7 + 'a'` for 20000 bytes, x starting at 1 (uint32).
    static func goSample() -> [UInt8] {
        var x: UInt32 = 1
        return (0..<20000).map { _ in
            x = x &* 1_103_515_245 &+ 12345
            return UInt8(truncatingIfNeeded: x >> 16) % 7 + UInt8(ascii: "a")
        }
    }

    /// Vectors produced by go1.19.8 `lzw.NewWriter(&b, lzw.LSB, 8)` (the Go that built Alertmanager 0.25).
    @Test func compressionMatchesGoByteForByte() {
        #expect(LZW.compress([UInt8]()) == Bytes.hex("000302"))
        #expect(LZW.compress(Array("a".utf8)) == Bytes.hex("00c30404"))
        #expect(LZW.compress(Array(repeating: UInt8(ascii: "a"), count: 20)) == Bytes.hex("00c3081c48b060c180"))
        #expect(LZW.compress(Array("TOBEORNOTTOBEORTOBEORNOT#".utf8))
            == Bytes.hex("00a93c1152e48914274fa80824687061c18309470404"))
        let big = LZW.compress(Self.goSample())
        #expect(big.count == 8534)
        #expect(CRC32.checksum(big) == 0x389e_74cd, "crosses the 4095-code table reset")
        #expect(big.prefix(20) == Bytes.hex("00c7842133c6cc993167c2880973c68cc2316204")[...])
    }

    @Test func goVectorsDecompress() throws {
        #expect(try LZW.decompress(Bytes.hex("000302"), maxOutputBytes: 10) == [])
        #expect(try LZW.decompress(Bytes.hex("00c3081c48b060c180"), maxOutputBytes: 100) == Array(repeating: 0x61, count: 20))
        #expect(try LZW.decompress(LZW.compress(Self.goSample()), maxOutputBytes: 1 << 20) == Self.goSample())
    }

    @Test func randomInputsRoundTrip() throws {
        var random = SplitMix64(state: 42)
        for round in 0..<60 {
            let length = Int(random.next() % UInt64(round < 30 ? 2000 : 120_000))
            let alphabet = 1 + random.next() % 256
            let input = (0..<length).map { _ in UInt8(random.next() % alphabet) }
            let compressed = LZW.compress(input)
            #expect(try LZW.decompress(compressed, maxOutputBytes: length) == input)
        }
    }

    @Test func outputIsBounded() throws {
        let bomb = LZW.compress(Array(repeating: UInt8(0), count: 1_000_000))
        #expect(bomb.count < 5000)
        #expect(throws: LZW.Error.outputTooLarge(limit: 65536)) { try LZW.decompress(bomb, maxOutputBytes: 65536) }
        #expect(try LZW.decompress(bomb, maxOutputBytes: 1_000_000).count == 1_000_000)
    }

    @Test func malformedInputIsRefused() {
        #expect(throws: LZW.Error.unexpectedEOF) { try LZW.decompress([UInt8](), maxOutputBytes: 10) }
        #expect(throws: LZW.Error.unexpectedEOF) { try LZW.decompress(Bytes.hex("00c3"), maxOutputBytes: 10) }
        // Clear, then code 300 while the next free code is 257.
        #expect(throws: LZW.Error.invalidCode) { try LZW.decompress(Bytes.hex("00 59 02"), maxOutputBytes: 10) }
    }
}
