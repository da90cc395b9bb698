import Foundation

/// `briefgen build --report FILE`: what a build did, as JSON for CI dashboards.
///
/// Schema (version 1): `{ "version": 1, "succeeded": bool, "pages": int, "written": [path],
/// "skipped": int, "deleted": [path], "upToDate": bool, "fullBuild": bool, "indexReused": bool,
/// "timings": [{"stage": string, "ms": number, "cpuMs": number}], "errors": [D], "warnings": [D] }`
/// (`cpuMs`: CPU time of every thread in the stage; in `serve`'s refresh, 0) where D is
/// `{ "file": string, "line": int, "column": int, "message": string, "hint": string|null }`.
public enum BuildReport {
    public static let version = 1

    public static func json(_ result: BuildResult) -> Data {
        func diagnostic(_ d: Diagnostic) -> [String: Any] {
            ["file": d.location.file, "line": d.location.line, "column": d.location.column, "message": d.message,
             "hint": d.hint as Any? ?? NSNull()]
        }
        let object: [String: Any] = [
            "version": version,
            "succeeded": result.succeeded,
            "pages": result.pageCount,
            "written": result.writtenPaths,
            "skipped": max(0, result.pageCount - result.rendered.count),
            "deleted": result.deleted,
            "upToDate": result.upToDate,
            "fullBuild": result.fullBuild,
            "indexReused": result.indexReused,
            "timings": result.timings.map { ["stage": $0.stage, "ms": (($0.seconds * 1e5).rounded() / 100),
                                              "cpuMs": (($0.cpuSeconds * 1e5).rounded() / 100)] as [String: Any] },
            "errors": result.diagnostics.filter { $0.severity == .error }.map(diagnostic),
            "warnings": result.diagnostics.filter { $0.severity == .warning }.map(diagnostic),
        ]
        return (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data()
    }
}
