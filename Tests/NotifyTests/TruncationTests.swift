import Testing

@testable import Notify

/// notify/util.go's cuts: runes with the `…` marker, bytes without splitting a character.
@Suite struct TruncationTests {
    @Test func runesKeepTheLimitIncludingTheMarker() {
        #expect(Truncation.inRunes("abcdef", 6) == ("abcdef", false))
        #expect(Truncation.inRunes("abcdef", 5) == ("abcd…", true))
        #expect(Truncation.inRunes("äöüßé", 4) == ("äöü…", true))
        // Up to three runes there is no room for a marker.
        #expect(Truncation.inRunes("abcdef", 3) == ("abc", true))
        #expect(Truncation.inRunes("abcdef", 0) == ("", true))
    }

    @Test func bytesNeverSplitACharacter() {
        #expect(Truncation.inBytes("abcdef", 6) == ("abcdef", false))
        #expect(Truncation.inBytes("abcdefgh", 6) == ("abc…", true))
        // "é" is two bytes: three bytes of room before the marker hold "aé" and not half of the next "é".
        #expect(Truncation.inBytes("aééé", 6) == ("aé…", true))
        #expect(Truncation.inBytes("abcdef", 3) == ("…", true))
        #expect(Truncation.inBytes("abcdef", 2) == ("..", true))
        #expect(Truncation.inBytes("ééééééé", 8) == ("éé…", true))
    }
}
