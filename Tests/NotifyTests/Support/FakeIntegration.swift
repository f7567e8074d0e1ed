import Foundation
import Notify
import Synchronization

/// An integration that answers from a script (nil = success; once the script is used up, success) and
/// remembers what it was asked to send.
final class FakeIntegration: Integration {
    let name: String
    let index: Int
    let sendResolved: Bool
    private let state: Mutex<(script: [IntegrationError?], sent: [[NotifiedAlert]])>

    init(name: String = "webhook", index: Int = 0, sendResolved: Bool = true, script: [IntegrationError?] = []) {
        self.name = name
        self.index = index
        self.sendResolved = sendResolved
        self.state = Mutex((script, []))
    }

    func notify(_ alerts: [NotifiedAlert], of job: NotificationJob, deadline: Date) async throws(IntegrationError) {
        let next: IntegrationError? = self.state.withLock { state in
            state.sent.append(alerts)
            return state.script.isEmpty ? nil : state.script.removeFirst()
        }
        if let next { throw next }
    }

    var sent: [[NotifiedAlert]] { self.state.withLock { $0.sent } }
}
