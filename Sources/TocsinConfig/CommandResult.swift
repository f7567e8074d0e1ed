/// What an offline command printed and how it exited, so the `tocsin` executable can relay it and tests
/// can check it without spawning a process.
public struct CommandResult: Sendable, Hashable {
    /// Text for standard output.
    public var output: String
    /// Text for standard error.
    public var errorOutput: String
    /// The process exit status.
    public var exitCode: Int32

    /// Makes a result.
    public init(output: String, errorOutput: String = "", exitCode: Int32) {
        self.output = output
        self.errorOutput = errorOutput
        self.exitCode = exitCode
    }
}
