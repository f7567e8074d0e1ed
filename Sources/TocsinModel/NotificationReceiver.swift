/// Which integration of which receiver sent a notification (nflogpb `Receiver`): the receiver's name, the
/// integration type (`webhook`, `email`, ...) and the position of that config within its type's list.
public struct NotificationReceiver: Sendable, Hashable, CustomStringConvertible {
    /// The receiver name from the configuration.
    public var groupName: String
    /// The integration type, e.g. `webhook`.
    public var integration: String
    /// The config's position among the receiver's integrations of that type.
    public var idx: UInt32

    /// A receiver reference.
    public init(groupName: String, integration: String, idx: UInt32) {
        self.groupName = groupName
        self.integration = integration
        self.idx = idx
    }

    /// `name/integration/idx` (nflog.go `receiverKey`).
    public var description: String {
        "\(groupName)/\(integration)/\(idx)"
    }
}
