import Foundation

/// Checks the `templates` globs of a config as far as `check-config` can without a template engine:
/// each glob must be a valid pattern and every file it matches must be readable. The template library
/// plugs in a full parse through `CheckConfigCommand`'s `templateCheck`.
public enum TemplateFileCheck {
    /// Expands the globs (a glob that matches nothing is fine) and reads each file; returns the first
    /// error as Go would word it, or nil.
    @Sendable public static func check(_ globs: [String]) -> String? {
        for pattern in globs {
            let files: [String]
            switch expand(pattern) {
            case .failure(let error): return error.description
            case .success(let matched): files = matched
            }
            for file in files {
                do throws(ConfigError) {
                    _ = try SecretFile.read(file)
                } catch {
                    return error.description
                }
            }
        }
        return nil
    }

    /// The files a glob matches, sorted, as Go's `filepath.Glob` returns them.
    public static func expand(_ pattern: String) -> Result<[String], ConfigError> {
        var bracketDepth = 0
        for character in pattern {
            if character == "[" { bracketDepth += 1 }
            if character == "]" { bracketDepth = max(0, bracketDepth - 1) }
        }
        if bracketDepth != 0 { return .failure(ConfigError("syntax error in pattern")) }
        var result = glob_t()
        defer { globfree(&result) }
        let status = glob(pattern, 0, nil, &result)
        guard status == 0 else { return .success([]) }
        var files: [String] = []
        for index in 0..<Int(result.gl_pathc) {
            if let path = result.gl_pathv[index] { files.append(String(cString: path)) }
        }
        return .success(files.sorted())
    }
}
