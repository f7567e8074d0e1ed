#if canImport(Glibc)
import Glibc
#endif
import Foundation
import TocsinWire

/// A temporary directory removed when the value is released.
final class TemporaryDirectory: Sendable {
    let path: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "tocsin-test-XXXXXX").utf8CString)
        guard let created = mkdtemp(&template) else { throw POSIXError(.EIO) }
        self.path = String(cString: created)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: self.path)
    }
}

/// Runs blocking work on a thread of its own, so it never holds one of the few cooperative-pool threads
/// the servers under test need.
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread {
            continuation.resume(with: Result { try body() })
        }
    }
}

/// A plain blocking Unix-domain socket, to speak the protocol badly on purpose. Use its async methods
/// from tests: they block a thread of their own, not the test's.
final class RawSocket: @unchecked Sendable {
    private let fd: Int32

    init(connectingTo path: String) throws {
        self.fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in path.utf8.prefix(buffer.count - 1).enumerated() { buffer[index] = byte }
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(self.fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)  // bounded, and generous for a loaded CI machine
        setsockopt(self.fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit {
        close(self.fd)
    }

    func send(_ bytes: [UInt8]) async throws {
        try await onOwnThread { try self.sendBlocking(bytes) }
    }

    func receiveFrame() async throws -> WireFrame? {
        try await onOwnThread { try self.receiveFrameBlocking() }
    }

    func receiveUntilClosed() async throws -> [UInt8] {
        try await onOwnThread { try self.receiveUntilClosedBlocking() }
    }

    private func sendBlocking(_ bytes: [UInt8]) throws {
        let sent = bytes.withUnsafeBytes { Glibc.send(self.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == bytes.count else { throw POSIXError(.EPIPE) }
    }

    /// Reads one length-prefixed frame; nil when the peer closed first.
    private func receiveFrameBlocking() throws -> WireFrame? {
        guard let prefix = try self.receive(exactly: 4) else { return nil }
        let length = prefix.reduce(0) { $0 << 8 | Int($1) }
        guard let payload = try self.receive(exactly: length) else { return nil }
        return try WireFrame(serializedBytes: payload)
    }

    /// Reads until the peer closes; returns what arrived. Throws if the peer keeps it open past the timeout.
    private func receiveUntilClosedBlocking() throws -> [UInt8] {
        var all: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(self.fd, $0.baseAddress, $0.count, 0) }
            if count == 0 { return all }
            guard count > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            all.append(contentsOf: buffer[0..<count])
        }
    }

    private func receive(exactly count: Int) throws -> [UInt8]? {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: max(count, 1))
        while bytes.count < count {
            let received = buffer.withUnsafeMutableBytes { recv(self.fd, $0.baseAddress, count - bytes.count, 0) }
            if received == 0 { return nil }
            guard received > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            bytes.append(contentsOf: buffer[0..<received])
        }
        return bytes
    }

    static func lengthPrefixed(_ payload: [UInt8]) -> [UInt8] {
        let length = UInt32(payload.count)
        return [UInt8(length >> 24), UInt8(length >> 16 & 0xff), UInt8(length >> 8 & 0xff), UInt8(length & 0xff)] + payload
    }

    static func helloFrame(version: UInt32) -> [UInt8] {
        var hello = WireHello()
        hello.protocolVersion = version
        hello.role = .tool
        let payload: [UInt8] = try! WireFrame(.hello(hello)).serializedBytes()
        return lengthPrefixed(payload)
    }
}
