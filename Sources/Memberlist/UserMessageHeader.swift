/// The `userMsgHeader` of a TCP user message (`SendReliable`): the length of the raw bytes that follow.
public struct UserMessageHeader: MessagePackConvertible {
    /// How many raw bytes follow (`UserMsgLen`).
    public var userMessageLength: Int

    /// A header for a user message of `userMessageLength` bytes.
    public init(userMessageLength: Int) {
        self.userMessageLength = userMessageLength
    }

    public init(messagePack: MessagePackValue) throws {
        userMessageLength = try MessagePackStruct(messagePack).signed("UserMsgLen")
    }

    public var messagePack: MessagePackValue {
        MessagePackStruct(fields: [("UserMsgLen", .int(Int64(userMessageLength)))]).value
    }
}
