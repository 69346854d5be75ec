extension Int {
    /// The number with thousands separated by commas: 1,000.
    public var grouped: String {
        let digits = String(self.magnitude)
        var out = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return self < 0 ? "-" + out : out
    }
}
