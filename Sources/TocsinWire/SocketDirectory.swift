#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The runtime directory that holds every process's socket (by default `<storage.path>/run`).
///
/// It is created with mode 0700 and each socket in it is set to 0600, so only the user Tocsin runs as can
/// connect. A directory that exists but belongs to another user is refused rather than used: someone else
/// could otherwise swap our sockets for theirs.
public struct SocketDirectory: Sendable, Equatable {
    /// The directory path.
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The socket path of a process, e.g. `run/state.sock`.
    public func socketPath(for name: String) -> String {
        self.path.hasSuffix("/") ? "\(self.path)\(name).sock" : "\(self.path)/\(name).sock"
    }

    /// Creates the directory (and missing parents) if needed, then makes sure it is ours and 0700.
    public func prepare() throws(SocketDirectoryError) {
        try Self.makeDirectories(self.path)
        var info = stat()
        guard stat(self.path, &info) == 0 else {
            throw .unusable(path: self.path, reason: Self.errnoText())
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw .unusable(path: self.path, reason: "not a directory")
        }
        guard info.st_uid == geteuid() else {
            throw .unusable(path: self.path, reason: "owned by uid \(info.st_uid), not by this process's uid \(geteuid())")
        }
        guard chmod(self.path, 0o700) == 0 else {
            throw .unusable(path: self.path, reason: "chmod 0700: \(Self.errnoText())")
        }
    }

    /// Restricts a socket file to its owner (0600).
    public static func restrictSocket(at path: String) throws(SocketDirectoryError) {
        guard chmod(path, 0o600) == 0 else {
            throw .unusable(path: path, reason: "chmod 0600: \(errnoText())")
        }
    }

    private static func makeDirectories(_ path: String) throws(SocketDirectoryError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST {
                throw .unusable(path: prefix, reason: "mkdir: \(errnoText())")
            }
            prefix += "/"
        }
    }

    static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}

/// Why the socket directory or a socket in it cannot be used.
public enum SocketDirectoryError: Error, Equatable, CustomStringConvertible {
    case unusable(path: String, reason: String)

    public var description: String {
        switch self {
        case .unusable(let path, let reason):
            return "socket directory \(path) is unusable: \(reason)"
        }
    }
}
