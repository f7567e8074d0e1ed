import Foundation

/// Tocsin's default notification templates: the `*.tmpl` files of the Notify target's `DefaultTemplates`
/// resource directory, which produce what Alertmanager 0.25's built-in `default.tmpl` and `email.tmpl`
/// produce (plus 0.26's msteams defaults).
///
/// SwiftPM puts the directory in the `tocsin_Notify.resources` bundle next to the executables (and the test
/// bundle); an installation copies that bundle beside the binaries. It is looked up next to the running
/// executable (its real path, following symbolic links, then the path it was started by) rather than
/// through `Bundle.module`, whose generated accessor crashes when the bundle is missing: here a missing
/// bundle is an error naming where it was expected.
enum DefaultTemplateFiles {
    /// The name of the resource bundle SwiftPM builds for the Notify target.
    static let bundleName = "tocsin_Notify.resources"

    /// The file name and text of every default template file, in file-name order, read once.
    static let files: Result<[(name: String, text: String)], NotifyFailure> = load()

    private static func load() -> Result<[(name: String, text: String)], NotifyFailure> {
        guard let directory = directory() else {
            return .failure(
                NotifyFailure(
                    "default templates not found: install the \(bundleName) directory next to the executable "
                        + "(\(executableDirectory().path))"))
        }
        do {
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasSuffix(".tmpl") }
                .sorted()
            guard !names.isEmpty else {
                return .failure(NotifyFailure("default templates not found: no *.tmpl file in \(directory.path)"))
            }
            return .success(
                try names.map { name in
                    (name, try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))
                })
        } catch {
            return .failure(NotifyFailure("default templates in \(directory.path) cannot be read: \(error)"))
        }
    }

    /// The `DefaultTemplates` directory in the bundle beside the executable.
    private static func directory() -> URL? {
        var candidates = [executableDirectory(), Bundle.main.bundleURL]
        if let started = Bundle.main.executableURL { candidates.append(started.deletingLastPathComponent()) }
        for base in candidates {
            let url = base.appendingPathComponent(bundleName).appendingPathComponent("DefaultTemplates")
            if isDirectory(url) { return url }
        }
        return nil
    }

    /// The directory of the running executable with symbolic links resolved (`/proc/self/exe`), so a binary
    /// linked into `/usr/local/bin` finds the bundle next to the real file.
    private static func executableDirectory() -> URL {
        let path =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? Bundle.main.executablePath ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: path).deletingLastPathComponent()
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
