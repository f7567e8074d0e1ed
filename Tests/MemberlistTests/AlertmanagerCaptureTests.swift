import Memberlist
import Testing

/// Decodes every memberlist packet and stream in the captures of real Alertmanager 0.25 peers
/// (cluster-protocol.md §8) and re-encodes them byte for byte.
@Suite struct AlertmanagerCaptureTests {
    static let captureNames = ["gossip-two-nodes.pcap", "gossip-agent-join-leave.pcap"]
    static let alertmanagerOne = "01M87VFEG1RMAXMZPMDVN6QKK6"
    static let alertmanagerTwo = "01M87VFHE2DY7THRR6A1WGTMC8"
    static let pythonAgent = "01ZZZZPYTHONAGENT000000000"

    /// What the captures hold, gathered by decoding all of them.
    struct Census {
        var datagrams = 0
        var streams = 0
        var types: [MessageType: Int] = [:]
        var topLevel: Set<UInt8> = []
        var checksummed = 0
        var names: Set<String> = []
        var incarnations: [String: Set<UInt32>] = [:]
        var leaves: Set<String> = []
        var userKeys: [String: Int] = [:]
        var gossipPartData: [[UInt8]] = []
        var vsns: Set<[UInt8]> = []
        var streamKinds: [String: Int] = [:]
        var fullStateKeys: Set<[String]> = []
        var largestReliableUser = 0
        var compressedStreams = 0
        var joins = 0
        var nonEmptyNodeStates = 0
        var minimalJoins: Set<PushNodeState> = []
    }

    static func census(_ name: String) throws -> Census {
        let capture = try PcapCapture.load(name)
        var census = Census()
        let decoder = PacketDecoder()
        for datagram in capture.datagrams {
            census.datagrams += 1
            census.topLevel.insert(datagram.payload.first ?? 0xff)
            let packet = try decoder.decode(datagram.payload)
            #expect(packet.droppedParts.isEmpty, "\(datagram.source) → \(datagram.destination)")
            #expect(packet.label == nil)
            if packet.checksummed { census.checksummed += 1 }
            for message in packet.messages {
                census.types[message.type, default: 0] += 1
                switch message {
                case .ping(let ping):
                    census.names.insert(ping.node)
                    census.names.insert(ping.sourceNode)
                case .indirectPing(let request):
                    census.names.insert(request.node)
                case .alive(let alive):
                    census.names.insert(alive.node)
                    census.incarnations[alive.node, default: []].insert(alive.incarnation)
                    census.vsns.insert(alive.vsn)
                case .suspect(let suspect):
                    census.names.insert(suspect.node)
                case .dead(let dead):
                    census.names.insert(dead.node)
                    if dead.isLeave { census.leaves.insert(dead.node) }
                case .user(let bytes):
                    let part = try ClusterPart(protobuf: bytes[...])
                    census.userKeys[part.key, default: 0] += 1
                    census.gossipPartData.append(part.data)
                case .ack, .nack:
                    break
                }
            }
            #expect(try reencode(datagram.payload[...]) == datagram.payload)
        }
        let streamDecoder = StreamDecoder()
        for stream in capture.streams {
            census.streams += 1
            guard case .frame(let frame, let consumed) = try streamDecoder.decode(stream.payload) else {
                Issue.record("incomplete stream \(stream.source) → \(stream.destination)")
                continue
            }
            #expect(consumed == stream.payload.count)
            if frame.compressed { census.compressedStreams += 1 }
            #expect(StreamEncoder(compression: frame.compressed).encode(frame.message) == stream.payload)
            switch frame.message {
            case .pushPull(let exchange):
                census.streamKinds["pushPull", default: 0] += 1
                if exchange.join { census.joins += 1 }
                for node in exchange.nodes {
                    census.names.insert(node.name)
                    census.vsns.insert(node.vsn)
                    census.incarnations[node.name, default: []].insert(node.incarnation)
                    if node.meta?.isEmpty == false { census.nonEmptyNodeStates += 1 }
                }
                let state = try ClusterFullState(protobuf: exchange.userState[...])
                census.fullStateKeys.insert(state.parts.map(\.key).sorted())
                if frame.compressed {
                    // Go's marshaler leaves empty `data` out; the Python agent (uncompressed) wrote `12 00`.
                    #expect(state.protobuf == exchange.userState)
                }
                if frame.compressed, exchange.join, exchange.nodes.count == 1, exchange.userState.count == 14 {
                    census.minimalJoins.insert(exchange.nodes[0])
                }
                for part in state.parts {
                    _ = try ProtobufReader.splitDelimited(part.data[...])
                }
            case .user(let bytes):
                census.streamKinds["user", default: 0] += 1
                let part = try ClusterPart(protobuf: bytes[...])
                census.userKeys[part.key, default: 0] += 1
                census.largestReliableUser = max(census.largestReliableUser, bytes.count)
                #expect(part.protobuf == bytes)
            case .ping:
                census.streamKinds["ping", default: 0] += 1
            case .ack:
                census.streamKinds["ack", default: 0] += 1
            case .error:
                census.streamKinds["error", default: 0] += 1
            }
        }
        return census
    }

