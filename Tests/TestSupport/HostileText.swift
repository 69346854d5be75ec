/// What must never reach a terminal, a pipe or a gateway raw.
package enum HostileText {
    /// The scalars of `text` that are hostile when shown: C0 controls but newline and tab, DEL, C1, bidi
    /// embeddings/overrides/isolates, zero-width characters.
    package static func raw(_ text: String) -> [UInt32] {
        text.unicodeScalars.map(\.value).filter { value in
            (value < 0x20 && value != 0x0A && value != 0x09) || (0x7F...0x9F).contains(value)
                || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
                || (0x200B...0x200D).contains(value) || value == 0x2060 || value == 0xFEFF
        }
    }
}
