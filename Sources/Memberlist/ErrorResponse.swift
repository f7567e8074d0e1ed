/// An `errResp`: what a TCP stream responder sends when it could not read the request.
///
/// The push/pull initiator turns it into "remote error", so its text is for logs only.
public struct ErrorResponse: MessagePackConvertible {
    /// The responder's error text (`Error`).
    public var error: String

    /// A reply reporting `error`.
    public init(error: String) {
        self.error = error
    }

    public init(messagePack: MessagePackValue) throws {
        error = try MessagePackStruct(messagePack).string("Error")
    }

    public var messagePack: MessagePackValue {
        MessagePackStruct(fields: [("Error", .string(error))]).value
    }
}
