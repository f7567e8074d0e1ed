/// Quoted-printable body encoding (RFC 2045 §6.7) with the exact line layout of Go's
/// `mime/quotedprintable.Writer` in text mode, which Alertmanager uses for both email parts:
/// lines of at most 76 characters with `=` soft breaks, CR, LF and CRLF all becoming CRLF, and
/// a space or tab before a line end encoded.
public enum QuotedPrintable {
    private static let lineMaxLength = 76
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// Encodes UTF-8 text.
    public static func encode(_ text: String) -> [UInt8] {
        encode(Array(text.utf8))
    }

    /// Encodes bytes.
    public static func encode(_ bytes: [UInt8]) -> [UInt8] {
        var encoder = Encoder()
        for byte in bytes {
            let isLiteral =
                (byte >= 0x21 && byte <= 0x7E && byte != 0x3D) || byte == 0x20 || byte == 0x09
                || byte == 0x0A || byte == 0x0D
            if isLiteral {
                encoder.write(byte)
            } else {
                encoder.encode(byte)
            }
        }
        encoder.close()
        return encoder.output
    }

    private struct Encoder {
        var output: [UInt8] = []
        var line: [UInt8] = []
        var afterCR = false

        mutating func write(_ byte: UInt8) {
            if byte == 0x0A || byte == 0x0D {
                if afterCR && byte == 0x0A {
                    afterCR = false
                    return
                }
                if byte == 0x0D { afterCR = true }
                encodeTrailingWhitespace()
                insertLineBreak()
                return
            }
            if line.count == lineMaxLength - 1 {
                insertSoftLineBreak()
            }
            line.append(byte)
            afterCR = false
        }

        mutating func encode(_ byte: UInt8) {
            if lineMaxLength - 1 - line.count < 3 {
                insertSoftLineBreak()
            }
            line.append(0x3D)
            line.append(hexDigits[Int(byte >> 4)])
            line.append(hexDigits[Int(byte & 0x0F)])
        }

        mutating func close() {
            encodeTrailingWhitespace()
            flush()
        }

        private mutating func encodeTrailingWhitespace() {
            guard let last = line.last, last == 0x20 || last == 0x09 else { return }
            line.removeLast()
            encode(last)
        }

        private mutating func insertSoftLineBreak() {
            line.append(0x3D)
            insertLineBreak()
        }

        private mutating func insertLineBreak() {
            line.append(0x0D)
            line.append(0x0A)
            flush()
        }

        private mutating func flush() {
            output.append(contentsOf: line)
            line.removeAll(keepingCapacity: true)
        }
    }
}
