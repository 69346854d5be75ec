#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `read(2)` and `write(2)` on arrays: the system calls the `serve` input, its output and the
/// command-line input make, each given the storage of a Swift array and a count that fits in it.
/// Both return what the system call returned; on -1, `errno` is left as the call set it.
package enum FileDescriptorIO {
    /// One `read(2)` of at most `count` bytes (never more than `buffer.count`) into the start of
    /// `buffer`: the number read, 0 at end of file, -1 on error.
    package static func read(_ descriptor: Int32, into buffer: inout [UInt8], count: Int) -> Int {
        let wanted = max(0, min(count, buffer.count))
        // Unsafe: read(2) fills the array's own storage, within `wanted <= buffer.count` bytes.
        return buffer.withUnsafeMutableBytes { bytes in
            #if canImport(Glibc)
                Glibc.read(descriptor, bytes.baseAddress, wanted)
            #else
                Darwin.read(descriptor, bytes.baseAddress, wanted)
            #endif
        }
    }

    /// Up to `size` bytes read from `descriptor` (fewer when it ends first), retrying on EINTR; nil
    /// when a read fails. The array is filled as read, never zeroed first (files are read whole).
    package static func read(_ descriptor: Int32, upTo size: Int) -> [UInt8]? {
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: max(size, 0)) { buffer, count in
            count = 0
            // Unsafe: read(2) fills the fresh array's storage from `count`, within its capacity `size`;
            // only the bytes read are counted as initialised.
            while count < size, let base = buffer.baseAddress {
                #if canImport(Glibc)
                    let got = Glibc.read(descriptor, base + count, size - count)
                #else
                    let got = Darwin.read(descriptor, base + count, size - count)
                #endif
                if got < 0 && errno == EINTR { continue }
                if got < 0 { failed = true }
                if got <= 0 { break }
                count += got
            }
        }
        return failed ? nil : bytes
    }

    /// One `write(2)` of `bytes[offset...]`: the number written (possibly fewer), or -1 on error.
    /// Nothing to write (an offset at or past the end) returns 0 without a system call.
    package static func write(_ descriptor: Int32, _ bytes: [UInt8], from offset: Int) -> Int {
        guard offset >= 0, offset < bytes.count else { return 0 }
        // Unsafe: write(2) reads the array's own storage from `offset`, within its count.
        return bytes.withUnsafeBytes { raw in
            #if canImport(Glibc)
                Glibc.write(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
            #else
                Darwin.write(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
            #endif
        }
    }

    /// The name of a directory entry (`dirent.d_name`, a fixed-size C character array), up to its NUL.
    package static func entryName<Name>(_ name: Name) -> String {
        // Unsafe: reads the bytes of a C character array held by value, stopping at its end.
        withUnsafeBytes(of: name) { raw in
            let length = raw.firstIndex(of: 0) ?? raw.count
            return String(decoding: raw[0..<length], as: UTF8.self)
        }
    }
}
