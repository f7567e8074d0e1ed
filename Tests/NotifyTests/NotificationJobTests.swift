import Foundation
import Notify
import SwiftProtobuf
import Testing
import TocsinWire

/// A `Deliver` request read as a job.
@Suite struct NotificationJobTests {
    func stored(_ name: String, endsAt: Date?) -> Tocsin_State_V1_StoredAlert {
        var label = Tocsin_State_V1_Label()
        label.name = "alertname"
        label.value = name
        var alert = Tocsin_State_V1_StoredAlert()
        alert.labels = [label]
        alert.startsAt = Google_Protobuf_Timestamp(seconds: 1_700_000_000, nanos: 5)
        if let endsAt { alert.endsAt = Google_Protobuf_Timestamp(date: endsAt) }
        return alert
    }

    @Test func alertsFiringAtTheFlushLoseTheirEndAndResolvedOnesKeepIt() {
        let flushed = Date(timeIntervalSince1970: 1_800_000_000)
        var deliver = Tocsin_Notify_V1_Deliver()
        deliver.receiver = "team"
        deliver.groupKey = "{}:{}"
        deliver.alerts = [
            stored("Later", endsAt: flushed.addingTimeInterval(300)), stored("Done", endsAt: flushed.addingTimeInterval(-1)),
            stored("Open", endsAt: nil),
        ]
        deliver.flushedAt = Google_Protobuf_Timestamp(date: flushed)
        deliver.repeatIntervalMilliseconds = 60_000
        deliver.deadline = Google_Protobuf_Timestamp(date: flushed.addingTimeInterval(30))
        let job = NotificationJob(deliver: deliver, fallbackDeadline: .distantFuture)
        #expect(job.alerts.map { $0.endsAt == nil } == [true, false, true])
        #expect(job.alerts.first?.startsAt.nanoseconds == 5)
        #expect(job.repeatInterval == .seconds(60))
        #expect(job.deadline == flushed.addingTimeInterval(30))
    }
}
