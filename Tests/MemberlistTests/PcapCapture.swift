import Foundation

/// A minimal reader for the captures in `Captures/`: classic pcap or pcapng, Ethernet / Linux cooked /
/// null / raw-IP links, IPv4 with UDP and TCP. TCP payloads are concatenated per connection and direction,
/// a new stream starting at each SYN and retransmitted bytes dropped; that is enough for loopback captures.
struct PcapCapture {
    struct Endpoint: Hashable, CustomStringConvertible {
        var address: [UInt8]
        var port: UInt16
        var description: String { address.map(String.init).joined(separator: ".") + ":\(port)" }
    }

    struct Datagram {
        var source: Endpoint
        var destination: Endpoint
        var payload: [UInt8]
    }

    struct Stream {
        var source: Endpoint
        var destination: Endpoint
        var payload: [UInt8]
    }

    enum ParseError: Error { case malformed(String) }

    var datagrams: [Datagram] = []
    var streams: [Stream] = []

    /// The capture file named `name` beside this source file.
    static func load(_ name: String, filePath: String = #filePath) throws -> PcapCapture {
        let url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
            .appendingPathComponent("Captures").appendingPathComponent(name)
        return try PcapCapture(bytes: Array(Data(contentsOf: url)))
    }

    init(bytes: [UInt8]) throws {
        var frames: [(linkType: UInt32, data: ArraySlice<UInt8>)] = []
        guard bytes.count >= 24 else { throw ParseError.malformed("short file") }
        let magic = Self.le32(bytes, 0)
        if magic == 0xa1b2_c3d4 || magic == 0xa1b2_3c4d {
            let linkType = Self.le32(bytes, 20)
            var offset = 24
            while offset + 16 <= bytes.count {
                let captured = Int(Self.le32(bytes, offset + 8))
                offset += 16
                guard offset + captured <= bytes.count else { throw ParseError.malformed("record") }
                frames.append((linkType, bytes[offset..<(offset + captured)]))
                offset += captured
            }
        } else if magic == 0x0a0d_0d0a {
            var linkTypes: [UInt32] = []
            var offset = 0
            while offset + 12 <= bytes.count {
                let type = Self.le32(bytes, offset)
                let length = Int(Self.le32(bytes, offset + 4))
                guard length >= 12, offset + length <= bytes.count else { throw ParseError.malformed("block") }
                if type == 1 {
                    linkTypes.append(UInt32(Self.le16(bytes, offset + 8)))
                } else if type == 6 {
                    let interface = Int(Self.le32(bytes, offset + 8))
                    let captured = Int(Self.le32(bytes, offset + 20))
                    let start = offset + 28
                    guard interface < linkTypes.count, start + captured <= offset + length else {
                        throw ParseError.malformed("enhanced packet block")
                    }
                    frames.append((linkTypes[interface], bytes[start..<(start + captured)]))
                }
                offset += length
            }
        } else {
            throw ParseError.malformed("unknown magic")
        }
        var nextSequence: [[UInt8]: UInt32] = [:]
        var openStream: [[UInt8]: Int] = [:]
        for frame in frames {
            guard let ip = Self.ipPayload(linkType: frame.linkType, frame: frame.data) else { continue }
            let base = ip.startIndex
            guard ip.count >= 20, ip[base] >> 4 == 4 else { continue }
            let headerLength = Int(ip[base] & 0x0f) * 4
            let total = min(Int(Self.be16(ip, base + 2)), ip.count)
            let proto = ip[base + 9]
            let source = Array(ip[(base + 12)..<(base + 16)])
            let destination = Array(ip[(base + 16)..<(base + 20)])
            let l4 = ip[(base + headerLength)..<(base + total)]
            let l4Start = l4.startIndex
            if proto == 17, l4.count >= 8 {
                datagrams.append(Datagram(
                    source: Endpoint(address: source, port: Self.be16(l4, l4Start)),
                    destination: Endpoint(address: destination, port: Self.be16(l4, l4Start + 2)),
                    payload: Array(l4[(l4Start + 8)...])))
            } else if proto == 6, l4.count >= 20 {
                let from = Endpoint(address: source, port: Self.be16(l4, l4Start))
                let to = Endpoint(address: destination, port: Self.be16(l4, l4Start + 2))
                let key = from.address + [UInt8(from.port >> 8), UInt8(from.port & 0xff)]
                    + to.address + [UInt8(to.port >> 8), UInt8(to.port & 0xff)]
                let sequence = UInt32(Self.be16(l4, l4Start + 4)) << 16 | UInt32(Self.be16(l4, l4Start + 6))
                let dataOffset = Int(l4[l4Start + 12] >> 4) * 4
                let flags = l4[l4Start + 13]
                if flags & 0x02 != 0 {
                    nextSequence[key] = sequence &+ 1
                    openStream[key] = streams.count
                    streams.append(Stream(source: from, destination: to, payload: []))
                    continue
                }
                let payload = l4[(l4Start + dataOffset)...]
                guard !payload.isEmpty, let index = openStream[key], let expected = nextSequence[key] else { continue }
                if Int32(bitPattern: sequence &- expected) < 0 { continue }
                streams[index].payload.append(contentsOf: payload)
                nextSequence[key] = sequence &+ UInt32(payload.count)
            }
        }
        streams.removeAll { $0.payload.isEmpty }
    }

    private static func ipPayload(linkType: UInt32, frame: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        let skip: Int
        switch linkType {
        case 1:
            guard frame.count >= 14, be16(frame, frame.startIndex + 12) == 0x0800 else { return nil }
            skip = 14
        case 113: skip = 16
        case 276: skip = 20
        case 0: skip = 4
        case 101: skip = 0
        default: return nil
        }
        guard frame.count > skip else { return nil }
        return frame.dropFirst(skip)
    }

    private static func le32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }

    private static func le16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    private static func be16(_ bytes: ArraySlice<UInt8>, _ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }
}
