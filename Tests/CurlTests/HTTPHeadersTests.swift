import Curl
import Testing

@Suite("HTTPHeaders keeps order and repetition and looks names up case-insensitively")
struct HTTPHeadersTests {
    @Test("lookups ignore case; order and duplicates are kept")
    func lookups() {
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        headers.add(name: "Set-Cookie", value: "a=1")
        headers.add(name: "set-cookie", value: "b=2")
        #expect(headers["content-type"] == "application/json")
        #expect(headers.values(for: "SET-COOKIE") == ["a=1", "b=2"])
        #expect(headers.map(\.name) == ["Content-Type", "Set-Cookie", "set-cookie"])
        #expect(headers.contains(name: "CONTENT-TYPE"))
        #expect(headers["Missing"] == nil)
    }

    @Test("replaceOrAdd keeps the first position and drops the other fields of that name")
    func replaceOrAdd() {
        var headers = HTTPHeaders([("A", "1"), ("X", "old"), ("B", "2"), ("x", "older")])
        headers.replaceOrAdd(name: "x", value: "new")
        #expect(headers.fields == [.init(name: "A", value: "1"), .init(name: "X", value: "new"), .init(name: "B", value: "2")])
        headers.replaceOrAdd(name: "C", value: "3")
        #expect(headers.fields.last == .init(name: "C", value: "3"))
        headers.remove(name: "a")
        #expect(headers.count == 3)
    }
}
