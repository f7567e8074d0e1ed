/// Why a label set is invalid; the description is prometheus/common's `LabelSet.Validate` message.
public enum LabelSetError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A name that is not `^[a-zA-Z_][a-zA-Z0-9_]*$`.
    case invalidName(String)

    public var description: String {
        switch self {
        case .invalidName(let name): "invalid name " + GoQuote.quote(name)
        }
    }
}
