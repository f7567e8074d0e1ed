import Memberlist
import Testing

/// Random and mutated-capture inputs through every decoder: none may crash, hang or return more than its
/// bounds allow. The seed is fixed so a failure reproduces.
@Suite struct HostileInputTests {
    static let iterations = 200_000

    static func seeds() throws -> [[UInt8]] {
        var seeds: [[UInt8]] = []
        for name in AlertmanagerCaptureTests.captureNames {
            let capture = try PcapCapture.load(name)
            seeds += capture.datagrams.map(\.payload)
            seeds += capture.streams.map(\.payload)
        }
        return seeds
    }

    static func mutate(_ seed: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        var bytes = seed
        for _ in 0..<(1 + Int(random.next() % 4)) {
            guard !bytes.isEmpty else { break }
            let index = Int(random.next() % UInt64(bytes.count))
            switch random.next() % 6 {
            case 0: bytes[index] ^= UInt8(1 << (random.next() % 8))
            case 1: bytes[index] = UInt8(truncatingIfNeeded: random.next())
            case 2: bytes.removeSubrange(index...)
            case 3: bytes.insert(contentsOf: [0xff, 0xff, 0xff, 0xff].prefix(Int(1 + random.next() % 4)), at: index)
            case 4: bytes[index] = [0xdb, 0xdd, 0xdf, 0xc6, 0xcf, 0x07, 0x09, 0x0c][Int(random.next() % 8)]
            default: bytes.remove(at: index)
            }
        }
        return bytes
    }

    static func randomInput(_ random: inout SplitMix64) -> [UInt8] {
        let length = Int(random.next() % 300)
        var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        if !bytes.isEmpty, random.next() % 2 == 0 {
            bytes[0] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 244][Int(random.next() % 15)]
        }
        return bytes
    }

    @Test func everyDecoderSurvivesHostileInput() throws {
        let seeds = try Self.seeds()
        #expect(seeds.count > 1000)
        var random = SplitMix64(state: 0x70c5_1a)
        let packets = PacketDecoder(maxDecompressedBytes: 64 << 10)
        let streams = StreamDecoder(maxStreamBytes: 256 << 10)
        let messagePack = MessagePackDecoder()
        var decodedSomething = 0
        for iteration in 0..<Self.iterations {
            let input = iteration % 2 == 0
                ? Self.mutate(seeds[Int(random.next() % UInt64(seeds.count))], &random)
                : Self.randomInput(&random)
            let slice = input[...]
            if let packet = try? packets.decode(slice) {
                let carried = packet.messages.reduce(0) { $0 + $1.encoded.count }
                #expect(carried <= input.count + (64 << 10) * 2)
                decodedSomething += 1
            }
            if case .frame(_, let consumed)? = try? streams.decode(slice) {
                #expect(consumed <= input.count)
            }
            if let (_, consumed) = try? messagePack.decode(slice) {
                #expect(consumed <= input.count)
            }
            _ = try? Message(decoding: slice)
            if let plain = try? LZW.decompress(input, maxOutputBytes: 64 << 10) {
                #expect(plain.count <= 64 << 10)
            }
            _ = try? LZW.decompress(input.dropFirst(min(15, input.count)), maxOutputBytes: 64 << 10)
            _ = try? ClusterFullState(protobuf: slice)
            _ = try? ClusterPart(protobuf: slice)
            _ = try? ClusterMemberlistMessage(protobuf: slice)
            if let (_, consumed) = try? ClusterMemberlistMessage.unframe(slice, maxFrameBytes: 1 << 16) ?? nil {
                #expect(consumed <= input.count)
            }
            _ = try? ProtobufReader.splitDelimited(slice)
        }
        #expect(decodedSomething > Self.iterations / 20, "mutations still reach the inner layers")
    }

    /// Captured and mutated datagrams straight into a SWIM state machine, with timers firing in between: it
    /// must neither crash nor lose itself, whatever peers claim.
    @Test func stateMachineSurvivesHostilePackets() throws {
        let seeds = try Self.seeds()
        var random = SplitMix64(state: 99)
        let us = NodeAddress(ip: [127, 0, 0, 1], port: 29294)
        var machine = SWIMStateMachine<ManualInstant>(name: "01ZZZZPYTHONAGENT000000000", address: us, now: .zero, seed: 5)
        var now = ManualInstant.zero
        var pending = machine.start(now: now)
        let timers: [SWIMTimer] = [.probe, .gossip, .pushPull]
        for iteration in 0..<20_000 {
            now = now.advanced(by: .milliseconds(Int64(random.next() % 50)))
            let seed = seeds[Int(random.next() % UInt64(seeds.count))]
            let input = iteration % 3 == 0 ? seed : Self.mutate(seed, &random)
            pending = machine.receive(datagram: input, from: NodeAddress(ip: [127, 0, 0, 2], port: 29094), now: now)
            for action in pending {
                if case .schedule(let timer, let at) = action, random.next() % 4 == 0 {
                    _ = machine.timerFired(timer, now: max(at, now))
                }
            }
            _ = machine.timerFired(timers[Int(random.next() % 3)], now: now)
        }
        #expect(machine.members[machine.localName] != nil)
        #expect(machine.members.count > 1, "the captured members were learned")
    }
}