    /// Rebuilds a datagram layer by layer from decoded values: CRC, compress, compound, message.
    static func reencode(_ bytes: ArraySlice<UInt8>) throws -> [UInt8] {
        let (checked, rest) = try PacketChecksum.strip(bytes)
        let inner = try reencodeLayer(rest)
        return checked ? PacketChecksum.add(to: inner) : inner
    }

    static func reencodeLayer(_ bytes: ArraySlice<UInt8>) throws -> [UInt8] {
        switch MessageType(rawValue: bytes.first ?? 0xff) {
        case .compound?:
            let (parts, truncated) = try CompoundMessage.split(body: bytes.dropFirst())
            #expect(truncated == 0)
            return CompoundMessage.make(try parts.map(reencodeLayer))
        case .compress?:
            let payload = try CompressedPayload(messagePackBytes: bytes.dropFirst())
            let plain = try payload.decompressed(maxOutputBytes: 1 << 20)
            return CompressedPayload(compressing: try reencodeLayer(plain[...])).message
        default:
            return try Message(decoding: bytes).encoded
        }
    }

    @Test(arguments: captureNames)
    func everyPacketAndStreamDecodesAndReencodes(name: String) throws {
        let census = try Self.census(name)
        #expect(census.datagrams > 500)
        #expect(census.streams > 20)
        for type in [MessageType.ping, .ackResponse, .nackResponse, .indirectPing, .alive, .suspect, .dead, .user] {
            #expect(census.types[type, default: 0] > 0, "\(type) never seen")
        }
        #expect(census.topLevel.isSubset(of: [0, 1, 2, 4, 7, 8, 9, 11, 12]))
        #expect(census.topLevel.isSuperset(of: [0, 2, 7, 9, 12]))
        #expect(census.checksummed > 0)
        #expect(census.names.contains(Self.alertmanagerOne))
        #expect(census.names.contains(Self.pythonAgent))
        #expect(census.vsns == [[1, 5, 2, 0, 0, 0]])
        #expect(Set(census.userKeys.keys) == ["nfl", "sil"])
        #expect(census.leaves.contains(Self.pythonAgent))
        #expect(census.joins > 0)
        #expect(census.fullStateKeys.contains(["nfl", "sil"]))
        #expect(census.compressedStreams > 0)
        #expect(census.compressedStreams < census.streams)
        #expect(census.largestReliableUser > 700, "oversized Part sent with SendReliable")
        #expect(census.nonEmptyNodeStates == 0, "Alertmanager's node meta is empty")
    }

