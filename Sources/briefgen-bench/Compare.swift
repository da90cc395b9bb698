#if canImport(Glibc)
import Glibc
#endif
import BriefgenKit
import Foundation

/// `briefgen-bench compare ARTICLES [RUNS]`: the mention-dense synthetic briefing built by the
/// `briefgen` command and by Hugo in the same run, each as a fresh process, with wall time and
/// peak RSS; then the edits a writer makes, each a whole `briefgen build` process.
enum Compare {
    /// Wall time, CPU time (user and system) and peak resident memory of one process.
    struct Run {
        var seconds: Double
        var cpuSeconds: Double = 0
        /// The part of `cpuSeconds` spent in the kernel.
        var systemSeconds: Double = 0
        var peakRSS: Int  // bytes
        var status: Int32
    }

    /// Runs `arguments` with stdout and stderr to /dev/null (or to `log`), timing it and reading its
    /// peak RSS from `wait4`, after writing back what is waiting for the disk (`sync`).
    static func measure(_ arguments: [String], directory: String? = nil) -> Run {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/tmp/briefgen-bench-child.log", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let previous = FileManager.default.currentDirectoryPath
        if let directory { _ = FileManager.default.changeCurrentDirectoryPath(directory) }
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        // Every timed run starts with nothing waiting to be written back to the disk: the
        // writeback of what an earlier run wrote (or the folders set aside) would otherwise run
        // on the same two cores during this one.
        sync()
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        guard posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ) == 0 else {
            return Run(seconds: 0, peakRSS: 0, status: -1)
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        func cpu(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return Run(seconds: seconds, cpuSeconds: cpu(usage.ru_utime) + cpu(usage.ru_stime), systemSeconds: cpu(usage.ru_stime),
                   peakRSS: usage.ru_maxrss * 1024,
                   status: status & 0x7f == 0 ? (status >> 8) & 0xff : -1)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    }

    static func mib(_ bytes: Int) -> String { "\(bytes / (1 << 20)) MiB" }

    static func run(articles: Int, runs: Int) throws {
        let fs = DiskFileSystem()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("briefgen-compare-\(articles)").path
        let siteRoot = joinPath(root, "briefgen"), hugoRoot = joinPath(root, "hugo")
        // Folders a timed run would otherwise delete just before it are moved here and deleted
        // after the last timed run. On a file system without a journal (this machine's ext4),
        // ext4 checks every recently freed inode before reusing it: a build that creates tens of
        // thousands of files within a minute of deleting as many (six while the freed inodes are
        // not written back) spends seconds of system time in inode allocation (`recently_deleted` in a kernel profile), an artefact of the
        // benchmark's clean-up that a user's first build does not pay. Both tools are spared it.
        let trash = root + "-trash"
        var setAside = 0
        func setAsideFolder(_ path: String) {
            guard fs.isDirectory(path) else { return }
            setAside += 1
            let destination = joinPath(trash, "\(getpid())-\(setAside)")
            try? FileManager.default.createDirectory(atPath: trash, withIntermediateDirectories: true)
            if rename(path, destination) != 0 { try? fs.remove(path) }
        }
        defer { try? fs.remove(trash) }
        setAsideFolder(root)
        let site = SyntheticSite(articles: articles)
        var bytes = 0, mentions = 0
        for article in site.articles { bytes += article.body.utf8.count; mentions += article.mentioned.count }
        for (path, text) in site.briefgenFiles() { try fs.write(Data(text.utf8), to: joinPath(siteRoot, path)) }
        for (path, text) in HugoSite.files(site) { try fs.write(Data(text.utf8), to: joinPath(hugoRoot, path)) }
        print("site: \(articles) articles (\(bytes / articles) bytes and \(mentions / max(1, articles)) mentions each on average), "
              + "\(site.actors.count) actors, \(site.events.count) events, \(site.business.count) business pages, in \(root)")

        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let briefgen = executable.appendingPathComponent("briefgen").path
        guard FileManager.default.isExecutableFile(atPath: briefgen) else {
            print("no briefgen binary beside the benchmark (\(briefgen)): swift build -c release first")
            return
        }
        let hugoAvailable = measure(["hugo", "version"]).status == 0
        if !hugoAvailable { print("hugo not found: run scripts/bench.sh, which installs Debian's hugo") }
        let build = [briefgen, "build", "--site", siteRoot]
        let hugo = ColdStart.resolve("hugo")
        let ourPrograms = ColdStart.files(of: [briefgen, ColdStart.resolve("git")]), hugoPrograms = ColdStart.files(of: [hugo])
        print(ColdStart.available
              ? "each full build of either tool starts with the page cache emptied and its executable, libraries and site read back in"
              : "page cache not emptied before the full builds (that takes root): their system time varies with what earlier runs left in memory")

        var ours: [Run] = [], rebuilds: [Run] = [], theirs: [Run] = []
        for _ in 0..<runs {
            // A first build: no output, no graph, no staging copy of an earlier site (as Hugo's
            // runs start without `public/`).
            for folder in ["public", "public.staging", ".briefgen"] { setAsideFolder(joinPath(siteRoot, folder)) }
            ColdStart.prepare(programs: ourPrograms, reading: [siteRoot])
            let run = measure(build)
            if run.status != 0 { print("briefgen build FAILED (exit \(run.status)); see /tmp/briefgen-bench-child.log") }
            ours.append(run)
            // A full build over the site just built (`--clean`: the graph is ignored; the site is
            // assembled in a new staging folder, no copy of the previous one having been made).
            let rebuild = measure(build + ["--clean"])
            if rebuild.status != 0 { print("briefgen build --clean FAILED (exit \(rebuild.status)); see /tmp/briefgen-bench-child.log") }
            rebuilds.append(rebuild)
            if hugoAvailable {
                setAsideFolder(joinPath(hugoRoot, "public"))
                setAsideFolder(joinPath(hugoRoot, "resources"))
                ColdStart.prepare(programs: hugoPrograms, reading: [hugoRoot])
                let run = measure([hugo, "--quiet", "--source", hugoRoot, "--destination", joinPath(hugoRoot, "public")])
                if run.status != 0 { print("hugo FAILED (exit \(run.status)); see /tmp/briefgen-bench-child.log") }
                theirs.append(run)
            }
        }
        let pages = fs.files(under: joinPath(siteRoot, "public")).filter { $0.hasSuffix(".html") }.count
        let ourTime = median(ours.map(\.seconds)), ourRSS = ours.map(\.peakRSS).max() ?? 0
        let ourCPU = median(ours.map(\.cpuSeconds))
        print("")
        print("| \(articles) articles, \(pages) pages (median of \(runs)) | briefgen | Hugo | ratio |")
        print("|---|---|---|---|")
        if hugoAvailable {
            let hugoTime = median(theirs.map(\.seconds)), hugoRSS = theirs.map(\.peakRSS).max() ?? 0
            let hugoCPU = median(theirs.map(\.cpuSeconds))
            print(String(format: "| full build, wall | %.2f s | %.2f s | %.2f |", ourTime, hugoTime, ourTime / hugoTime))
            print(String(format: "| full build, CPU (user + system) | %.2f s | %.2f s | %.2f |", ourCPU, hugoCPU, ourCPU / hugoCPU))
            print(String(format: "| of which system (kernel) | %.2f s | %.2f s | |", median(ours.map(\.systemSeconds)),
                         median(theirs.map(\.systemSeconds))))
            print("| peak RSS | \(mib(ourRSS)) | \(mib(hugoRSS)) | \(String(format: "%.2f", Double(ourRSS) / Double(hugoRSS))) |")
        } else {
            print(String(format: "| full build, wall | %.2f s | — | — |", ourTime))
            print(String(format: "| full build, CPU (user + system) | %.2f s | — | — |", ourCPU))
            print("| peak RSS | \(mib(ourRSS)) | — | — |")
        }
        print(String(format: "| time per page | %.0f µs | | |", ourTime / Double(max(1, pages)) * 1e6))
        print("| each run, wall (CPU, system) | " + ours.map { String(format: "%.2f s (%.1f, %.1f)", $0.seconds, $0.cpuSeconds, $0.systemSeconds) }
            .joined(separator: ", ") + " | " + theirs.map { String(format: "%.2f s (%.1f, %.1f)", $0.seconds, $0.cpuSeconds, $0.systemSeconds) }
            .joined(separator: ", ") + " | |")
        print(String(format: "| full build again (`--clean`, over the last site), wall / CPU | %.2f s / %.2f s | | |",
                     median(rebuilds.map(\.seconds)), median(rebuilds.map(\.cpuSeconds))))

        // Edits, each followed by a whole `briefgen build` process; medians of several. They
        // run warm, as a writer's do after a build: the page cache emptied before Hugo's last
        // run is given back the programs and the site's files, output, staging folder and graph.
        ColdStart.readBack(programs: ourPrograms, folders: [siteRoot])
        let edits = max(3, runs)
        func timed(_ label: String, _ change: (Int) -> Void) {
            var times: [Double] = []
            for round in 0..<edits {
                change(round)
                let run = measure(build)
                if run.status != 0 { print("\(label) FAILED (exit \(run.status)); see /tmp/briefgen-bench-child.log") }
                times.append(run.seconds)
            }
            print("| \(label) (CLI, whole process, median of \(edits)) | \(ms(median(times))) | — | |")
        }
        func edit(_ path: String, _ change: (String) -> String) {
            let full = joinPath(siteRoot, path)
            let text = String(decoding: fs.read(full)!, as: UTF8.self)
            try! fs.write(Data(change(text).utf8), to: full)
        }
        func bodyEdit(_ number: Int) {
            edit("content/articles/article-\(number).md") { text in
                var paragraphs = text.components(separatedBy: "\n\n")
                paragraphs[3] = paragraphs[3].replacingOccurrences(of: " the ", with: " this ")
                return paragraphs.joined(separator: "\n\n")
            }
        }
        // A full build leaves no staging copy of the site: the first build that changes the site
        // after one makes it (as a writer's first edit after building a fresh clone), so that
        // edit is timed on its own, the staging folder the `--clean` build left set aside.
        setAsideFolder(joinPath(siteRoot, "public.staging"))
        bodyEdit(articles / 2 - 7)
        let firstEdit = measure(build)
        if firstEdit.status != 0 { print("first edit FAILED (exit \(firstEdit.status)); see /tmp/briefgen-bench-child.log") }
        print("| one body edit, the first after a full build (makes the staging copy; CLI, whole process) | \(ms(firstEdit.seconds)) | — | |")
        timed("no-op") { _ in }
        timed("one body edit") { round in bodyEdit(articles / 2 + round * 7) }
        timed("title edit") { round in
            edit("content/articles/article-\(articles / 3 + round * 7).md") {
                $0.replacingOccurrences(of: "title: Synthetic", with: "title: Retitled")
            }
        }
        timed("new mention of one actor") { round in
            let actor = site.actors[(round * 5) % site.actors.count]
            edit("content/articles/article-\(articles / 4 + round * 7).md") { $0 + "\n\(actor.name) commented.\n" }
        }
        timed("event deleted") { round in
            try? fs.remove(joinPath(siteRoot, "content/events/event-\(site.events.count - 1 - round).md"))
        }
    }
}
