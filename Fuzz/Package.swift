// swift-tools-version:6.1
// libFuzzer targets for briefgen's parsers of untrusted text. A package of its own so that the
// project's `swift build` never sees them (they link libFuzzer's `main`): build and run them with
// `bash scripts/fuzz.sh [seconds]`.
import PackageDescription

let targets = ["front-matter", "raw-text", "html-extract", "wiki-links", "mentions"]

let package = Package(
    name: "briefgen-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "briefgen", path: "..")],
    targets: [.target(name: "FuzzDriver", path: "Sources/FuzzDriver")] + targets.map { name in
        .executableTarget(
            name: "fuzz-\(name)",
            dependencies: ["FuzzDriver", .product(name: "BriefgenKit", package: "briefgen")],
            path: "Sources/fuzz-\(name)"
        )
    },
    swiftLanguageModes: [.v6]
)
