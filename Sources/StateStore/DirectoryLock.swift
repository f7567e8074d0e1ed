import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Keeps two stores from sharing a storage directory: a POSIX record lock on `<directory>/lock` against
/// other processes, and a process-wide set against a second store in the same process (record locks do not
/// conflict within one process).
///
/// A record lock rather than `flock`, because a child process forked by the owner (for example by a test
/// or a supervisor in the same process) never inherits it, so the lock is released exactly when the owner
/// closes it or dies, even by `kill -9`.
final class DirectoryLock: Sendable {
    private static let held = Mutex<Set<String>>([])

    private let key: String
    private let fd: Int32
    private let isReleased = Atomic<Bool>(false)

    private init(key: String, fd: Int32) {
        self.key = key
        self.fd = fd
    }

    /// Takes the lock on `directory` or throws `directoryLocked`.
    static func acquire(_ directory: String) throws(StateStoreError) -> DirectoryLock {
        let key = URL(fileURLWithPath: directory).resolvingSymlinksInPath().standardizedFileURL.path
        let inserted = held.withLock { $0.insert(key).inserted }
        guard inserted else {
            throw .directoryLocked(path: directory)
        }
        let path = directory + "/lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if fd < 0 {
            let code = errno
            _ = held.withLock { $0.remove(key) }
            throw .io(operation: "open", path: path, errno: code)
        }
        var request = flock()
        request.l_type = Int16(F_WRLCK)
        request.l_whence = Int16(SEEK_SET)
        request.l_start = 0
        request.l_len = 0
        if fcntl(fd, F_SETLK, &request) != 0 {
            let code = errno
            close(fd)
            _ = held.withLock { $0.remove(key) }
            if code == EAGAIN || code == EACCES {
                throw .directoryLocked(path: directory)
            }
            throw .io(operation: "lock", path: path, errno: code)
        }
        return DirectoryLock(key: key, fd: fd)
    }

    /// Releases the lock; later calls do nothing.
    func release() {
        guard !isReleased.exchange(true, ordering: .acquiringAndReleasing) else {
            return
        }
        close(fd)
        _ = Self.held.withLock { $0.remove(key) }
    }

    // A store dropped without `close()` (a failed start, a test) still releases its directory.
    deinit {
        release()
    }
}
