#if canImport(Glibc)
import Glibc
#endif

/// A blocking IPv4 loopback socket with bounded waits, enough to talk to a real Alertmanager in a test.
struct LoopbackSocket: ~Copyable {
    enum Failure: Error { case system(String, Int32), timeout(String) }

    let descriptor: Int32

    init(udpPort: UInt16) throws {
        descriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure.system("socket", errno) }
        var address = Self.address(port: udpPort)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { close(descriptor); throw Failure.system("bind", errno) }
    }

    init(connectingTo port: UInt16) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure.system("socket", errno) }
        var address = Self.address(port: port)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { close(descriptor); throw Failure.system("connect", errno) }
    }

    init(listeningOn port: UInt16) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure.system("socket", errno) }
        var one: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.address(port: port)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0, listen(descriptor, 16) == 0 else { close(descriptor); throw Failure.system("listen", errno) }
    }

    private init(accepted: Int32) {
        descriptor = accepted
    }

    /// The next pending connection on a listening socket, if one is waiting.
    func acceptIfReady() -> LoopbackSocket? {
        guard waitReadable(0) else { return nil }
        let accepted = Glibc.accept(descriptor, nil, nil)
        return accepted >= 0 ? LoopbackSocket(accepted: accepted) : nil
    }

    deinit { close(descriptor) }

    static func address(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        return address
    }

    /// A port that is free for both TCP and UDP on 127.0.0.1 right now.
    static func freePort() throws -> UInt16 {
        for _ in 0..<50 {
            let tcp = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(tcp) }
            var address = address(port: 0)
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(tcp, $0, length) == 0 && getsockname(tcp, $0, &length) == 0
                }
            }
            guard bound else { continue }
            let port = UInt16(bigEndian: address.sin_port)
            if (try? LoopbackSocket(udpPort: port)) != nil { return port }
        }
        throw Failure.timeout("no free port")
    }

    func waitReadable(_ milliseconds: Int32) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, milliseconds) > 0
    }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw Failure.system("send", errno) }
            offset += sent
        }
    }

    func shutdownWrite() { shutdown(descriptor, Int32(SHUT_WR)) }

    /// Reads until the peer closes or `complete` says the bytes so far suffice, for at most `milliseconds`.
    func receive(within milliseconds: Int32, until complete: ([UInt8]) -> Bool = { _ in false }) throws -> [UInt8] {
        var collected: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !complete(collected) {
            guard waitReadable(milliseconds) else { throw Failure.timeout("receive") }
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            collected += buffer[0..<count]
        }
        return collected
    }

    func sendDatagram(_ bytes: [UInt8], toPort port: UInt16) throws {
        var address = Self.address(port: port)
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { target in
                bytes.withUnsafeBytes { sendto(descriptor, $0.baseAddress, $0.count, 0, target, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        guard sent == bytes.count else { throw Failure.system("sendto", errno) }
    }

    func receiveDatagram(within milliseconds: Int32) throws -> [UInt8] {
        try receiveDatagramWithSource(within: milliseconds).bytes
    }

    /// The next datagram and the IPv4 address and port it came from.
    func receiveDatagramWithSource(within milliseconds: Int32) throws -> (bytes: [UInt8], ip: [UInt8], port: UInt16) {
        guard waitReadable(milliseconds) else { throw Failure.timeout("datagram") }
        var buffer = [UInt8](repeating: 0, count: 65536)
        var source = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let count = buffer.withUnsafeMutableBytes { raw in
            withUnsafeMutablePointer(to: &source) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(descriptor, raw.baseAddress, raw.count, 0, $0, &length) }
            }
        }
        guard count >= 0 else { throw Failure.system("recv", errno) }
        let ip = withUnsafeBytes(of: source.sin_addr.s_addr) { Array($0) }
        return (Array(buffer[0..<count]), ip, UInt16(bigEndian: source.sin_port))
    }
}
