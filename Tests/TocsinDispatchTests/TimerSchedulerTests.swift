import Foundation
import Testing
import TocsinDispatch

@Suite struct TimerSchedulerTests {
    @Test func popsInDeadlineOrderThenSchedulingOrder() {
        var scheduler = TimerScheduler<String>()
        scheduler.schedule("c", at: at(3))
        scheduler.schedule("a", at: at(1))
        scheduler.schedule("b1", at: at(2))
        scheduler.schedule("b2", at: at(2))
        #expect(scheduler.nextDeadline == at(1))
        var popped: [String] = []
        while let (key, _) = scheduler.popNext(dueAt: at(2)) {
            popped.append(key)
        }
        #expect(popped == ["a", "b1", "b2"])
        #expect(scheduler.count == 1)
        #expect(scheduler.popNext(dueAt: at(2.9)) == nil)
        #expect(scheduler.popNext(dueAt: at(3))?.key == "c")
    }

    @Test func reschedulingMovesAndCancelRemoves() {
        var scheduler = TimerScheduler<Int>()
        for key in 0..<10 {
            scheduler.schedule(key, at: at(Double(key)))
        }
        scheduler.schedule(9, at: at(-1))
        scheduler.schedule(0, at: at(100))
        scheduler.cancel(5)
        scheduler.cancel(42)
        #expect(scheduler.deadline(of: 9) == at(-1))
        #expect(scheduler.deadline(of: 5) == nil)
        var order: [Int] = []
        while let (key, _) = scheduler.popNext(dueAt: at(1000)) {
            order.append(key)
        }
        #expect(order == [9, 1, 2, 3, 4, 6, 7, 8, 0])
    }

    @Test func randomOperationsAgreeWithASortedList() {
        var generator = SystemRandomNumberGenerator()
        var scheduler = TimerScheduler<Int>()
        var model: [Int: Double] = [:]
        for _ in 0..<2000 {
            let key = Int.random(in: 0..<200, using: &generator)
            if Bool.random(using: &generator) {
                let deadline = Double(Int.random(in: 0..<500, using: &generator))
                scheduler.schedule(key, at: at(deadline))
                model[key] = deadline
            } else {
                scheduler.cancel(key)
                model[key] = nil
            }
        }
        #expect(scheduler.count == model.count)
        var previous = -Double.infinity
        var seen = 0
        while let (key, deadline) = scheduler.popNext(dueAt: at(1000)) {
            #expect(model[key].map(at) == deadline)
            #expect(deadline.timeIntervalSince1970 >= previous)
            previous = deadline.timeIntervalSince1970
            seen += 1
        }
        #expect(seen == model.count)
    }

    @Test func cancelAllWherePredicateHolds() {
        var scheduler = TimerScheduler<Int>()
        for key in 0..<20 {
            scheduler.schedule(key, at: at(Double(20 - key)))
        }
        scheduler.cancelAll { $0 % 2 == 0 }
        var keys: [Int] = []
        while let (key, _) = scheduler.popNext(dueAt: at(100)) {
            keys.append(key)
        }
        #expect(keys == [19, 17, 15, 13, 11, 9, 7, 5, 3, 1])
    }
}
