/// Go compares strings as byte sequences; Swift's `==` and `<` use Unicode canonical equivalence. Everything
/// that must order or compare alerts exactly as Alertmanager does goes through these.
extension String {
    /// Byte-wise equality, as Go's `==` on strings.
    func goEqual(_ other: String) -> Bool {
        utf8.elementsEqual(other.utf8)
    }

    /// Byte-wise ordering, as Go's `<` on strings.
    func goPrecedes(_ other: String) -> Bool {
        utf8.lexicographicallyPrecedes(other.utf8)
    }
}
