/// Go's `compress/lzw` with `lzw.LSB` order and literal width 8: the only algorithm (`Algo` 0) that
/// memberlist's `compress` message uses.
///
/// Codes are packed least-significant bit first, start 9 bits wide and grow to 12 when the next code to be
/// defined reaches `1 << width` (no early change); 256 is Clear and 257 is EOF. The writer mirrors go1.19,
/// which Alertmanager 0.25 was built with: a Clear code first (even for empty input), a Clear and a fresh table
/// when code 4095 would be defined, then EOF. Producing the same bits as Go lets a test re-compress a captured
/// buffer and compare bytes. The reader bounds its output so that a small hostile buffer (one 12-bit code can
/// stand for 4096 bytes) cannot make us allocate without limit.
public enum LZW {
    static let clearCode = 256
    static let eofCode = 257
    static let maxWidth = 12
    static let maxCode = (1 << 12) - 1

    /// Why a buffer is not valid Go LZW.
    public enum Error: Swift.Error, Sendable, Hashable, CustomStringConvertible {
        /// The bits ran out before an EOF code (Go reports `io.ErrUnexpectedEOF`).
        case unexpectedEOF
        /// A code larger than the next code the table could define.
        case invalidCode
        /// The output would exceed the caller's bound.
        case outputTooLarge(limit: Int)

        public var description: String {
            switch self {
            case .unexpectedEOF: return "unexpected EOF"
            case .invalidCode: return "lzw: invalid code"
            case .outputTooLarge(let limit): return "lzw: decompressed size exceeds \(limit) bytes"
            }
        }
    }

    /// Compresses `input` exactly as Go's `lzw.NewWriter(w, lzw.LSB, 8)` of go1.19 does.
    public static func compress(_ input: some Collection<UInt8>) -> [UInt8] {
        var writer = BitWriter()
        var table = [UInt32](repeating: 0, count: 4 * (1 << 12))
        let tableMask = UInt32(table.count - 1)
        var hi = UInt32(eofCode)
        var overflow = UInt32(1 << 9)
        var iterator = input.makeIterator()
        guard let first = iterator.next() else {
            writer.write(UInt32(clearCode))
            writer.write(UInt32(eofCode))
            writer.flush()
            return writer.bytes
        }
        writer.write(UInt32(clearCode))
        var code = UInt32(first)

        /// Advances `hi`; returns false when the table is full and has been reset behind a Clear code.
        func incrementHi() -> Bool {
            hi += 1
            if hi == overflow {
                writer.width += 1
                overflow <<= 1
            }
            if hi == UInt32(maxCode) {
                writer.write(UInt32(clearCode))
                writer.width = 9
                hi = UInt32(eofCode)
                overflow = 1 << 9
                for index in table.indices { table[index] = 0 }
                return false
            }
            return true
        }

        nextByte: while let byte = iterator.next() {
            let literal = UInt32(byte)
            let key = code << 8 | literal
            var hash = (key >> 12 ^ key) & tableMask
            var probe = hash
            while table[Int(probe)] != 0 {
                let entry = table[Int(probe)]
                if key == entry >> 12 {
                    code = entry & UInt32(maxCode)
                    continue nextByte
                }
                probe = (probe + 1) & tableMask
            }
            writer.write(code)
            code = literal
            guard incrementHi() else { continue }
            while table[Int(hash)] != 0 {
                hash = (hash + 1) & tableMask
            }
            table[Int(hash)] = key << 12 | hi
        }
        writer.write(code)
        _ = incrementHi()
        writer.write(UInt32(eofCode))
        writer.flush()
        return writer.bytes
    }

    /// Decompresses Go LZW (LSB, literal width 8), refusing to produce more than `maxOutputBytes`.
    ///
    /// Bytes after the EOF code are ignored, as Go's reader ignores them.
    public static func decompress(_ input: some Collection<UInt8>, maxOutputBytes: Int) throws -> [UInt8] {
        var reader = BitReader(input: Array(input))
        var prefix = [UInt16](repeating: 0, count: 1 << 12)
        var suffix = [UInt8](repeating: 0, count: 1 << 12)
        var scratch = [UInt8](repeating: 0, count: 1 << 12)
        var output: [UInt8] = []
        var width = 9
        var hi = eofCode
        var overflow = 1 << 9
        var last = -1
        while true {
            guard let code = reader.read(width: width) else { throw Error.unexpectedEOF }
            if code == clearCode {
                width = 9
                hi = eofCode
                overflow = 1 << 9
                last = -1
                continue
            }
            if code == eofCode {
                return output
            }
            if code < clearCode {
                guard output.count < maxOutputBytes else { throw Error.outputTooLarge(limit: maxOutputBytes) }
                output.append(UInt8(code))
                if last >= 0 {
                    suffix[hi] = UInt8(code)
                    prefix[hi] = UInt16(last)
                }
            } else if code <= hi {
                var index = scratch.count
                var current = code
                if code == hi && last >= 0 {
                    // KwKwK: the code being defined right now expands to the last expansion plus its own head.
                    current = last
                    while current >= clearCode {
                        current = Int(prefix[current])
                    }
                    index -= 1
                    scratch[index] = UInt8(current)
                    current = last
                }
                while current >= clearCode {
                    index -= 1
                    scratch[index] = suffix[current]
                    current = Int(prefix[current])
                }
                index -= 1
                scratch[index] = UInt8(current)
                guard output.count + (scratch.count - index) <= maxOutputBytes else {
                    throw Error.outputTooLarge(limit: maxOutputBytes)
                }
                output.append(contentsOf: scratch[index...])
                if last >= 0 {
                    suffix[hi] = UInt8(current)
                    prefix[hi] = UInt16(last)
                }
            } else {
                throw Error.invalidCode
            }
            last = code
            hi += 1
            if hi >= overflow {
                if width == maxWidth {
                    last = -1
                    hi -= 1
                } else {
                    width += 1
                    overflow = 1 << width
                }
            }
        }
    }

    private struct BitWriter {
        var bytes: [UInt8] = []
        var bits: UInt32 = 0
        var count: UInt32 = 0
        var width: UInt32 = 9

        mutating func write(_ code: UInt32) {
            bits |= code << count
            count += width
            while count >= 8 {
                bytes.append(UInt8(truncatingIfNeeded: bits))
                bits >>= 8
                count -= 8
            }
        }

        mutating func flush() {
            if count > 0 {
                bytes.append(UInt8(truncatingIfNeeded: bits))
            }
        }
    }

    private struct BitReader {
        let input: [UInt8]
        var position = 0
        var bits: UInt32 = 0
        var count = 0

        mutating func read(width: Int) -> Int? {
            while count < width {
                guard position < input.count else { return nil }
                bits |= UInt32(input[position]) << UInt32(count)
                position += 1
                count += 8
            }
            let code = Int(bits & ((1 << UInt32(width)) - 1))
            bits >>= UInt32(width)
            count -= width
            return code
        }
    }
}
