/// A member's state as memberlist numbers it in push/pull node states (`StateAlive` ... `StateLeft`).
///
/// The numbers are on the wire; a remote "dead" only makes the receiver suspect the node, while "left"
/// (a graceful leave) is taken as is.
public enum MemberState: Int, Sendable, Hashable, CaseIterable {
    case alive = 0
    case suspect = 1
    case dead = 2
    case left = 3
}
