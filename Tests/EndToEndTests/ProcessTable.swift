import Foundation

/// The live processes whose command line mentions a given string, read from `/proc`.
///
/// End-to-end tests give every run a unique temporary directory and pass it on every daemon's command
/// line, so "processes mentioning it" are exactly the ones this run started, whoever their parent is.
enum ProcessTable {
    /// A process and its arguments.
    struct Entry: Sendable, Equatable {
        var pid: Int32
        var arguments: [String]

        /// The executable's file name (argv[0] without its directory).
        var executableName: String {
            arguments.first.map { URL(fileURLWithPath: $0).lastPathComponent } ?? ""
        }
    }

    /// Every process (zombies excluded: their command line is empty) with `marker` in an argument.
    static func processes(mentioning marker: String) -> [Entry] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap { name -> Entry? in
            guard let pid = Int32(name), pid != getpid(),
                let data = FileManager.default.contents(atPath: "/proc/\(name)/cmdline"), !data.isEmpty
            else { return nil }
            let arguments = data.split(separator: 0)
                .map { String(decoding: $0, as: UTF8.self) }
            guard arguments.contains(where: { $0.contains(marker) }) else { return nil }
            return Entry(pid: pid, arguments: arguments)
        }
    }
}
