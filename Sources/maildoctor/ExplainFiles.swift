import ByteText

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// File access for `explain`: folder listing, whole-file reads and stdout writes straight on the
/// system calls (Foundation's enumerator, `contents(atPath:)` and `FileHandle` cost more than the
/// parsing of a small message).
enum ExplainFiles {
    /// What a path names, following symbolic links.
    enum Kind: Equatable {
        case missing, file, folder
        /// `stat` failed for another reason than a missing file (a symbolic link loop, no
        /// permission to search a folder…); the text says why.
        case unreachable(String)
    }

    /// The kind of `path` (`stat`, links followed).
    static func kind(_ path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else {
            switch errno {
            case ENOENT, ENOTDIR: return .missing
            case ELOOP: return .unreachable("too many levels of symbolic links (a symbolic link loop)")
            case let number: return .unreachable(String(cString: strerror(number)).lowercased())
            }
        }
        return (info.st_mode & S_IFMT) == S_IFDIR ? .folder : .file
    }

    /// The files under `folder`, as paths relative to it, unsorted: every file in every subfolder
    /// (links to files count as files; links to folders are not followed), skipping names that start
    /// with "." at the top level (and so everything inside a hidden top-level folder).
    static func files(under folder: String) -> [String] {
        // A folder given as a symbolic link is not entered (as FileManager's enumerator does).
        var trimmed = Substring(folder)
        while trimmed.count > 1, trimmed.hasSuffix("/") || trimmed.hasSuffix("/.") {
            trimmed = trimmed.hasSuffix("/") ? trimmed.dropLast() : trimmed.dropLast(2)
        }
        var info = stat()
        if lstat(String(trimmed), &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK { return [] }
        var found: [String] = []
        walk(folder, relative: "", into: &found)
        return found
    }

    private static func walk(_ folder: String, relative: String, into found: inout [String]) {
        guard let handle = opendir(folder) else { return }
        defer { closedir(handle) }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        while let entry = readdir(handle) {
            let name = FileDescriptorIO.entryName(entry.pointee.d_name)
            if name == "." || name == ".." { continue }
            if relative.isEmpty && name.hasPrefix(".") { continue }
            let path = prefix + name
            let nested = relative.isEmpty ? name : relative + "/" + name
            var type = entry.pointee.d_type
            if type == UInt8(DT_UNKNOWN) {
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                type = (info.st_mode & S_IFMT) == S_IFDIR ? UInt8(DT_DIR) : UInt8(DT_REG)
                if (info.st_mode & S_IFMT) == S_IFLNK { type = UInt8(DT_LNK) }
            }
            if type == UInt8(DT_DIR) {
                walk(path, relative: nested, into: &found)
            } else if type == UInt8(DT_LNK) {
                // A link counts when it leads to something other than a folder.
                if kind(path) == .file { found.append(nested) }
            } else {
                found.append(nested)
            }
        }
    }

    /// The content of a regular file up to `BoundedInput.limit` (see `BoundedInput`), or nil when it
    /// cannot be opened or is not a regular file.
    static func read(_ path: String) -> BoundedInput.Content? {
        // O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused below anyway).
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(info.st_size)
        let limit = BoundedInput.limit
        if size > 0 && size <= limit {
            return FileDescriptorIO.read(descriptor, upTo: size).map {
                BoundedInput.Content(bytes: $0, truncated: false)
            }
        }
        // Over the limit, or a size of 0 with content (/proc): read in chunks up to the limit.
        return BoundedInput.read(descriptor: descriptor, sizeHint: size)
    }

    /// Processors online, at least 1: how many files are read at once.
    ///
    /// `ProcessInfo.activeProcessorCount` also reads the cgroup quota files through Foundation at every
    /// start, for nothing the batch needs. Where a quota or an affinity mask allows fewer processors, the
    /// extra worker is harmless: the concurrency pool runs it in turn.
    static func processorCount() -> Int {
        max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }
}
