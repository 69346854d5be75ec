import ByteText
import Testing

@Suite struct ByteTextModuleTests {
    @Test func moduleIsLinked() {
        #expect(ByteText.behaviourVersion >= 1)
    }
}
