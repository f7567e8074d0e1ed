import Foundation

/// A daemon's command line as a deploy file writes it: which daemon, and the `--flag=value` arguments.
///
/// Values are kept verbatim (`${TOCSIN_LOG_LEVEL}`, `%(ENV_TOCSIN_STORAGE_PATH)s`): the tests compare
/// them between files, they do not expand them. Words that are not flags (systemd's
/// `$TOCSIN_DISPATCHER_ARGS`, expanded to extra flags at start) are ignored.
struct DaemonCommandLine: Sendable, Equatable {
    /// The executable's file name, e.g. `tocsin-dispatcher`.
    var daemon: String
    /// `(flag, value)` in order, flags without their leading `--`; a flag without `=` has value `nil`.
    var flags: [Flag]

    struct Flag: Sendable, Equatable {
        var name: String
        var value: String?
    }

    /// Reads argv-style words: the executable first, then its arguments.
    init(words: [String]) {
        self.daemon = words.first.map { URL(fileURLWithPath: $0).lastPathComponent } ?? ""
        self.flags = words.dropFirst().compactMap { word -> Flag? in
            guard word.hasPrefix("--") else { return nil }
            let body = word.dropFirst(2)
            guard let equals = body.firstIndex(of: "=") else { return Flag(name: String(body), value: nil) }
            return Flag(name: String(body[..<equals]), value: String(body[body.index(after: equals)...]))
        }
    }

    /// Reads a one-line command as systemd's `ExecStart=` or supervisord's `command=` has it (no quoting).
    init(commandLine: String) {
        self.init(words: commandLine.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init))
    }

    /// Every value given to `--name`, in order.
    func values(of name: String) -> [String] {
        self.flags.filter { $0.name == name }.compactMap(\.value)
    }

    /// The flag names used, without duplicates, in order.
    var flagNames: [String] {
        var seen: Set<String> = []
        return self.flags.map(\.name).filter { seen.insert($0).inserted }
    }
}
