// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "briefgen",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "briefgen", targets: ["briefgen"]),
        .library(name: "BriefgenKit", targets: ["BriefgenKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            path: "Sources/CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // The build graph's store (.briefgen/graph.sqlite): SQLite through its C API, not
        // GRDB.swift: the store needs a dozen calls (prepare, bind, step, column, and
        // serialize/deserialize for the in-memory file system), while GRDB's record, query and
        // observation layers, none of which it would use, compile on every clean build (2 cores).
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CGumbo",
            path: "Sources/CGumbo",
            pkgConfig: "gumbo",
            providers: [.apt(["libgumbo-dev"])]
        ),
        .target(
            name: "BriefgenKit",
            dependencies: [
                "CCmarkGFM",
                "CGumbo",
                "CSQLite",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "BriefgenServe",
            dependencies: [
                "BriefgenKit",
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        .executableTarget(
            name: "briefgen",
            dependencies: [
                "BriefgenKit",
                "BriefgenServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "briefgen-bench",
            dependencies: ["BriefgenKit", "BriefgenServe"]
        ),
        .testTarget(
            name: "BriefgenKitTests",
            dependencies: ["BriefgenKit", "CGumbo"]
        ),
        .testTarget(
            name: "BriefgenServeTests",
            dependencies: ["BriefgenServe", "BriefgenKit"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
