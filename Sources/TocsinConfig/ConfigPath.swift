import Foundation

/// File path handling for alertmanager.yml, which names other files relative to its own directory.
enum ConfigPath {
    /// Joins a relative path to the config file's directory, leaving empty and absolute paths alone
    /// (prometheus/common `JoinDir`).
    static func join(_ directory: String, _ path: String) -> String {
        if path.isEmpty || path.hasPrefix("/") { return path }
        return clean(directory + "/" + path)
    }

    /// The directory part of a path, as Go's `filepath.Dir` gives it.
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let head = String(path[..<slash])
        return head.isEmpty ? "/" : clean(head)
    }

    /// Go's `filepath.Clean`: drops `.`, resolves `..`, squeezes slashes.
    static func clean(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !absolute {
                    parts.append(part)
                }
                continue
            }
            parts.append(part)
        }
        let body = parts.joined(separator: "/")
        if absolute { return "/" + body }
        return body.isEmpty ? "." : body
    }

    /// The bytes of a file, with read errors worded like Go's `os.ReadFile`.
    static func read(_ path: String) throws(ConfigError) -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ConfigError("open \(path): no such file or directory")
        }
        if isDirectory.boolValue { throw ConfigError("read \(path): is a directory") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError("open \(path): permission denied")
        }
        return data
    }
}
