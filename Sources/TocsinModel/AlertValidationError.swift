/// Why a posted alert was rejected; descriptions are prometheus/common `model.Alert.Validate`'s messages,
/// which the API joins with `"; "` in its 400 response.
public enum AlertValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `startsAt` is unset.
    case startTimeMissing
    /// `endsAt` is before `startsAt`.
    case startTimeAfterEndTime
    /// A label name is invalid.
    case invalidLabelSet(LabelSetError)
    /// The alert has no labels (after empty values were dropped).
    case noLabels
    /// An annotation name is invalid.
    case invalidAnnotations(LabelSetError)

    public var description: String {
        switch self {
        case .startTimeMissing: "start time missing"
        case .startTimeAfterEndTime: "start time must be before end time"
        case .invalidLabelSet(let error): "invalid label set: \(error)"
        case .noLabels: "at least one label pair required"
        case .invalidAnnotations(let error): "invalid annotations: \(error)"
        }
    }
}
