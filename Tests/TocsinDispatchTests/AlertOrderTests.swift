import Testing
import TocsinDispatch
import TocsinModel

@Suite struct AlertOrderTests {
    @Test func jobThenInstanceThenLabelSet() {
        let alerts = [
            posted(["alertname": "z"]),
            posted(["alertname": "a", "x": "1"]),
            posted(["alertname": "b"]),
            posted(["alertname": "j", "instance": "i2"]),
            posted(["alertname": "j", "job": "b"]),
            posted(["alertname": "j", "job": "a", "instance": "i9"]),
            posted(["alertname": "j", "job": "a", "instance": "i1"]),
            posted(["alertname": "j", "instance": "i1"]),
        ]
        let sorted = alerts.sorted(by: AlertOrder.areInIncreasingOrder).map { $0.labels.description }
        #expect(
            sorted == [
                #"{alertname="j", instance="i1", job="a"}"#,
                #"{alertname="j", instance="i9", job="a"}"#,
                #"{alertname="j", job="b"}"#,
                #"{alertname="j", instance="i1"}"#,
                #"{alertname="j", instance="i2"}"#,
                #"{alertname="b"}"#,
                #"{alertname="z"}"#,
                #"{alertname="a", x="1"}"#,
            ])
    }

    @Test func labelSetBeforeComparesUnionOfNames() {
        // At name "b" the left set lacks the label, which makes it sort first (prometheus/common LabelSet.Before).
        #expect(AlertOrder.labelSetPrecedes(["a": "1", "c": "1"], ["a": "1", "b": "1"]) == true)
        #expect(AlertOrder.labelSetPrecedes(["a": "1", "b": "1"], ["a": "1", "c": "1"]) == false)
        #expect(AlertOrder.labelSetPrecedes(["a": "1"], ["a": "2", "b": "1"]) == true)
        #expect(AlertOrder.labelSetPrecedes(["a": "1"], ["a": "1"]) == false)
    }
}
