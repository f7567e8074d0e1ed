import Foundation

/// An INI-style file as systemd units and supervisord configs are written: `[section]` headers and
/// `key=value` entries, with the same key allowed more than once in a section (systemd's `After=`).
///
/// Continuation lines are joined to their entry with a space, both systemd's (a line ending in `\`)
/// and Python configparser's (an indented line after an entry), so a command split over lines reads as
/// one value. Whole-line comments start with `#` or `;`. Only what Tocsin's deploy files use is read:
/// no inline comments, quoting or specifier expansion.
struct IniFile: Sendable {
    /// One `[name]` section and its entries in file order.
    struct Section: Sendable {
        var name: String
        var entries: [(key: String, value: String)]
    }

    var sections: [Section]

    init(contentsOf url: URL) throws {
        try self.init(parsing: String(contentsOf: url, encoding: .utf8))
    }

    init(parsing text: String) throws {
        var sections: [Section] = []
        var continuing = false
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = String(rawLine)
            let wasContinuing = continuing
            if !wasContinuing && Self.isComment(line.trimmingCharacters(in: .whitespaces)) { continue }
            continuing = line.hasSuffix("\\")
            if continuing { line.removeLast() }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let indented = line.first == " " || line.first == "\t"

            if wasContinuing || (indented && !trimmed.isEmpty) {
                guard var section = sections.popLast(), var entry = section.entries.popLast() else {
                    throw IniFileError.continuationWithoutEntry(line)
                }
                entry.value = entry.value.isEmpty ? trimmed : "\(entry.value) \(trimmed)"
                section.entries.append(entry)
                sections.append(section)
                continue
            }
            if trimmed.isEmpty { continue }
            if trimmed.hasPrefix("[") && trimmed.hasSuffix("]") {
                sections.append(Section(name: String(trimmed.dropFirst().dropLast()), entries: []))
                continue
            }
            guard let equals = trimmed.firstIndex(of: "="), !sections.isEmpty else {
                throw IniFileError.notAnEntry(line)
            }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
            let value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            sections[sections.count - 1].entries.append((key, value))
        }
        self.sections = sections
    }

    /// The section called `name`, if the file has one.
    func section(_ name: String) -> Section? {
        self.sections.first { $0.name == name }
    }

    /// Every value of `key` in section `name`, in file order; repeated keys each give one.
    func values(_ key: String, in name: String) -> [String] {
        self.section(name)?.entries.filter { $0.key == key }.map(\.value) ?? []
    }

    /// The last value of `key` in section `name` (the one that wins in both systemd and supervisord).
    func value(_ key: String, in name: String) -> String? {
        self.values(key, in: name).last
    }

    /// The space-separated items of every value of `key`, as systemd reads `After=a b` plus `After=c`.
    func list(_ key: String, in name: String) -> [String] {
        self.values(key, in: name).flatMap { $0.split(separator: " ").map(String.init) }
    }

    private static func isComment(_ trimmed: String) -> Bool {
        trimmed.hasPrefix("#") || trimmed.hasPrefix(";")
    }
}

/// A line an ``IniFile`` cannot place.
enum IniFileError: Error, CustomStringConvertible {
    case notAnEntry(String)
    case continuationWithoutEntry(String)

    var description: String {
        switch self {
        case .notAnEntry(let line): return "not a section header or key=value entry: \(line)"
        case .continuationWithoutEntry(let line): return "continuation line without an entry before it: \(line)"
        }
    }
}
