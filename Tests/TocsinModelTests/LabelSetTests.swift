import Testing
import TocsinModel

@Suite struct LabelSetTests {
    @Test func keepsLabelsSortedByNameBytes() {
        let set = LabelSet(["b": "2", "a1": "x", "a": "1", "Z": "z", "_": "u"])
        #expect(set.names == ["Z", "_", "a", "a1", "b"])
    }

    @Test func laterPairWinsOnDuplicateNames() {
        let set = LabelSet(pairs: [("a", "1"), ("b", "2"), ("a", "3")])
        #expect(set.count == 2)
        #expect(set["a"] == "3")
    }

    @Test func subscriptGetsSetsAndRemoves() {
        var set: LabelSet = ["m": "1"]
        set["a"] = "0"
        set["z"] = "2"
        set["m"] = "one"
        #expect(set.names == ["a", "m", "z"])
        #expect(set["m"] == "one")
        set["m"] = nil
        set["absent"] = nil
        #expect(set.names == ["a", "z"])
        #expect(set["m"] == nil)
        #expect(set.value(of: "m") == "")
    }

    @Test func equalityIsByBytesNotCanonicalEquivalence() {
        let precomposed: LabelSet = ["v": "\u{e9}"]
        let decomposed: LabelSet = ["v": "e\u{301}"]
        #expect(precomposed != decomposed)
        #expect(Set([precomposed, decomposed]).count == 2)
        #expect(precomposed.fingerprint != decomposed.fingerprint)
        #expect(LabelSet(["a": "1", "b": "2"]) == LabelSet(pairs: [("b", "2"), ("a", "1")]))
    }

    @Test func validationReportsFirstInvalidNameInGoQuoting() {
        #expect(throws: Never.self) { try LabelSet(["alertname": "x", "_ok9": ""]).validate() }
        #expect {
            try LabelSet(["ok": "1", "a-b": "2"]).validate()
        } throws: { error in
            (error as? LabelSetError)?.description == #"invalid name "a-b""#
        }
        #expect {
            try LabelSet(["1a": "2"]).validate()
        } throws: { error in
            (error as? LabelSetError)?.description == #"invalid name "1a""#
        }
        #expect {
            try LabelSet(["naïve\n": "2"]).validate()
        } throws: { error in
            (error as? LabelSetError)?.description == #"invalid name "naïve\n""#
        }
    }

    @Test func removesEmptyValuesAndSelectsGroupLabels() {
        let set: LabelSet = ["a": "1", "b": "", "c": "3"]
        #expect(set.removingEmptyValues() == ["a": "1", "c": "3"])
        #expect(set.selecting(["c", "a", "missing"]) == ["a": "1", "c": "3"])
        #expect(set.merging(["a": "9", "d": "4"]) == ["a": "9", "b": "", "c": "3", "d": "4"])
    }

    @Test func descriptionSortsWholeElementsLikeGo() {
        let set: LabelSet = ["a": "q", "a1": "r", "alertname": "s"]
        #expect(set.description == #"{a1="r", a="q", alertname="s"}"#)
        #expect(LabelSet().description == "{}")
    }

    @Test func goQuotingOfValues() {
        let set: LabelSet = ["v": "tab\there \u{7}\u{7f}\u{a0}\u{200b}\u{2028}\u{1F600}\u{E0001}日本\"\\"]
        #expect(set.description == #"{v="tab\there \a\x7f\u00a0\u200b\u2028😀\U000e0001日本\"\\"}"#)
    }

    @Test(arguments: LiveVector.all)
    func fingerprintMatchesAlertmanager(vector: LiveVector) {
        let set = LabelSet(vector.labels)
        #expect(set.fingerprint.description == vector.fingerprint)
        #expect(Fingerprint(hex: vector.fingerprint) == set.fingerprint)
    }

    @Test(arguments: LiveVector.all)
    func alertHashMatchesAlertmanagerNflog(vector: LiveVector) {
        #expect(LabelSet(vector.labels).alertHash == vector.alertHash)
    }

    @Test func codableAsJSONObject() throws {
        let set: LabelSet = ["b": "2", "a": "ü"]
        let data = try JSONEncoder().encode(set)
        #expect(try JSONDecoder().decode(LabelSet.self, from: data) == set)
    }
}

import Foundation