    /// §3.1: AM2's join push/pull to AM1 (Join, one node, 14 bytes of empty nfl+sil full state).
    @Test func joinPushPullMatchesTheAnnotatedCapture() throws {
        let census = try Self.census("gossip-two-nodes.pcap")
        let expected = PushNodeState(
            name: Self.alertmanagerTwo, address: [127, 0, 0, 1], port: 29194, incarnation: 1, state: .alive)
        #expect(census.minimalJoins.contains(expected))
        #expect(census.leaves.contains(Self.alertmanagerTwo), "AM2's SIGTERM leave (§8)")
        #expect(census.incarnations[Self.alertmanagerOne] == [1])
    }

    /// §5.1: the captured silence broadcast carries silence 716c72e6-... under key "sil".
    @Test func silenceGossipCarriesTheAnnotatedSilence() throws {
        let census = try Self.census("gossip-two-nodes.pcap")
        let id = Array("716c72e6-f09d-4cfe-8980-4089b95dd232".utf8)
        let carrying = census.gossipPartData.filter { data in
            data.count >= id.count && (0...(data.count - id.count)).contains { data[$0..<($0 + id.count)].elementsEqual(id) }
        }
        #expect(!carrying.isEmpty)
        for data in carrying {
            let entries = try ProtobufReader.splitDelimited(data[...])
            #expect(entries.count == 1)
            #expect(entries.first?.count == 114)
        }
    }

    /// A datagram's wrapper structure, e.g. `crc(compound(alive,alive))`.
    static func shape(_ bytes: ArraySlice<UInt8>) throws -> String {
        let (checked, rest) = try PacketChecksum.strip(bytes)
        let inner = try layerShape(rest)
        return checked ? "crc(\(inner))" : inner
    }

    static func layerShape(_ bytes: ArraySlice<UInt8>) throws -> String {
        switch MessageType(rawValue: bytes.first ?? 0xff) {
        case .compound?:
            return "compound(" + (try CompoundMessage.split(body: bytes.dropFirst()).parts.map(layerShape).joined(separator: ",")) + ")"
        case .compress?:
            let plain = try CompressedPayload(messagePackBytes: bytes.dropFirst()).decompressed(maxOutputBytes: 1 << 20)
            return "compress(\(try layerShape(plain[...])))"
        default:
            return "\(try Message(decoding: bytes).type)"
        }
    }

    /// §8: the UDP packet shapes seen between the two Alertmanagers, and pings/acks never carrying a CRC.
    @Test func packetShapesMatchTheProtocolReport() throws {
        let capture = try PcapCapture.load("gossip-two-nodes.pcap")
        let alertmanagerPorts: Set<UInt16> = [29094, 29194]
        var shapes: Set<String> = []
        for datagram in capture.datagrams
        where alertmanagerPorts.contains(datagram.source.port) && alertmanagerPorts.contains(datagram.destination.port) {
            shapes.insert(try Self.shape(datagram.payload[...]))
        }
        let reported = [
            "ping", "ackResponse", "crc(user)", "crc(compound(alive,alive))", "crc(dead)",
            "compress(compound(ping,dead))", "compound(ackResponse,dead)", "compress(compound(ping,suspect))",
            "compound(nackResponse,suspect)", "indirectPing",
        ]
        for shape in reported {
            #expect(shapes.contains(shape), "\(shape) not seen; seen: \(shapes.sorted())")
        }
        #expect(!shapes.contains("crc(ping)") && !shapes.contains("crc(ackResponse)"), "pings and acks go by address, without CRC")
    }

    /// A probe of a suspect target is `[ping, suspect about the target]` sent to a known node, so it carries a
    /// CRC; a ping that merely has a suspect piggybacked is sent by address and does not.
    @Test func probesOfSuspectTargetsCarryACRC() throws {
        var probes = 0
        for name in Self.captureNames {
            for datagram in try PcapCapture.load(name).datagrams {
                let packet = try PacketDecoder().decode(datagram.payload)
                guard packet.messages.count == 2, case .ping(let ping) = packet.messages[0],
                      case .suspect(let suspect) = packet.messages[1] else { continue }
                #expect(packet.checksummed == (ping.node == suspect.node))
                if ping.node == suspect.node { probes += 1 }
            }
        }
        #expect(probes > 0)
    }
}
