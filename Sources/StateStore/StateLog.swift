import TocsinWire
import Dispatch
import Foundation
import SwiftProtobuf
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The append-only log that makes each change durable before it is acknowledged.
///
/// Layout: the 8-byte magic `TOCSWAL1`, then records, each `u32 length (LE) | u32 CRC-32C of the payload
/// (LE) | payload`, the payload being one `tocsin.state.v1.LogRecord`. All writes (appends, the truncation
/// after a snapshot) run in order on one serial queue, so a truncation can never remove a record that the
/// snapshot before it does not hold. The caller holds the directory's `DirectoryLock` while it is open.
final class StateLog: Sendable {
    /// The file's first bytes.
    static let magic: [UInt8] = Array("TOCSWAL1".utf8)
    /// Bytes before each record's payload.
    static let recordHeaderSize = 8

    /// The log file.
    let path: String
    private let fd: Int32
    private let queue: DispatchQueue
    private let isClosed = Atomic<Bool>(false)

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
        queue = DispatchQueue(label: "tocsin.state.log")
    }

    /// Opens (creating if needed) the log, returning its records; a torn last record is cut off
    /// the file and reported, damage before the last record throws `corruptLog`.
    static func open(path: String) throws(StateStoreError) -> (
        log: StateLog, records: [(offset: Int, record: Tocsin_State_V1_LogRecord)], repair: LogRepair?
    ) {
        let fd = Glibc.open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        if fd < 0 {
            throw .io(operation: "open", path: path, errno: errno)
        }
        do throws(StateStoreError) {
            let bytes = try FileSystem.readFile(path) ?? []
            let parsed = try parse(bytes, path: path)
            if parsed.validLength < magic.count {
                if ftruncate(fd, 0) != 0 {
                    throw StateStoreError.io(operation: "truncate", path: path, errno: errno)
                }
                try FileSystem.writeAll(fd, magic, path: path)
                try FileSystem.sync(fd, path: path)
                try FileSystem.syncDirectory(of: path)
            } else if parsed.validLength < bytes.count {
                if ftruncate(fd, off_t(parsed.validLength)) != 0 {
                    throw StateStoreError.io(operation: "truncate", path: path, errno: errno)
                }
                try FileSystem.sync(fd, path: path)
            }
            return (StateLog(path: path, fd: fd), parsed.records, parsed.repair)
        } catch {
            Glibc.close(fd)
            throw error
        }
    }

    /// Reads log bytes: every complete record, the length of the valid prefix, and a repair when the tail
    /// is torn. A torn tail is a short header, a payload running past the end, a bad checksum on the last
    /// record, or trailing zeros; a bad checksum or undecodable record followed by more data is corruption.
    static func parse(_ bytes: [UInt8], path: String) throws(StateStoreError) -> (
        records: [(offset: Int, record: Tocsin_State_V1_LogRecord)], validLength: Int, repair: LogRepair?
    ) {
        if bytes.count < magic.count {
            guard Array(magic.prefix(bytes.count)) == bytes else {
                throw .corruptLog(path: path, offset: 0, reason: "not a Tocsin state log (bad magic)")
            }
            let repair =
                bytes.isEmpty
                ? nil
                : LogRepair(path: path, offset: 0, discardedBytes: bytes.count, reason: "torn file header")
            return ([], 0, repair)
        }
        guard Array(bytes[0..<magic.count]) == magic else {
            throw .corruptLog(path: path, offset: 0, reason: "not a Tocsin state log (bad magic)")
        }
        var records: [(offset: Int, record: Tocsin_State_V1_LogRecord)] = []
        var offset = magic.count
        func torn(_ reason: String) -> ([(offset: Int, record: Tocsin_State_V1_LogRecord)], Int, LogRepair?) {
            (records, offset, LogRepair(path: path, offset: offset, discardedBytes: bytes.count - offset, reason: reason))
        }
        while offset < bytes.count {
            let remaining = bytes.count - offset
            if bytes[offset...].allSatisfy({ $0 == 0 }) {
                return torn("\(remaining) zero bytes at the end")
            }
            if remaining < recordHeaderSize {
                return torn("record header cut short (\(remaining) of \(recordHeaderSize) bytes)")
            }
            let length = Int(readUInt32(bytes, at: offset))
            let checksum = readUInt32(bytes, at: offset + 4)
            let payloadStart = offset + recordHeaderSize
            if length > bytes.count - payloadStart {
                return torn("record of \(length) bytes cut short (\(bytes.count - payloadStart) bytes present)")
            }
            let payloadEnd = payloadStart + length
            let isLast = payloadEnd == bytes.count
            let payload = Array(bytes[payloadStart..<payloadEnd])
            guard CRC32C.checksum(payload) == checksum else {
                if isLast {
                    return torn("checksum mismatch in the last record")
                }
                throw .corruptLog(path: path, offset: offset, reason: "checksum mismatch")
            }
            do {
                records.append((offset, try Tocsin_State_V1_LogRecord(serializedBytes: payload)))
            } catch {
                throw .corruptLog(path: path, offset: offset, reason: "undecodable record: \(error)")
            }
            offset = payloadEnd
        }
        return (records, offset, nil)
    }

    /// One record as it is written to the log.
    static func frame(_ record: Tocsin_State_V1_LogRecord) -> [UInt8] {
        // Serializing a message without required fields cannot fail.
        let payload: [UInt8] = (try? record.serializedBytes()) ?? []
        var bytes: [UInt8] = []
        bytes.reserveCapacity(recordHeaderSize + payload.count)
        appendUInt32(UInt32(payload.count), to: &bytes)
        appendUInt32(CRC32C.checksum(payload), to: &bytes)
        bytes.append(contentsOf: payload)
        return bytes
    }

    /// Queues `bytes` (whole framed records) for appending and fsync; `completion` runs on the writer
    /// queue after the data is durable or the write failed. Calls are performed in the order they are made.
    func append(_ bytes: [UInt8], completion: @escaping @Sendable (Result<Void, StateStoreError>) -> Void) {
        perform(
            { [path, fd] () throws(StateStoreError) in
                try FileSystem.writeAll(fd, bytes, path: path)
                try FileSystem.sync(fd, path: path)
            }, completion: completion)
    }

    /// Queues `work` after every write queued so far; used for snapshots, which must truncate the log only
    /// after the records they include are written.
    func perform<T: Sendable>(
        _ work: @escaping @Sendable () throws(StateStoreError) -> T,
        completion: @escaping @Sendable (Result<T, StateStoreError>) -> Void
    ) {
        queue.async {
            do throws(StateStoreError) {
                completion(.success(try work()))
            } catch {
                completion(.failure(error))
            }
        }
    }

    /// Empties the log down to its header; only call from work queued with `perform`.
    func truncateNow() throws(StateStoreError) {
        if ftruncate(fd, off_t(Self.magic.count)) != 0 {
            throw .io(operation: "truncate", path: path, errno: errno)
        }
        try FileSystem.sync(fd, path: path)
    }

    /// The log's size in bytes; only call from work queued with `perform`.
    func sizeNow() -> Int {
        var status = stat()
        return fstat(fd, &status) == 0 ? Int(status.st_size) : 0
    }

    /// Queues closing the file after all queued writes.
    func close(completion: @escaping @Sendable () -> Void) {
        queue.async { [self] in
            if !isClosed.exchange(true, ordering: .acquiringAndReleasing) {
                Glibc.close(fd)
            }
            completion()
        }
    }

    // A store dropped without `close()` (a test, a failed start) still closes the file.
    deinit {
        if !isClosed.exchange(true, ordering: .acquiringAndReleasing) {
            Glibc.close(fd)
        }
    }

    private static func readUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
            | UInt32(bytes[offset + 3]) << 24
    }

    private static func appendUInt32(_ value: UInt32, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift)))
        }
    }
}
