import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The few POSIX file operations the store needs, with errors that name the file. Blocking: callers run
/// them on the log's writer queue or at open, never on the cooperative thread pool in a hot path.
enum FileSystem {
    /// The whole content of `path`, or nil when it does not exist.
    static func readFile(_ path: String) throws(StateStoreError) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT {
                return nil
            }
            throw .io(operation: "open", path: path, errno: errno)
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR {
                    continue
                }
                throw .io(operation: "read", path: path, errno: errno)
            }
            if count == 0 {
                return bytes
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// Writes all of `bytes` to `fd`, retrying short writes.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(StateStoreError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR {
                    continue
                }
                throw .io(operation: "write", path: path, errno: errno)
            }
            offset += written
        }
    }

    /// Flushes a file's data to stable storage.
    static func sync(_ fd: Int32, path: String) throws(StateStoreError) {
        if fdatasync(fd) != 0 {
            throw .io(operation: "fsync", path: path, errno: errno)
        }
    }

    /// Replaces `path` with `bytes` so that a crash leaves either the old or the new file, never a mix:
    /// write `<path>.<hex random>` (Alertmanager's temp name), fsync, rename over `path`, fsync the directory.
    static func replaceFile(_ path: String, with bytes: [UInt8]) throws(StateStoreError) {
        let temporary = path + "." + String(UInt64.random(in: 0...UInt64(Int64.max)), radix: 16)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 {
            throw .io(operation: "create", path: temporary, errno: errno)
        }
        do {
            try writeAll(fd, bytes, path: temporary)
            try sync(fd, path: temporary)
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        if rename(temporary, path) != 0 {
            let code = errno
            unlink(temporary)
            throw .io(operation: "rename", path: temporary, errno: code)
        }
        try syncDirectory(of: path)
    }

    /// Makes a rename or creation in the directory holding `path` durable.
    static func syncDirectory(of path: String) throws(StateStoreError) {
        let directory = (path as NSString).deletingLastPathComponent
        let fd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd < 0 {
            throw .io(operation: "open", path: directory, errno: errno)
        }
        defer { close(fd) }
        if fsync(fd) != 0 {
            throw .io(operation: "fsync", path: directory, errno: errno)
        }
    }

    /// Creates `path` and its parents if missing.
    static func createDirectory(_ path: String) throws(StateStoreError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .io(operation: "mkdir", path: path, errno: EIO)
        }
    }
}
