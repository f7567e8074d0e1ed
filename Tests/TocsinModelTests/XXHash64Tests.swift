import Testing
import TocsinModel

@Suite struct XXHash64Tests {
    /// Reference values from the xxHash specification's test suite (seed 0 unless given).
    @Test func knownVectors() {
        #expect(XXHash64.hash("") == 0xef46_db37_51d8_e999)
        #expect(XXHash64.hash("a") == 0xd24e_c4f1_a98c_6e5b)
        #expect(XXHash64.hash("abc") == 0x44bc_2cf5_ad77_0999)
        #expect(XXHash64.hash("message digest") == 0x066e_d728_fcee_b3be)
        #expect(XXHash64.hash("abcdefghijklmnopqrstuvwxyz") == 0xcfe1_f278_fa89_835c)
        #expect(
            XXHash64.hash("12345678901234567890123456789012345678901234567890123456789012345678901234567890")
                == 0xe04a_477f_19ee_145d)
    }

    @Test func everyTailLengthIsCoveredByLiveVectors() {
        let lengths = Set(
            LiveVector.all.map { vector in
                LabelSet(vector.labels).reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 2 } % 32
            })
        #expect(lengths.count >= 8)
    }
}
