#if canImport(Glibc)
import Glibc
#endif
import BriefgenKit
import Foundation

/// The same starting memory for every full build of either tool: the kernel's page cache
/// emptied (after writing back what waits for the disk), then the tool's executable, the
/// libraries it loads and the site's sources read back in, as a user's machine holds them.
///
/// Without it the kernel's share of a build drifted with what earlier runs left in memory: on
/// this machine a first build's system time went from 2 s just after the cache was emptied to
/// 4–8 s once it held a few GB of earlier sites (first touches of pages and inodes, and the
/// kernel's reclaim running beside the build), and Hugo's from 3–5 s to 9–17 s, so the ratio
/// measured the machine's state more than either tool.
enum ColdStart {
    /// Whether the page cache can be emptied here (it takes root).
    static let available = access("/proc/sys/vm/drop_caches", W_OK) == 0

    /// Empties the page cache and reads back `programs` (from `files(of:)`) and the files under `folders`.
    static func prepare(programs: [String], reading folders: [String]) {
        guard available else { return }
        sync()
        let fd = open("/proc/sys/vm/drop_caches", O_WRONLY)
        guard fd >= 0 else { return }
        _ = "3".withCString { write(fd, $0, 1) }
        close(fd)
        readBack(programs: programs, folders: folders)
    }

    /// Reads `programs` and the files under `folders` into the page cache.
    static func readBack(programs: [String], folders: [String]) {
        let fs = DiskFileSystem()
        for file in programs { _ = fs.read(file) }
        for folder in folders {
            for file in fs.files(under: folder) { _ = fs.read(joinPath(folder, file)) }
        }
    }

    /// The files a run of `executables` loads: each and the libraries `ldd` lists for it (a tool
    /// and the programs it runs: `briefgen build` runs `git log`). Asked once per benchmark.
    static func files(of executables: [String]) -> [String] {
        executables.flatMap { [$0] + libraries(of: $0) }
    }

    /// The shared libraries `ldd` lists for `executable` (none for a static one such as Hugo).
    static func libraries(of executable: String) -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ldd")
        process.arguments = [executable]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return [] }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // Lines such as "\tlibFoundation.so => /usr/lib/swift/linux/libFoundation.so (0x…)".
        return output.split(separator: "\n").compactMap { line in
            guard let arrow = line.range(of: "=> ") else { return nil }
            let path = line[arrow.upperBound...].split(separator: " ").first.map(String.init)
            return path?.hasPrefix("/") == true ? path : nil
        }
    }

    /// The full path of a command found on `PATH`, or the name itself.
    static func resolve(_ command: String) -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = joinPath(String(folder), command)
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return command
    }
}
