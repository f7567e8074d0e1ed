/// A change in membership worth telling the application about, with memberlist's `EventDelegate` meaning:
/// Alertmanager keeps its peer list and its reconnect list from exactly these.
public enum MemberEvent: Sendable, Hashable {
    /// A member became alive after being unknown, dead or left (`NotifyJoin`).
    case joined(Member)
    /// An alive member's metadata changed (`NotifyUpdate`).
    case updated(Member)
    /// A member is now suspected; memberlist has no callback for this, it is here for logs and metrics.
    case suspected(Member)
    /// A member was declared dead or announced its leave (`NotifyLeave`); `member.state` says which.
    case left(Member)
}
