import Foundation
import Memberlist

/// Every decoder over one input, with small bounds so a run stays fast; what libFuzzer calls for each input.
///
/// Fuzz: `swift build --product MemberlistFuzzer --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address
/// -Xswiftc -DMEMBERLIST_FUZZ`, then `.build-fuzz/debug/MemberlistFuzzer <seed-dir> -max_len=4096`.
/// Replay (a normal build): `swift run MemberlistFuzzer <file>...` runs the same decoders over each file,
/// which is how a crash found by the fuzzer is reproduced under a debugger.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMemberlistDecoders(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    let slice = input[...]
    if let packet = try? PacketDecoder(maxDecompressedBytes: 64 << 10).decode(slice) {
        for message in packet.messages {
            precondition(message.encoded.count <= input.count + (64 << 10) * 2)
        }
    }
    if case .frame(_, let consumed)? = try? StreamDecoder(maxStreamBytes: 256 << 10).decode(slice) {
        precondition(consumed <= input.count)
    }
    _ = try? MessagePackDecoder().decode(slice)
    _ = try? LZW.decompress(input, maxOutputBytes: 64 << 10)
    _ = try? ClusterFullState(protobuf: slice)
    _ = try? ClusterMemberlistMessage(protobuf: slice)
    _ = try? ProtobufReader.splitDelimited(slice)
    return 0
}

#if MEMBERLIST_FUZZ
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// SwiftPM renames an executable's `main` to `MemberlistFuzzer_main`; hand control to libFuzzer's driver.
@_cdecl("MemberlistFuzzer_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzMemberlistDecoders(data, size) }
}
#else
/// Replays the files named on the command line through every decoder.
@main
enum ReplayInputs {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                exit(1)
            }
            let bytes = [UInt8](data)
            _ = bytes.withUnsafeBufferPointer { buffer in
                fuzzMemberlistDecoders(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, buffer.count)
            }
            print("ok \(path) (\(bytes.count) bytes)")
        }
    }
}
#endif
